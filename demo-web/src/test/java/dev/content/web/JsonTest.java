package dev.content.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.RecyclerPool;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void keepsWriteBuffersForOneWriterPerCoreNotOnePerThread() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    int n = 4 * cores + 4;
    String[] written = new String[n];
    List<Thread> writers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = i;
      Thread t = new Thread(() -> written[k] = new String(
          Json.bytes(g -> {
            g.writeStartObject();
            g.writeNumberField("n", k);
            g.writeStringField("标题", "网贷");
            g.writeEndObject();
          }), StandardCharsets.UTF_8));
      t.start();
      writers.add(t);
    }
    for (int i = 0; i < n; i++) {
      writers.get(i).join();
      assertThat(written[i]).isEqualTo("{\"n\":" + i + ",\"标题\":\"网贷\"}");
    }
    // Jackson's default keeps a set of buffers in every thread that ever wrote JSON.
    RecyclerPool<?> pool = Json.FACTORY._getRecyclerPool();
    assertThat(pool).isInstanceOf(RecyclerPool.BoundedPoolBase.class);
    RecyclerPool.BoundedPoolBase<?> bounded = (RecyclerPool.BoundedPoolBase<?>) pool;
    assertThat(bounded.capacity()).isEqualTo(cores);
    assertThat(bounded.pooledCount()).isBetween(1, cores);
  }
}

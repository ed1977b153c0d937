package dev.content.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.content.search.SharedTerm;
import dev.content.search.SimilarArticle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelatedStoreTest {
  private static final String KEY = "key of the lists";
  /** The weight of list {@link #DAMAGED}'s first shared term: unique in the file, so the test finds it. */
  private static final float MARKED = 0.123456789f;
  private static final int DAMAGED = 37;

  @TempDir
  Path dir;

  /** Article {@code i}'s list in a corpus of {@code n}: four targets, each with three shared terms. */
  private static List<SimilarArticle> list(int i, int n) {
    List<SimilarArticle> out = new ArrayList<>();
    for (int j = 1; j <= 4; j++) {
      List<SharedTerm> terms = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        float weight = i == DAMAGED && j == 1 && t == 0 ? MARKED : (float) (0.01 * (t + 1) + 0.001 * j);
        terms.add(new SharedTerm("词" + ((i + j + t) % 17) + "项", weight));
      }
      out.add(new SimilarArticle("a" + ((i + j * 7) % n), (float) (1.0 / (j + 1)), terms));
    }
    return out;
  }

  private static List<String> ids(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("a" + i);
    }
    return ids;
  }

  private List<List<SimilarArticle>> written(int n) {
    List<List<SimilarArticle>> lists = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lists.add(list(i, n));
    }
    RelatedStore.of(ids(n), lists).write(dir, KEY);
    return lists;
  }

  @Test
  void aMappedFileGivesEveryListAndItsTargetsAsWritten() {
    int n = 120;
    List<List<SimilarArticle>> lists = written(n);
    RelatedStore store = RelatedStore.map(dir, KEY).orElseThrow()
        .bind(n, () -> ids(n), dir, i -> { throw new AssertionError("nothing is damaged"); }, () -> { }).orElseThrow();
    for (int i = 0; i < n; i++) {
      assertThat(store.similar(i)).as("list %d", i).isEqualTo(lists.get(i));
      assertThat(store.targets(i)).isEqualTo(lists.get(i).stream().map(SimilarArticle::id).toList());
      assertThat(store.targetPositions(i)).containsExactly(lists.get(i).stream()
          .mapToInt(s -> Integer.parseInt(s.id().substring(1))).toArray());
    }
    assertThat(store.edges()).isEqualTo(4 * n);
    assertThat(RelatedStore.map(dir, "another key")).isEmpty();
    assertThat(RelatedStore.read(dir, KEY, ids(n), null)).isPresent();
  }

  @Test
  void aListDamagedInTheFileIsFoundWhenReadNeverServedAndComputedAgain() throws IOException {
    int n = 120;
    List<List<SimilarArticle>> lists = written(n);
    AtomicInteger recomputed = new AtomicInteger();
    AtomicInteger damagedCalls = new AtomicInteger();
    LogCapture logged = new LogCapture();
    try (logged) {
      RelatedStore store = damaged(lists, recomputed, damagedCalls::incrementAndGet);
      assertThat(logged.messages()).as("the directory is intact: nothing found at open").isEmpty();
      assertThat(store.targetPositions(DAMAGED)).as("the targets are in the checked directory").hasSize(4);
      assertThat(recomputed).hasValue(0);
      for (int i = 0; i < n; i++) {
        assertThat(store.similar(i)).as("list %d", i).isEqualTo(lists.get(i));
      }
      assertThat(store.similar(DAMAGED)).isEqualTo(lists.get(DAMAGED));
    }
    assertThat(recomputed).as("only the damaged list, once").hasValue(1);
    assertThat(damagedCalls).hasPositiveValue();
    assertThat(logged.messages()).singleElement().asString().contains(RelatedStore.FILE, "related list " + DAMAGED,
        "checksum mismatch", "recomputing");
    // The ordinary path checks the whole file and finds it damaged.
    assertThat(RelatedStore.read(dir, KEY, ids(n), null)).isEmpty();
  }

  @Test
  void severalThreadsReadingADamagedListAllGetTheListComputedOnce() throws Exception {
    int n = 400;
    List<List<SimilarArticle>> lists = written(n);
    AtomicInteger recomputed = new AtomicInteger();
    LogCapture logged = new LogCapture();
    try (logged) {
      RelatedStore store = damaged(lists, recomputed, () -> { });
      int threads = 8;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch go = new CountDownLatch(1);
      Map<Integer, Throwable> failures = new ConcurrentHashMap<>();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t * 53;
        done.add(pool.submit(() -> {
          go.await();
          for (int k = 0; k < n; k++) {
            int i = (k + offset) % n;
            try {
              if (!store.similar(i).equals(lists.get(i)) || store.targetPositions(i).length != 4) {
                failures.put(i, new AssertionError("list " + i + " differs"));
              }
            } catch (RuntimeException e) {
              failures.put(i, e);
            }
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertThat(failures).isEmpty();
    }
    assertThat(recomputed).hasValue(1);
    assertThat(logged.messages()).as("logged once per file").hasSize(1);
  }

  @Test
  void aDamagedDirectoryReadsAsAbsentWhenTheFileIsOpened() throws IOException {
    int n = 120;
    written(n);
    // Past the magic, the key and the number of lists: the lists' starts.
    flip(4 + "content-search related lists 3".length() + 4 + KEY.length() + 4 + 4 + 10);
    LogCapture logged = new LogCapture();
    try (logged) {
      assertThat(RelatedStore.map(dir, KEY)).isEmpty();
    }
    assertThat(logged.messages()).singleElement().asString().contains(RelatedStore.FILE, "checksum mismatch before byte");
  }

  /**
   * The written {@code lists} with list {@link #DAMAGED}'s first term weight damaged in the file, mapped
   * and bound; a list computed again is taken from {@code lists} and counted.
   */
  private RelatedStore damaged(List<List<SimilarArticle>> lists, AtomicInteger recomputed, Runnable damaged)
      throws IOException {
    flip(find(Float.floatToIntBits(MARKED)));
    int n = lists.size();
    return RelatedStore.map(dir, KEY).orElseThrow().bind(n, () -> ids(n), dir, i -> {
      recomputed.incrementAndGet();
      return lists.get(i);
    }, damaged).orElseThrow();
  }

  /** The offset of the only occurrence of {@code value} (big-endian) in the file. */
  private int find(int value) throws IOException {
    byte[] b = Files.readAllBytes(dir.resolve(RelatedStore.FILE));
    ByteBuffer buf = ByteBuffer.wrap(b);
    int found = -1;
    for (int i = 0; i + 4 <= b.length; i++) {
      if (buf.getInt(i) == value) {
        assertThat(found).as("one occurrence").isEqualTo(-1);
        found = i;
      }
    }
    assertThat(found).isNotNegative();
    return found;
  }

  private void flip(int offset) throws IOException {
    Path file = dir.resolve(RelatedStore.FILE);
    byte[] b = Files.readAllBytes(file);
    b[offset] ^= 0x5a;
    Files.write(file, b);
  }
}

package dev.content.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CpuGateTest {
  @Test
  void letsAtMostItsPermitsRunAtOnceAndTheOthersWaitTheirTurn() throws Exception {
    CpuGate gate = new CpuGate(2);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch twoInside = new CountDownLatch(2);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = i;
        done.add(pool.submit(() -> gate.run(() -> {
          most.accumulateAndGet(inside.incrementAndGet(), Math::max);
          twoInside.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          inside.decrementAndGet();
          return n;
        })));
      }
      assertThat(twoInside.await(30, TimeUnit.SECONDS)).isTrue();
      // Six tasks are queued on the gate, not running: whatever the scheduler does, none got in.
      Thread.sleep(100);
      assertThat(gate.running()).isEqualTo(2);
      assertThat(inside).hasValue(2);
      release.countDown();
      for (int i = 0; i < done.size(); i++) {
        assertThat(done.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i);
      }
      assertThat(most).hasValue(2);
      assertThat(gate.running()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void givesItsPermitBackWhenTheWorkFails() {
    CpuGate gate = new CpuGate(1);
    assertThatThrownBy(() -> gate.run(() -> {
      throw new IllegalStateException("search failed");
    })).hasMessage("search failed");
    assertThat(gate.running()).isZero();
    assertThat(gate.run(() -> "next")).isEqualTo("next");
  }

  @Test
  void searchesRunOnePerCore() {
    assertThat(CpuGate.SEARCHES.size()).isEqualTo(Runtime.getRuntime().availableProcessors());
  }
}

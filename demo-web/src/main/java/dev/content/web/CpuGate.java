package dev.content.web;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Lets at most a few threads at a time run work that takes milliseconds of CPU (a search), the others
 * wait without competing for a core.
 *
 * <p>Why: cached pages are answered on Jetty's selector threads (one per core), each holding its share of
 * the connections. Searches run on the thread pool (32 threads); under a burst of searches, or while
 * the searches queued before a burst ended still run, as many pool threads as there are searches were
 * runnable, and the scheduler gave each selector thread only its share of the cores among them: every
 * connection of a selector waited. Gated, at most one search per core runs and the selectors keep
 * their share. Searches as a whole lose nothing: two cores run two searches at a time either way.
 */
final class CpuGate {
  /** One thread per core at a time: that much CPU-bound work keeps the cores busy. */
  static final CpuGate SEARCHES = new CpuGate(Runtime.getRuntime().availableProcessors());

  private final Semaphore permits;
  private final int size;
  private final LongAdder admitted = new LongAdder();

  CpuGate(int permits) {
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be at least 1, was " + permits);
    }
    this.size = permits;
    this.permits = new Semaphore(permits, true);
  }

  /** How many may run at once. */
  int size() {
    return size;
  }

  /** How many run now (a reading of the moment, for tests). */
  int running() {
    return size - permits.availablePermits();
  }

  /** How many pieces of work it has let through since it was made (tests: proof of the wiring). */
  long admitted() {
    return admitted.sum();
  }

  /**
   * Runs {@code work} once a permit is free; an interrupted wait answers 503 (the server is stopping).
   */
  <T> T run(Supplier<T> work) {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HttpError(503, "unavailable", "服务器正在停止，请稍后再试。");
    }
    admitted.increment();
    try {
      return work.get();
    } finally {
      permits.release();
    }
  }
}

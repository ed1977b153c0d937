package dev.content.loader;

/**
 * Told how far a folder load has come, so that an application can show progress instead of a silent
 * wait. Called from the parsing threads, concurrently: implementations must be thread-safe and quick
 * (store the numbers; draw elsewhere).
 *
 * <pre>{@code
 * AtomicInteger parsed = new AtomicInteger();
 * SeedLoader loader = SeedLoader.builder().progress((done, total) -> parsed.set(done)).build();
 * }</pre>
 */
@FunctionalInterface
public interface LoadProgress {
  /** Does nothing. */
  LoadProgress NONE = (done, total) -> { };

  /**
   * {@code done} of {@code total} files have been parsed. {@code done} may arrive out of order from
   * different threads; the largest value seen is the progress.
   */
  void parsed(int done, int total);
}

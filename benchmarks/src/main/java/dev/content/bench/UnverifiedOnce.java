package dev.content.bench;

import dev.content.loader.Diagnostic;
import dev.content.loader.FileOutcome;
import dev.content.loader.LoadResult;
import dev.content.loader.SeedLoader;
import dev.content.loader.SnapshotUse;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A restart's read of the corpus snapshot in a fresh JVM, as demo-web does it:
 * {@code java -cp benchmarks.jar dev.content.bench.UnverifiedOnce DIR [SNAPSHOT]} (default
 * {@code DIR/.content-index/corpus.snapshot}). Times {@code SeedLoader.loadUnverified} cold (wall, the
 * calling thread's CPU, the process's CPU: the common pool and the JIT's threads too), then what
 * demo-web does with the result on its main thread before it serves (every file outcome read, every
 * diagnostic formatted), then the first read of one article. Prints one {@code key=value} line.
 */
public final class UnverifiedOnce {
  private UnverifiedOnce() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: UnverifiedOnce CORPUS_DIR [SNAPSHOT]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    Path snapshot = args.length > 1 ? Path.of(args[1]) : dir.resolve(".content-index/corpus.snapshot");
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var threads = ManagementFactory.getThreadMXBean();
    SeedLoader loader = SeedLoader.builder().snapshot(snapshot).build();
    long cpu0 = os.getProcessCpuTime();
    long thread0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    Optional<LoadResult> read = loader.loadUnverified(dir);
    long t1 = System.nanoTime();
    long thread1 = threads.getCurrentThreadCpuTime();
    long cpu1 = os.getProcessCpuTime();
    if (read.isEmpty()) {
      System.out.println("no usable snapshot at " + snapshot);
      System.exit(1);
    }
    LoadResult r = read.get();
    int loaded = 0;
    for (FileOutcome f : r.files()) {
      loaded += f.loaded() ? 1 : 0;
    }
    List<String> diagnostics = r.diagnostics().stream().map(Diagnostic::format).toList();
    long errors = r.errorCount();
    long t2 = System.nanoTime();
    long thread2 = threads.getCurrentThreadCpuTime();
    var corpus = r.corpus();
    var article = corpus.articles().get(corpus.size() / 2);
    int related = corpus.graph().successors(article.id()).size();
    long t3 = System.nanoTime();
    System.out.printf(Locale.ROOT, "unverifiedMs=%.1f threadCpuMs=%.1f processCpuMs=%.1f outcomesMs=%.1f"
        + " outcomesCpuMs=%.1f oneArticleMs=%.1f files=%d loaded=%d diagnostics=%d errors=%d articles=%d"
        + " related=%d generation=%s%n", (t1 - t0) / 1e6, (thread1 - thread0) / 1e6, (cpu1 - cpu0) / 1e6,
        (t2 - t1) / 1e6, (thread2 - thread1) / 1e6, (t3 - t2) / 1e6, r.files().size(), loaded,
        diagnostics.size(), errors, corpus.size(), related,
        r.snapshot().flatMap(SnapshotUse::generation).orElse("-"));
  }
}

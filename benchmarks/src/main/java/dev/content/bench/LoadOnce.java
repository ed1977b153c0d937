package dev.content.bench;

import dev.content.core.Corpus;
import dev.content.loader.LoadResult;
import dev.content.loader.SeedLoader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One cold folder load in a fresh JVM, as an application meets it at start-up (JIT not warmed up,
 * JVM start excluded): {@code java -cp benchmarks.jar dev.content.bench.LoadOnce DIR}. Prints one line
 * of {@code key=value} pairs: files, bytes, wall and process-CPU milliseconds of the load, heap after a
 * full GC with the corpus reachable, errors.
 */
public final class LoadOnce {
  private LoadOnce() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: LoadOnce CORPUS_DIR");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    long bytes = Corpora.articleBytes(dir);
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    LoadResult r = SeedLoader.create().load(dir);
    long ns = System.nanoTime() - t0;
    // CPU time tells what the load costs when other processes share the cores.
    long cpu = os.getProcessCpuTime() - cpu0;
    Corpus corpus = r.corpus();
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    System.gc();
    long heap = mem.getHeapMemoryUsage().getUsed();
    System.out.printf(Locale.ROOT, "files=%d bytes=%d ms=%.1f cpuMs=%.1f heapAfterGc=%d articles=%d errors=%d%n",
        r.files().size(), bytes, ns / 1e6, cpu / 1e6, heap, corpus.fullArticles().size(),
        r.diagnostics().stream().filter(d -> d.severity().name().equals("ERROR")).count());
  }
}

package dev.content.bench;

import dev.content.core.Corpus;
import dev.content.loader.LoadResult;
import dev.content.loader.SeedLoader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Folder loads in a fresh JVM: {@code java -cp benchmarks.jar dev.content.bench.LoadOnce DIR [LOADS]}.
 * The first load is cold (JIT not warmed up, JVM start excluded), as an application meets it at
 * start-up; further loads show the warm cost. Prints one line per load of {@code key=value} pairs:
 * load number, files, bytes, wall and process-CPU milliseconds, heap after a full GC with the corpus
 * reachable, errors.
 */
public final class LoadOnce {
  private LoadOnce() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: LoadOnce CORPUS_DIR [LOADS]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int loads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    long bytes = Corpora.articleBytes(dir);
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    SeedLoader loader = SeedLoader.create();
    for (int n = 0; n < loads; n++) {
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      LoadResult r = loader.load(dir);
      long ns = System.nanoTime() - t0;
      // CPU time tells what the load costs even when other processes share the cores.
      long cpu = os.getProcessCpuTime() - cpu0;
      Corpus corpus = r.corpus();
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      System.out.printf(Locale.ROOT,
          "load=%d files=%d bytes=%d ms=%.1f cpuMs=%.1f heapAfterGc=%d articles=%d errors=%d%n",
          n, r.files().size(), bytes, ns / 1e6, cpu / 1e6, heap, corpus.fullArticles().size(),
          r.diagnostics().stream().filter(d -> d.severity().name().equals("ERROR")).count());
    }
  }
}

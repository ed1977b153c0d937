package dev.content.bench;

import dev.content.core.Corpus;
import dev.content.loader.LoadResult;
import dev.content.loader.SeedLoader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Folder loads in a fresh JVM:
 * {@code java -cp benchmarks.jar dev.content.bench.LoadOnce DIR [LOADS] [--snapshot FILE] [--touch-body]}.
 * The first load is cold (JIT not warmed up, JVM start excluded), as an application meets it at
 * start-up; further loads show the warm cost. Prints one line per load of {@code key=value} pairs:
 * load number, files, bytes, wall and process-CPU milliseconds, heap after a full GC with the corpus
 * reachable, errors. With {@code --snapshot FILE} the loader keeps a corpus snapshot there (see
 * {@code SeedLoader.Builder.snapshot}) and each line also says how many files it reused and parsed;
 * {@code --touch-body} then reads one article's lazy body after each load and reports its time.
 */
public final class LoadOnce {
  private LoadOnce() {}

  public static void main(String[] args) throws Exception {
    java.util.List<String> rest = new java.util.ArrayList<>(java.util.List.of(args));
    Path snapshot = null;
    int at = rest.indexOf("--snapshot");
    if (at >= 0 && at + 1 < rest.size()) {
      snapshot = Path.of(rest.remove(at + 1));
      rest.remove(at);
    }
    boolean touchBody = rest.remove("--touch-body");
    if (rest.size() < 1 || rest.size() > 2) {
      System.err.println("usage: LoadOnce CORPUS_DIR [LOADS] [--snapshot FILE] [--touch-body]");
      System.exit(2);
    }
    Path dir = Path.of(rest.get(0));
    int loads = rest.size() > 1 ? Integer.parseInt(rest.get(1)) : 1;
    long bytes = Corpora.articleBytes(dir);
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    SeedLoader loader = snapshot == null ? SeedLoader.create() : SeedLoader.builder().snapshot(snapshot).build();
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
      r.snapshot().ifPresent(u -> System.out.println("  " + u.describe()));
      if (touchBody) {
        var a = corpus.fullArticles().get(corpus.fullArticles().size() / 2);
        long b0 = System.nanoTime();
        int chars = a.bodyText().length();
        System.out.printf(Locale.ROOT, "  body of %s: %d chars in %.2f ms%n", a.id(), chars,
            (System.nanoTime() - b0) / 1e6);
      }
    }
  }
}

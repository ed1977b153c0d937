package dev.content.bench.search;

import dev.content.core.Corpus;
import dev.content.loader.SeedLoader;
import dev.content.search.ContentLibrary;
import dev.content.search.IndexReport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What {@code ContentLibrary.open} costs over a seeds folder as demo-web loads it (the seed loader, bodies
 * in memory unless {@code --snapshot FILE} makes them lazy), with the index in a given folder: wall and
 * process CPU time of each open, the library's phases, then the first search and the first related list.
 * Run it twice with the same {@code --index} folder and the second run's first open is a restart's reopen
 * (fresh JVM, JIT cold); {@code --opens N} adds warm reopens in the same JVM; {@code --prepare} starts the
 * first open ({@code ContentLibrary.prepare}) before the corpus loads, as demo-web does, so that its
 * figures are what is left once the corpus is there.
 *
 * <pre>
 * ./mvnw -q -DskipTests -pl benchmarks -am package
 * java -Xmx6g -cp benchmarks/target/benchmarks.jar dev.content.bench.search.LibraryOpenHarness \
 *     SEEDS_DIR --index SEEDS_DIR/.content-index/g000001 [--opens N] [--snapshot FILE]
 * </pre>
 */
public final class LibraryOpenHarness {
  private LibraryOpenHarness() {}

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: LibraryOpenHarness SEEDS_DIR --index DIR [--opens N] [--snapshot FILE] [--prepare]");
      System.exit(2);
    }
    Path seeds = Path.of(args[0]);
    Path index = null;
    Path snapshot = null;
    int opens = 1;
    boolean prepare = false;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--index" -> index = Path.of(args[++i]);
        case "--opens" -> opens = Integer.parseInt(args[++i]);
        case "--snapshot" -> snapshot = Path.of(args[++i]);
        case "--prepare" -> prepare = true;
        default -> {
          System.err.println("unknown argument " + args[i]);
          System.exit(2);
        }
      }
    }
    if (index == null || !Files.isDirectory(seeds)) {
      System.err.println("a seeds folder and --index DIR are needed");
      System.exit(2);
    }
    SeedLoader.Builder lb = SeedLoader.builder();
    if (snapshot != null) {
      lb.snapshot(snapshot);
    }
    ContentLibrary.Options options = ContentLibrary.Options.builder().indexDirectory(index).build();
    // --prepare: the first open is started before the corpus loads, as demo-web does.
    ContentLibrary.Opening first = prepare ? ContentLibrary.prepare(options) : null;
    long c0 = processCpu();
    long t0 = System.nanoTime();
    dev.content.loader.LoadResult loadResult = lb.build().load(seeds);
    Corpus corpus = loadResult.corpus();
    // The snapshot's generation names the corpus (as demo-web passes it): no per-article reopen key.
    String identity = loadResult.snapshot().flatMap(u -> u.generation()).orElse(null);
    System.out.printf("loaded %d articles: %.3f s wall, %.3f s process CPU%n", corpus.size(),
        (System.nanoTime() - t0) / 1e9, (processCpu() - c0) / 1e9);
    double[] wall = new double[opens];
    double[] cpu = new double[opens];
    for (int i = 0; i < opens; i++) {
      if (i > 0) {
        System.gc();
      }
      c0 = processCpu();
      t0 = System.nanoTime();
      try (ContentLibrary lib = i == 0 && first != null ? (identity != null ? first.open(corpus, identity) : first.open(corpus))
          : ContentLibrary.open(corpus, options)) {
        wall[i] = (System.nanoTime() - t0) / 1e9;
        cpu[i] = (processCpu() - c0) / 1e9;
        IndexReport r = lib.indexReport();
        StringBuilder phases = new StringBuilder();
        r.phases().forEach((name, d) -> phases.append(String.format(" %s %.3f", name, d.toNanos() / 1e9)));
        System.out.printf("open %d: %.3f s wall, %.3f s process CPU (analysed %d, reused %d, vectorised %d,"
            + " categories %s, related %s); phases (s):%s%n", i + 1, wall[i], cpu[i], r.analysed(), r.reused(),
            r.vectorised(), r.categoriesReused() ? "read back" : "computed",
            r.relatedReused() ? "read back" : "computed", phases);
        if (i == 0) {
          String id = corpus.fullArticles().get(corpus.fullArticles().size() / 2).id();
          c0 = processCpu();
          t0 = System.nanoTime();
          int hits = lib.search("借款 合同").hits().size();
          System.out.printf("first search: %.3f s wall, %.3f s process CPU (%d hits)%n",
              (System.nanoTime() - t0) / 1e9, (processCpu() - c0) / 1e9, hits);
          c0 = processCpu();
          t0 = System.nanoTime();
          int related = lib.related(id).size();
          System.out.printf("first related: %.3f s wall, %.3f s process CPU (%d relations)%n",
              (System.nanoTime() - t0) / 1e9, (processCpu() - c0) / 1e9, related);
        }
      }
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    System.out.printf("%d opens: wall median %.3f s (min %.3f, max %.3f), process CPU median %.3f s (min %.3f,"
        + " max %.3f); load average %.2f%n", opens, wall[opens / 2], wall[0], wall[opens - 1], cpu[opens / 2],
        cpu[0], cpu[opens - 1], ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}

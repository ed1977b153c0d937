package dev.content.bench.harness;

import dev.content.core.Corpus;
import dev.content.loader.SeedLoader;
import dev.content.search.ContentLibrary;
import dev.content.search.SearchHit;
import dev.content.search.SearchRequest;
import dev.content.search.SearchResults;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The harness's search round on its own: the same {@value Harness#SEARCH_QUERIES} distinct queries of a
 * generated corpus ({@link Harness#searchQueries}), either in process against a library opened over the
 * corpus folder (for profiling and before/after comparisons on one core) or as demo-web search pages
 * under wrk with the harness's script.
 *
 * <pre>
 *   java -Xmx3g -cp benchmarks/target/benchmarks.jar dev.content.bench.harness.SearchMix \
 *       in-process CORPUS INDEX_DIR [ROUNDS] [RESULTS_FILE]
 *   java -cp benchmarks/target/benchmarks.jar dev.content.bench.harness.SearchMix \
 *       wrk CORPUS http://127.0.0.1:PORT [SECONDS] [CONNECTIONS] [RUNS]
 * </pre>
 *
 * In process, each round runs every query once (a page of 10 with snippets and facets, demo-web's
 * request) and prints wall and thread-CPU percentiles; the results file, when given, lists per query its
 * least CPU time over the rounds after the first in milliseconds, total, whether it is exact and the ids of the page, so two versions' answers can be compared.
 */
public final class SearchMix {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private SearchMix() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 3 && args[0].equals("in-process")) {
      inProcess(Path.of(args[1]), Path.of(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 3,
          args.length > 4 ? Path.of(args[4]) : null);
    } else if (args.length >= 3 && args[0].equals("wrk")) {
      wrk(Path.of(args[1]), args[2], args.length > 3 ? Integer.parseInt(args[3]) : 8,
          args.length > 4 ? Integer.parseInt(args[4]) : 2, args.length > 5 ? Integer.parseInt(args[5]) : 3);
    } else {
      System.err.println("usage: SearchMix in-process CORPUS INDEX_DIR [ROUNDS] [RESULTS_FILE]\n"
          + "       SearchMix wrk CORPUS BASE_URL [SECONDS] [CONNECTIONS] [RUNS]");
      System.exit(2);
    }
  }

  private static void inProcess(Path corpusDir, Path indexDir, int rounds, Path resultsFile) throws IOException {
    List<String> queries = Harness.searchQueries(corpusDir);
    long t0 = System.nanoTime();
    Corpus loaded = SeedLoader.create().load(corpusDir).corpus();
    long t1 = System.nanoTime();
    try (ContentLibrary library = ContentLibrary.open(loaded, ContentLibrary.Options.builder()
        .indexDirectory(indexDir).build())) {
      System.out.printf("loaded %d articles in %.1f s, library in %.1f s (%d analysed, %d reused)%n",
          loaded.articles().size(), (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9,
          library.indexReport().analysed(), library.indexReport().reused());
      // Each query's least CPU over the rounds after the first (which warms up): what the query costs
      // without the machine's noise (GC pauses, other processes), to compare two versions query by query.
      long[] least = new long[queries.size()];
      java.util.Arrays.fill(least, Long.MAX_VALUE);
      for (int round = 1; round <= rounds; round++) {
        int n = queries.size();
        long[] wall = new long[n];
        long[] cpu = new long[n];
        int bounded = 0;
        PrintWriter out = round == rounds && resultsFile != null
            ? new PrintWriter(Files.newBufferedWriter(resultsFile, StandardCharsets.UTF_8)) : null;
        for (int i = 0; i < n; i++) {
          long c0 = THREADS.getCurrentThreadCpuTime();
          long w0 = System.nanoTime();
          SearchResults r = library.search(SearchRequest.builder(queries.get(i)).page(1).pageSize(10).build());
          wall[i] = System.nanoTime() - w0;
          cpu[i] = THREADS.getCurrentThreadCpuTime() - c0;
          if (round > 1 || rounds == 1) {
            least[i] = Math.min(least[i], cpu[i]);
          }
          if (!r.countsExact()) {
            bounded++;
          }
          if (out != null) {
            out.println(queries.get(i) + "\t" + String.format(java.util.Locale.ROOT, "%.2f", least[i] / 1e6) + "\t" + r.total() + "\t" + r.countsExact() + "\t"
                + r.hits().stream().map(SearchHit::id).collect(Collectors.joining(",")) + "\t"
                + r.facets().stream().map(f -> f.slug() + "=" + f.count()).collect(Collectors.joining(",")));
          }
        }
        if (out != null) {
          out.close();
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf("round %d, %d queries (%d beyond the count bound), load %.2f: wall p50 %.2f p90 %.2f "
                + "p99 %.2f max %.2f ms; CPU p50 %.2f p90 %.2f p99 %.2f ms; total wall %.1f s%n",
            round, n, bounded, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
            ms(wall, 0.5), ms(wall, 0.9), ms(wall, 0.99), wall[n - 1] / 1e6, ms(cpu, 0.5), ms(cpu, 0.9),
            ms(cpu, 0.99), Arrays.stream(wall).sum() / 1e9);
      }
      long[] sorted = least.clone();
      Arrays.sort(sorted);
      System.out.printf("each query's least CPU over rounds 2-%d: p50 %.2f p90 %.2f p99 %.2f max %.2f ms, "
              + "sum %.2f s%n", rounds, ms(sorted, 0.5), ms(sorted, 0.9), ms(sorted, 0.99),
          sorted[sorted.length - 1] / 1e6, Arrays.stream(sorted).sum() / 1e9);
    }
  }

  private static double ms(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1e6;
  }

  private static void wrk(Path corpusDir, String base, int seconds, int connections, int runs) throws Exception {
    Path script = Harness.searchScript(Files.createTempFile("search-mix", ".lua"), Harness.searchQueries(corpusDir));
    try {
      for (int i = 1; i <= runs; i++) {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Wrk.Run r = Wrk.run(base + "/", seconds, connections, script).orElseThrow(() -> new IOException("wrk failed"));
        System.out.printf("wrk -c%d %ds, run %d (load before %.2f): %.0f req/s, p99 %.2f ms, errors %d%n",
            connections, seconds, i, load, r.requestsPerSecond(), r.p99Millis(), r.errors());
      }
    } finally {
      Files.deleteIfExists(script);
    }
  }
}

package dev.content.bench.search;

import dev.content.core.Article;
import dev.content.core.Corpus;
import dev.content.generator.CorpusGenerator;
import dev.content.search.ContentLibrary;
import dev.content.search.IndexReport;
import dev.content.search.SearchRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Speed of content-search at a given corpus size (a harness, not JMH: one cold build is the number that
 * matters for indexing). Generates the corpus from lawrefbook in memory, builds a disk index, reopens it,
 * then measures search and related latency.
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java -Xmx3g -cp benchmarks/target/benchmarks.jar dev.content.bench.search.SearchSpeedHarness \
 *     ../shared/data/lawrefbook 10000 [100000 …]
 * </pre>
 */
public final class SearchSpeedHarness {
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private static boolean reopenOnly;
  private static boolean digests = true;
  private static int reopens = 3;
  private static Path keptIndex;
  private static Path jfr;

  private SearchSpeedHarness() {}

  /** CPU time of the whole process (all threads), in nanoseconds. */
  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: SearchSpeedHarness LAWREFBOOK_DIR [--reopen-only] [--reopens N] [--index DIR]"
          + " [--no-digest]"
          + " [--jfr FILE] COUNT [COUNT…]");
      System.exit(2);
    }
    Path source = Path.of(args[0]);
    if (!Files.isRegularFile(source.resolve("MANIFEST.tsv"))) {
      System.err.println("skipped: no lawrefbook data at " + source.toAbsolutePath());
      return;
    }
    System.out.printf("machine: %d cores, max heap %d MB, %s %s%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"), System.getProperty("java.version"));
    boolean similarityOnly = false;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--similarity-only")) {
        similarityOnly = true;
      } else if (args[i].equals("--no-digest")) {
        digests = false;
      } else if (args[i].equals("--reopen-only")) {
        reopenOnly = true;
      } else if (args[i].equals("--reopens")) {
        reopens = Integer.parseInt(args[++i]);
      } else if (args[i].equals("--index")) {
        keptIndex = Path.of(args[++i]);
      } else if (args[i].equals("--jfr")) {
        jfr = Path.of(args[++i]);
      } else if (similarityOnly) {
        runSimilarity(source, Integer.parseInt(args[i]));
      } else {
        run(source, Integer.parseInt(args[i]));
      }
    }
  }

  private static String sha256(String s) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The generator's category (top folder of the source document) of each generated article. */
  private static final java.util.Map<String, String> CATEGORY = new java.util.HashMap<>();

  private static Corpus generate(Path source, int count) {
    long g0 = System.nanoTime();
    CorpusGenerator gen = CorpusGenerator.builder(source).count(count).seed(1).build();
    // As when the loader reads the generated folders: each article is filed under its folder's category,
    // so the library's neighbour voting has voters and classifies only what no folder placed (stubs).
    java.util.Map<String, dev.content.core.Category> categories = new java.util.LinkedHashMap<>();
    List<Article> articles = new ArrayList<>(gen.count());
    CATEGORY.clear();
    for (int i = 0; i < gen.count(); i++) {
      dev.content.generator.GeneratedArticle e = gen.entries().get(i);
      categories.computeIfAbsent(e.categorySlug(), slug -> new dev.content.core.Category(slug, e.categoryName(),
          java.util.Optional.empty(), "", categories.size()));
      Article.Builder a = gen.article(i).toBuilder().categories(List.of(new dev.content.core.CategoryAssignment(
          e.categorySlug(), dev.content.core.CategoryAssignment.Source.FOLDER, 1, "folder " + e.categorySlug(),
          List.of())));
      if (digests) {
        // As the loader does: the source carries a digest of what was parsed, so a reopen can tell an
        // unchanged article without its text (here a digest of the generated title and body).
        // Its body is lazy, as the loader's snapshot gives it (known hash code, blocks read on use).
        Article plain = a.build();
        String digest = sha256(plain.title() + "\n" + plain.bodyText());
        List<dev.content.core.Block> blocks = plain.body();
        a.source(new dev.content.core.Source("generated/" + plain.id() + ".txt", "UTF-8",
            new dev.content.core.LineRange(1, 1), java.util.Optional.of(digest)))
            .body(dev.content.core.LazyBody.of(blocks, digest, () -> blocks));
      }
      articles.add(a.build());
      CATEGORY.put(e.id(), e.categorySlug());
    }
    Corpus.Builder b = Corpus.builder().taxonomy(dev.content.core.Taxonomy.of(categories.values()));
    articles.forEach(b::add);
    Corpus corpus = b.build();
    System.out.printf("%n== %,d articles (%,d with stubs); generated in %.1f s%n", count, corpus.size(),
        (System.nanoTime() - g0) / 1e9);
    return corpus;
  }

  /**
   * The similarity side alone (no Lucene): build, related for every article through the library's own
   * path ({@code ContentLibrary.open} minus the search index is not public, so this times
   * {@link dev.content.search.SimilarityIndex#similar} for all articles), and for one article.
   */
  private static void runSimilarity(Path source, int count) {
    Corpus corpus = generate(source, count);
    long cpu0 = processCpu();
    long t0 = System.nanoTime();
    dev.content.search.SimilarityIndex sim = dev.content.search.SimilarityIndex.of(corpus);
    long t1 = System.nanoTime();
    long cpu1 = processCpu();
    List<Article> all = corpus.articles();
    java.util.concurrent.atomic.AtomicLong edges = new java.util.concurrent.atomic.AtomicLong();
    java.util.stream.IntStream.range(0, all.size()).parallel().forEach(i ->
        edges.addAndGet(sim.similar(all.get(i).id(), 6, corpus::isFull).size()));
    long t2 = System.nanoTime();
    long cpu2 = processCpu();
    System.out.printf("similarity build: %.1f s (CPU %.1f s); related for all %,d articles: %.1f s (CPU %.1f s), "
        + "%,d edges; load average %.1f%n", (t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9, all.size(), (t2 - t1) / 1e9,
        (cpu2 - cpu1) / 1e9, edges.get(), loadAverage());
    List<Article> full = corpus.fullArticles();
    SplittableRandom r = new SplittableRandom(11);
    int n = 2000;
    long[] c = new long[n];
    for (int i = 0; i < n; i++) {
      String id = full.get(r.nextInt(full.size())).id();
      long c0 = THREADS.getCurrentThreadCpuTime();
      sim.similar(id, 6, corpus::isFull);
      c[i] = THREADS.getCurrentThreadCpuTime() - c0;
    }
    Arrays.sort(c);
    System.out.printf("related CPU time per article: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", c[n / 2] / 1e6,
        c[n * 99 / 100] / 1e6, c[n - 1] / 1e6);
    // Quality at scale: do the neighbours share the generator's category (the source's top folder)?
    double same = 0;
    for (int i = 0; i < n; i++) {
      String id = full.get(r.nextInt(full.size())).id();
      for (dev.content.search.SimilarArticle s : sim.similar(id, 5, corpus::isFull)) {
        same += java.util.Objects.equals(CATEGORY.get(s.id()), CATEGORY.get(id)) ? 0.2 : 0;
      }
    }
    System.out.printf("precision@5 (same category as the generator's source), %d sampled articles: %.3f%n", n,
        same / n);
    System.gc();
    Runtime rt = Runtime.getRuntime();
    System.out.printf("heap used after GC with the similarity index alive: %,d MB%n",
        (rt.totalMemory() - rt.freeMemory()) >> 20);
    if (sim.size() < 0) {
      System.out.println(corpus.size());
    }
  }

  private static void run(Path source, int count) throws IOException {
    Corpus corpus = generate(source, count);
    long chars = corpus.articles().stream().mapToLong(a -> a.title().length()
        + (a.stub() ? a.excerpt().orElse("").length() : a.bodyText().length())).sum();
    System.out.printf("%,d characters of title and text%n", chars);
    Path dir = keptIndex != null ? keptIndex.resolve(Integer.toString(count)) : Files.createTempDirectory("search-bench-");
    try {
      ContentLibrary.Options options = ContentLibrary.Options.builder().indexDirectory(dir).build();
      IndexReport cold;
      long cpu0 = processCpu();
      try (ContentLibrary lib = ContentLibrary.open(corpus, options)) {
        cold = lib.indexReport();
      }
      if (cold.analysed() == 0) {
        System.out.println("(the kept index was up to date: the first open below was itself a reopen)");
      }
      double cpu = (processCpu() - cpu0) / 1e9;
      double total = cold.elapsed().toNanos() / 1e9;
      double related = cold.relatedElapsed().toNanos() / 1e9;
      System.out.printf("cold build (disk): %.1f s total = %.1f s index + %.1f s related for all; "
          + "%,.0f chars/s overall, %,.0f chars/s without related%n", total, total - related, related,
          chars / total, chars / (total - related));
      System.out.printf("  process CPU time of the cold build: %.1f s (load average now %.1f on %d cores)%n", cpu,
          loadAverage(), Runtime.getRuntime().availableProcessors());
      measureReopens(corpus, options);
      if (reopenOnly) {
        return;
      }
      try (ContentLibrary lib = ContentLibrary.open(corpus, options)) {
        IndexReport warm = lib.indexReport();
        System.out.printf("reopen unchanged: %.1f s (analysed %d, reused %,d, vectorised %d, related lists %s in "
            + "%.1f s)%n", warm.elapsed().toNanos() / 1e9, warm.analysed(), warm.reused(), warm.vectorised(),
            warm.relatedReused() ? "read back" : "computed", warm.relatedElapsed().toNanos() / 1e9);
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf("heap used after GC, corpus and library alive: %,d MB%n",
            (rt.totalMemory() - rt.freeMemory()) >> 20);
        measureSearch(lib);
        measureRelated(lib, corpus);
      }
    } finally {
      if (keptIndex == null) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  /**
   * Reopens the unchanged index {@link #reopens} times (a GC before each, so that one reopen's garbage
   * is not collected in the next one's time) and reports each one's wall and process CPU time with the
   * library's own phases, then the median; with {@code --jfr FILE} the reopens are recorded by JDK
   * Flight Recorder.
   */
  private static void measureReopens(Corpus corpus, ContentLibrary.Options options) throws IOException {
    double[] wall = new double[reopens];
    double[] cpu = new double[reopens];
    jdk.jfr.Recording rec = null;
    if (jfr != null) {
      try {
        rec = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
      } catch (java.text.ParseException e) {
        throw new IllegalStateException(e);
      }
      rec.start();
    }
    for (int i = 0; i < reopens; i++) {
      System.gc();
      long c0 = processCpu();
      long t0 = System.nanoTime();
      IndexReport warm;
      try (ContentLibrary lib = ContentLibrary.open(corpus, options)) {
        warm = lib.indexReport();
        wall[i] = (System.nanoTime() - t0) / 1e9;
        cpu[i] = (processCpu() - c0) / 1e9;
      }
      StringBuilder phases = new StringBuilder();
      warm.phases().forEach((name, d) -> phases.append(String.format(" %s %.3f", name, d.toNanos() / 1e9)));
      System.out.printf("reopen %d: %.3f s wall, %.3f s process CPU (analysed %d, vectorised %d, related %s);"
          + " phases (s):%s%n", i + 1, wall[i], cpu[i], warm.analysed(), warm.vectorised(),
          warm.relatedReused() ? "read back" : "computed", phases);
    }
    if (rec != null) {
      rec.stop();
      rec.dump(jfr);
      rec.close();
    }
    // After a reopen the vectors are read when something first needs similarity.
    try (ContentLibrary lib = ContentLibrary.open(corpus, options)) {
      String id = corpus.fullArticles().get(0).id();
      long c0 = processCpu();
      long t0 = System.nanoTime();
      int n = lib.similarity().similar(id, 6).size();
      System.out.printf("first similarity use after a reopen (vectors read from the index folder): %.3f s wall, "
          + "%.3f s process CPU (%d neighbours)%n", (System.nanoTime() - t0) / 1e9, (processCpu() - c0) / 1e9, n);
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    System.out.printf("reopen unchanged, %d runs: wall median %.3f s (min %.3f, max %.3f), process CPU median "
        + "%.3f s (min %.3f, max %.3f); load average %.1f%n", reopens, wall[reopens / 2], wall[0],
        wall[reopens - 1], cpu[reopens / 2], cpu[0], cpu[reopens - 1], loadAverage());
  }

  private static void measureSearch(ContentLibrary lib) {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 400; i++) {
      lib.search(query(r));
    }
    int n = 3000;
    long[] t = new long[n];
    long[] c = new long[n];
    long hits = 0;
    int inexact = 0;
    for (int i = 0; i < n; i++) {
      SearchRequest q = query(r);
      long c0 = THREADS.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      dev.content.search.SearchResults res = lib.search(q);
      hits += res.hits().size();
      inexact += res.countsExact() ? 0 : 1;
      t[i] = System.nanoTime() - t0;
      c[i] = THREADS.getCurrentThreadCpuTime() - c0;
    }
    Arrays.sort(t);
    Arrays.sort(c);
    System.out.printf("search: %d of %d queries beyond the exact-count bound%n", inexact, n);
    System.out.printf("search CPU time per query: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        c[n / 2] / 1e6, c[n * 9 / 10] / 1e6, c[n * 99 / 100] / 1e6, c[n - 1] / 1e6);
    System.out.printf("search (page of 10 with snippets and facets, %d queries): p50 %.2f ms, p90 %.2f ms, "
        + "p99 %.2f ms, max %.2f ms (%.1f hits/query)%n", n, t[n / 2] / 1e6, t[n * 9 / 10] / 1e6,
        t[n * 99 / 100] / 1e6, t[n - 1] / 1e6, (double) hits / n);
  }

  private static SearchRequest query(SplittableRandom r) {
    SearchRequest.Builder b = SearchRequest.builder(QueryMix.QUERIES.get(r.nextInt(QueryMix.QUERIES.size())));
    int k = r.nextInt(10);
    if (k == 0) {
      b.page(2);
    }
    return b.build();
  }

  private static void measureRelated(ContentLibrary lib, Corpus corpus) {
    List<Article> full = corpus.fullArticles();
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 500; i++) {
      String id = full.get(r.nextInt(full.size())).id();
      lib.similarity().similar(id, 6, corpus::isFull);
    }
    int n = 2000;
    long[] t = new long[n];
    long[] c = new long[n];
    List<String> sink = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = full.get(r.nextInt(full.size())).id();
      long c0 = THREADS.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      sink.add(lib.similarity().similar(id, 6, corpus::isFull).get(0).id());
      t[i] = System.nanoTime() - t0;
      c[i] = THREADS.getCurrentThreadCpuTime() - c0;
    }
    Arrays.sort(t);
    Arrays.sort(c);
    System.out.printf("related CPU time per article: p50 %.2f ms, p99 %.2f ms%n", c[n / 2] / 1e6,
        c[n * 99 / 100] / 1e6);
    System.out.printf("related for one article (6 computed with evidence, %d articles): p50 %.2f ms, "
        + "p99 %.2f ms, max %.2f ms%n", n, t[n / 2] / 1e6, t[n * 99 / 100] / 1e6, t[n - 1] / 1e6);
  }
}

package dev.content.bench.harness;

import dev.content.bench.Corpora;
import dev.content.bench.search.QueryMix;
import dev.content.core.Corpus;
import dev.content.generator.CorpusGenerator;
import dev.content.loader.SeedLoader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The issue-7 harness: corpora of 1k/10k/100k generated articles, the loader in fresh JVMs and under
 * JMH, and, where they exist, demo-web against a Hugo build of the same corpus and against nginx serving
 * the same page, all in one run on one machine; then it rewrites the results in BENCHMARKS.md.
 * Start it with {@code bench/run.sh}, which installs hugo, nginx and wrk and builds the jars first.
 */
public final class Harness {
  static final String SEARCH_QUERY = "劳动合同";

  private final Options o;
  private final long deadline;
  private final long started = System.nanoTime();
  private final Report report = new Report();

  private Harness(Options o) {
    this.o = o;
    this.deadline = started + Duration.ofSeconds(o.budgetSeconds).toNanos();
  }

  /** Command-line options; see {@code bench/run.sh --help}. */
  static final class Options {
    List<Integer> sizes = List.of(1_000, 10_000, 100_000);
    int runs = 3;
    int wrkSeconds = 8;
    int warmupSeconds = 30;
    long budgetSeconds = 19 * 60;
    Path root = Path.of(".").toAbsolutePath().normalize();
    Path benchJar;
    Path webJar;
    Path reportFile;
    boolean jmh = true;
    /** "all", "loading" (loader figures only) or "scale" (whole-process figures only). */
    String only = "all";
    String command = "bench/run.sh";

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String v = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--sizes" -> o.sizes = Stream.of(need(v, "--sizes").split(",")).map(s -> Integer.parseInt(s.strip().replace("_", ""))).toList();
          case "--runs" -> o.runs = Integer.parseInt(need(v, "--runs"));
          case "--wrk-seconds" -> o.wrkSeconds = Integer.parseInt(need(v, "--wrk-seconds"));
          case "--warmup-seconds" -> o.warmupSeconds = Integer.parseInt(need(v, "--warmup-seconds"));
          case "--budget-seconds" -> o.budgetSeconds = Long.parseLong(need(v, "--budget-seconds"));
          case "--root" -> o.root = Path.of(need(v, "--root")).toAbsolutePath().normalize();
          case "--report" -> o.reportFile = Path.of(need(v, "--report"));
          case "--command" -> o.command = need(v, "--command");
          case "--only" -> {
            o.only = need(v, "--only");
            if (!List.of("all", "loading", "scale").contains(o.only)) {
              throw new IllegalArgumentException("--only must be all, loading or scale");
            }
          }
          case "--no-jmh" -> {
            o.jmh = false;
            i--;
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
        i++;
      }
      if (o.runs < 1 || o.sizes.isEmpty()) {
        throw new IllegalArgumentException("--runs must be at least 1 and --sizes must name a size");
      }
      o.benchJar = o.root.resolve("benchmarks/target/benchmarks.jar");
      o.webJar = o.root.resolve("demo-web/target/demo-web.jar");
      if (o.reportFile == null) {
        o.reportFile = o.root.resolve("BENCHMARKS.md");
      }
      return o;
    }

    private static String need(String v, String option) {
      if (v == null) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return v;
    }
  }

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("harness: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.setProperty("bench.root", o.root.toString());
    new Harness(o).run();
  }

  private void run() throws Exception {
    report.date = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
    report.command = o.command;
    report.machine = machine();
    report.wrkSeconds = o.wrkSeconds;
    report.warmupSeconds = o.warmupSeconds;
    report.loadBefore = loadAverage();
    Path lawref = Corpora.lawrefbook();
    if (!Files.isRegularFile(lawref.resolve("MANIFEST.tsv"))) {
      System.err.println("harness: lawrefbook not found at " + lawref + " (set -Dbench.lawrefbook=DIR)");
      System.exit(2);
    }
    Map<Integer, Path> corpora = new LinkedHashMap<>();
    for (int size : o.sizes) {
      log("corpus %,d: generating or reusing under %s", size, Corpora.store());
      long t0 = System.nanoTime();
      Path dir = Corpora.ensure(size, true);
      corpora.put(size, dir);
      Report.CorpusInfo info = new Report.CorpusInfo(size, Corpora.articleBytes(dir), diskBytes(dir),
          (System.nanoTime() - t0) / 1e9);
      report.corpora.put(size, info);
      log("corpus %,d: %s, %.1f MB of article files", size, dir, info.bytes() / 1e6);
    }
    boolean loading = !o.only.equals("scale");
    boolean scale = !o.only.equals("loading");
    // Smallest size first, everything for one size before the next: when the budget runs out, the
    // figures that are missing are those of the largest corpus, and each says so.
    boolean jmhDone = !o.jmh;
    int lastSize = o.sizes.get(o.sizes.size() - 1);
    for (int size : o.sizes) {
      if (loading) {
        coldLoads(size, corpora.get(size));
      }
      if (!jmhDone && (size >= 10_000 || size == lastSize)) {
        jmh(loading, scale);
        jmhDone = true;
      }
      if (scale) {
        serve(size, corpora.get(size));
      }
    }
    // Hugo after every demo-web and nginx figure: the builds of the largest corpus are the longest
    // step of all, and one stopped by the budget still bounds Hugo's time from below, while a missing
    // demo-web figure bounds nothing.
    if (scale) {
      for (int size : o.sizes) {
        hugoAndFallback(size, corpora.get(size));
      }
    }
    report.loadAfter = loadAverage();
    report.minutes = (System.nanoTime() - started) / 6e10;
    report.rewrite(o.reportFile, loading, scale);
    log("done in %.1f min; results written to %s", report.minutes, o.reportFile);
  }

  // ---- the loader in a fresh JVM ----

  private void coldLoads(int size, Path dir) throws Exception {
    Report.Load load = report.load(size);
    int runs = size > 10_000 ? 1 : o.runs;
    for (int run = 0; run < runs; run++) {
      double projected = projectedSeconds(report.loads, size, l -> l.coldMs.isEmpty() ? -1 : l.coldMs.max() / 1000);
      if (!time((long) projected + 20)) {
        load.note = "stopped after " + run + " runs: time budget (next load projected at " + Stats.num(projected) + " s)";
        break;
      }
      // The last run goes on loading in the same JVM: its later loads give the warm CPU cost.
      int loads = run == runs - 1 && size <= 10_000 ? 6 : 1;
      Proc.Result r = Proc.run(List.of("/usr/bin/time", "-f", "rss=%M", "java", "-Xmx4g", "-cp",
          o.benchJar.toString(), "dev.content.bench.LoadOnce", dir.toString(), Integer.toString(loads)),
          null, Duration.ofMinutes(8));
      List<Map<String, String>> lines = r.out().lines().map(Harness::keyValues).filter(kv -> kv.containsKey("ms")).toList();
      if (!r.ok() || lines.isEmpty()) {
        load.note = "LoadOnce failed: " + Jmh.tail(r.err());
        return;
      }
      Map<String, String> cold = lines.get(0);
      load.coldMs.add(Double.parseDouble(cold.get("ms")));
      load.coldCpuMs.add(Double.parseDouble(cold.get("cpuMs")));
      load.heap.add(Double.parseDouble(cold.get("heapAfterGc")));
      load.errors = Integer.parseInt(cold.get("errors"));
      String rss = keyValues(r.err()).get("rss");
      if (loads == 1 && rss != null) {
        load.rss.add(Double.parseDouble(rss) * 1024);
      }
      for (Map<String, String> warm : lines.subList(Math.min(lines.size(), 3), lines.size())) {
        load.warmMs.add(Double.parseDouble(warm.get("ms")));
        load.warmCpuMs.add(Double.parseDouble(warm.get("cpuMs")));
      }
      log("cold load %,d: %s ms wall, %s ms CPU", size, cold.get("ms"), cold.get("cpuMs"));
    }
  }

  // ---- JMH ----

  private void jmh(boolean loading, boolean scale) throws Exception {
    List<String> jvm = List.of("-Dbench.root=" + o.root, "-Dbench.corpora=" + Corpora.store(),
        "-Dbench.lawrefbook=" + Corpora.lawrefbook());
    List<String> names = Jmh.list(o.benchJar, jvm);
    List<String> groups = new ArrayList<>();
    if (loading) {
      groups.addAll(List.of("dev.content.bench.LoadBenchmark", "dev.content.bench.ParseBenchmark"));
    }
    if (scale && names.stream().anyMatch(n -> n.startsWith("dev.content.bench.search."))) {
      groups.add("dev.content.bench.search.");
    } else if (scale) {
      report.jmhNotes.add("search and related (dev.content.bench.search): not available — content-search benchmarks are not in this build");
    }
    for (String g : groups) {
      if (!time(240)) {
        report.jmhNotes.add(g + ": skipped, time budget");
        continue;
      }
      log("JMH %s", g);
      try {
        List<String> args = new ArrayList<>(List.of("^" + g.replace(".", "\\.") + (g.endsWith(".") ? "" : "\\.")));
        if (g.equals("dev.content.bench.LoadBenchmark")) {
          args.addAll(List.of("-p", "files=" + String.join(",", o.sizes.stream().filter(s -> s <= 10_000).map(String::valueOf).toList())));
        }
        if (g.equals("dev.content.bench.search.")) {
          // In process at the largest corpus loaded so far that is at most 10,000 articles (the 100,000
          // figures come from the whole-process rounds and content-search's own harness).
          int n = o.sizes.stream().filter(s -> s <= 10_000).max(Integer::compare).orElse(10_000);
          args.addAll(List.of("-p", "articles=" + n));
        }
        Path json = Files.createTempFile("jmh", ".json");
        report.jmh.addAll(Jmh.run(o.benchJar, jvm, args, json, Duration.ofNanos(Math.max(0, deadline - System.nanoTime() - 180_000_000_000L))));
        Files.deleteIfExists(json);
      } catch (IOException e) {
        report.jmhNotes.add(g + ": failed — " + e.getMessage());
      }
    }
  }

  // ---- whole processes: demo-web, Hugo, nginx ----

  private void serve(int size, Path dir) throws Exception {
    Report.Scale s = report.scale(size);
    List<String[]> truth = groundTruth(dir);
    // The page every server is measured on: the first file of the corpus.
    s.articleId = truth.get(0)[0];
    Path work = work(size);
    Path page = null;
    if (Files.isRegularFile(o.webJar)) {
      page = web(size, dir, truth, s, work);
    } else {
      s.webNote = "not available (demo-web not built)";
    }
    if (page != null) {
      nginx(page, s, work);
    }
  }

  private void hugoAndFallback(int size, Path dir) throws Exception {
    Report.Scale s = report.scale(size);
    Map<String, String> categoryById = new HashMap<>();
    groundTruth(dir).forEach(f -> categoryById.put(f[0], f[2]));
    Path work = work(size);
    Path hugoSite = hugo(size, dir, categoryById, s, work);
    boolean served = s.pageBytes > 0;
    if (!served && hugoSite != null) {
      Path built = work.resolve("public/posts/" + s.articleId + "/index.html");
      if (Files.isRegularFile(built)) {
        s.nginxNote = "nginx serves Hugo's page for the article (demo-web not available)";
        nginx(built, s, work);
      }
    }
  }

  private static Path work(int size) throws IOException {
    Path work = Corpora.store().resolve("work-n" + size);
    Files.createDirectories(work);
    return work;
  }

  /**
   * Seconds of the budget to keep for the Hugo builds of sizes larger than {@code size}: at each of them
   * Hugo must run long enough to decide demo-web's verdicts (a third of its build above the first page,
   * its build above ready), or for its whole projected build when that is shorter.
   */
  private long hugoReserveAfter(int size) {
    long reserve = 0;
    for (int larger : o.sizes) {
      if (larger <= size) {
        continue;
      }
      Report.Scale s = report.scale(larger);
      double needed = Math.max(s.firstStartPage.isEmpty() ? 0 : 3 * s.firstStartPage.max(),
          s.firstStartReady.isEmpty() ? 0 : s.firstStartReady.max());
      double projected = projectedSeconds(report.scales, larger, x -> x.hugoBuild.isEmpty() ? -1 : x.hugoBuild.max());
      if (needed == 0) {
        needed = projected;
      }
      reserve += (long) (Math.min(needed, projected > 0 ? projected : needed) * 1.1) + 30;
    }
    return reserve;
  }

  /** How many distinct search queries the wrk rounds cycle through (see {@link QueryMix#forTitles}). */
  static final int SEARCH_QUERIES = 4_000;

  /** The generator's ground truth of a corpus, without its header: id, category slug, name, path, title, sources. */
  public static List<String[]> groundTruth(Path dir) throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve(CorpusGenerator.GROUND_TRUTH), StandardCharsets.UTF_8);
    return lines.subList(1, lines.size()).stream().map(l -> l.split("\t")).toList();
  }

  /** The search queries of the wrk rounds over a generated corpus, in the order they are requested. */
  public static List<String> searchQueries(Path dir) throws IOException {
    return searchQueries(groundTruth(dir));
  }

  private static List<String> searchQueries(List<String[]> truth) {
    return QueryMix.forTitles(truth.stream().map(f -> f[4]).toList(), SEARCH_QUERIES, 7);
  }

  /** The wrk script (written to {@code file}) that requests demo-web's search page of each query in turn. */
  static Path searchScript(Path file, List<String> queries) throws IOException {
    return Wrk.rotating(file, queries.stream()
        .map(query -> "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)).toList());
  }

  private Path web(int size, Path dir, List<String[]> truth, Report.Scale s, Path work) throws Exception {
    Path page = work.resolve("article.html");
    // A page left by an earlier run must not make nginx run when demo-web is skipped this time.
    Files.deleteIfExists(page);
    String q = URLEncoder.encode(SEARCH_QUERY, StandardCharsets.UTF_8);
    // The first start must build everything: remove what an earlier run left in hidden folders of the
    // corpus (the loader skips them; an index cache would live there). Later starts are restarts.
    try (Stream<Path> children = Files.list(dir)) {
      for (Path hidden : children.filter(c -> c.getFileName().toString().startsWith(".")).toList()) {
        Corpora.deleteTree(hidden);
      }
    }
    int runs = size >= 100_000 ? Math.min(2, o.runs) : o.runs;
    // A restart is projected from restarts (of this size, else of the smaller ones), not from the first
    // start: over an unchanged corpus it is a different, much shorter path.
    double restart = !s.restartReady.isEmpty() ? s.restartReady.max()
        : projectedSeconds(report.scales, size, x -> x.restartReady.isEmpty() ? -1 : x.restartReady.max());
    long wrkTime = 3L * o.runs * (o.wrkSeconds + 2) + o.warmupSeconds + 60;
    for (int run = 0; run < runs; run++) {
      double projected = run == 0
          ? projectedSeconds(report.scales, size,
              x -> x.firstStartReady.isEmpty() ? (x.firstStartPage.isEmpty() ? -1 : x.firstStartPage.max()) : x.firstStartReady.max())
          : Math.max(restart, s.restartReady.isEmpty() ? 0 : s.restartReady.max());
      // The wrk rounds run on the last start there is time for, so a start the budget drops never
      // takes the serving figures with it.
      boolean last = run == runs - 1
          || !time((long) (projected * 1.2) + 30 + (long) (Math.max(restart, 1) * 1.2) + 30 + wrkTime);
      if (!time((long) (projected * 1.2) + 30 + (last ? wrkTime : 0))) {
        s.webNote = (run == 0 ? "skipped" : "stopped after " + run + " starts") + ": time budget (start-up projected at "
            + Stats.num(projected) + " s from the smaller corpus)";
        break;
      }
      int port = freePort();
      String base = "http://127.0.0.1:" + port;
      Path log = work.resolve("web-" + run + ".log");
      ProcessBuilder pb = new ProcessBuilder("java", "-jar", o.webJar.toString(), "--seeds", dir.toString(),
          "--port", Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile());
      long t0 = System.nanoTime();
      Process p = pb.start();
      try {
        Duration wait = Duration.ofNanos(Math.max(60_000_000_000L, deadline - System.nanoTime() - 120_000_000_000L));
        Optional<Double> first = Proc.waitFor(base + "/articles/" + s.articleId, t0, p, wait, b -> true);
        if (first.isEmpty()) {
          s.webNote = "demo-web did not serve /articles/" + s.articleId + " within " + wait.toSeconds() + " s: "
              + Jmh.tail(Files.readString(log));
          return null;
        }
        Optional<Double> ready = Proc.waitFor(base + "/health", t0, p, wait,
            b -> b.matches("(?s).*\"state\"\\s*:\\s*\"ready.*"));
        Optional<Double> searchOk = Proc.waitFor(base + "/api/search?q=" + q, t0, p, Duration.ofMinutes(1), b -> true);
        (run == 0 ? s.firstStartPage : s.restartPage).add(first.get());
        Stats readyStats = run == 0 ? s.firstStartReady : s.restartReady;
        ready.ifPresent(v -> readyStats.add(Math.max(v, searchOk.orElse(v))));
        Proc.get(base + "/health").ifPresent(h -> s.indexState = jsonField(h.body(), "state"));
        log("demo-web %,d start %d: first page %.2f s, ready %s", size, run, first.get(), ready.map(String::valueOf).orElse("never"));
        if (last) {
          Optional<HttpResponse<String>> html = Proc.get(base + "/articles/" + s.articleId);
          if (html.isPresent()) {
            Files.writeString(page, html.get().body());
            s.pageBytes = html.get().body().getBytes(StandardCharsets.UTF_8).length;
          }
          // A server is measured warm, as it runs for hours: unmeasured wrk load on both pages first,
          // so that the JIT has compiled the request path (nginx needs no warm-up and gets none).
          Path searches = searchScript(work.resolve("search-mix.lua"), searchQueries(truth));
          if (o.warmupSeconds > 0 && time(o.warmupSeconds + o.wrkSeconds * 3 + 60)) {
            Wrk.run(base + "/articles/" + s.articleId, Math.max(1, o.warmupSeconds * 2 / 3));
            Wrk.run(base + "/", Math.max(1, o.warmupSeconds / 3), Wrk.CONNECTIONS, searches);
          }
          for (int w = 0; w < o.runs && time(o.wrkSeconds * 3 + 60); w++) {
            Wrk.run(base + "/articles/" + s.articleId, o.wrkSeconds).ifPresent(r -> {
              s.pageRps.add(r.requestsPerSecond());
              s.pageP99.add(r.p99Millis());
              s.pageErrors += r.errors();
            });
            // Search: the query mix in turn, under 64 connections (throughput; the p99 is then mostly
            // waiting in the queue) and under 2 (one request in flight per core: the time a search takes).
            Wrk.run(base + "/", o.wrkSeconds, Wrk.CONNECTIONS, searches).ifPresent(r -> {
              s.searchRps.add(r.requestsPerSecond());
              s.searchP99.add(r.p99Millis());
              s.searchErrors += r.errors();
            });
            Wrk.run(base + "/", o.wrkSeconds, 2, searches).ifPresent(r -> {
              s.searchLightRps.add(r.requestsPerSecond());
              s.searchLightP99.add(r.p99Millis());
              s.searchErrors += r.errors();
            });
          }
          s.rss = Proc.peakRss(p.pid());
          s.liveHeap = Proc.liveHeap(p.pid());
        }
      } finally {
        Proc.kill(p);
      }
      if (last) {
        if (run < runs - 1) {
          s.webNote = "stopped after " + (run + 1) + " starts: time budget (the serving rounds took the last start)";
        }
        break;
      }
    }
    return Files.isRegularFile(page) ? page : null;
  }

  private Path hugo(int size, Path dir, Map<String, String> categoryById, Report.Scale s, Path work)
      throws Exception {
    if (!Proc.exists("hugo")) {
      s.hugoNote = "not available (hugo not installed)";
      return null;
    }
    Path site = Corpora.store().resolve("hugo-n" + size + "-v" + CorpusGenerator.VERSION);
    if (!Files.isRegularFile(site.resolve("config.toml"))) {
      double projected = projectedSeconds(report.scales, size, x -> x.hugoBuild.isEmpty() ? -1 : x.hugoBuild.max());
      if (!time((long) (projected * 1.2) + 60 + size / 1_000)) {
        s.hugoNote = "skipped: time budget (build projected at " + Stats.num(projected) + " s)";
        return null;
      }
      log("hugo %,d: writing Markdown site", size);
      Corpora.deleteTree(site);
      Corpus corpus = SeedLoader.create().load(dir).corpus();
      HugoSite.write(site, corpus.fullArticles(), categoryById, corpus.zone());
    }
    int runs = size >= 100_000 ? Math.min(2, o.runs) : o.runs;
    for (int run = 0; run < runs; run++) {
      double projected = !s.hugoBuild.isEmpty() ? s.hugoBuild.max()
          : projectedSeconds(report.scales, size, x -> x.hugoBuild.isEmpty() ? -1 : x.hugoBuild.max());
      // The first build of a size is what its verdicts need; more builds only from what the larger
      // sizes' builds leave.
      // (A build of a few seconds repeats regardless: the reserve would gain nothing from it.)
      long reserve = run == 0 || projected < 10 ? 0 : hugoReserveAfter(size);
      // At the largest size a first build that will not fit still runs with what is left: stopped by the
      // budget, it bounds Hugo's time from below.
      boolean bounded = run == 0 && size == o.sizes.stream().max(Integer::compare).orElseThrow() && time(60);
      if (!bounded && !time((long) (projected * 1.2) + 30 + reserve)) {
        s.hugoNote = (run == 0 ? "skipped" : "stopped after " + run + " builds") + ": time budget (build projected at "
            + Stats.num(projected) + " s)";
        break;
      }
      Path out = work.resolve("public");
      Corpora.deleteTree(out);
      Proc.Result r = Proc.run(List.of("/usr/bin/time", "-f", "rss=%M", "hugo", "--quiet", "--source", site.toString(),
          "--destination", out.toString()), null, Duration.ofNanos(Math.max(60_000_000_000L, deadline - System.nanoTime() - 120_000_000_000L)));
      if (r.exit() == 124) {
        s.hugoUnfinishedAfter = r.seconds();
        s.hugoNote = "Hugo build did not finish within " + Stats.num(r.seconds()) + " s (time budget)";
        return null;
      }
      if (!r.ok()) {
        s.hugoNote = "hugo failed: " + Jmh.tail(r.err());
        return null;
      }
      s.hugoBuild.add(r.seconds());
      String rss = keyValues(r.err()).get("rss");
      if (rss != null) {
        s.hugoRss = Long.parseLong(rss) * 1024;
      }
      log("hugo %,d build %d: %.1f s", size, run, r.seconds());
    }
    s.hugoVersion = Proc.shell("hugo version").replaceAll(" BuildDate.*", "");
    return site;
  }

  private void nginx(Path page, Report.Scale s, Path work) throws Exception {
    if (!Proc.exists("nginx") || !Proc.exists("wrk")) {
      s.nginxNote = "not available: nginx or wrk is not installed";
      return;
    }
    Path www = work.resolve("www");
    Files.createDirectories(www);
    Files.copy(page, www.resolve("article.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.createDirectories(work.resolve("logs"));
    int port = freePort();
    Path conf = work.resolve("nginx.conf");
    Files.writeString(conf, """
        worker_processes 2;
        daemon off;
        pid %1$s/nginx.pid;
        error_log %1$s/logs/error.log;
        events { worker_connections 1024; }
        http {
          access_log off;
          sendfile on;
          tcp_nopush on;
          open_file_cache max=100;
          types { text/html html; }
          server {
            listen 127.0.0.1:%2$d;
            root %3$s;
          }
        }
        """.formatted(work, port, www));
    Process p = new ProcessBuilder("nginx", "-p", work.toString(), "-c", conf.toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("logs/nginx.out").toFile()).start();
    try {
      String url = "http://127.0.0.1:" + port + "/article.html";
      if (Proc.waitFor(url, System.nanoTime(), p, Duration.ofSeconds(20), b -> true).isEmpty()) {
        s.nginxNote = "nginx did not start: " + Jmh.tail(Files.readString(work.resolve("logs/nginx.out")));
        return;
      }
      for (int w = 0; w < o.runs && time(o.wrkSeconds + 40); w++) {
        Wrk.run(url, o.wrkSeconds).ifPresent(r -> {
          s.nginxRps.add(r.requestsPerSecond());
          s.nginxP99.add(r.p99Millis());
        });
      }
      s.nginxVersion = Proc.shell("nginx -v 2>&1");
    } finally {
      Proc.kill(p);
    }
  }

  // ---- helpers ----

  /**
   * What a step at {@code size} should take, extrapolated from the smaller sizes that measured it: along
   * the growth between the two largest of them (its exponent kept between 0.75 and 2, so fixed costs at
   * the small end do not promise more than a little better than linear), or linearly from a single one;
   * 0 when none did.
   */
  static <T> double projectedSeconds(Map<Integer, T> bySize, int size, java.util.function.ToDoubleFunction<T> seconds) {
    java.util.TreeMap<Integer, Double> measured = new java.util.TreeMap<>();
    for (Map.Entry<Integer, T> e : bySize.entrySet()) {
      double v = seconds.applyAsDouble(e.getValue());
      if (e.getKey() < size && v > 0) {
        measured.put(e.getKey(), v);
      }
    }
    if (measured.isEmpty()) {
      return 0;
    }
    Map.Entry<Integer, Double> last = measured.lastEntry();
    Map.Entry<Integer, Double> before = measured.lowerEntry(last.getKey());
    double exponent = 1;
    if (before != null) {
      exponent = Math.log(last.getValue() / before.getValue()) / Math.log((double) last.getKey() / before.getKey());
      exponent = Math.max(0.75, Math.min(2, exponent));
    }
    return last.getValue() * Math.pow((double) size / last.getKey(), exponent);
  }

  /** Whether at least {@code seconds} remain before the budget ends (two minutes are kept for the report). */
  private boolean time(long seconds) {
    return System.nanoTime() + (seconds + 120) * 1_000_000_000L < deadline;
  }

  /** The 1, 5 and 15 minute load averages: on a shared machine they say how much the run competed. */
  private static String loadAverage() {
    String[] f = Proc.shell("cat /proc/loadavg").split("\\s+");
    return f.length >= 3 ? f[0] + " / " + f[1] + " / " + f[2] : "?";
  }

  private static String machine() {
    return String.join("\n",
        "$ nproc", Proc.shell("nproc"),
        "$ lscpu | head -n 15", Proc.shell("lscpu | head -n 15"),
        "$ free -m", Proc.shell("free -m"),
        "$ java -version", Proc.shell("java -version 2>&1"));
  }

  private static long diskBytes(Path dir) {
    String du = Proc.shell("du -sb " + dir + " | cut -f1");
    try {
      return Long.parseLong(du.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Map<String, String> keyValues(String text) {
    Map<String, String> kv = new HashMap<>();
    for (String token : text.split("\\s+")) {
      int eq = token.indexOf('=');
      if (eq > 0) {
        kv.put(token.substring(0, eq), token.substring(eq + 1));
      }
    }
    return kv;
  }

  private static String jsonField(String json, String field) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    return m.find() ? m.group(1) : "?";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private void log(String format, Object... args) {
    System.out.printf(Locale.ROOT, "[%5.0fs] %s%n", (System.nanoTime() - started) / 1e9, String.format(Locale.ROOT, format, args));
  }
}

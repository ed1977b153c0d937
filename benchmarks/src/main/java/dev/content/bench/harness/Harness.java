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

  /** Seconds kept at the end of the budget for writing the report. */
  private static final double REPORT_SECONDS = 15;

  private final Options o;
  private final long deadline;
  private final long started = System.nanoTime();
  private final Report report = new Report();
  private final Map<Integer, Path> corpora = new LinkedHashMap<>();
  private final boolean loading;
  private final boolean scale;

  private Harness(Options o) {
    this.o = o;
    this.deadline = started + Duration.ofSeconds(o.budgetSeconds).toNanos();
    this.loading = !o.only.equals("scale");
    this.scale = !o.only.equals("loading");
  }

  /** Command-line options; see {@code bench/run.sh --help}. */
  static final class Options {
    List<Integer> sizes = List.of(1_000, 10_000, 100_000);
    int runs = 3;
    int wrkSeconds = 5;
    int warmupSeconds = 15;
    /** Seconds bench/run.sh spent building the jars before the harness started (counted in the 20 minutes). */
    long buildSeconds;
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
          case "--build-seconds" -> o.buildSeconds = Long.parseLong(need(v, "--build-seconds"));
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
      // Smallest first: the plan projects a size's steps from the smaller ones.
      o.sizes = o.sizes.stream().distinct().sorted().toList();
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
    if (o.buildSeconds > 0) {
      report.timeline.put("build", (double) o.buildSeconds);
    }
    Path lawref = Corpora.lawrefbook();
    if (!Files.isRegularFile(lawref.resolve("MANIFEST.tsv"))) {
      System.err.println("harness: lawrefbook not found at " + lawref + " (set -Dbench.lawrefbook=DIR)");
      System.exit(2);
    }
    long t0 = System.nanoTime();
    for (int size : o.sizes) {
      log("corpus %,d: generating or reusing under %s", size, Corpora.store());
      long c0 = System.nanoTime();
      Path dir = Corpora.ensure(size, true);
      corpora.put(size, dir);
      Report.CorpusInfo info = new Report.CorpusInfo(size, Corpora.articleBytes(dir), diskBytes(dir),
          (System.nanoTime() - c0) / 1e9);
      report.corpora.put(size, info);
      log("corpus %,d: %s, %.1f MB of article files", size, dir, info.bytes() / 1e6);
    }
    report.timeline.put("corpora", (System.nanoTime() - t0) / 1e9);
    // The order protects the figures the verdicts need. First every size's first start with the Hugo
    // build it is compared with, smallest first: by 100,000 the plan projects from two measured sizes,
    // and a Hugo build that will not end runs only as long as deciding the verdicts takes. Then the
    // serving figures, each size on restarts, sized by what is left, largest first; then the loader's
    // fresh-JVM loads and JMH, which are separate processes and take what remains.
    if (scale) {
      for (int size : o.sizes) {
        phase("first start and Hugo " + kilo(size), () -> firstStartAndHugo(size));
      }
      // Largest first: when time runs short, the smaller sizes' serving rounds give way.
      List<Integer> largestFirst = new ArrayList<>(o.sizes);
      java.util.Collections.reverse(largestFirst);
      for (int size : largestFirst) {
        phase("serving " + kilo(size), () -> serving(size));
      }
    }
    if (loading) {
      for (int size : o.sizes) {
        if (size <= 10_000) {
          phase("loader " + kilo(size), () -> coldLoads(size));
        }
      }
    }
    if (o.jmh) {
      phase("JMH", this::jmh);
    }
    if (loading) {
      for (int size : o.sizes) {
        if (size > 10_000) {
          phase("loader " + kilo(size), () -> coldLoads(size));
        }
      }
    }
    if (scale) {
      for (int size : o.sizes) {
        phase("more Hugo builds " + kilo(size), () -> moreHugoBuilds(size));
      }
    }
    report.loadAfter = loadAverage();
    report.minutes = (System.nanoTime() - started) / 6e10 + o.buildSeconds / 60.0;
    report.rewrite(o.reportFile, loading, scale);
    log("done in %.1f min (%.1f min with the build); results written to %s", (System.nanoTime() - started) / 6e10,
        report.minutes, o.reportFile);
    report.timeline.forEach((k, v) -> log("time: %-28s %6.0f s", k, v));
  }

  private interface Step {
    void run() throws Exception;
  }

  /** Runs one part of the plan and notes how long it took (in the log and under the report's table). */
  private void phase(String name, Step step) throws Exception {
    long t0 = System.nanoTime();
    step.run();
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (seconds >= 0.5) {
      report.timeline.put(name, seconds);
      log("%s: %.0f s (%.0f s of the budget left)", name, seconds, left());
    }
  }

  private static String kilo(int size) {
    return size % 1000 == 0 ? size / 1000 + "k" : Integer.toString(size);
  }

  // ---- the plan: what the steps still to come need ----

  /** Seconds left before the budget ends, less what writing the report keeps. */
  private double left() {
    return (deadline - System.nanoTime()) / 1e9 - REPORT_SECONDS;
  }

  /** Whether {@code seconds} more fit in the budget. */
  private boolean time(double seconds) {
    return seconds <= left();
  }

  private double projectedReady(int size) {
    return Plan.projectedSeconds(report.scales, size, x -> x.firstStartReady.isEmpty() ? -1 : x.firstStartReady.max());
  }

  private double projectedFirstPage(int size) {
    return Plan.projectedSeconds(report.scales, size, x -> x.firstStartPage.isEmpty() ? -1 : x.firstStartPage.max());
  }

  /**
   * A restart's planning estimate: measured at this size, else along the smaller sizes' restarts, else
   * (no restart measured yet) this size's first page if that came sooner than the default estimate.
   */
  private double plannedRestart(int size) {
    Report.Scale s = report.scale(size);
    if (!s.restartReady.isEmpty()) {
      return s.restartReady.max();
    }
    double p = Plan.projectedSeconds(report.scales, size, x -> x.restartReady.isEmpty() ? -1 : x.restartReady.max());
    if (p > 0) {
      return p;
    }
    return s.firstStartPage.isEmpty() ? Plan.UNMEASURED_RESTART_SECONDS : Math.min(Plan.UNMEASURED_RESTART_SECONDS, s.firstStartPage.max() + 1);
  }

  /** Serving rounds on demo-web and on nginx: at least two (a median of one run says little). */
  private int minRounds() {
    return Math.min(2, o.runs);
  }

  /** Restarts over the unchanged corpus: at least two when {@code --runs} allows (restart < 2 s is a target). */
  private int minRestarts() {
    return Math.max(1, Math.min(2, o.runs - 1));
  }

  /** The least serving part of a size: its restarts, the warm-up, two rounds on demo-web and on nginx. */
  private double plannedServing(int size) {
    return Plan.servingSeconds(minRestarts(), plannedRestart(size), o.warmupSeconds, minRounds(), o.wrkSeconds);
  }

  /** Whether a size's serving part is still to come (its first start ran, or is still to run). */
  private boolean servingAhead(int size) {
    Report.Scale s = report.scale(size);
    return s.webNote.isEmpty() && webJar();
  }

  /**
   * The optional steps at the end, planned: the loader's fresh-JVM loads (--runs JVMs up to 10,000
   * articles, one above) and JMH's groups.
   */
  private double plannedOptional() {
    double seconds = 0;
    if (loading) {
      for (int size : o.sizes) {
        seconds += (size <= 10_000 ? o.runs + 1 : 1) * Plan.unmeasuredLoadSeconds(size);
      }
      seconds += o.jmh ? Plan.JMH_LOAD_SECONDS + Plan.JMH_PARSE_SECONDS : 0;
    }
    return seconds + (o.jmh && scale ? Plan.JMH_SEARCH_SECONDS : 0);
  }

  private boolean webJar() {
    return Files.isRegularFile(o.webJar);
  }

  // ---- the loader in a fresh JVM ----

  private void coldLoads(int size) throws Exception {
    Path dir = corpora.get(size);
    Report.Load load = report.load(size);
    int runs = size > 10_000 ? 1 : o.runs;
    for (int run = 0; run < runs; run++) {
      // The last run goes on loading in the same JVM: its later loads give the warm CPU cost.
      int loads = run == runs - 1 && size <= 10_000 ? 6 : 1;
      double projected = !load.coldMs.isEmpty() ? load.coldMs.max() / 1000
          : Plan.projectedSeconds(report.loads, size, l -> l.coldMs.isEmpty() ? -1 : l.coldMs.max() / 1000);
      if (projected == 0) {
        projected = Plan.unmeasuredLoadSeconds(size);
      }
      double needed = (projected + 1) * (loads == 1 ? 1.2 : 3);
      if (!time(needed)) {
        load.note = (run == 0 ? "skipped" : "stopped after " + run + " runs") + ": time budget (a load in a fresh JVM projected at "
            + Stats.num(projected) + " s, " + Stats.num(Math.max(0, left())) + " s left)";
        log("loader %,d: %s", size, load.note);
        break;
      }
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

  /**
   * JMH at short settings sized for the budget (the annotations' longer ones are for a separate run):
   * loads single-shot after 2 warm-up loads, 5 measured; parsing 2 + 5 iterations of 1 s; search and
   * related sampled over 3 iterations of 3 s after 2 of 2 s. A group that does not fit is skipped.
   */
  private void jmh() throws Exception {
    List<String> jvm = List.of("-Dbench.root=" + o.root, "-Dbench.corpora=" + Corpora.store(),
        "-Dbench.lawrefbook=" + Corpora.lawrefbook());
    List<String> smallSizes = o.sizes.stream().filter(s -> s <= 10_000).map(String::valueOf).toList();
    record Group(String name, double seconds, List<String> args) {}
    List<Group> groups = new ArrayList<>();
    if (scale) {
      if (Jmh.list(o.benchJar, jvm).stream().anyMatch(n -> n.startsWith("dev.content.bench.search."))) {
        // In process at the largest corpus that is at most 10,000 articles (the 100,000 figures come from
        // the whole-process rounds and content-search's own harness).
        int n = o.sizes.stream().filter(s -> s <= 10_000).max(Integer::compare).orElse(10_000);
        groups.add(new Group("dev.content.bench.search.", Plan.JMH_SEARCH_SECONDS,
            List.of("-p", "articles=" + n, "-wi", "2", "-w", "2s", "-i", "3", "-r", "3s")));
      } else {
        report.jmhNotes.add("search and related (dev.content.bench.search): not available — content-search benchmarks are not in this build");
      }
    }
    if (loading) {
      groups.add(new Group("dev.content.bench.ParseBenchmark", Plan.JMH_PARSE_SECONDS,
          List.of("-wi", "2", "-w", "1s", "-i", "5", "-r", "1s")));
      if (!smallSizes.isEmpty()) {
        groups.add(new Group("dev.content.bench.LoadBenchmark", Plan.JMH_LOAD_SECONDS,
            List.of("-p", "files=" + String.join(",", smallSizes), "-wi", "2", "-i", "5")));
      }
    }
    for (Group g : groups) {
      if (!time(g.seconds())) {
        report.jmhNotes.add(g.name() + ": skipped, time budget (about " + Stats.num(g.seconds()) + " s, "
            + Stats.num(Math.max(0, left())) + " s left)");
        log("JMH %s: skipped (time budget)", g.name());
        continue;
      }
      log("JMH %s", g.name());
      long t0 = System.nanoTime();
      try {
        List<String> args = new ArrayList<>(List.of("^" + g.name().replace(".", "\\.") + (g.name().endsWith(".") ? "" : "\\.")));
        args.addAll(g.args());
        Path json = Files.createTempFile("jmh", ".json");
        report.jmh.addAll(Jmh.run(o.benchJar, jvm, args, json, Duration.ofSeconds((long) Math.max(30, left()))));
        Files.deleteIfExists(json);
      } catch (IOException e) {
        report.jmhNotes.add(g.name() + ": failed — " + e.getMessage());
      }
      log("JMH %s: %.0f s", g.name(), (System.nanoTime() - t0) / 1e9);
    }
  }

  // ---- whole processes: demo-web, Hugo, nginx ----

  /**
   * A size's first start (every hidden folder of the corpus removed first, so the index is built) and
   * the Hugo build it is compared with. The start runs when it and a Hugo build long enough to decide
   * its verdicts fit, with this size's least serving part kept aside.
   */
  private void firstStartAndHugo(int size) throws Exception {
    Path dir = corpora.get(size);
    Report.Scale s = report.scale(size);
    List<String[]> truth = groundTruth(dir);
    // The page every server is measured on: the first file of the corpus.
    s.articleId = truth.get(0)[0];
    Path work = work(size);
    // A page left by an earlier run must not make nginx run when demo-web is skipped this time.
    Files.deleteIfExists(work.resolve("article.html"));
    if (!webJar()) {
      s.webNote = "not available (demo-web not built)";
    } else {
      // Kept aside: this size's least serving part (the smaller sizes' serving gives way if need be).
      double reserve = plannedServing(size);
      double ready = projectedReady(size);
      double deciding = Plan.hugoDecidingSeconds(ready, projectedFirstPage(size));
      if (!time(ready + Plan.PROCESS_OVERHEAD + deciding + reserve)) {
        s.webNote = "skipped: time budget (first start projected at " + Stats.num(ready) + " s to ready, and Hugo "
            + Stats.num(deciding) + " s to decide; " + Stats.num(Math.max(0, left())) + " s left, "
            + Stats.num(reserve) + " s kept for serving)";
        s.hugoNote = "skipped: time budget (demo-web's first start was skipped)";
        log("demo-web %,d: %s", size, s.webNote);
        return;
      }
      firstStart(size, dir, s, work, Plan.firstStartLimitSeconds(left(), reserve));
    }
    Map<String, String> categoryById = new HashMap<>();
    truth.forEach(f -> categoryById.put(f[0], f[2]));
    hugo(size, dir, categoryById, s, work);
  }

  private void firstStart(int size, Path dir, Report.Scale s, Path work, double limitSeconds) throws Exception {
    // The first start must build everything: remove what an earlier run left in hidden folders of the
    // corpus (the loader skips them; the index cache lives there). Later starts are restarts.
    try (Stream<Path> children = Files.list(dir)) {
      for (Path hidden : children.filter(c -> c.getFileName().toString().startsWith(".")).toList()) {
        Corpora.deleteTree(hidden);
      }
    }
    Started web = startWeb(size, dir, s, work, "web-0.log", Duration.ofSeconds((long) limitSeconds));
    if (web == null) {
      return;
    }
    try {
      s.firstStartPage.add(web.firstPage());
      if (web.ready().isPresent()) {
        s.firstStartReady.add(web.ready().get());
      } else if (web.process().isAlive()) {
        s.readyUnfinishedAfter = (System.nanoTime() - web.t0()) / 1e9;
      }
      Proc.get(web.base() + "/health").ifPresent(h -> s.indexState = jsonField(h.body(), "state"));
      log("demo-web %,d first start: first page %.2f s, ready %s", size, web.firstPage(),
          web.ready().map(v -> String.format(Locale.ROOT, "%.1f s", v)).orElse("not within " + (long) limitSeconds + " s"));
    } finally {
      Proc.kill(web.process());
    }
  }

  /** A started demo-web: its process, base URL, start time and the seconds to its first page and to ready. */
  private record Started(Process process, String base, long t0, double firstPage, Optional<Double> ready) {}

  /**
   * Starts demo-web on the corpus and waits (at most {@code limit}) for the article page, then for
   * {@code /health} to say ready and the search API to answer; null (with the note set) when it never
   * served the page.
   */
  private Started startWeb(int size, Path dir, Report.Scale s, Path work, String logName, Duration limit) throws Exception {
    int port = freePort();
    String base = "http://127.0.0.1:" + port;
    Path log = work.resolve(logName);
    ProcessBuilder pb = new ProcessBuilder("java", "-jar", o.webJar.toString(), "--seeds", dir.toString(),
        "--port", Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile());
    long t0 = System.nanoTime();
    Process p = pb.start();
    Optional<Double> first = Proc.waitFor(base + "/articles/" + s.articleId, t0, p, limit, b -> true);
    if (first.isEmpty()) {
      Proc.kill(p);
      s.webNote = "demo-web did not serve /articles/" + s.articleId + " within " + limit.toSeconds() + " s: "
          + Jmh.tail(Files.readString(log));
      log("demo-web %,d: %s", size, s.webNote);
      return null;
    }
    Optional<Double> ready = Proc.waitFor(base + "/health", t0, p, limit, b -> b.matches("(?s).*\"state\"\\s*:\\s*\"ready.*"));
    if (ready.isPresent()) {
      String q = URLEncoder.encode(SEARCH_QUERY, StandardCharsets.UTF_8);
      Optional<Double> searchOk = Proc.waitFor(base + "/api/search?q=" + q, t0, p, Duration.ofMinutes(1), b -> true);
      ready = Optional.of(Math.max(ready.get(), searchOk.orElse(ready.get())));
    }
    return new Started(p, base, t0, first.get(), ready);
  }

  /**
   * A size's serving figures, on restarts over the unchanged corpus: as many wrk rounds (and restarts)
   * as fit beside the least serving part of the smaller sizes (served after it) and the optional steps,
   * at least two.
   */
  private void serving(int size) throws Exception {
    Path dir = corpora.get(size);
    Report.Scale s = report.scale(size);
    Path work = work(size);
    if (!webJar()) {
      // Without demo-web nginx serves Hugo's page of the article, so its figures still exist.
      Path built = work.resolve("public/posts/" + s.articleId + "/index.html");
      if (!s.hugoBuild.isEmpty() && Files.isRegularFile(built)) {
        s.nginxNote = "nginx serves Hugo's page for the article (demo-web not available)";
        nginx(built, s, work, o.runs);
      }
      return;
    }
    if (s.firstStartPage.isEmpty()) {
      return;
    }
    double reserve = plannedOptional();
    for (int smaller : o.sizes) {
      if (smaller < size && servingAhead(smaller)) {
        reserve += plannedServing(smaller);
      }
    }
    double restart = plannedRestart(size);
    double least = Plan.servingSeconds(1, restart, o.warmupSeconds, minRounds(), o.wrkSeconds);
    if (!time(least)) {
      s.webNote = "skipped: time budget (restart and serving rounds projected at " + Stats.num(least) + " s, "
          + Stats.num(Math.max(0, left())) + " s left)";
      log("demo-web %,d serving: %s", size, s.webNote);
      return;
    }
    double available = left() - reserve;
    double base = Plan.servingSeconds(1, restart, o.warmupSeconds, 0, o.wrkSeconds);
    double round = Plan.servingRoundSeconds(o.wrkSeconds) + Plan.nginxRoundSeconds(o.wrkSeconds);
    // The least restarts and rounds first, then more rounds, then more restarts, up to --runs.
    double each = restart + Plan.PROCESS_OVERHEAD;
    // (base holds one restart.)
    int restarts = 1 + Plan.fitting(available - base - minRounds() * round, each, 0, minRestarts() - 1);
    int rounds = Plan.fitting(available - base - (restarts - 1) * each, round, minRounds(), o.runs);
    restarts = 1 + Plan.fitting(available - base - rounds * round, each, restarts - 1, Math.max(0, o.runs - 2));
    log("demo-web %,d serving: %d restarts, %d rounds (%.0f s left, %.0f s kept for what follows)", size, restarts, rounds,
        left(), reserve);
    Path page = work.resolve("article.html");
    for (int run = 1; run <= restarts; run++) {
      boolean last = run == restarts;
      if (!last && !time(plannedRestart(size) + Plan.PROCESS_OVERHEAD + Plan.servingSeconds(1, plannedRestart(size),
          o.warmupSeconds, rounds, o.wrkSeconds))) {
        continue;
      }
      Started web = startWeb(size, dir, s, work, "web-" + run + ".log", Duration.ofSeconds((long) Math.max(60, left())));
      if (web == null) {
        return;
      }
      try {
        s.restartPage.add(web.firstPage());
        web.ready().ifPresent(s.restartReady::add);
        log("demo-web %,d restart %d: first page %.2f s, ready %s", size, run, web.firstPage(),
            web.ready().map(v -> String.format(Locale.ROOT, "%.2f s", v)).orElse("never"));
        if (last) {
          serve(size, s, work, web.base(), page, rounds);
          long server = Proc.server(web.process());
          s.rss = Proc.peakRss(server);
          s.liveHeap = Proc.liveHeap(server);
        }
      } finally {
        Proc.kill(web.process());
      }
    }
    if (Files.isRegularFile(page)) {
      nginx(page, s, work, s.pageRps.count());
    }
  }

  /** The wrk rounds on a started, ready demo-web: warm-up, then article page and search pages. */
  private void serve(int size, Report.Scale s, Path work, String base, Path page, int rounds) throws Exception {
    Optional<HttpResponse<String>> html = Proc.get(base + "/articles/" + s.articleId);
    if (html.isPresent()) {
      Files.writeString(page, html.get().body());
      s.pageBytes = html.get().body().getBytes(StandardCharsets.UTF_8).length;
    }
    // A server is measured warm, as it runs for hours: unmeasured wrk load on both pages first, so that
    // the JIT has compiled the request path (nginx needs no warm-up and gets none).
    Path searches = searchScript(work.resolve("search-mix.lua"), searchQueries(groundTruth(corpora.get(size))));
    Path timedSearches = Wrk.serverTimed(work.resolve("search-mix-timed.lua"), searches, o.root);
    if (o.warmupSeconds > 0) {
      Wrk.run(base + "/articles/" + s.articleId, Math.max(1, o.warmupSeconds * 2 / 3));
      Wrk.run(base + "/", Math.max(1, o.warmupSeconds / 3), Wrk.CONNECTIONS, searches);
    }
    for (int w = 0; w < rounds && (w < minRounds() || time(Plan.servingRoundSeconds(o.wrkSeconds))); w++) {
      Wrk.run(base + "/articles/" + s.articleId, o.wrkSeconds).ifPresent(r -> {
        s.pageRps.add(r.requestsPerSecond());
        s.pageP99.add(r.p99Millis());
        s.pageErrors += r.errors();
      });
      // Search: the query mix in turn, under 64 connections (throughput; the p99 is then mostly waiting
      // in the queue) and under 2 (one request in flight per core: the time a search takes).
      Wrk.run(base + "/", o.wrkSeconds, Wrk.CONNECTIONS, searches).ifPresent(r -> {
        s.searchRps.add(r.requestsPerSecond());
        s.searchP99.add(r.p99Millis());
        s.searchErrors += r.errors();
      });
      Wrk.run(base + "/", o.wrkSeconds, 2, timedSearches).ifPresent(r -> {
        s.searchLightRps.add(r.requestsPerSecond());
        s.searchLightP99.add(r.p99Millis());
        if (!Double.isNaN(r.serverP99Millis())) {
          s.searchLightServerP99.add(r.serverP99Millis());
        }
        s.searchErrors += r.errors();
      });
    }
    log("demo-web %,d: %d serving rounds", size, s.pageRps.count());
  }

  private static Path work(int size) throws IOException {
    Path work = Corpora.store().resolve("work-n" + size);
    Files.createDirectories(work);
    return work;
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

  /**
   * Hugo's first build of a size, run right after demo-web's first start: to the end when it is
   * projected to fit beside what the later steps need, else only as long as deciding demo-web's
   * start-up verdicts takes (a build stopped then bounds Hugo's time from below, above demo-web's).
   * Builds of a few seconds repeat here; longer ones repeat at the end, from what is left.
   */
  private void hugo(int size, Path dir, Map<String, String> categoryById, Report.Scale s, Path work)
      throws Exception {
    if (!Proc.exists("hugo")) {
      s.hugoNote = "not available (hugo not installed)";
      return;
    }
    Path site = hugoSite(size);
    if (!Files.isRegularFile(site.resolve("config.toml"))) {
      log("hugo %,d: writing Markdown site", size);
      Corpora.deleteTree(site);
      Corpus corpus = SeedLoader.create().load(dir).corpus();
      HugoSite.write(site, corpus.fullArticles(), categoryById, corpus.zone());
    }
    double ready = s.firstStartReady.isEmpty() ? Math.max(0, s.readyUnfinishedAfter) : s.firstStartReady.max();
    double deciding = Plan.hugoDecidingSeconds(ready, s.firstStartPage.isEmpty() ? 0 : s.firstStartPage.max());
    double reserve = plannedOptional();
    for (int other : o.sizes) {
      if (servingAhead(other)) {
        reserve += plannedServing(other);
      }
      if (other > size && servingAhead(other)) {
        double r = projectedReady(other);
        reserve += r + Plan.PROCESS_OVERHEAD + Plan.hugoDecidingSeconds(r, projectedFirstPage(other));
      }
    }
    double projected = projectedHugo(size);
    double limit = Math.min(Plan.hugoLimitSeconds(deciding, projected, left() - reserve), left());
    if (!Plan.hugoWorthRunning(limit, deciding)) {
      s.hugoNote = "skipped: time budget (" + Stats.num(Math.max(0, left())) + " s left)";
      return;
    }
    log("hugo %,d: first build, at most %.0f s (%s)", size, limit,
        limit <= deciding + 1 ? "enough to decide the verdicts" : "what the later steps leave");
    build(size, site, s, work, limit, limit <= deciding + 1 && deciding > 0);
    // A build of a few seconds repeats here: waiting for the end would gain nothing.
    while (!s.hugoBuild.isEmpty() && s.hugoBuild.max() < 10 && s.hugoBuild.count() < o.runs && time(s.hugoBuild.max() * 1.5 + 5)) {
      build(size, site, s, work, Math.max(30, left()), false);
    }
  }

  /** More Hugo builds of a size whose first build finished, as many as fit, up to {@code --runs}. */
  private void moreHugoBuilds(int size) throws Exception {
    Report.Scale s = report.scale(size);
    if (s.hugoBuild.isEmpty() || s.hugoBuild.count() >= o.runs) {
      return;
    }
    Path site = hugoSite(size);
    while (s.hugoBuild.count() < o.runs) {
      if (!time(s.hugoBuild.max() * 1.2 + 5)) {
        s.hugoNote = s.hugoBuild.count() + " of " + o.runs + " builds: time budget (a build takes about "
            + Stats.num(s.hugoBuild.max()) + " s, " + Stats.num(Math.max(0, left())) + " s left)";
        log("hugo %,d: %s", size, s.hugoNote);
        return;
      }
      build(size, site, s, work(size), Math.max(30, left()), false);
    }
  }

  private double projectedHugo(int size) {
    return Plan.projectedSeconds(report.scales, size, x -> x.hugoBuild.isEmpty() ? -1 : x.hugoBuild.max());
  }

  private static Path hugoSite(int size) {
    return Corpora.store().resolve("hugo-n" + size + "-v" + CorpusGenerator.VERSION);
  }

  /** One Hugo build into an empty folder, stopped after {@code limitSeconds}. */
  private void build(int size, Path site, Report.Scale s, Path work, double limitSeconds, boolean deciding) throws Exception {
    Path out = work.resolve("public");
    Corpora.deleteTree(out);
    Proc.Result r = Proc.run(List.of("/usr/bin/time", "-f", "rss=%M", "hugo", "--quiet", "--source", site.toString(),
        "--destination", out.toString()), null, Duration.ofMillis((long) (limitSeconds * 1000)));
    if (s.hugoVersion.isEmpty()) {
      s.hugoVersion = Proc.shell("hugo version").replaceAll(" BuildDate.*", "");
    }
    if (r.exit() == 124) {
      s.hugoUnfinishedAfter = r.seconds();
      s.hugoNote = "Hugo build did not finish within " + Stats.num(r.seconds()) + " s ("
          + (deciding ? "stopped once it bounded the verdicts" : "time budget") + ")";
      log("hugo %,d: %s", size, s.hugoNote);
      return;
    }
    if (!r.ok()) {
      s.hugoNote = "hugo failed: " + Jmh.tail(r.err());
      return;
    }
    s.hugoBuild.add(r.seconds());
    String rss = keyValues(r.err()).get("rss");
    if (rss != null) {
      s.hugoRss = Long.parseLong(rss) * 1024;
    }
    log("hugo %,d build %d: %.1f s", size, s.hugoBuild.count(), r.seconds());
  }

  private void nginx(Path page, Report.Scale s, Path work, int rounds) throws Exception {
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
      for (int w = 0; w < Math.max(1, rounds) && (w < minRounds() || time(Plan.nginxRoundSeconds(o.wrkSeconds))); w++) {
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
    // Without hidden folders: the index cache an earlier run left there is not part of the corpus.
    String du = Proc.shell("du -sb --exclude='.*' " + dir + " | cut -f1");
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

package dev.content.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What one harness run measured, and how it is written into BENCHMARKS.md. */
final class Report {
  static final String LOADING_HEADING = "## Loading (content-loader)";
  static final String SCALE_HEADING = "## At scale: demo-web beside Hugo and nginx (bench/run.sh)";
  static final String LOADING_BEGIN = "<!-- harness:loading:begin (rewritten by bench/run.sh) -->";
  static final String LOADING_END = "<!-- harness:loading:end -->";
  static final String SCALE_BEGIN = "<!-- harness:scale:begin (rewritten by bench/run.sh) -->";
  static final String SCALE_END = "<!-- harness:scale:end -->";

  String date;
  int wrkSeconds;
  int warmupSeconds;
  String command;
  String machine;
  String loadBefore;
  String loadAfter;
  double minutes;
  final Map<Integer, CorpusInfo> corpora = new TreeMap<>();
  final Map<Integer, Load> loads = new TreeMap<>();
  final Map<Integer, Scale> scales = new TreeMap<>();
  final List<Jmh.Result> jmh = new ArrayList<>();
  final List<String> jmhNotes = new ArrayList<>();
  /** Seconds each part of the run took, in the order they ran (the build, when bench/run.sh built). */
  final Map<String, Double> timeline = new java.util.LinkedHashMap<>();

  record CorpusInfo(int files, long bytes, long diskBytes, double seconds) {}

  /** The loader in fresh JVMs. */
  static final class Load {
    final Stats coldMs = new Stats();
    final Stats coldCpuMs = new Stats();
    final Stats warmMs = new Stats();
    final Stats warmCpuMs = new Stats();
    final Stats heap = new Stats();
    final Stats rss = new Stats();
    int errors;
    String note = "";
  }

  /** Whole-process figures at one corpus size. */
  static final class Scale {
    String articleId = "";
    final Stats firstStartPage = new Stats();
    final Stats restartPage = new Stats();
    final Stats firstStartReady = new Stats();
    final Stats restartReady = new Stats();
    String indexState = "";
    final Stats pageRps = new Stats();
    final Stats pageP99 = new Stats();
    final Stats searchRps = new Stats();
    final Stats searchP99 = new Stats();
    final Stats searchLightRps = new Stats();
    final Stats searchLightP99 = new Stats();
    /** The same run's p99 of the time demo-web spent on the pages it made (their Server-Timing). */
    final Stats searchLightServerP99 = new Stats();
    /** Seconds after which a Hugo build was stopped by the budget (a lower bound of its build time), or -1. */
    double hugoUnfinishedAfter = -1;
    /** Seconds after which demo-web's first start was stopped before it reported ready, or -1. */
    double readyUnfinishedAfter = -1;
    final Stats nginxRps = new Stats();
    final Stats nginxP99 = new Stats();
    long pageErrors;
    long searchErrors;
    long pageBytes = -1;
    long rss = -1;
    long liveHeap = -1;
    final Stats hugoBuild = new Stats();
    long hugoRss = -1;
    String hugoVersion = "";
    String nginxVersion = "";
    String webNote = "";
    String hugoNote = "";
    String nginxNote = "";
  }

  Load load(int size) {
    return loads.computeIfAbsent(size, k -> new Load());
  }

  Scale scale(int size) {
    return scales.computeIfAbsent(size, k -> new Scale());
  }

  /** Replaces the harness parts of the file, adding the sections if they are missing. */
  void rewrite(Path file, boolean withLoading, boolean withScale) throws IOException {
    String text = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n";
    if (withLoading) {
      text = replace(text, LOADING_HEADING, LOADING_BEGIN, LOADING_END, loading());
    }
    if (withScale) {
      text = replace(text, SCALE_HEADING, SCALE_BEGIN, SCALE_END, scale());
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static String replace(String text, String heading, String begin, String end, String body) {
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    String block = begin + "\n" + body + end;
    if (b >= 0 && e > b) {
      return text.substring(0, b) + block + text.substring(e + end.length());
    }
    int h = text.indexOf(heading);
    if (h >= 0) {
      int next = text.indexOf("\n## ", h + heading.length());
      int at = next < 0 ? text.length() : next + 1;
      return text.substring(0, at) + "\n" + block + "\n" + text.substring(at);
    }
    return text.stripTrailing() + "\n\n" + heading + "\n\n" + block + "\n";
  }

  String loading() {
    StringBuilder sb = new StringBuilder();
    sb.append("Measured ").append(date).append(" by `").append(command).append("` (load average before ")
        .append(loadBefore).append(", after ").append(loadAfter).append(").\n\n");
    sb.append("| corpus | size on disk | warm load, JMH (ms) | files/s | MB/s | cold load in a fresh JVM (ms) | CPU of the cold load (ms) | warm load, fresh JVM (ms) | CPU of a warm load (ms) | heap after load (live) | peak RSS | target: 10,000 files < 1 s |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Map.Entry<Integer, CorpusInfo> c : corpora.entrySet()) {
      int n = c.getKey();
      CorpusInfo info = c.getValue();
      Jmh.Result warm = jmh.stream().filter(r -> r.benchmark().endsWith("LoadBenchmark.loadFolder")
          && String.valueOf(n).equals(r.params().get("files"))).findFirst().orElse(null);
      Load l = loads.get(n);
      String filesPerS = "—";
      String mbPerS = "—";
      String verdict = "";
      if (warm != null && !warm.iterations().isEmpty()) {
        double s = warm.iterations().median() / 1000;
        filesPerS = Stats.num(n / s);
        mbPerS = Stats.num(info.bytes() / 1e6 / s);
        if (n == 10_000) {
          verdict = s < 1 ? "met (warm)" : "missed (warm " + Stats.num(s) + " s)";
        }
      }
      if (n == 10_000 && l != null && !l.coldMs.isEmpty()) {
        verdict += (verdict.isEmpty() ? "" : "; ") + (l.coldMs.median() < 1000 ? "met cold" : "cold " + Stats.num(l.coldMs.median() / 1000) + " s");
      }
      sb.append("| ").append(String.format(Locale.ROOT, "%,d", n)).append(" files | ")
          .append(mb(info.bytes())).append(" | ")
          .append(warm == null ? "—" : warm.iterations().format("")).append(" | ")
          .append(filesPerS).append(" | ").append(mbPerS).append(" | ")
          .append(l == null ? "—" : l.coldMs.format("")).append(" | ")
          .append(l == null ? "—" : l.coldCpuMs.format("")).append(" | ")
          .append(l == null ? "—" : l.warmMs.format("")).append(" | ")
          .append(l == null ? "—" : l.warmCpuMs.format("")).append(" | ")
          .append(l == null || l.heap.isEmpty() ? "—" : mb(l.heap.median()) + " (" + Stats.num(l.heap.median() / info.bytes()) + "× files)")
          .append(" | ")
          .append(l == null || l.rss.isEmpty() ? "—" : mb(l.rss.median())).append(" | ")
          .append(verdict.isEmpty() ? "—" : verdict).append(" |\n");
      if (l != null && !l.note.isEmpty()) {
        sb.append("\nNote (").append(n).append("): ").append(l.note).append("\n\n");
      }
    }
    jmh.stream().filter(r -> r.benchmark().endsWith("ParseBenchmark.parseFile") && !r.iterations().isEmpty())
        .findFirst().ifPresent(r -> sb.append("\nParsing alone (JMH `ParseBenchmark`: one thread, the 1,000 files' bytes already in memory): ")
            .append(r.iterations().format(" " + r.unit().replace("/op", " per file"))).append(" = ")
            .append(Stats.num(1e6 / r.iterations().median())).append(" files/s per core.\n"));
    sb.append("\nWarm load: JMH `LoadBenchmark` (single-shot loads after 2 warm-up loads, 5 measured, one fork, `-Xmx2g`). ")
        .append("Cold load: `LoadOnce`, the first load in a new JVM (JVM start excluded, JIT cold), as an application meets it at start-up; warm load in a fresh JVM: loads 4–6 of one `LoadOnce DIR 6` run. ")
        .append("CPU is the process CPU time during the load (both cores, JIT and GC included): on a shared machine it shows the cost even when the wall time is stretched by other load.\n");
    return sb.toString();
  }

  String scale() {
    StringBuilder sb = new StringBuilder();
    sb.append("Measured ").append(date).append(" by `").append(command).append("` in ")
        .append(Stats.num(minutes)).append(" min").append(timeline.containsKey("build") ? ", build included" : "")
        .append(" (load average before ").append(loadBefore).append(", after ")
        .append(loadAfter).append("). Every figure is the median of its runs with min–max and n; ")
        .append("references ran in the same run on the same machine.\n\n");
    sb.append("<details><summary>Machine</summary>\n\n```text\n").append(machine).append("\n```\n</details>\n\n");
    sb.append("Corpora (generator seed 1, category folders): ");
    List<String> cs = new ArrayList<>();
    corpora.forEach((n, c) -> cs.add(String.format(Locale.ROOT, "%,d articles = %s of article files (%s on disk)", n, mb(c.bytes()), mb(c.diskBytes()))));
    sb.append(String.join("; ", cs)).append(".\n\n");
    sb.append("| figure | corpus | demo | reference (same run) | ratio | target | verdict |\n");
    sb.append("|---|---|---|---|---|---|---|\n");
    for (Map.Entry<Integer, Scale> e : scales.entrySet()) {
      int n = e.getKey();
      Scale s = e.getValue();
      String size = String.format(Locale.ROOT, "%,d", n);
      String hugo = s.hugoBuild.isEmpty() ? na(s.hugoNote) : "Hugo build " + s.hugoBuild.format(" s");
      // A Hugo build stopped by the budget bounds its time from below: compare with that bound.
      boolean bounded = s.hugoBuild.isEmpty() && s.hugoUnfinishedAfter > 0;
      Stats hugoRef = bounded ? Stats.of(List.of(s.hugoUnfinishedAfter)) : s.hugoBuild;
      String bound = bounded ? " (Hugo unfinished: bound)" : "";
      boolean web = !s.firstStartPage.isEmpty() || !s.restartPage.isEmpty();
      Stats startPage = merged(s.firstStartPage, s.restartPage);
      row(sb, "`java -jar demo-web.jar` → first article page", size, web ? startPage.format(" s") : na(s.webNote), hugo,
          ratio(startPage, hugoRef, bound), n >= 10_000 ? "< ⅓ of Hugo" : "—",
          n >= 10_000 ? verdict(startPage, hugoRef, 1.0 / 3, bounded) : "—");
      Stats ready = merged(s.firstStartReady, s.restartReady);
      row(sb, "start → search and related ready (first start)", size,
          s.firstStartReady.isEmpty() ? (s.readyUnfinishedAfter > 0 ? "not ready within " + Stats.num(s.readyUnfinishedAfter)
              + " s (time budget; index state: " + s.indexState + ")" : web ? "never reported ready (index state: " + s.indexState + ")" : na(s.webNote))
              : s.firstStartReady.format(" s"),
          hugo, ratio(s.firstStartReady, hugoRef, bound), "≤ Hugo", verdict(s.firstStartReady, hugoRef, 1.0, bounded));
      row(sb, "restart, unchanged corpus → ready", size,
          s.restartReady.isEmpty() ? (web && s.webNote.isEmpty() ? "—" : na(s.webNote)) : s.restartReady.format(" s"), "—", "—",
          n >= 100_000 ? "< 2 s" : "—", n >= 100_000 && !s.restartReady.isEmpty() ? (s.restartReady.median() < 2 ? "met" : "missed") : "—");
      String nginx = s.nginxRps.isEmpty() ? na(s.nginxNote) : "nginx " + s.nginxRps.format(" req/s");
      row(sb, "article page, wrk -c64: requests/s", size, s.pageRps.isEmpty() ? na(s.webNote) : s.pageRps.format(" req/s")
          + (s.pageErrors > 0 ? " (" + s.pageErrors + " non-2xx)" : ""), nginx, ratio(s.pageRps, s.nginxRps), "≥ 0.5 × nginx",
          s.pageRps.isEmpty() || s.nginxRps.isEmpty() ? "—" : (s.pageRps.median() / s.nginxRps.median() >= 0.5 ? "met" : "missed"));
      row(sb, "article page, wrk -c64: p99", size, s.pageP99.isEmpty() ? na(s.webNote) : s.pageP99.format(" ms"),
          s.nginxP99.isEmpty() ? "—" : "nginx " + s.nginxP99.format(" ms"), "—", "< 10 ms",
          s.pageP99.isEmpty() ? "—" : (s.pageP99.median() < 10 ? "met" : "missed"));
      row(sb, "search page, " + String.format(Locale.ROOT, "%,d", Harness.SEARCH_QUERIES) + " distinct queries in turn, wrk -c64: requests/s", size,
          s.searchRps.isEmpty() ? na(s.webNote) : s.searchRps.format(" req/s") + (s.searchErrors > 0 ? " (" + s.searchErrors + " non-2xx)" : ""),
          "—", "—", "—", "—");
      row(sb, "search page, wrk -c64: p99 (mostly time queued)", size, s.searchP99.isEmpty() ? na(s.webNote) : s.searchP99.format(" ms"),
          "—", "—", "—", "—");
      row(sb, "search page, wrk -c2 (one request per core): p99", size,
          s.searchLightP99.isEmpty() ? na(s.webNote) : s.searchLightP99.format(" ms") + " at " + s.searchLightRps.format(" req/s"),
          "—", "—", n >= 100_000 ? "< 20 ms" : "—",
          n >= 100_000 && !s.searchLightP99.isEmpty() ? (s.searchLightP99.median() < 20 ? "met" : "missed") : "—");
      row(sb, "search page, wrk -c2: p99 of the time in demo-web (Server-Timing of the pages it made)", size,
          s.searchLightServerP99.isEmpty() ? na(s.webNote) : s.searchLightServerP99.format(" ms"), "—", "—", "—", "—");
      CorpusInfo c = corpora.get(n);
      row(sb, "live heap after full GC, everything loaded", size, s.liveHeap < 0 ? na(s.webNote) : mb(s.liveHeap),
          "corpus files " + mb(c.bytes()), s.liveHeap < 0 ? "—" : Stats.num((double) s.liveHeap / c.bytes()) + "×",
          "< 3 × corpus", s.liveHeap < 0 ? "—" : ((double) s.liveHeap / c.bytes() < 3 ? "met" : "missed"));
      row(sb, "peak RSS", size, s.rss < 0 ? na(s.webNote) : mb(s.rss), s.hugoRss < 0 ? "—" : "Hugo peak RSS " + mb(s.hugoRss),
          s.rss < 0 ? "—" : Stats.num((double) s.rss / c.bytes()) + "× corpus", "—", "—");
    }
    growth(sb);
    sb.append("\nArticle page and nginx: the same page (`/articles/ID` of demo-web, saved as a static file for nginx; ")
        .append("Hugo's page of the same article when demo-web is missing), `wrk -t2 -c64 -d").append(wrkSeconds).append("s --latency` on the same 2 cores as the server, demo-web after ").append(warmupSeconds)
        .append(" s of unmeasured wrk load on its article and search pages (JIT warm-up; nginx gets none). ")
        .append("Search at 2 connections: the wrk script also collects each page's `Server-Timing` (`bench/server-timing.lua`: the time from ")
        .append("Javalin's first handler to the page's write), whose p99 is the search as the server sees it; pages answered from ")
        .append("the cache of recent search pages carry none. ")
        .append("Hugo: `hugo --quiet` into an empty folder, the corpus as Markdown with categories and `.Site.RegularPages.Related` (categories, date) on every page. ");
    scales.values().stream().filter(s -> !s.hugoVersion.isEmpty()).findFirst().ifPresent(s -> sb.append(s.hugoVersion).append("; "));
    scales.values().stream().filter(s -> !s.nginxVersion.isEmpty()).findFirst().ifPresent(s -> sb.append(s.nginxVersion).append("."));
    if (!timeline.isEmpty()) {
      List<String> parts = new ArrayList<>();
      timeline.forEach((k, v) -> parts.add(k + " " + Stats.num(v) + " s"));
      sb.append("\n\nWhere the run's time went: ").append(String.join("; ", parts)).append(".");
    }
    sb.append("\n\n### In-process figures (JMH)\n\n| benchmark | median (min–max, n iterations), or percentiles of sampled calls | unit |\n|---|---|---|\n");
    for (Jmh.Result r : jmh) {
      sb.append("| ").append(r.label()).append(" | ").append(r.format()).append(" | ").append(r.unit()).append(" |\n");
    }
    if (!jmh.isEmpty()) {
      sb.append("\nJMH at the harness's short settings, one fork each: search and related sampled over 3 iterations of 3 s after 2 of 2 s; ")
          .append("loads single-shot, 5 after 2 warm-up loads; parsing 5 iterations of 1 s after 2.\n");
    }
    if (jmh.isEmpty() && jmhNotes.isEmpty()) {
      sb.append("\n- JMH was not run in this harness run (`--no-jmh`).");
    }
    for (String note : jmhNotes) {
      sb.append("\n- ").append(note);
    }
    sb.append("\n");
    return sb.toString();
  }

  private void growth(StringBuilder sb) {
    if (scales.size() < 2) {
      return;
    }
    int small = scales.keySet().stream().min(Integer::compare).orElseThrow();
    int large = scales.keySet().stream().max(Integer::compare).orElseThrow();
    Scale a = scales.get(small);
    Scale b = scales.get(large);
    double factor = (double) large / small;
    String label = String.format(Locale.ROOT, "%,d → %,d (× %s)", small, large, Stats.num(factor));
    Stats sa = merged(a.firstStartPage, a.restartPage);
    Stats sb2 = merged(b.firstStartPage, b.restartPage);
    row(sb, "growth: start-up to first page", label, grow(sa, sb2),
        a.hugoBuild.isEmpty() || b.hugoBuild.isEmpty() ? "—" : "Hugo " + grow(a.hugoBuild, b.hugoBuild), "—",
        "linear or better (≤ × " + Stats.num(factor) + ")", sa.isEmpty() || sb2.isEmpty() ? "—"
            : (sb2.median() / sa.median() <= factor * 1.1 ? "met" : "missed"));
    row(sb, "growth: live heap", label, a.liveHeap < 0 || b.liveHeap < 0 ? "—" : "× " + Stats.num((double) b.liveHeap / a.liveHeap),
        "—", "—", "linear or better", a.liveHeap < 0 || b.liveHeap < 0 ? "—" : ((double) b.liveHeap / a.liveHeap <= factor * 1.1 ? "met" : "missed"));
    row(sb, "growth: article page p99", label, grow(a.pageP99, b.pageP99), "—", "—", "flat",
        a.pageP99.isEmpty() || b.pageP99.isEmpty() ? "—" : (b.pageP99.median() <= a.pageP99.median() * 1.5 + 1 ? "met" : "missed"));
  }

  private static String grow(Stats a, Stats b) {
    return a.isEmpty() || b.isEmpty() ? "—" : "× " + Stats.num(b.median() / a.median());
  }

  private static Stats merged(Stats a, Stats b) {
    return a.concat(b);
  }

  private static void row(StringBuilder sb, String figure, String size, String ours, String ref, String ratio,
      String target, String verdict) {
    sb.append("| ").append(figure).append(" | ").append(size).append(" | ").append(ours).append(" | ")
        .append(ref).append(" | ").append(ratio).append(" | ").append(target).append(" | ").append(verdict).append(" |\n");
  }

  private static String ratio(Stats ours, Stats ref) {
    return ratio(ours, ref, "");
  }

  private static String ratio(Stats ours, Stats ref, String note) {
    return ours.isEmpty() || ref.isEmpty() ? "—" : (note.isEmpty() ? "" : "< ") + Stats.num(ours.median() / ref.median()) + "×" + note;
  }

  /**
   * Met or missed; against a Hugo build stopped unfinished ({@code bounded}: its time is only known to
   * be longer) a ratio above the limit decides nothing.
   */
  static String verdict(Stats ours, Stats ref, double limit, boolean bounded) {
    if (ours.isEmpty() || ref.isEmpty()) {
      return "—";
    }
    if (ours.median() / ref.median() <= limit) {
      return "met";
    }
    return bounded ? "not decided (Hugo stopped too early)" : "missed";
  }

  private static String na(String note) {
    return note == null || note.isEmpty() ? "—" : note;
  }

  static String mb(double bytes) {
    return bytes >= 1e9 ? String.format(Locale.ROOT, "%.2f GB", bytes / 1e9)
        : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}

package dev.content.bench.categories;

import dev.content.core.Article;
import dev.content.core.Block;
import dev.content.core.CategoryAssignment;
import dev.content.core.Corpus;
import dev.content.core.Inline;
import dev.content.generator.CorpusGenerator;
import dev.content.loader.LoadResult;
import dev.content.loader.SeedLoader;
import dev.content.loader.SeedWriter;
import dev.content.search.NeighbourClassifier;
import dev.content.search.SimilarityIndex;
import dev.content.search.TermMode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Measures labelled-neighbour categorisation (issue 3) on real data, through the public path a user
 * meets: seed files in a folder, {@link SeedLoader#load}, {@link NeighbourClassifier#classify}.
 *
 * <pre>
 * thucnews DATA [--work DIR] [--k N] [--power P] [--mode BOTH|BIGRAMS|WORDS]
 *     [--loo] [--grid]
 *     DATA/thucnews-titles: dev.txt titles become one-paragraph articles under folders named by class
 *     (class.txt), test.txt titles sit at the top unlabelled; report accuracy and per-class F1 on test.
 *     --loo instead classifies each dev article by the other dev articles (for tuning without test);
 *     --grid (with --loo or for lawrefbook) adds accuracy for a grid of k and power.
 *     --profile-weight W, --temperature T, --term-weight W, --term-temperature T and
 *     --learn-unlabelled true|false set the classifier's blend.
 *     Unset options take NeighbourClassifier's defaults; --idf BODY,TITLE and --title-share S build
 *     the similarity index with those SimilarityIndex settings and pass it to classify(corpus, index).
 * lawrefbook DATA [--work DIR] [--k N] [--power P] [--mode …]
 *     DATA/lawrefbook through the project's generator (one article per document, folders = top
 *     category); leave-one-out accuracy.
 * </pre>
 *
 * DATA is the shared data folder (e.g. {@code ../shared/data}); when the data set is missing the
 * harness says so and exits 0.
 */
public final class CategoryQuality {
  private CategoryQuality() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: CategoryQuality thucnews|lawrefbook DATA [--work DIR] [--k N] [--power P]"
          + " [--mode BOTH|BIGRAMS|WORDS] [--loo] [--grid]");
      System.exit(2);
    }
    Map<String, String> opts = new HashMap<>();
    for (int i = 2; i < args.length; i++) {
      if (args[i].equals("--loo")) {
        opts.put("loo", "true");
      } else if (args[i].equals("--grid")) {
        GRID = true;
      } else if (i + 1 < args.length) {
        opts.put(args[i].replaceFirst("^--", ""), args[++i]);
      }
    }
    NeighbourClassifier.Builder b = NeighbourClassifier.builder();
    Optional.ofNullable(opts.get("k")).ifPresent(k -> b.k(Integer.parseInt(k)));
    Optional.ofNullable(opts.get("power")).ifPresent(p -> b.power(Double.parseDouble(p)));
    Optional.ofNullable(opts.get("mode")).ifPresent(m -> b.termMode(TermMode.valueOf(m)));
    Optional.ofNullable(opts.get("profile-weight")).ifPresent(w -> b.profileWeight(Double.parseDouble(w)));
    Optional.ofNullable(opts.get("temperature")).ifPresent(t -> b.profileTemperature(Double.parseDouble(t)));
    Optional.ofNullable(opts.get("term-weight")).ifPresent(w -> b.termWeight(Double.parseDouble(w)));
    Optional.ofNullable(opts.get("term-temperature")).ifPresent(t -> b.termTemperature(Double.parseDouble(t)));
    Optional.ofNullable(opts.get("learn-unlabelled")).ifPresent(l -> b.learnFromUnlabelled(Boolean.parseBoolean(l)));
    NeighbourClassifier classifier = b.build();
    Optional.ofNullable(opts.get("idf")).ifPresent(v -> {
      String[] f = v.split(",");
      IDF = new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])};
    });
    Optional.ofNullable(opts.get("title-share")).ifPresent(v -> TITLE_SHARE = Double.parseDouble(v));
    TermMode mode = classifier.termMode();
    Path data = Path.of(args[1]);
    Path work = Path.of(opts.getOrDefault("work", System.getProperty("java.io.tmpdir") + "/content-bench-categories"));
    Report r;
    switch (args[0]) {
      case "thucnews" -> {
        Path dir = data.resolve("thucnews-titles");
        if (!Files.isRegularFile(dir.resolve("dev.txt"))) {
          System.out.println("SKIPPED: " + dir + " not found (pass the shared data folder)");
          return;
        }
        r = thucnews(dir, work.resolve("thucnews"), classifier, mode, opts.containsKey("loo"));
      }
      case "lawrefbook" -> {
        Path dir = data.resolve("lawrefbook");
        if (!Files.isRegularFile(dir.resolve("MANIFEST.tsv"))) {
          System.out.println("SKIPPED: " + dir + " not found (pass the shared data folder)");
          return;
        }
        r = lawrefbook(dir, work.resolve("lawrefbook"), classifier, mode);
      }
      default -> throw new IllegalArgumentException("unknown data set: " + args[0]);
    }
    System.out.printf(Locale.ROOT, "settings: mode=%s k=%d power=%s profile-weight=%s temperature=%s"
        + " term-weight=%s term-temperature=%s learn-unlabelled=%s idf=%s title-share=%s%n", mode, classifier.k(),
        classifier.power(), classifier.profileWeight(), classifier.profileTemperature(), classifier.termWeight(),
        classifier.termTemperature(), classifier.learnFromUnlabelled(), IDF == null ? "index default" : IDF[0] + "," + IDF[1],
        TITLE_SHARE == null ? "index default" : TITLE_SHARE);
    r.print(System.out);
  }

  /** Writes the THUCNews corpus folder (when not there yet), loads and classifies it. */
  static Report thucnews(Path dir, Path work, NeighbourClassifier classifier, TermMode mode, boolean loo)
      throws IOException {
    List<String> classes = Files.readAllLines(dir.resolve("class.txt"), StandardCharsets.UTF_8).stream()
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
    List<String[]> dev = rows(dir.resolve("dev.txt"));
    List<String[]> test = rows(dir.resolve("test.txt"));
    Map<String, String> truth = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    boolean fresh = !Files.isDirectory(work);
    if (fresh) {
      Files.createDirectories(work);
    }
    for (int i = 0; i < dev.size(); i++) {
      String cls = classes.get(Integer.parseInt(dev.get(i)[1]));
      String id = String.format(Locale.ROOT, "%016x", 0x1000000L + i);
      if (fresh) {
        write(work.resolve(cls).resolve(String.format(Locale.ROOT, "%05d_%s.txt", i, id)), id, dev.get(i)[0], i);
      }
      if (loo) {
        truth.put(id, cls);
      }
    }
    for (int i = 0; i < test.size(); i++) {
      String id = String.format(Locale.ROOT, "%016x", 0x2000000L + i);
      if (fresh) {
        write(work.resolve(String.format(Locale.ROOT, "%05d_%s.txt", i, id)), id, test.get(i)[0], dev.size() + i);
      }
      if (!loo) {
        truth.put(id, classes.get(Integer.parseInt(test.get(i)[1])));
      }
    }
    long t1 = System.nanoTime();
    Report r = loo ? leaveOneOut(work, classifier, mode, truth) : classifyUnlabelled(work, classifier, truth);
    r.note("corpus folder: " + work + (fresh ? String.format(Locale.ROOT, " (written in %.1f s)", (t1 - t0) / 1e9)
        : " (reused)"));
    return r;
  }

  /** Generates one article per lawrefbook document under its category folder; leave-one-out. */
  static Report lawrefbook(Path dir, Path work, NeighbourClassifier classifier, TermMode mode) throws IOException {
    int documents = (int) Files.lines(dir.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8).count() - 1;
    if (!Files.isDirectory(work)) {
      CorpusGenerator.builder(dir).count(documents).seed(1).folders(true).build().writeTo(work);
    }
    Map<String, String> truth = new LinkedHashMap<>();
    for (String line : Files.readAllLines(work.resolve(CorpusGenerator.GROUND_TRUTH), StandardCharsets.UTF_8)) {
      String[] f = line.split("\t");
      if (f.length > 1 && !line.startsWith("#") && !f[0].equals("id")) {
        truth.put(f[0], f[1]);
      }
    }
    Report r = leaveOneOut(work, classifier, mode, truth);
    r.note("corpus folder: " + work + " (" + documents + " documents)");
    return r;
  }

  private static Report classifyUnlabelled(Path work, NeighbourClassifier classifier, Map<String, String> truth)
      throws IOException {
    long t0 = System.nanoTime();
    LoadResult loaded = SeedLoader.create().load(work);
    long t1 = System.nanoTime();
    NeighbourClassifier.Result result = IDF == null && TITLE_SHARE == null ? classifier.classify(loaded.corpus())
        : classifier.classify(loaded.corpus(), index(loaded.corpus(), classifier.termMode()));
    long t2 = System.nanoTime();
    Report r = new Report("THUCNews titles: test.txt classified by dev.txt neighbours");
    for (Map.Entry<String, String> e : truth.entrySet()) {
      Article a = result.corpus().require(e.getKey());
      r.add(e.getValue(), a.primaryCategory().orElse("?"));
    }
    r.note(String.format(Locale.ROOT, "load %.1f s (%d files), classify %.1f s (index + %d votes), total %.1f s",
        (t1 - t0) / 1e9, loaded.files().size(), (t2 - t1) / 1e9, result.classified() + result.unresolved(),
        (t2 - t0) / 1e9));
    return r;
  }

  private static Report leaveOneOut(Path work, NeighbourClassifier classifier, TermMode mode,
      Map<String, String> truth) throws IOException {
    long t0 = System.nanoTime();
    LoadResult loaded = SeedLoader.create().load(work);
    long t1 = System.nanoTime();
    Corpus corpus = loaded.corpus();
    SimilarityIndex index = index(corpus, mode);
    Map<String, String> labels = NeighbourClassifier.labels(corpus);
    NeighbourClassifier.Model model = classifier.model(corpus, index, labels);
    List<String> ids = new ArrayList<>(truth.keySet());
    List<String> predicted = ids.parallelStream()
        .map(id -> model.vote(id).map(CategoryAssignment::slug).orElse("?"))
        .toList();
    long t2 = System.nanoTime();
    if (GRID) {
      grid(corpus, index, labels, ids, truth, classifier);
    }
    Report r = new Report("leave-one-out over " + work.getFileName());
    for (int i = 0; i < ids.size(); i++) {
      r.add(labels.getOrDefault(ids.get(i), truth.get(ids.get(i))), predicted.get(i));
    }
    r.note(String.format(Locale.ROOT, "load %.1f s (%d files), index + %d votes %.1f s, total %.1f s",
        (t1 - t0) / 1e9, loaded.files().size(), ids.size(), (t2 - t1) / 1e9, (t2 - t0) / 1e9));
    return r;
  }

  static boolean GRID = false;
  static double[] IDF;
  static Double TITLE_SHARE;

  /** The similarity index for the corpus: the classifier's own unless --idf or --title-share are given. */
  static SimilarityIndex index(Corpus corpus, TermMode mode) {
    SimilarityIndex.Builder b = SimilarityIndex.builder().termMode(mode).evidenceTerms(3);
    if (IDF != null) {
      b.idfPowers(IDF[0], IDF[1]);
    }
    if (TITLE_SHARE != null) {
      b.titleShare(TITLE_SHARE);
    }
    return b.addAll(corpus).build();
  }

  /**
   * Accuracy for a grid of profile weight × temperature (the classifier's k and power), then of k × power
   * (the classifier's profile settings), from one retrieval of the 60 nearest voters.
   */
  private static void grid(Corpus corpus, SimilarityIndex index, Map<String, String> labels, List<String> ids,
      Map<String, String> truth, NeighbourClassifier base) {
    NeighbourClassifier.Model wide = NeighbourClassifier.builder().k(60).profileWeight(0).termWeight(0).build()
        .model(corpus, index, labels);
    List<List<dev.content.search.SimilarArticle>> near = ids.parallelStream().map(wide::voters).toList();
    double[] weights = {0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 1};
    double[] temperatures = {3, 5, 10, 20};
    System.out.println("| profile weight \\ temperature | 3 | 5 | 10 | 20 |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (double w : weights) {
      StringBuilder row = new StringBuilder("| " + w + " |");
      for (double t : temperatures) {
        if (w + base.termWeight() > 1) {
          row.append(" – |");
          continue;
        }
        NeighbourClassifier c = NeighbourClassifier.builder().k(base.k()).power(base.power()).profileWeight(w)
            .profileTemperature(t).termWeight(base.termWeight()).termTemperature(base.termTemperature())
            .learnFromUnlabelled(base.learnFromUnlabelled()).build();
        row.append(String.format(Locale.ROOT, " %.2f |", accuracy(c.model(corpus, index, labels), ids, near,
            labels, truth)));
      }
      System.out.println(row);
    }
    System.out.println("| k \\ power | 0 | 1 | 2 | 3 | 4 |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (int k : new int[] {10, 20, 30, 40, 60}) {
      StringBuilder row = new StringBuilder("| " + k + " |");
      for (double p : new double[] {0, 1, 2, 3, 4}) {
        NeighbourClassifier c = NeighbourClassifier.builder().k(k).power(p).profileWeight(base.profileWeight())
            .profileTemperature(base.profileTemperature()).termWeight(base.termWeight())
            .termTemperature(base.termTemperature()).learnFromUnlabelled(base.learnFromUnlabelled()).build();
        row.append(String.format(Locale.ROOT, " %.2f |", accuracy(c.model(corpus, index, labels), ids, near,
            labels, truth)));
      }
      System.out.println(row);
    }
  }

  private static double accuracy(NeighbourClassifier.Model model, List<String> ids,
      List<List<dev.content.search.SimilarArticle>> near, Map<String, String> labels, Map<String, String> truth) {
    long ok = java.util.stream.IntStream.range(0, ids.size()).parallel().filter(i -> {
      String want = labels.getOrDefault(ids.get(i), truth.get(ids.get(i)));
      return model.vote(ids.get(i), near.get(i)).map(CategoryAssignment::slug).orElse("?").equals(want);
    }).count();
    return 100.0 * ok / ids.size();
  }

  private static List<String[]> rows(Path file) throws IOException {
    List<String[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int tab = line.lastIndexOf('\t');
      if (tab > 0) {
        out.add(new String[] {line.substring(0, tab), line.substring(tab + 1).strip()});
      }
    }
    return out;
  }

  private static void write(Path file, String id, String title, int n) throws IOException {
    Files.createDirectories(file.getParent());
    OffsetDateTime at = OffsetDateTime.of(2025, 1, 1, 8, 0, 0, 0, ZoneOffset.ofHours(8)).plusMinutes(n);
    Article a = Article.builder(id, title).author("admin").likes(0).previousPostAt(at).nextPostAt(at.plusMinutes(1))
        .addBlock(new Block.Paragraph(List.of(Inline.plain(title)), Optional.empty())).build();
    Files.writeString(file, SeedWriter.write(a), StandardCharsets.UTF_8);
  }

  /** Accuracy and per-class precision, recall and F1. */
  static final class Report {
    private final String title;
    private final Map<String, int[]> perClass = new TreeMap<>(); // tp, fp, fn
    private final List<String> notes = new ArrayList<>();
    private int total;
    private int correct;

    Report(String title) {
      this.title = title;
    }

    void add(String truth, String predicted) {
      total++;
      perClass.computeIfAbsent(truth, k -> new int[3]);
      if (truth.equals(predicted)) {
        correct++;
        perClass.get(truth)[0]++;
      } else {
        perClass.get(truth)[2]++;
        perClass.computeIfAbsent(predicted, k -> new int[3])[1]++;
      }
    }

    void note(String s) {
      notes.add(s);
    }

    double accuracy() {
      return total == 0 ? 0 : (double) correct / total;
    }

    void print(PrintStream out) {
      out.println("## " + title);
      out.printf(Locale.ROOT, "accuracy: %.2f%% (%d/%d)%n", accuracy() * 100, correct, total);
      out.println("| class | precision | recall | F1 | n |");
      out.println("|---|---:|---:|---:|---:|");
      double macro = 0;
      int classes = 0;
      for (Map.Entry<String, int[]> e : perClass.entrySet().stream()
          .sorted(Comparator.comparing(Map.Entry::getKey)).toList()) {
        int[] c = e.getValue();
        if (c[0] + c[2] == 0) {
          continue;
        }
        double p = c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]);
        double rec = (double) c[0] / (c[0] + c[2]);
        double f1 = p + rec == 0 ? 0 : 2 * p * rec / (p + rec);
        macro += f1;
        classes++;
        out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %d |%n", e.getKey(), p, rec, f1, c[0] + c[2]);
      }
      out.printf(Locale.ROOT, "macro F1: %.3f%n", classes == 0 ? 0 : macro / classes);
      notes.forEach(out::println);
    }
  }
}

package dev.content.generator;

import dev.content.core.Article;
import dev.content.core.Block;
import dev.content.core.RelatedEntry;
import dev.content.loader.SeedWriter;
import dev.content.generator.internal.BodyBuilder;
import dev.content.generator.internal.LawDocument;
import dev.content.generator.internal.LawrefReader;
import dev.content.generator.internal.Planner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Generates seed-format corpora from the lawrefbook collection: real Chinese text cut into articles with
 * unique titles, posting times, footers and {@code 相关文章} lists that link inside the corpus (mostly
 * within the same category, like a related-posts plugin), plus a few links to titles that are not in
 * the corpus (stubs). Larger corpora reuse the text: other sections, other cuts, sibling documents
 * combined, title variants.
 *
 * <pre>{@code
 * CorpusGenerator gen = CorpusGenerator.builder(Path.of("../shared/data/lawrefbook"))
 *     .count(10_000).seed(1).folders(true).build();
 * GenerationResult r = gen.writeTo(Path.of("/tmp/corpus-10k"));
 * }</pre>
 *
 * <p>Output: files {@code NNN_<16 hex>.txt} (the number has as many digits as the count needs, at
 * least three), under {@code <category-slug>/} folders when {@link Builder#folders} is set;
 * {@value #GROUND_TRUTH} (one line per article: id, category slug, category name, path, title, source
 * documents) and {@value #CATEGORIES} (slug, name, article count) next to them. The same source, count,
 * seed and options always give the same bytes. Instances are immutable and thread-safe.
 */
public final class CorpusGenerator {
  /**
   * The output version: raised whenever the same source, count, seed and options give different bytes,
   * so that cached corpora (the benchmarks keep some) know they are stale.
   */
  public static final int VERSION = 1;
  /** The ground-truth file written next to the articles. */
  public static final String GROUND_TRUTH = "ground-truth.tsv";
  /** The category mapping written next to the articles. */
  public static final String CATEGORIES = "categories.tsv";

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final String[] AUTHORS = {"admin", "admin", "admin", "法律小助手", "律师王明", "小编", "法务老李", "维权君"};
  private static final int EXCERPT_CHARS = 180;

  private final Planner planner;
  private final boolean folders;
  private final long seed;
  private final List<GeneratedArticle> entries;
  private final AtomicReferenceArray<String> excerpts;

  private CorpusGenerator(Builder b, List<LawDocument> docs) {
    this.folders = b.folders;
    this.seed = b.seed;
    this.planner = new Planner(docs, b.count, b.seed, b.stubRate, b.sameCategoryRate, b.related).plan();
    int width = Math.max(3, Integer.toString(b.count - 1).length());
    List<GeneratedArticle> list = new ArrayList<>(b.count);
    for (Planner.Plan p : planner.plans()) {
      LawDocument main = docs.get(p.doc());
      String slug = LawCategories.slug(main.category());
      String file = String.format("%0" + width + "d_%s.txt", p.index(), p.id());
      List<String> sources = p.segments().stream().map(s -> docs.get(s.doc()).path()).distinct().toList();
      list.add(new GeneratedArticle(p.index(), p.id(), folders ? slug + "/" + file : file, slug,
          main.category(), p.title(), sources));
    }
    this.entries = List.copyOf(list);
    this.excerpts = new AtomicReferenceArray<>(list.size());
  }

  /**
   * A builder reading from the lawrefbook folder (the one holding {@code MANIFEST.tsv}).
   */
  public static Builder builder(Path lawrefbook) {
    return new Builder(Objects.requireNonNull(lawrefbook, "lawrefbook must not be null"));
  }

  /** What each generated file is, in file order. */
  public List<GeneratedArticle> entries() {
    return entries;
  }

  public int count() {
    return entries.size();
  }

  /** The article at {@code index} as the model holds it (related entries not yet resolved). */
  public Article article(int index) {
    Planner.Plan p = planner.plans().get(index);
    SplittableRandom r = random(index, 1);
    int pos = planner.position(index);
    Article.Builder b = Article.builder(p.id(), p.title())
        .author(AUTHORS[r.nextInt(AUTHORS.length)])
        .likes(r.nextInt(10) < 7 ? 0 : (int) Math.min(999, Math.round(Math.exp(r.nextDouble() * 6))))
        .body(blocks(p));
    if (pos > 0) {
      b.previousPostAt(time(planner.postMinuteAt(pos - 1)));
    }
    if (pos < planner.count() - 1) {
      b.nextPostAt(time(planner.postMinuteAt(pos + 1)));
    }
    for (Planner.Pick pick : p.related()) {
      b.addRelated(entry(pick));
    }
    return b.build();
  }

  /** The article at {@code index} in the seed format. */
  public String text(int index) {
    return SeedWriter.write(article(index));
  }

  /** Writes the corpus into {@code folder} (created if needed; it must hold no article files yet). */
  public GenerationResult writeTo(Path folder) throws IOException {
    Objects.requireNonNull(folder, "folder must not be null");
    Files.createDirectories(folder);
    try (Stream<Path> existing = Files.walk(folder)) {
      Optional<Path> txt = existing.filter(f -> f.toString().endsWith(".txt")).findFirst();
      if (txt.isPresent()) {
        throw new IllegalArgumentException("output folder " + folder + " already holds article files ("
            + txt.get() + "); choose an empty folder");
      }
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (GeneratedArticle e : entries) {
      counts.merge(e.categorySlug(), 1, Integer::sum);
      names.put(e.categorySlug(), e.categoryName());
    }
    if (folders) {
      for (String slug : counts.keySet()) {
        Files.createDirectories(folder.resolve(slug));
      }
    }
    AtomicLong bytes = new AtomicLong();
    try {
      IntStream.range(0, entries.size()).parallel().forEach(i -> {
        byte[] data = text(i).getBytes(StandardCharsets.UTF_8);
        try {
          Files.write(folder.resolve(entries.get(i).path()), data);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        bytes.addAndGet(data.length);
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    StringBuilder gt = new StringBuilder("id\tcategory\tcategory_name\tpath\ttitle\tsources\n");
    for (GeneratedArticle e : entries) {
      gt.append(e.id()).append('\t').append(e.categorySlug()).append('\t').append(e.categoryName())
          .append('\t').append(e.path()).append('\t').append(e.title()).append('\t')
          .append(String.join("|", e.sources())).append('\n');
    }
    Path truth = folder.resolve(GROUND_TRUTH);
    Files.writeString(truth, gt, StandardCharsets.UTF_8);
    StringBuilder cats = new StringBuilder("slug\tname\tarticles\n");
    counts.forEach((slug, n) -> cats.append(slug).append('\t').append(names.get(slug)).append('\t').append(n).append('\n'));
    Files.writeString(folder.resolve(CATEGORIES), cats, StandardCharsets.UTF_8);
    return new GenerationResult(folder, entries.size(), bytes.get(), truth, names);
  }

  private List<Block> blocks(Planner.Plan p) {
    SplittableRandom r = random(p.index(), 2);
    List<LawDocument.Unit> units = new ArrayList<>();
    for (Planner.Segment s : p.segments()) {
      units.addAll(planner.docs().get(s.doc()).units().subList(s.from(), s.to()));
    }
    int m = r.nextInt(100);
    BodyBuilder.MarkerStyle style = m < 70 ? BodyBuilder.MarkerStyle.DOT
        : m < 82 ? BodyBuilder.MarkerStyle.COMMA
        : m < 92 ? BodyBuilder.MarkerStyle.FULL_PAREN
        : m < 97 ? BodyBuilder.MarkerStyle.PAREN : BodyBuilder.MarkerStyle.CIRCLED;
    return BodyBuilder.blocks(units, style, r.nextBoolean());
  }

  private RelatedEntry entry(Planner.Pick pick) {
    if (pick.target() >= 0) {
      Planner.Plan t = planner.plans().get(pick.target());
      String title = pick.fullWidthTitle() ? fullWidth(t.title()) : t.title();
      LocalDate date = time(planner.postMinuteAt(planner.position(t.index()))).toLocalDate();
      return RelatedEntry.of(title, Optional.of(excerpt(t)),
          Optional.of(date));
    }
    LawDocument d = planner.docs().get(pick.stubDoc());
    List<Block> body = BodyBuilder.blocks(d.units().subList(0, Math.min(d.units().size(), 12)),
        BodyBuilder.MarkerStyle.DOT, false);
    return RelatedEntry.of(pick.fullWidthTitle() ? fullWidth(pick.stubTitle()) : pick.stubTitle(),
        Optional.of(BodyBuilder.excerpt(body, EXCERPT_CHARS)), Optional.of(time(pick.stubEpochMinute()).toLocalDate()));
  }

  /** The listing text of an article; every article is listed about six times, so it is kept. */
  private String excerpt(Planner.Plan t) {
    String e = excerpts.get(t.index());
    if (e == null) {
      e = BodyBuilder.excerpt(blocks(t), EXCERPT_CHARS);
      excerpts.set(t.index(), e);
    }
    return e;
  }

  /** Independent streams per article and purpose, so rendering order never changes a byte. */
  private SplittableRandom random(int index, int purpose) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index * 4L + purpose);
  }

  /** The listing shows the title with full-width punctuation, as some themes do: NFKC must match it. */
  private static String fullWidth(String title) {
    return title.replace(',', '，').replace(':', '：').replace('?', '？').replace('(', '（').replace(')', '）');
  }

  private static OffsetDateTime time(long epochMinute) {
    return Instant.ofEpochSecond(epochMinute * 60).atZone(SHANGHAI).toOffsetDateTime();
  }

  /** Options of a {@link CorpusGenerator}. */
  public static final class Builder {
    private final Path source;
    private int count = 1000;
    private long seed = 1;
    private boolean folders;
    private double stubRate = 0.05;
    private double sameCategoryRate = 0.8;
    private int related = 6;

    private Builder(Path source) {
      this.source = source;
    }

    /** How many article files to generate (default 1,000). */
    public Builder count(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("count must be at least 1, was " + count);
      }
      this.count = count;
      return this;
    }

    /** The seed every choice derives from (default 1). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Whether files go under {@code <category-slug>/} folders (default false). */
    public Builder folders(boolean folders) {
      this.folders = folders;
      return this;
    }

    /** The share of related entries that point at titles outside the corpus (default 0.05). */
    public Builder stubRate(double rate) {
      this.stubRate = share(rate, "stubRate");
      return this;
    }

    /** The share of related entries picked from the same category (default 0.8); the rest is noise. */
    public Builder sameCategoryRate(double rate) {
      this.sameCategoryRate = share(rate, "sameCategoryRate");
      return this;
    }

    /** The usual length of a related list (default 6; some lists are one or two shorter). */
    public Builder related(int entries) {
      if (entries < 0 || entries > 20) {
        throw new IllegalArgumentException("related must be 0 to 20, was " + entries);
      }
      this.related = entries;
      return this;
    }

    /**
     * Reads the source and plans the corpus.
     *
     * @throws SourceNotFoundException if the lawrefbook folder or its manifest is missing
     */
    public CorpusGenerator build() {
      List<LawDocument> docs = LawrefReader.read(source).stream()
          .filter(d -> d.units().stream().anyMatch(u -> !u.heading()))
          .toList();
      if (docs.isEmpty()) {
        throw new SourceNotFoundException(source, "no usable documents in " + source);
      }
      return new CorpusGenerator(this, docs);
    }

    private static double share(double v, String name) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException(name + " must be between 0 and 1, was " + v);
      }
      return v;
    }
  }
}

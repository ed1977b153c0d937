package dev.content.search;

import dev.content.core.Article;
import dev.content.core.Category;
import dev.content.core.CategoryAssignment;
import dev.content.core.Corpus;
import dev.content.core.Relation;
import dev.content.search.internal.Analyzers;
import dev.content.search.internal.LuceneStore;
import dev.content.search.internal.QueryBuilder;
import dev.content.search.internal.RelatedStore;
import dev.content.search.internal.Searcher;
import dev.content.search.internal.TitleSuggester;
import dev.content.search.internal.VectorModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The front door of content-search: indexes a {@link Corpus} for Chinese full-text search, title
 * suggestions and explained related articles, and returns the final corpus with computed relations.
 *
 * <pre>{@code
 * try (ContentLibrary lib = ContentLibrary.open(corpus, ContentLibrary.Options.builder()
 *     .indexDirectory(Path.of("target/index"))      // omit for an in-memory index
 *     .build())) {
 *   SearchResults r = lib.search(SearchRequest.builder("网贷 逾期").category("loans").build());
 *   r.hits().forEach(h -> System.out.println(h.title() + "  " + h.snippet().marked()));
 *   lib.suggest("网贷", 8);
 *   for (Relation rel : lib.related("cf47211e9869dcd2")) { ... rel.kind(), rel.reasons() ... }
 *   Corpus withComputed = lib.corpus();             // graph queries see computed edges too
 * }
 * }</pre>
 *
 * <h2>Pipeline</h2>
 * {@link #open} (and {@link #update}) run: (1) the similarity index is built, reusing the vectors stored
 * in the index for articles whose text is unchanged; (2) the {@link CategoryAssigner} (neighbour
 * classification) turns the loaded categories into the final ones; (3) the search index is brought up to
 * date, article by article, by content hash; (4) computed related edges are derived for every article
 * and attached with {@link Corpus#withComputedRelations}. With an index folder, the related lists are
 * kept there under a key of everything they depend on (similarity settings and statistics, every
 * article's id, text hash, kind and explicit targets, the related limit): a reopen over an unchanged
 * corpus reads them back instead of computing them ({@link IndexReport#relatedReused()}); any change
 * recomputes all of them.
 *
 * <h2>Related articles</h2>
 * {@link #related(String, int)} lists the page's own {@code 相关文章} first (kind {@code EXPLICIT}, reason
 * {@code PAGE}, plus the computed similarity and shared terms when the target is a full article), then
 * computed ones (kind {@code COMPUTED}) by descending similarity until {@code k} entries. Computed edges
 * point only at full articles (a stub cannot be opened) and never repeat an explicit target. Each carries
 * its reasons: the shared terms ({@code SHARED_TERM}, weight = the term's share of the similarity) and
 * the categories both articles are in ({@code SHARED_CATEGORY}, weight 0: categories are evidence shown
 * to the reader, not part of the score, so a wrong category never creates an edge).
 *
 * <h2>Stability rule</h2>
 * The similarity of two articles depends only on their own texts and the term statistics, and the
 * statistics are frozen when an index is first built (stored in the index on disk; carried over by
 * {@link #update}). So adding articles never changes the similarity of two existing articles: another
 * article's computed list changes only where a newcomer scores higher than the entries it displaces.
 * The one exception, documented in {@link IndexReport#rebuilt()}, is when the corpus has grown past twice
 * the size the statistics were taken from: the statistics are then re-derived once, which may reorder
 * lists everywhere.
 *
 * <h2>Index storage</h2>
 * In memory by default; with {@link Options.Builder#indexDirectory} a folder that is updated
 * incrementally: an article whose content hash is unchanged is neither re-analysed nor rewritten, so a
 * restart over an unchanged corpus analyses nothing. The index commits every few thousand articles; a
 * crash (even {@code kill -9}) mid-indexing leaves the last commit intact, and the next open resumes from
 * it. A change of analyser or similarity version ({@link #VERSION}) rebuilds the index by itself.
 *
 * <p>Searches and lookups are thread-safe. {@link #close()} releases the index (and the folder's lock).
 */
public final class ContentLibrary implements AutoCloseable {
  /** The analysis and field-layout version; an index written under another version is rebuilt. */
  public static final String VERSION = Analyzers.VERSION;

  private final Options options;
  private final LuceneStore store;
  private final Corpus corpus;
  private final SimilarityIndex similarity;
  private final Searcher searcher;
  private final TitleSuggester suggester;
  private final IndexReport report;
  private volatile boolean superseded;

  private ContentLibrary(Options options, LuceneStore store, Corpus corpus, SimilarityIndex similarity,
      Map<String, Optional<LocalDate>> days, IndexReport report) {
    this.options = options;
    this.store = store;
    this.corpus = corpus;
    this.similarity = similarity;
    boolean words = options.searchTerms() == TermMode.BOTH;
    this.searcher = new Searcher(store, corpus,
        new QueryBuilder(Analyzers.bigrams(), words ? Analyzers.words() : null), days);
    this.suggester = new TitleSuggester(corpus.articles());
    this.report = report;
  }

  /** Opens an in-memory library over the corpus with the default options. */
  public static ContentLibrary open(Corpus corpus) {
    return open(corpus, Options.defaults());
  }

  /**
   * Builds or updates the index for the corpus and computes related articles (see the class comment
   * for the pipeline).
   *
   * @throws IllegalStateException if the index folder is in use by another process
   * @throws UncheckedIOException if the index folder cannot be read or written
   */
  public static ContentLibrary open(Corpus corpus, Options options) {
    Objects.requireNonNull(corpus, "corpus must not be null");
    Objects.requireNonNull(options, "options must not be null");
    long t0 = System.nanoTime();
    LuceneStore store = null;
    try {
      Directory dir;
      if (options.indexDirectory().isPresent()) {
        Files.createDirectories(options.indexDirectory().get());
        dir = FSDirectory.open(options.indexDirectory().get());
      } else {
        dir = new ByteBuffersDirectory();
      }
      store = LuceneStore.open(dir, version(options), options.searchTerms() == TermMode.BOTH);
      return build(options, store, corpus, t0);
    } catch (IOException e) {
      closeQuietly(store);
      throw new UncheckedIOException("cannot open the index "
          + options.indexDirectory().map(Path::toString).orElse("in memory") + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(store);
      throw e;
    }
  }

  /**
   * A library over a new version of the corpus, reusing this one's index incrementally and its frozen
   * similarity statistics (see the stability rule). This library must not be used afterwards.
   */
  public ContentLibrary update(Corpus newCorpus) {
    Objects.requireNonNull(newCorpus, "newCorpus must not be null");
    checkOpen();
    superseded = true;
    try {
      return build(options, store, newCorpus, System.nanoTime());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update the index: " + e.getMessage(), e);
    }
  }

  private static String version(Options o) {
    return VERSION + " search=" + o.searchTerms() + " " + o.similarityParams().version();
  }

  private static ContentLibrary build(Options options, LuceneStore store, Corpus corpus, long t0)
      throws IOException {
    VectorModel.Params params = options.similarityParams();
    Map<String, LuceneStore.Stored> stored = store.stored();
    Optional<LuceneStore.StoredStats> frozen = store.stats(params.version());
    List<VectorModel.Doc> docs = SimilarityIndex.docs(corpus);
    Optional<String> rebuilt = store.rebuilt();
    LuceneStore.StoredStats stats;
    if (frozen.isPresent() && corpus.size() <= 2L * Math.max(1, frozen.get().stats().docCount())) {
      stats = frozen.get();
    } else {
      if (frozen.isPresent()) {
        rebuilt = Optional.of("similarity statistics re-derived: the corpus grew from "
            + frozen.get().stats().docCount() + " to " + corpus.size() + " articles");
      }
      stats = new LuceneStore.StoredStats(UUID.randomUUID().toString(), VectorModel.statistics(params, docs));
      store.putStats(params.version(), stats);
    }
    // (1) similarity vectors: restored where the text is unchanged, computed for the rest.
    String[] textHashes = new String[docs.size()];
    VectorModel.Vector[] vectors = new VectorModel.Vector[docs.size()];
    List<VectorModel.Doc> missing = new ArrayList<>();
    List<Integer> missingAt = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      VectorModel.Doc d = docs.get(i);
      textHashes[i] = sha(d.title() + '\u0000' + d.text()) + "@" + stats.id();
      LuceneStore.Stored s = stored.get(d.id());
      if (s != null && textHashes[i].equals(s.textHash()) && s.vector() != null) {
        vectors[i] = LuceneStore.vector(s.vector());
      } else {
        missing.add(d);
        missingAt.add(i);
      }
    }
    List<VectorModel.Vector> computed = VectorModel.vectorise(params, stats.stats(), missing);
    for (int j = 0; j < missing.size(); j++) {
      vectors[missingAt.get(j)] = computed.get(j);
    }
    VectorModel model = VectorModel.of(params, stats.stats(), docs.stream().map(VectorModel.Doc::id).toList(),
        List.of(vectors));
    SimilarityIndex similarity = SimilarityIndex.wrap(model, options.evidenceTerms());

    // (2) final categories.
    Corpus assigned = options.categoryAssigner().assign(corpus, similarity);
    checkSameArticles(corpus, assigned);

    // (3) the search index, by content hash.
    Map<String, Optional<LocalDate>> days = new HashMap<>();
    int analysed = 0;
    int reused = 0;
    long chars = 0;
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < docs.size(); i++) {
      position.put(docs.get(i).id(), i);
    }
    for (Article a : assigned.articles()) {
      int i = position.get(a.id());
      Optional<LocalDate> day = day(assigned, a);
      days.put(a.id(), day);
      Set<String> cats = categoriesWithAncestors(assigned, a);
      String hash = sha(version(options) + '\u0000' + textHashes[i] + '\u0000' + a.stub() + '\u0000'
          + day.map(LocalDate::toString).orElse("") + '\u0000' + new TreeSet<>(cats));
      LuceneStore.Stored s = stored.get(a.id());
      if (s != null && hash.equals(s.hash())) {
        reused++;
        continue;
      }
      VectorModel.Doc d = docs.get(i);
      store.put(new LuceneStore.Entry(a.id(), d.title(), d.text(), a.stub(), day, cats, hash, textHashes[i],
          LuceneStore.vectorBytes(vectors[i])));
      analysed++;
      chars += d.title().length() + d.text().length();
    }
    int deleted = 0;
    for (String id : stored.keySet()) {
      if (position.get(id) == null) {
        store.delete(id);
        deleted++;
      }
    }
    store.commit();
    store.refresh();

    // (4) related articles: read back from the index folder when nothing they depend on changed.
    long t1 = System.nanoTime();
    List<String> order = assigned.articles().stream().map(Article::id).toList();
    String key = relatedKey(options, stats.id(), assigned, textHashes, position);
    Optional<List<List<SimilarArticle>>> kept = options.indexDirectory()
        .flatMap(folder -> RelatedStore.read(folder, key, order));
    List<List<SimilarArticle>> lists = kept.orElseGet(() -> similarLists(assigned, similarity,
        options.relatedLimit()));
    if (kept.isEmpty() && options.indexDirectory().isPresent()) {
      RelatedStore.write(options.indexDirectory().get(), key, order, lists);
    }
    Corpus finalCorpus = assigned.withComputedRelations(relations(assigned, lists));
    long t2 = System.nanoTime();
    IndexReport report = new IndexReport(docs.size(), analysed, reused, deleted, missing.size(), rebuilt,
        chars, Duration.ofNanos(t2 - t0), Duration.ofNanos(t2 - t1), kept.isPresent());
    return new ContentLibrary(options, store, finalCorpus, similarity, days, report);
  }

  private static void checkSameArticles(Corpus before, Corpus after) {
    if (before.size() != after.size()
        || !before.articles().stream().allMatch(a -> after.article(a.id()).isPresent())) {
      throw new IllegalStateException("the category assigner must return the same articles ("
          + before.size() + " before, " + after.size() + " after)");
    }
  }

  private static Optional<LocalDate> day(Corpus corpus, Article a) {
    return a.publishWindow(corpus.zone()).sortInstant().map(i -> i.atZone(corpus.zone()).toLocalDate());
  }

  private static Set<String> categoriesWithAncestors(Corpus corpus, Article a) {
    Set<String> out = new LinkedHashSet<>();
    for (CategoryAssignment c : a.categories()) {
      for (Category up : corpus.taxonomy().pathToRoot(c.slug())) {
        out.add(up.slug());
      }
    }
    return out;
  }

  /**
   * What the related lists depend on, hashed: the similarity settings and statistics, and per article
   * its id, text, kind (only full articles are targets) and explicit targets (never repeated, but
   * scored). Categories are not in it: the category reasons are derived again at every open.
   */
  private static String relatedKey(Options options, String statsId, Corpus corpus, String[] textHashes,
      Map<String, Integer> position) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update((version(options) + '\u0000' + statsId + '\u0000' + options.relatedLimit() + '\u0000'
          + options.evidenceTerms()).getBytes(StandardCharsets.UTF_8));
      for (Article a : corpus.articles()) {
        StringBuilder b = new StringBuilder(96).append('\u0001').append(a.id()).append('\u0000')
            .append(textHashes[position.get(a.id())]).append(a.stub() ? 's' : 'f');
        for (String t : corpus.graph().successors(a.id())) {
          b.append('\u0000').append(t);
        }
        md.update(b.toString().getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** Computed edges of every article: the {@code k} most similar full articles that are not explicit. */
  static Map<String, List<Relation>> computeRelated(Corpus corpus, SimilarityIndex similarity, int k) {
    return relations(corpus, similarLists(corpus, similarity, k));
  }

  /** Per article (corpus order): its explicit targets' similarity and its {@code k} computed neighbours. */
  private static List<List<SimilarArticle>> similarLists(Corpus corpus, SimilarityIndex similarity, int k) {
    List<Article> all = corpus.articles();
    return IntStream.range(0, all.size()).parallel().mapToObj(i -> similarOf(corpus, similarity, all.get(i), k))
        .toList();
  }

  private static Map<String, List<Relation>> relations(Corpus corpus, List<List<SimilarArticle>> lists) {
    List<Article> all = corpus.articles();
    Map<String, List<Relation>> out = new ConcurrentHashMap<>();
    IntStream.range(0, all.size()).parallel().forEach(i -> {
      Article a = all.get(i);
      List<Relation> edges = new ArrayList<>(lists.get(i).size());
      for (SimilarArticle s : lists.get(i)) {
        edges.add(relation(corpus, a, s));
      }
      out.put(a.id(), edges);
    });
    return out;
  }

  private static List<SimilarArticle> similarOf(Corpus corpus, SimilarityIndex similarity, Article a, int k) {
    Set<String> explicit = new java.util.HashSet<>(corpus.graph().successors(a.id()));
    List<SimilarArticle> edges = new ArrayList<>();
    // Explicit targets keep their page position; similarity only adds its explanation.
    for (String t : explicit) {
      if (corpus.isFull(t) && similarity.contains(t)) {
        SimilarArticle s = similarity.compare(a.id(), t);
        if (s.score() > 0) {
          edges.add(s);
        }
      }
    }
    edges.addAll(similarity.similar(a.id(), k, id -> corpus.isFull(id) && !explicit.contains(id)));
    edges.sort(java.util.Comparator.comparingDouble(SimilarArticle::score).reversed()
        .thenComparing(SimilarArticle::id));
    return edges;
  }

  private static Relation relation(Corpus corpus, Article a, SimilarArticle s) {
    List<Relation.Reason> reasons = new ArrayList<>();
    for (SharedTerm t : s.sharedTerms()) {
      reasons.add(new Relation.Reason(Relation.ReasonKind.SHARED_TERM, t.term(), t.weight()));
    }
    Set<String> mine = categoriesWithAncestors(corpus, a);
    Set<String> theirs = categoriesWithAncestors(corpus, corpus.require(s.id()));
    for (String c : mine) {
      if (theirs.contains(c) && !c.equals(dev.content.core.Taxonomy.UNCATEGORISED)) {
        reasons.add(new Relation.Reason(Relation.ReasonKind.SHARED_CATEGORY, c, 0));
      }
    }
    return new Relation(a.id(), s.id(), Relation.Kind.COMPUTED, s.score(), reasons);
  }

  /** The final corpus: categories as assigned, computed related edges in its graph. */
  public Corpus corpus() {
    checkOpen();
    return corpus;
  }

  /** The similarity machinery over every article of the corpus. */
  public SimilarityIndex similarity() {
    checkOpen();
    return similarity;
  }

  /** What the last open or update did. */
  public IndexReport indexReport() {
    return report;
  }

  /** The first page of results for a query (see {@link SearchRequest} for the syntax). */
  public SearchResults search(String query) {
    return search(SearchRequest.of(Objects.requireNonNull(query, "query must not be null")));
  }

  /**
   * Runs a search.
   *
   * @throws IllegalArgumentException if the request names an unknown category
   */
  public SearchResults search(SearchRequest request) {
    Objects.requireNonNull(request, "request must not be null");
    checkOpen();
    return searcher.search(request);
  }

  /**
   * Up to {@code limit} titles for what the reader has typed so far: titles starting with it first, then
   * titles containing it (width, case and spaces ignored).
   */
  public List<Suggestion> suggest(String typed, int limit) {
    Objects.requireNonNull(typed, "typed must not be null");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    checkOpen();
    return suggester.suggest(typed, limit);
  }

  /** The related articles of {@code id} up to {@link Options#relatedLimit()} (6 by default). */
  public List<Relation> related(String id) {
    return related(id, options.relatedLimit());
  }

  /**
   * The related articles of {@code id}: explicit ones first in page order, then computed ones by
   * descending similarity, {@code k} in all.
   *
   * @throws IllegalArgumentException for an unknown id or a negative {@code k}
   */
  public List<Relation> related(String id, int k) {
    Objects.requireNonNull(id, "id must not be null");
    if (k < 0) {
      throw new IllegalArgumentException("k must not be negative, was " + k);
    }
    checkOpen();
    List<Relation> all = corpus.graph().related(id);
    long computed = all.stream().filter(r -> r.kind() == Relation.Kind.COMPUTED).count();
    if (all.size() < k && computed >= options.relatedLimit()) {
      // More than the precomputed edges were asked for: compute this list afresh.
      List<Relation> more = new ArrayList<>(all.stream().filter(r -> r.kind() == Relation.Kind.EXPLICIT).toList());
      Article a = corpus.require(id);
      Set<String> explicit = new java.util.HashSet<>(more.stream().map(Relation::target).toList());
      for (SimilarArticle s : similarity.similar(id, k - more.size(),
          t -> corpus.isFull(t) && !explicit.contains(t))) {
        more.add(relation(corpus, a, s));
      }
      return List.copyOf(more);
    }
    return all.size() <= k ? all : List.copyOf(all.subList(0, k));
  }

  private void checkOpen() {
    if (superseded) {
      throw new IllegalStateException("this library was updated or closed; use the library update() returned");
    }
  }

  @Override
  public void close() {
    superseded = true;
    try {
      store.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the index: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(LuceneStore store) {
    if (store != null) {
      try {
        store.close();
      } catch (IOException | RuntimeException ignored) {
        // The original failure matters more.
      }
    }
  }

  private static String sha(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** How a {@link ContentLibrary} indexes; build with {@link #builder()}. */
  public static final class Options {
    private final Optional<Path> indexDirectory;
    private final int relatedLimit;
    private final TermMode searchTerms;
    private final VectorModel.Params similarityParams;
    private final int evidenceTerms;
    private final CategoryAssigner categoryAssigner;

    private Options(Builder b) {
      this.indexDirectory = b.indexDirectory;
      this.relatedLimit = b.relatedLimit;
      this.searchTerms = b.searchTerms;
      this.similarityParams = b.similarity.params();
      this.evidenceTerms = b.similarity.evidence();
      this.categoryAssigner = b.categoryAssigner;
    }

    /** In memory, 6 related articles, default similarity, no category assigner. */
    public static Options defaults() {
      return builder().build();
    }

    public static Builder builder() {
      return new Builder();
    }

    /** The index folder; empty for an in-memory index. */
    public Optional<Path> indexDirectory() {
      return indexDirectory;
    }

    /** How many related articles {@link ContentLibrary#related(String)} lists. */
    public int relatedLimit() {
      return relatedLimit;
    }

    /** The terms of the search fields. */
    public TermMode searchTerms() {
      return searchTerms;
    }

    public CategoryAssigner categoryAssigner() {
      return categoryAssigner;
    }

    VectorModel.Params similarityParams() {
      return similarityParams;
    }

    int evidenceTerms() {
      return evidenceTerms;
    }

    /** Builds {@link Options}; every setter returns the builder. */
    public static final class Builder {
      private Optional<Path> indexDirectory = Optional.empty();
      private int relatedLimit = 6;
      private TermMode searchTerms = TermMode.BIGRAMS;
      private SimilarityIndex.Builder similarity = SimilarityIndex.builder();
      // Neighbour voting is the library's third way of assigning categories (after folders and
      // rules); without labelled articles it changes nothing.
      private CategoryAssigner categoryAssigner = NeighbourClassifier.create();

      private Builder() {}

      /** Keeps the index in this folder (created if needed), updated incrementally across runs. */
      public Builder indexDirectory(Path folder) {
        this.indexDirectory = Optional.of(Objects.requireNonNull(folder, "folder must not be null"));
        return this;
      }

      /** Keeps the index in memory (the default). */
      public Builder inMemory() {
        this.indexDirectory = Optional.empty();
        return this;
      }

      /** How many related articles to list by default and to precompute; 6 by default. */
      public Builder relatedLimit(int k) {
        if (k < 0 || k > 100) {
          throw new IllegalArgumentException("relatedLimit must be 0 to 100, was " + k);
        }
        this.relatedLimit = k;
        return this;
      }

      /**
       * The terms of the search fields: {@link TermMode#BIGRAMS} (the default, chosen by measurement) or
       * {@link TermMode#BOTH} (adds SmartChineseAnalyzer word fields).
       */
      public Builder searchTerms(TermMode mode) {
        Objects.requireNonNull(mode, "mode must not be null");
        if (mode == TermMode.WORDS || mode == TermMode.UNIGRAMS_BIGRAMS) {
          throw new IllegalArgumentException(
              "search needs character bigrams (words alone miss 网贷); use BIGRAMS or BOTH, not " + mode);
        }
        this.searchTerms = mode;
        return this;
      }

      /**
       * The similarity settings, taken from a {@link SimilarityIndex#builder()} (texts added to it are
       * ignored).
       */
      public Builder similarity(SimilarityIndex.Builder settings) {
        this.similarity = Objects.requireNonNull(settings, "settings must not be null");
        return this;
      }

      /** The stage that fills in categories before indexing (neighbour classification). */
      public Builder categoryAssigner(CategoryAssigner assigner) {
        this.categoryAssigner = Objects.requireNonNull(assigner, "assigner must not be null");
        return this;
      }

      public Options build() {
        return new Options(this);
      }
    }
  }
}

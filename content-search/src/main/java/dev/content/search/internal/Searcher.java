package dev.content.search.internal;

import dev.content.core.Article;
import dev.content.core.Corpus;
import dev.content.core.Taxonomy;
import dev.content.search.FacetCount;
import dev.content.search.SearchHit;
import dev.content.search.SearchRequest;
import dev.content.search.SearchResults;
import dev.content.search.Snippet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.IOSupplier;
import org.apache.lucene.search.TotalHits;
import java.util.Collection;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/** Runs a {@link SearchRequest} against a {@link LuceneStore} and renders hits from the corpus. */
public final class Searcher {
  /**
   * Matches counted exactly on Lucene's path (queries {@link ChunkScorer} does not evaluate): beyond it
   * the total is a lower bound and the facet counts are those of the first this many matches in index
   * order ({@link SearchResults#countsExact()} false). The term-at-a-time path counts every match.
   */
  public static final int COUNT_BOUND = 10_000;

  private final LuceneStore store;
  private final Corpus corpus;
  private final QueryBuilder queries;
  /** The caches of the reader last searched (replaced with it). */
  private volatile ReaderCache cache;

  public Searcher(LuceneStore store, Corpus corpus, QueryBuilder queries) {
    this.store = store;
    this.corpus = corpus;
    this.queries = queries;
  }

  public SearchResults search(SearchRequest r) {
    return search(r, true);
  }

  /**
   * {@link #search(SearchRequest)}; with {@code termAtATime} false every query runs through Lucene's own
   * scorers (the path {@link ChunkScorer} is checked against).
   */
  public SearchResults search(SearchRequest r, boolean termAtATime) {
    if (r.category().isPresent()) {
      corpus.taxonomy().require(r.category().get());
    }
    try {
      return run(r, termAtATime);
    } catch (IOException e) {
      throw new UncheckedIOException("search failed: " + e.getMessage(), e);
    }
  }

  private SearchResults run(SearchRequest r, boolean termAtATime) throws IOException {
    ReaderCache cache = readerCache();
    SearchResults strict = run(r, false, cache, termAtATime);
    if (strict.total() > 0 || queries.parse(r.text()).empty()) {
      return strict;
    }
    // Nothing matches every word: show what matches some of them rather than an empty page.
    SearchResults relaxed = run(r, true, cache, termAtATime);
    return relaxed.total() == 0 ? strict : relaxed;
  }

  /** The per-reader caches, made anew when the store opened a new reader. */
  private ReaderCache readerCache() {
    IndexSearcher current = store.searcher();
    ReaderCache c = cache;
    if (c == null || c.searcher != current) {
      c = new ReaderCache(current);
      cache = c;
    }
    return c;
  }

  private SearchResults run(SearchRequest r, boolean relaxed, ReaderCache cache, boolean termAtATime)
      throws IOException {
    QueryBuilder.Parsed parsed = queries.parse(r.text(), relaxed, cache);
    int want = (int) Math.min(Integer.MAX_VALUE - 1L, (long) r.page() * r.pageSize());
    if (termAtATime && parsed.termAtATime()) {
      List<List<ChunkScorer.Group>> plan = ChunkScorer.plan(parsed.chunks(), relaxed);
      if (plan != null) {
        // The common shape: scored term at a time, every match counted (exact totals and facets).
        CategoryTable table = cache.categories();
        int category = r.category().map(slug -> {
          int i = table.indexOf(slug);
          return i < 0 ? ChunkScorer.UNKNOWN_CATEGORY : i;
        }).orElse(ChunkScorer.NO_CATEGORY);
        ChunkScorer.Filter filter = new ChunkScorer.Filter(r.includeStubs(),
            r.from().isPresent() || r.to().isPresent(),
            r.from().map(LocalDate::toEpochDay).orElse(Long.MIN_VALUE),
            r.to().map(LocalDate::toEpochDay).orElse(Long.MAX_VALUE), category);
        ChunkScorer.Result result = cache.chunkScorer.search(plan, filter, table, want);
        return results(r, parsed, relaxed, cache, result.top(), result.total(), true, result.facets(), table);
      }
    }
    BooleanQuery.Builder base = new BooleanQuery.Builder();
    if (parsed.empty()) {
      base.add(cache.of(new Term(Fields.KIND, Fields.KIND_ARTICLE)), Occur.FILTER);
    } else {
      // The index's one other document (its metadata) has empty text fields, so query text never
      // matches it: no filter to intersect with every match.
      base.add(parsed.query(), Occur.MUST);
    }
    if (!r.includeStubs()) {
      base.add(cache.of(new Term(Fields.STUB, "false")), Occur.FILTER);
    }
    if (r.from().isPresent() || r.to().isPresent()) {
      long lo = r.from().map(LocalDate::toEpochDay).orElse(Long.MIN_VALUE);
      long hi = r.to().map(LocalDate::toEpochDay).orElse(Long.MAX_VALUE);
      base.add(LongPoint.newRangeQuery(Fields.DAY, lo, hi), Occur.FILTER);
    }
    Query unfiltered = base.build();
    Query query = unfiltered;
    if (r.category().isPresent()) {
      query = new BooleanQuery.Builder().add(unfiltered, Occur.MUST)
          .add(new TermQuery(new Term(Fields.CATEGORY, r.category().get())), Occur.FILTER).build();
    }
    IndexSearcher searcher = cache.searcher;
    Sort sort = null;
    if (parsed.empty()) {
      SortField newest = new SortField(Fields.DAY, SortField.Type.LONG, true);
      newest.setMissingValue(Long.MIN_VALUE);
      sort = new Sort(newest, SortField.FIELD_DOC);
    }
    // Facet counts ignore the category filter so a reader sees where else the query matches.
    // Listing everything (no query text) is cheap to count: it is always counted exactly.
    boolean filtered = r.category().isPresent();
    int bound = parsed.empty() ? Integer.MAX_VALUE : COUNT_BOUND;
    BoundedFacets facetHits;
    TopDocs top;
    long total;
    boolean exact;
    if (!filtered && sort == null) {
      // One pass ranks and counts: every match is scored and counted (for the total and the facets) up
      // to COUNT_BOUND; beyond it a broader query is no longer counted (the total is then a lower bound
      // and the facet counts those of the first COUNT_BOUND matches, flagged) and the ranking lets
      // Lucene's block-max WAND skip the documents that cannot reach the page from there on. (Before,
      // a broad query stopped at the bound and ranked again from the start in a second pass.)
      RankAndCount both = searcher.search(query, new OneCollector<>(() -> new RankAndCount(want, bound, cache.categories())));
      facetHits = both.facets;
      top = both.topDocs();
      total = facetHits.truncated ? bound : facetHits.collected;
      exact = !facetHits.truncated;
    } else {
      // Counting (unfiltered, for the facets) and ranking (filtered or sorted) are two passes.
      OneCollector<BoundedFacets> counting = new OneCollector<>(() -> new BoundedFacets(bound, true, cache.categories()));
      try {
        searcher.search(unfiltered, counting);
      } catch (BoundReached e) {
        // counted up to the bound: the counts so far are the facets
      }
      facetHits = counting.collector;
      // A filtered query's own total comes from the ranking pass, which then counts up to the bound.
      top = searcher.search(query, ranking(sort, want, filtered ? bound : want));
      if (filtered) {
        total = top.totalHits.value;
        exact = !facetHits.truncated && top.totalHits.relation == TotalHits.Relation.EQUAL_TO;
      } else {
        total = facetHits.collected;
        exact = !facetHits.truncated;
      }
    }
    return results(r, parsed, relaxed, cache, top.scoreDocs, total, exact, facetHits.counts, facetHits.table);
  }

  private SearchResults results(SearchRequest r, QueryBuilder.Parsed parsed, boolean relaxed, ReaderCache cache,
      ScoreDoc[] docs, long total, boolean exact, int[] counts, CategoryTable table) throws IOException {
    List<SearchHit> hits = new ArrayList<>();
    int from = (r.page() - 1) * r.pageSize();
    for (int i = from; i < docs.length; i++) {
      Article a = cache.article(docs[i].doc);
      String body = a.stub() ? a.excerpt().orElse("") : a.bodyText();
      float score = Float.isNaN(docs[i].score) ? 0f : docs[i].score;
      hits.add(new SearchHit(a.id(), a.title(), a.stub(), score,
          Highlighter.markAll(a.title(), parsed.needles()),
          body.isEmpty() ? Snippet.plain("") : Highlighter.fragment(body, parsed.needles(), r.snippetLength()),
          a.publishWindow(corpus.zone()).sortInstant().map(t -> t.atZone(corpus.zone()).toLocalDate()),
          a.categories().stream().map(c -> c.slug()).toList()));
    }
    return new SearchResults(r, (int) Math.min(Integer.MAX_VALUE, total), hits, facets(counts, table), relaxed,
        exact);
  }

  private List<FacetCount> facets(int[] counts, CategoryTable table) {
    Taxonomy tax = corpus.taxonomy();
    List<FacetCount> out = new ArrayList<>();
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] > 0) {
        String slug = table.slugs[c];
        out.add(new FacetCount(slug, tax.get(slug).map(x -> x.name()).orElse(slug), counts[c]));
      }
    }
    out.sort(Comparator.comparingInt(FacetCount::count).reversed().thenComparing(FacetCount::slug));
    return List.copyOf(out);
  }

  private static CollectorManager<? extends org.apache.lucene.search.Collector, ? extends TopDocs> ranking(Sort sort,
      int want, int threshold) {
    return sort == null ? new TopScoreDocCollectorManager(want, null, threshold)
        : new TopFieldCollectorManager(sort, want, null, threshold);
  }

  /** Thrown to stop a search at {@link #COUNT_BOUND} matches. */
  private static final class BoundReached extends RuntimeException {
    BoundReached() {
      super("count bound reached", null, false, false);
    }
  }

  /**
   * Counts the categories of the first {@code bound} matches and says when there were more; it stops
   * the search there ({@link BoundReached}) unless it collects beside a ranking that goes on. The counts
   * are taken as documents are collected, from the reader's category table: no set of matching
   * documents is built and no second pass reads the facet doc values (that pass and the sets were a
   * tenth of a search page's CPU time at 100,000 articles).
   */
  private static final class BoundedFacets extends SimpleCollector {
    private final int bound;
    private final boolean stopAtBound;
    private final CategoryTable table;
    final int[] counts;
    private int base;
    private int collected;
    private boolean truncated;

    BoundedFacets(int bound, boolean stopAtBound, CategoryTable table) {
      this.bound = bound;
      this.stopAtBound = stopAtBound;
      this.table = table;
      this.counts = new int[table.slugs.length];
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) {
      base = context.docBase;
    }

    @Override
    public void collect(int doc) {
      if (collected >= bound) {
        truncated = true;
        if (stopAtBound) {
          throw new BoundReached();
        }
        return;
      }
      collected++;
      table.count(base + doc, counts);
    }
  }

  /**
   * The categories of every document of one reader by global document number, read once from the facet
   * doc values (a few milliseconds at 100,000 articles): offsets into one array of category indexes.
   */
  static final class CategoryTable {
    final String[] slugs;
    private final int[] starts;
    private final int[] categories;

    private CategoryTable(String[] slugs, int[] starts, int[] categories) {
      this.slugs = slugs;
      this.starts = starts;
      this.categories = categories;
    }

    void count(int doc, int[] counts) {
      for (int i = starts[doc], end = starts[doc + 1]; i < end; i++) {
        counts[categories[i]]++;
      }
    }

    /** Whether a document is in the category with this index. */
    boolean has(int doc, int category) {
      for (int i = starts[doc], end = starts[doc + 1]; i < end; i++) {
        if (categories[i] == category) {
          return true;
        }
      }
      return false;
    }

    /** A category's index, or -1 when no document has it. */
    int indexOf(String slug) {
      for (int i = 0; i < slugs.length; i++) {
        if (slugs[i].equals(slug)) {
          return i;
        }
      }
      return -1;
    }

    static CategoryTable of(org.apache.lucene.index.IndexReader reader) throws IOException {
      java.util.Map<String, Integer> index = new java.util.LinkedHashMap<>();
      int max = reader.maxDoc();
      int[] starts = new int[max + 1];
      int[] cats = new int[Math.max(16, max)];
      int n = 0;
      for (LeafReaderContext leaf : reader.leaves()) {
        org.apache.lucene.index.SortedSetDocValues values =
            leaf.reader().getSortedSetDocValues(FacetsConfig.DEFAULT_INDEX_FIELD_NAME);
        // The segment's ordinals mapped to category indexes once (-1: another dimension).
        int[] ordToCategory = new int[values == null ? 0 : (int) values.getValueCount()];
        for (int ord = 0; ord < ordToCategory.length; ord++) {
          String[] path = FacetsConfig.stringToPath(values.lookupOrd(ord).utf8ToString());
          ordToCategory[ord] = path.length == 2 && path[0].equals(Fields.FACET)
              ? index.computeIfAbsent(path[1], k -> index.size()) : -1;
        }
        int leafMax = leaf.reader().maxDoc();
        for (int d = 0; d < leafMax; d++) {
          int global = leaf.docBase + d;
          starts[global] = n;
          if (values != null && values.advanceExact(d)) {
            for (int k = 0, count = values.docValueCount(); k < count; k++) {
              int c = ordToCategory[(int) values.nextOrd()];
              if (c >= 0) {
                if (n == cats.length) {
                  cats = java.util.Arrays.copyOf(cats, n * 2);
                }
                cats[n++] = c;
              }
            }
          }
        }
      }
      starts[max] = n;
      return new CategoryTable(index.keySet().toArray(String[]::new), starts, java.util.Arrays.copyOf(cats, n));
    }
  }

  /**
   * The page's top hits and the facets of the first {@code bound} matches in one pass. The ranking
   * counts every match up to the bound before it lets the scorers skip (its total-hits threshold), so
   * the facets see exactly the first {@code bound} matches.
   */
  private static final class RankAndCount implements Collector {
    private final TopScoreDocCollectorManager manager;
    private final TopScoreDocCollector top;
    final BoundedFacets facets;

    RankAndCount(int want, int bound, CategoryTable table) throws IOException {
      manager = new TopScoreDocCollectorManager(want, null, bound);
      top = manager.newCollector();
      facets = new BoundedFacets(bound, false, table);
    }

    TopDocs topDocs() throws IOException {
      return manager.reduce(List.of(top));
    }

    @Override
    public ScoreMode scoreMode() {
      return top.scoreMode();
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      LeafCollector ranked = top.getLeafCollector(context);
      LeafCollector counted = facets.getLeafCollector(context);
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) throws IOException {
          ranked.setScorer(scorer);
          counted.setScorer(scorer);
        }

        @Override
        public void collect(int doc) throws IOException {
          counted.collect(doc);
          ranked.collect(doc);
        }

        @Override
        public void finish() throws IOException {
          counted.finish();
          ranked.finish();
        }
      };
    }
  }

  /** One collector for a search on one thread (the searcher has no executor), kept for reading after it. */
  private static final class OneCollector<C extends Collector> implements CollectorManager<C, C> {
    private final IOSupplier<C> make;
    private C collector;

    OneCollector(IOSupplier<C> make) {
      this.make = make;
    }

    @Override
    public C newCollector() throws IOException {
      if (collector != null) {
        throw new IllegalStateException("expected one collector");
      }
      collector = make.get();
      return collector;
    }

    @Override
    public C reduce(Collection<C> collectors) {
      return collector;
    }
  }

  /** Most term caches hold fewer distinct terms than this; beyond it the cache starts afresh. */
  static final int TERM_CACHE_LIMIT = 20_000;
  /**
   * A small index holds fewer: an entry costs about 200 bytes whatever the index's size, and what it
   * saves (a term's lookup in each segment) shrinks with the index. Two entries per document, at least
   * this many: 20,000 from 10,000 documents on, 2,300 (0.5 MB instead of up to 4 MB) at 1,000 articles,
   * where the cache was a fifth of the site's live heap after a few thousand distinct queries.
   */
  static final int TERM_CACHE_MIN = 2_000;

  static int termCacheLimit(int documents) {
    return (int) Math.min(TERM_CACHE_LIMIT, Math.max(TERM_CACHE_MIN, 2L * documents));
  }

  /**
   * What searches of one reader share: each term's statistics and places in the segments (looking up
   * every bigram of a query in four fields of every segment was a tenth of a search's time, twice for
   * a second pass), and the article of each document number (instead of reading its stored id).
   */
  private final class ReaderCache implements QueryBuilder.TermQueries {
    final IndexSearcher searcher;
    private final java.util.concurrent.ConcurrentHashMap<Term, TermStates> terms =
        new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicReferenceArray<Article> articles;
    private final int termLimit;

    private volatile CategoryTable categories;
    /** The term-at-a-time scorer of this reader (cheap to make: its norms and filters are read when used). */
    final ChunkScorer chunkScorer;

    CategoryTable categories() throws IOException {
      CategoryTable t = categories;
      if (t == null) {
        synchronized (this) {
          t = categories;
          if (t == null) {
            t = CategoryTable.of(searcher.getIndexReader());
            categories = t;
          }
        }
      }
      return t;
    }

    ReaderCache(IndexSearcher searcher) {
      this.searcher = searcher;
      this.articles = new java.util.concurrent.atomic.AtomicReferenceArray<>(searcher.getIndexReader().maxDoc());
      this.termLimit = termCacheLimit(searcher.getIndexReader().numDocs());
      this.chunkScorer = new ChunkScorer(searcher, this::states);
    }

    @Override
    public Query of(Term term) {
      return new TermQuery(term, states(term));
    }

    /** A term's statistics and places in the segments, looked up once. */
    TermStates states(Term term) {
      TermStates states = terms.get(term);
      if (states == null) {
        try {
          // Built with statistics, so every segment is looked up now and the states are never changed
          // afterwards: safe to share between threads.
          states = TermStates.build(searcher, term, true);
        } catch (IOException e) {
          throw new UncheckedIOException("search failed: " + e.getMessage(), e);
        }
        if (terms.size() >= termLimit) {
          terms.clear();
        }
        terms.put(term, states);
      }
      return states;
    }

    Article article(int doc) throws IOException {
      Article a = articles.get(doc);
      if (a == null) {
        a = corpus.require(searcher.storedFields().document(doc, java.util.Set.of(Fields.ID)).get(Fields.ID));
        articles.set(doc, a);
      }
      return a;
    }
  }

  static Query matchAll() {
    return new MatchAllDocsQuery();
  }
}

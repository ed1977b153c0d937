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
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
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
   * Matches counted exactly: beyond it the total is a lower bound and the facet counts are those of
   * the first this many matches in index order ({@link SearchResults#countsExact()} false).
   */
  public static final int COUNT_BOUND = 10_000;
  /** Matches a broad query's ranking scores before it may skip the ones that cannot reach the page. */
  static final int RANK_THRESHOLD = 1_000;

  private final LuceneStore store;
  private final Corpus corpus;
  private final QueryBuilder queries;

  public Searcher(LuceneStore store, Corpus corpus, QueryBuilder queries) {
    this.store = store;
    this.corpus = corpus;
    this.queries = queries;
  }

  public SearchResults search(SearchRequest r) {
    if (r.category().isPresent()) {
      corpus.taxonomy().require(r.category().get());
    }
    try {
      return run(r);
    } catch (IOException e) {
      throw new UncheckedIOException("search failed: " + e.getMessage(), e);
    }
  }

  private SearchResults run(SearchRequest r) throws IOException {
    SearchResults strict = run(r, false);
    if (strict.total() > 0 || queries.parse(r.text()).empty()) {
      return strict;
    }
    // Nothing matches every word: show what matches some of them rather than an empty page.
    SearchResults relaxed = run(r, true);
    return relaxed.total() == 0 ? strict : relaxed;
  }

  private SearchResults run(SearchRequest r, boolean relaxed) throws IOException {
    QueryBuilder.Parsed parsed = queries.parse(r.text(), relaxed);
    BooleanQuery.Builder base = new BooleanQuery.Builder();
    base.add(new TermQuery(new Term(Fields.KIND, Fields.KIND_ARTICLE)), Occur.FILTER);
    if (!parsed.empty()) {
      base.add(parsed.query(), Occur.MUST);
    }
    if (!r.includeStubs()) {
      base.add(new TermQuery(new Term(Fields.STUB, "false")), Occur.FILTER);
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
    IndexSearcher searcher = store.searcher();
    int want = (int) Math.min(Integer.MAX_VALUE - 1L, (long) r.page() * r.pageSize());
    Sort sort = null;
    if (parsed.empty()) {
      SortField newest = new SortField(Fields.DAY, SortField.Type.LONG, true);
      newest.setMissingValue(Long.MIN_VALUE);
      sort = new Sort(newest, SortField.FIELD_DOC);
    }
    // One pass ranks and counts while there are at most COUNT_BOUND matches (exact, the usual case).
    // A broader query stops that pass at the bound, keeps the facet counts of the matches seen so far,
    // and ranks in a second pass that may skip documents that cannot reach the page once it has seen
    // RANK_THRESHOLD matches (Lucene's block-max WAND): scoring every match of a query matching half of
    // 100,000 articles is what made broad queries slow.
    boolean filtered = r.category().isPresent();
    // Facet counts ignore the category filter so a reader sees where else the query matches.
    // Listing everything (no query text) is cheap to count (no scoring): it is always counted exactly.
    int bound = parsed.empty() ? Integer.MAX_VALUE : COUNT_BOUND;
    BoundedFacetsManager counting = new BoundedFacetsManager(bound);
    TopDocs top = null;
    try {
      if (filtered) {
        searcher.search(unfiltered, counting);
      } else {
        top = (TopDocs) searcher.search(query, new MultiCollectorManager(ranking(sort, want, bound),
            counting))[0];
      }
    } catch (BoundReached e) {
      counting.collector.finish();
    }
    BoundedFacets facetHits = counting.collector;
    if (top == null) {
      top = searcher.search(query, ranking(sort, want, filtered ? bound : RANK_THRESHOLD));
    }
    long total = filtered || !facetHits.truncated ? top.totalHits.value : Math.max(bound, top.totalHits.value);
    boolean exact = !facetHits.truncated && top.totalHits.relation == TotalHits.Relation.EQUAL_TO;
    List<SearchHit> hits = new ArrayList<>();
    ScoreDoc[] docs = top.scoreDocs;
    int from = (r.page() - 1) * r.pageSize();
    var stored = searcher.storedFields();
    for (int i = from; i < docs.length; i++) {
      String id = stored.document(docs[i].doc, java.util.Set.of(Fields.ID)).get(Fields.ID);
      Article a = corpus.require(id);
      String body = a.stub() ? a.excerpt().orElse("") : a.bodyText();
      float score = Float.isNaN(docs[i].score) ? 0f : docs[i].score;
      hits.add(new SearchHit(a.id(), a.title(), a.stub(), score,
          Highlighter.markAll(a.title(), parsed.needles()),
          body.isEmpty() ? Snippet.plain("") : Highlighter.fragment(body, parsed.needles(), r.snippetLength()),
          a.publishWindow(corpus.zone()).sortInstant().map(t -> t.atZone(corpus.zone()).toLocalDate()),
          a.categories().stream().map(c -> c.slug()).toList()));
    }
    return new SearchResults(r, (int) Math.min(Integer.MAX_VALUE, total), hits, facets(facetHits), relaxed,
        exact);
  }

  private List<FacetCount> facets(FacetsCollector hits) throws IOException {
    SortedSetDocValuesReaderState state = store.facetState();
    if (state == null) {
      return List.of();
    }
    SortedSetDocValuesFacetCounts counts = new SortedSetDocValuesFacetCounts(state, hits);
    FacetResult all = counts.getAllChildren(Fields.FACET);
    if (all == null) {
      return List.of();
    }
    Taxonomy tax = corpus.taxonomy();
    List<FacetCount> out = new ArrayList<>();
    for (LabelAndValue lv : all.labelValues) {
      if (lv.value.intValue() > 0) {
        String name = tax.get(lv.label).map(c -> c.name()).orElse(lv.label);
        out.add(new FacetCount(lv.label, name, lv.value.intValue()));
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

  /** A facet collector that stops the search after {@code bound} matches (and says so). */
  private static final class BoundedFacets extends FacetsCollector {
    private final int bound;
    private int collected;
    private boolean truncated;

    BoundedFacets(int bound) {
      this.bound = bound;
    }

    @Override
    public void collect(int doc) throws IOException {
      if (collected >= bound) {
        truncated = true;
        throw new BoundReached();
      }
      collected++;
      super.collect(doc);
    }
  }

  /** One {@link BoundedFacets} for a search on one thread (the searcher has no executor). */
  private static final class BoundedFacetsManager implements CollectorManager<BoundedFacets, BoundedFacets> {
    private final int bound;
    private BoundedFacets collector;

    BoundedFacetsManager(int bound) {
      this.bound = bound;
    }

    @Override
    public BoundedFacets newCollector() {
      if (collector != null) {
        throw new IllegalStateException("expected one facet collector");
      }
      collector = new BoundedFacets(bound);
      return collector;
    }

    @Override
    public BoundedFacets reduce(Collection<BoundedFacets> collectors) {
      return collector;
    }
  }

  static Query matchAll() {
    return new MatchAllDocsQuery();
  }
}

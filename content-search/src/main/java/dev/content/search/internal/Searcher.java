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
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.CollectorManager;
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
  /** Matches the ranking scores before it may skip the ones that cannot reach the page. */
  static final int RANK_THRESHOLD = 1_000;

  private final LuceneStore store;
  private final Corpus corpus;
  private final QueryBuilder queries;
  private final Map<String, Optional<LocalDate>> days;

  public Searcher(LuceneStore store, Corpus corpus, QueryBuilder queries, Map<String, Optional<LocalDate>> days) {
    this.store = store;
    this.corpus = corpus;
    this.queries = queries;
    this.days = days;
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
    // Ranking and counting are two searches. The ranking may skip documents that cannot make the page
    // once it has seen RANK_THRESHOLD matches (Lucene's block-max WAND); the count visits the matches
    // unscored, up to COUNT_BOUND of them, for the total and the facets. Below the bound both are exact.
    boolean filtered = r.category().isPresent();
    int threshold = filtered ? COUNT_BOUND : RANK_THRESHOLD;
    TopDocs top = sort == null
        ? searcher.search(query, new TopScoreDocCollectorManager(want, null, threshold))
        : searcher.search(query, new TopFieldCollectorManager(sort, want, null, threshold));
    // Facet counts ignore the category filter so a reader sees where else the query matches.
    BoundedFacets facetHits = searcher.search(filtered ? unfiltered : query, new BoundedFacetsManager());
    long total = filtered ? top.totalHits.value : facetHits.collected;
    boolean exact = !facetHits.truncated
        && (!filtered || top.totalHits.relation == TotalHits.Relation.EQUAL_TO);
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
          days.getOrDefault(id, Optional.empty()),
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

  /** A facet collector that stops after {@link #COUNT_BOUND} matches (and says so). */
  private static final class BoundedFacets extends FacetsCollector {
    private int collected;
    private boolean truncated;

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
      if (collected >= COUNT_BOUND) {
        truncated = true;
        throw new CollectionTerminatedException();
      }
      super.doSetNextReader(context);
    }

    @Override
    public void collect(int doc) throws IOException {
      if (collected >= COUNT_BOUND) {
        truncated = true;
        throw new CollectionTerminatedException();
      }
      collected++;
      super.collect(doc);
    }
  }

  /** One {@link BoundedFacets} for a search on one thread (the searcher has no executor). */
  private static final class BoundedFacetsManager implements CollectorManager<BoundedFacets, BoundedFacets> {
    @Override
    public BoundedFacets newCollector() {
      return new BoundedFacets();
    }

    @Override
    public BoundedFacets reduce(Collection<BoundedFacets> collectors) {
      if (collectors.size() != 1) {
        throw new IllegalStateException("expected one facet collector, got " + collectors.size());
      }
      return collectors.iterator().next();
    }
  }

  static Query matchAll() {
    return new MatchAllDocsQuery();
  }
}

package dev.content.search;

import java.util.List;
import java.util.Objects;

/**
 * One page of search results with facet counts.
 *
 * @param query the request that produced the results
 * @param total how many articles match in all (when {@code countsExact} is false: at least this many)
 * @param hits the results on this page, best first
 * @param facets per category, how many articles match the query and date range regardless of the
 *     category filter (so a reader can switch category), largest first; categories without matches are
 *     left out
 * @param relaxed true when nothing matched the query as typed and these results match only some of its
 *     words (a renderer should say so, e.g. “没有完全匹配的结果，以下结果匹配部分关键词”)
 * @param countsExact true when {@code total} and the facet counts are exact, which they are for every
 *     query of words and Chinese text (every match is counted, however many) and for listing without
 *     query text; false only for a very broad query with a quoted phrase or a lone Chinese character (or
 *     over word fields, {@code TermMode.BOTH}) matching more than 10,000 articles, where counting stops:
 *     {@code total} is then a lower bound (a renderer may show “10,000+”) and the facet counts are those
 *     of the first 10,000 matches in index order
 */
public record SearchResults(SearchRequest query, int total, List<SearchHit> hits, List<FacetCount> facets,
    boolean relaxed, boolean countsExact) {
  public SearchResults {
    Objects.requireNonNull(query, "query must not be null");
    hits = List.copyOf(hits);
    facets = List.copyOf(facets);
  }

  /** Results with exact counts. */
  public SearchResults(SearchRequest query, int total, List<SearchHit> hits, List<FacetCount> facets,
      boolean relaxed) {
    this(query, total, hits, facets, relaxed, true);
  }

  /** The 1-based page number. */
  public int page() {
    return query.page();
  }

  /** The number of pages (at least 1). */
  public int pageCount() {
    return Math.max(1, (total + query.pageSize() - 1) / query.pageSize());
  }

  public boolean hasNext() {
    return page() < pageCount();
  }

  public boolean hasPrevious() {
    return page() > 1;
  }
}

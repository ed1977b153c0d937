package dev.content.web;

import dev.content.core.Article;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the site needs from content-search over one corpus snapshot: ranked, highlighted hits with
 * category facets, title suggestions and related articles, in the shapes the templates show.
 * Implementations are immutable and thread-safe.
 */
public interface SiteSearch extends AutoCloseable {
  /** One page of results for {@code query}, optionally within a category (and its descendants). */
  Results search(String query, Optional<String> category, int page, int pageSize);

  /** Titles that complete what the reader has typed so far, best first. */
  List<Article> suggest(String prefix, int limit);

  /** The related articles of {@code id} in display order: the page's own first, computed ones after. */
  List<dev.content.core.Relation> related(String id);

  /** A short description of the index for {@code /health}. */
  String state();

  /** The number of searchable documents (articles and stubs). */
  int documents();

  /** Releases the index; called once no request can still be using this snapshot. */
  @Override
  void close();

  /**
   * A page of search results.
   *
   * @param total hits on all pages; when {@code exact} is false, a lower bound ("more than")
   * @param exact whether {@code total} and the facet counts are exact: a very broad query with a quoted
   *     phrase is counted only up to a bound (content-search's {@code SearchResults.countsExact()}), its
   *     facets over the matches counted
   * @param hits this page's hits, best first
   * @param facets hits per category slug (over all pages), for narrowing the search
   */
  record Results(int total, boolean exact, List<Hit> hits, Map<String, Integer> facets) {
    public Results {
      hits = List.copyOf(hits);
      facets = Map.copyOf(facets);
    }
  }

  /**
   * One hit.
   *
   * @param article the matched article (a stub is marked as such by {@link Article#stub()})
   * @param score the ranking score
   * @param title the title split into plain and highlighted runs
   * @param snippet the fragment around the matches, split into plain and highlighted runs
   */
  record Hit(Article article, double score, List<Segment> title, List<Segment> snippet) {
    public Hit {
      title = List.copyOf(title);
      snippet = List.copyOf(snippet);
    }
  }

  /** A run of text that is a match ({@code mark}) or not; templates escape it like any other text. */
  record Segment(String text, boolean mark) {}
}

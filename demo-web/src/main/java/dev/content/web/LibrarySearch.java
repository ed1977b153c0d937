package dev.content.web;

import dev.content.core.Article;
import dev.content.core.Corpus;
import dev.content.core.Relation;
import dev.content.search.ContentLibrary;
import dev.content.search.FacetCount;
import dev.content.search.IndexReport;
import dev.content.search.SearchHit;
import dev.content.search.SearchRequest;
import dev.content.search.SearchResults;
import dev.content.search.Snippet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link SiteSearch} over content-search's {@link ContentLibrary}: only translates its answers. */
final class LibrarySearch implements SiteSearch {
  private final ContentLibrary library;
  private final Optional<Path> directory;

  LibrarySearch(ContentLibrary library, Optional<Path> directory) {
    this.library = library;
    this.directory = directory;
  }

  ContentLibrary library() {
    return library;
  }

  /** The folder the index lives in, or empty for an index in memory. */
  Optional<Path> directory() {
    return directory;
  }

  @Override
  public Results search(String query, Optional<String> category, int page, int pageSize) {
    SearchRequest.Builder b = SearchRequest.builder(query).page(page).pageSize(pageSize);
    category.ifPresent(b::category);
    SearchResults r;
    try {
      r = library.search(b.build());
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(e.getMessage());
    }
    Corpus c = library.corpus();
    List<Hit> hits = new ArrayList<>();
    for (SearchHit h : r.hits()) {
      Optional<Article> a = c.article(h.id());
      a.ifPresent(article -> hits.add(new Hit(article, h.score(), segments(h.titleHighlight()),
          segments(h.snippet()))));
    }
    Map<String, Integer> facets = new LinkedHashMap<>();
    for (FacetCount f : r.facets()) {
      facets.put(f.slug(), f.count());
    }
    return new Results(r.total(), r.countsExact(), hits, facets);
  }

  private static List<Segment> segments(Snippet s) {
    return s.segments().stream().map(g -> new Segment(g.text(), g.marked())).toList();
  }

  @Override
  public List<Article> suggest(String prefix, int limit) {
    if (prefix.isBlank()) {
      return List.of();
    }
    Corpus c = library.corpus();
    return library.suggest(prefix, limit).stream().map(s -> c.article(s.id())).flatMap(Optional::stream)
        .toList();
  }

  @Override
  public List<Relation> related(String id) {
    return library.related(id);
  }

  @Override
  public String state() {
    IndexReport r = library.indexReport();
    return "ready: " + r.articles() + " articles " + directory.map(d -> "on disk in " + d).orElse("in memory")
        + ", " + r.analysed() + " analysed, " + r.reused()
        + " reused, built in " + r.elapsed().toMillis() + " ms" + r.rebuilt().map(w -> " (" + w + ")").orElse("");
  }

  @Override
  public void close() {
    library.close();
  }

  @Override
  public int documents() {
    return library.indexReport().articles();
  }
}

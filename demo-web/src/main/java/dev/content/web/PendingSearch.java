package dev.content.web;

import dev.content.core.Article;
import dev.content.core.Corpus;
import dev.content.core.Relation;
import java.util.List;
import java.util.Optional;

/**
 * The search of the first snapshot while content-search builds its index in the background: pages are
 * served at once, related lists show the page's own entries, and a search says the index is not ready
 * yet (503) instead of making the reader wait for startup.
 */
final class PendingSearch implements SiteSearch {
  private final Corpus corpus;

  PendingSearch(Corpus corpus) {
    this.corpus = corpus;
  }

  @Override
  public Results search(String query, Optional<String> category, int page, int pageSize) {
    throw new HttpError(503, "index_building", "搜索索引正在建立，请稍候再试。");
  }

  @Override
  public List<Article> suggest(String prefix, int limit) {
    return List.of();
  }

  @Override
  public List<Relation> related(String id) {
    return corpus.graph().related(id);
  }

  @Override
  public String state() {
    return "building";
  }

  @Override
  public int documents() {
    return 0;
  }

  @Override
  public void close() {
    // nothing held
  }
}

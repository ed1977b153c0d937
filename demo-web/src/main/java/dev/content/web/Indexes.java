package dev.content.web;

import dev.content.core.Corpus;
import dev.content.search.ContentLibrary;

/** Opens content-search over a loaded corpus: the one place the site builds its index. */
final class Indexes {
  private Indexes() {}

  /**
   * The final corpus (categories completed by neighbour voting, computed related edges in the graph)
   * and its search index.
   */
  static Indexed open(Corpus loaded) {
    ContentLibrary library = ContentLibrary.open(loaded);
    return new Indexed(library.corpus(), new LibrarySearch(library));
  }

  /** A corpus together with the index built over it. */
  record Indexed(Corpus corpus, SiteSearch search) {}
}

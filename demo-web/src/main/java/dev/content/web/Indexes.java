package dev.content.web;

import dev.content.core.Corpus;

/** Chooses the search index the site uses for a corpus; the one place to swap it. */
final class Indexes {
  private Indexes() {}

  static SiteSearch create(Corpus corpus) {
    return new NaiveSearch(corpus);
  }
}

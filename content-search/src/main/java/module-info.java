/**
 * Chinese full-text search and explained related articles over a {@link dev.content.core.Corpus}, on
 * Lucene. Start at {@link dev.content.search.ContentLibrary}; the similarity machinery on its own is
 * {@link dev.content.search.SimilarityIndex}.
 */
module dev.content.search {
  requires transitive dev.content.core;
  requires org.apache.lucene.core;
  requires org.apache.lucene.analysis.common;
  requires org.apache.lucene.analysis.smartcn;
  requires org.apache.lucene.facet;

  exports dev.content.search;
}

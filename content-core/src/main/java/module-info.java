/**
 * The immutable model of the content library: articles with structured bodies, categories, the
 * related-article graph, and the {@link dev.content.core.Corpus} that answers queries over them.
 * It performs no I/O.
 */
module dev.content.core {
  requires transitive com.google.common;
  requires static transitive org.jspecify;

  exports dev.content.core;
}

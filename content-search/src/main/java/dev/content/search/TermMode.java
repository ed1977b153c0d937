package dev.content.search;

/**
 * Which terms stand for a text in similarity: what two articles must share to count as alike.
 *
 * <p>Measured on the lawrefbook corpus (see BENCHMARKS.md): {@link #BOTH} is the default.
 */
public enum TermMode {
  /** Words of Lucene's SmartChineseAnalyzer (which cuts 网贷 into 网|贷) and Latin words. */
  WORDS,
  /** Overlapping Chinese character bigrams and Latin words. */
  BIGRAMS,
  /** Character bigrams plus the analyser's words of three or more characters. */
  BOTH,
  /**
   * Every Chinese character on its own plus overlapping character bigrams, and Latin words: what the
   * class profiles of {@link NeighbourClassifier} count (short headlines need the single characters).
   */
  UNIGRAMS_BIGRAMS
}

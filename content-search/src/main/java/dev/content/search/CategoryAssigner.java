package dev.content.search;

import dev.content.core.Corpus;

/**
 * A pipeline stage that fills in categories before the library indexes the corpus: the hook for
 * neighbour classification (labelled articles vote for unlabelled ones by content similarity).
 *
 * <p>{@link ContentLibrary#open} runs, in this order: the similarity index is built (or restored from
 * disk); the assigner gets the corpus as loaded (folder and rule categories) and that index; what it
 * returns is the final corpus whose categories the search index, the facet counts and the shared-category
 * reasons of related articles use.
 *
 * <p>The default is {@link NeighbourClassifier#create()}; {@link #NONE} keeps the loaded categories:
 *
 * <pre>{@code
 * ContentLibrary lib = ContentLibrary.open(corpus, ContentLibrary.Options.builder()
 *     .categoryAssigner(NeighbourClassifier.builder().k(20).build())
 *     .build());
 * }</pre>
 */
@FunctionalInterface
public interface CategoryAssigner {
  /** The identity stage: categories stay as loaded. */
  CategoryAssigner NONE = (corpus, similarity) -> corpus;

  /**
   * Returns the corpus with its final categories. It must hold the same articles (same ids, same text);
   * only categories and the taxonomy may differ.
   *
   * @param corpus the corpus as loaded
   * @param similarity content similarity over every article of {@code corpus}, stubs included
   */
  Corpus assign(Corpus corpus, SimilarityIndex similarity);
}

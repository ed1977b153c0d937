package dev.content.search;

import dev.content.core.Corpus;
import java.util.Optional;

/**
 * A pipeline stage that fills in categories before the library indexes the corpus: the hook for
 * neighbour classification (labelled articles vote for unlabelled ones by content similarity).
 *
 * <p>{@link ContentLibrary#open} runs, in this order: the similarity index is built (or restored from
 * disk); the assigner gets the corpus as loaded (folder and rule categories) and that index; what it
 * returns is the final corpus whose categories the search index, the facet counts and the shared-category
 * reasons of related articles use.
 *
 * <p>The default is {@link NeighbourClassifier#create()}; {@link #NONE} keeps the loaded categories.
 * A stage that says what its result depends on ({@link #cacheKey()}) runs only when that changed:
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

  /**
   * A key of everything this stage's result depends on besides the corpus and the similarity index:
   * its settings and the version of its code. With an index folder, the library keeps the stage's result
   * there under this key, the similarity settings and statistics, the taxonomy and every article's id,
   * text, kind and loaded categories, and reuses it when all of them are unchanged instead of running
   * the stage. The key must change whenever the result could change for the same corpus and index; an
   * empty key (the default) means the result is never kept and the stage runs at every open.
   */
  default Optional<String> cacheKey() {
    return Optional.empty();
  }
}

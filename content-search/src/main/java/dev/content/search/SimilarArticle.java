package dev.content.search;

import java.util.List;
import java.util.Objects;

/**
 * An article found similar to another article or to a text, with the evidence.
 *
 * @param id the similar article's id
 * @param score the cosine similarity, from 0 (nothing shared) to 1 (the same terms in the same
 *     proportions)
 * @param sharedTerms the strongest shared terms, strongest first (see
 *     {@link SimilarityIndex.Builder#evidenceTerms(int)})
 */
public record SimilarArticle(String id, double score, List<SharedTerm> sharedTerms) {
  public SimilarArticle {
    Objects.requireNonNull(id, "id must not be null");
    sharedTerms = List.copyOf(sharedTerms);
  }
}

package dev.content.search;

import java.util.Objects;

/**
 * A term two texts share, as evidence of their similarity.
 *
 * @param term the term: a character bigram such as {@code 网贷}, a longer word such as {@code 违约金}, or a
 *     Latin word, in folded form (half-width, lower case)
 * @param weight the term's share of the similarity score, from 0 to 1; the shares of all shared terms
 *     add up to 1
 */
public record SharedTerm(String term, double weight) {
  public SharedTerm {
    Objects.requireNonNull(term, "term must not be null");
  }
}

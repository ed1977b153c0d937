package dev.content.loader.categories;

import java.util.Objects;

/**
 * A weighted term of a category rule. Matching is by substring after Unicode NFKC normalisation and
 * lower-casing, so {@code ＡＰＰ} matches {@code app}; Chinese needs no word boundaries.
 *
 * @param text the term as written in {@code categories.json}
 * @param weight what one occurrence in the body adds to the category's score (a title occurrence adds
 *     {@link CategoryRules#titleWeight()} times as much); negative weights count against the category
 */
public record Term(String text, double weight) {
  public Term {
    Objects.requireNonNull(text, "text must not be null");
    if (text.isBlank()) {
      throw new IllegalArgumentException("term text must not be blank");
    }
    if (!Double.isFinite(weight) || weight == 0) {
      throw new IllegalArgumentException("term weight must be a non-zero finite number, was " + weight
          + " for " + text);
    }
  }
}

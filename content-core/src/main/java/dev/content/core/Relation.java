package dev.content.core;

import java.util.List;
import java.util.Objects;

/**
 * A directed edge of the related-article graph: {@code source} lists or resembles {@code target}.
 *
 * @param source the article whose related list holds the edge
 * @param target the related article (full or stub)
 * @param kind whether the page listed it or the library computed it
 * @param score the similarity for a computed edge (0 to 1); for an explicit edge the similarity if one was
 *     also computed, else 0
 * @param reasons why the two are related, strongest first
 */
public record Relation(String source, String target, Kind kind, double score, List<Reason> reasons) {
  public Relation {
    Objects.requireNonNull(source, "source must not be null");
    Objects.requireNonNull(target, "target must not be null");
    Objects.requireNonNull(kind, "kind must not be null");
    reasons = List.copyOf(reasons);
  }

  /** Where an edge comes from. */
  public enum Kind {
    /** The page's {@code 相关文章} list names the target. */
    EXPLICIT,
    /** Content similarity found the target. */
    COMPUTED
  }

  /**
   * One reason two articles are related.
   *
   * @param kind what sort of reason
   * @param label the listing position, the shared term or the shared category's slug
   * @param weight how much it contributed (the term's share of the similarity, for a term)
   */
  public record Reason(ReasonKind kind, String label, double weight) {
    public Reason {
      Objects.requireNonNull(kind, "kind must not be null");
      Objects.requireNonNull(label, "label must not be null");
    }
  }

  /** Sorts of reasons. */
  public enum ReasonKind {
    /** Listed in the page's {@code 相关文章}; the label is the 1-based position. */
    PAGE,
    /** A term both articles use; the label is the term. */
    SHARED_TERM,
    /** Both articles are in this category; the label is the slug. */
    SHARED_CATEGORY
  }
}

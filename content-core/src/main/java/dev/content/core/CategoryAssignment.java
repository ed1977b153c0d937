package dev.content.core;

import java.util.List;
import java.util.Objects;

/**
 * Why an article belongs to a category. An article's assignments list its primary category first.
 *
 * @param slug the category
 * @param source which mechanism decided
 * @param score the mechanism's confidence or weight (1 for a folder, the summed term weights for rules,
 *     the vote share for neighbours, 0 for the fallback)
 * @param reason a short human-readable sentence, e.g. {@code 标题含“征信”(×3)，正文含“逾期”(×1)}
 * @param evidence what the decision rests on: matched terms or labelled neighbours, with weights
 */
public record CategoryAssignment(String slug, Source source, double score, String reason,
    List<Evidence> evidence) {
  public CategoryAssignment {
    Objects.requireNonNull(slug, "slug must not be null");
    Objects.requireNonNull(source, "source must not be null");
    Objects.requireNonNull(reason, "reason must not be null");
    evidence = List.copyOf(evidence);
  }

  /** The mechanisms that assign categories, in their order of authority. */
  public enum Source {
    /** The file lies in a folder named after the category. */
    FOLDER,
    /** Weighted terms of {@code categories.json} matched the title or body. */
    RULES,
    /** Similar articles of known category voted. */
    NEIGHBOURS,
    /** Nothing else decided: {@code 未分类}. */
    FALLBACK
  }

  /**
   * One piece of evidence.
   *
   * @param kind {@code term-title}, {@code term-body}, {@code neighbour}, {@code profile-term} or {@code folder}
   * @param label the term, the neighbour's id, or the folder path
   * @param weight the term weight times its count, the neighbour's similarity, or how much more the
   *     term points to the category's profile than to the runner-up's (log-ratio)
   */
  public record Evidence(String kind, String label, double weight) {
    public Evidence {
      Objects.requireNonNull(kind, "kind must not be null");
      Objects.requireNonNull(label, "label must not be null");
    }
  }
}

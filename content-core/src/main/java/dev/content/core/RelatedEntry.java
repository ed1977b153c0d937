package dev.content.core;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an article's {@code 相关文章} list, as the page showed it.
 *
 * <p>{@code targetId} names the article the entry points to: the full article whose title matches, or
 * the stub that stands in for it. Entries built by a parser carry an empty target until a
 * {@link Corpus} resolves them; in a corpus every entry has one.
 *
 * @param title the listed title
 * @param excerpt the listed excerpt (usually ending in {@code …}), if any
 * @param date the listed date, if any
 * @param targetId the id of the target article, empty until resolved by a corpus
 * @param lines where the entry stood in the source file
 */
public record RelatedEntry(String title, Optional<String> excerpt, Optional<LocalDate> date,
    Optional<String> targetId, Optional<LineRange> lines) {
  public RelatedEntry {
    Objects.requireNonNull(title, "title must not be null");
    Objects.requireNonNull(excerpt, "excerpt must not be null");
    Objects.requireNonNull(date, "date must not be null");
    Objects.requireNonNull(targetId, "targetId must not be null");
    Objects.requireNonNull(lines, "lines must not be null");
  }

  /** An unresolved entry without provenance. */
  public static RelatedEntry of(String title, Optional<String> excerpt, Optional<LocalDate> date) {
    return new RelatedEntry(title, excerpt, date, Optional.empty(), Optional.empty());
  }

  /** This entry pointing at {@code id}. */
  public RelatedEntry withTargetId(String id) {
    return new RelatedEntry(title, excerpt, date, Optional.of(id), lines);
  }
}

package dev.content.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * When an article was published, as far as the page tells: the scraped pages give no publish time,
 * only the times of the previous and the next post, so the article lies between them. A related
 * listing's date gives a window of one day.
 *
 * @param notBefore the earliest possible publish time, if known
 * @param notAfter the latest possible publish time, if known
 */
public record PublishWindow(Optional<OffsetDateTime> notBefore, Optional<OffsetDateTime> notAfter) {
  /** A window about which nothing is known. */
  public static final PublishWindow UNKNOWN = new PublishWindow(Optional.empty(), Optional.empty());

  /**
   * Orders windows chronologically by {@link #orderKey()}: by the earliest possible time; a window with
   * only a latest time (the site's first post, whose page shows no 上一篇) before all others; unknown
   * windows last.
   */
  public static final Comparator<PublishWindow> CHRONOLOGICAL = Comparator.comparing(PublishWindow::orderKey);

  public PublishWindow {
    Objects.requireNonNull(notBefore, "notBefore must not be null");
    Objects.requireNonNull(notAfter, "notAfter must not be null");
  }

  /** The window of a whole calendar day in {@code zone}. */
  public static PublishWindow ofDay(LocalDate day, ZoneId zone) {
    OffsetDateTime start = day.atStartOfDay(zone).toOffsetDateTime();
    OffsetDateTime end = day.plusDays(1).atStartOfDay(zone).toOffsetDateTime().minusNanos(1_000_000);
    return new PublishWindow(Optional.of(start), Optional.of(end));
  }

  public boolean isKnown() {
    return notBefore.isPresent() || notAfter.isPresent();
  }

  /**
   * An estimate of the publish time for display: the earliest possible time when known, else the
   * latest possible time.
   */
  public Optional<Instant> sortInstant() {
    return notBefore.or(() -> notAfter).map(OffsetDateTime::toInstant);
  }

  /**
   * The key of {@link #CHRONOLOGICAL}. An article lies after its previous post, so the previous post's
   * time orders it among its neighbours; a page that shows only the next post's time is the first
   * post and comes first ({@link Instant#MIN}); a window with no time at all comes last
   * ({@link Instant#MAX}). Comparing an article's next-post time with another's previous-post time
   * would put the first post after the second.
   */
  public Instant orderKey() {
    if (notBefore.isPresent()) {
      return notBefore.get().toInstant();
    }
    return notAfter.isPresent() ? Instant.MIN : Instant.MAX;
  }
}

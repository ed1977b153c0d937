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
   * Orders windows chronologically by {@link #sortInstant()}; unknown windows come last.
   */
  public static final Comparator<PublishWindow> CHRONOLOGICAL = Comparator.comparing(
      (PublishWindow w) -> w.sortInstant().orElse(Instant.MAX));

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
   * The instant this window sorts by: the earliest possible time when known, else the latest
   * possible time. The rule puts an article right after its previous post, which is where a site's
   * archive shows it.
   */
  public Optional<Instant> sortInstant() {
    return notBefore.or(() -> notAfter).map(OffsetDateTime::toInstant);
  }
}

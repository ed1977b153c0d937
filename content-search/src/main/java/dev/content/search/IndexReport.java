package dev.content.search;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What opening or updating a {@link ContentLibrary} did to its index.
 *
 * @param articles the articles in the index (stubs included)
 * @param analysed articles (re)analysed and written to the search index: new or changed ones
 * @param reused articles whose stored index entry was up to date (same content hash) and kept as is
 * @param deleted index entries removed because their article is gone
 * @param vectorised articles whose similarity vector was computed (the rest were restored)
 * @param rebuilt why the whole index was rebuilt ({@code analyser version changed …}, {@code unreadable
 *     index …}), or empty
 * @param chars characters of text analysed into the search index
 * @param elapsed the time the open or update took, related articles included
 * @param relatedElapsed the part of {@code elapsed} spent computing related articles for every article
 */
public record IndexReport(int articles, int analysed, int reused, int deleted, int vectorised,
    Optional<String> rebuilt, long chars, Duration elapsed, Duration relatedElapsed) {
  public IndexReport {
    Objects.requireNonNull(rebuilt, "rebuilt must not be null");
    Objects.requireNonNull(elapsed, "elapsed must not be null");
    Objects.requireNonNull(relatedElapsed, "relatedElapsed must not be null");
  }
}

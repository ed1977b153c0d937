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
 * @param relatedElapsed the part of {@code elapsed} spent on related articles for every article
 * @param relatedReused whether the related lists were read back from the index folder (nothing they
 *     depend on had changed) instead of computed
 */
public record IndexReport(int articles, int analysed, int reused, int deleted, int vectorised,
    Optional<String> rebuilt, long chars, Duration elapsed, Duration relatedElapsed, boolean relatedReused) {
  public IndexReport {
    Objects.requireNonNull(rebuilt, "rebuilt must not be null");
    Objects.requireNonNull(elapsed, "elapsed must not be null");
    Objects.requireNonNull(relatedElapsed, "relatedElapsed must not be null");
  }
}

package dev.content.search;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * @param categoriesReused whether the category stage's result was read back from the index folder
 *     (see {@link CategoryAssigner#cacheKey()}) instead of computed
 * @param phases the wall time of each part of the open, in order. A reopen over the corpus the folder was
 *     last brought up to date with: {@code lucene open}, {@code reopen key} (the key of the whole input,
 *     hashed while Lucene opens), {@code categories}, {@code related} (read back side by side),
 *     {@code search set-up}. Otherwise: {@code lucene open}, {@code index state} (what the index holds),
 *     {@code text keys}, {@code vectors} (statistics and vectors; with nothing changed on disk they are
 *     only located, and read when first needed), {@code categories}, {@code search entries},
 *     {@code related}, {@code search index} (waiting for the search entries written on another thread
 *     meanwhile, and their commit), {@code search set-up}
 */
public record IndexReport(int articles, int analysed, int reused, int deleted, int vectorised,
    Optional<String> rebuilt, long chars, Duration elapsed, Duration relatedElapsed, boolean relatedReused,
    boolean categoriesReused, Map<String, Duration> phases) {
  public IndexReport {
    Objects.requireNonNull(rebuilt, "rebuilt must not be null");
    Objects.requireNonNull(elapsed, "elapsed must not be null");
    Objects.requireNonNull(relatedElapsed, "relatedElapsed must not be null");
    phases = Collections.unmodifiableMap(new LinkedHashMap<>(phases));
  }
}

package dev.content.loader;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a folder load did with its snapshot (see {@link SeedLoader.Builder#snapshot}).
 *
 * @param file the snapshot file
 * @param reused how many files were taken from the snapshot without being read
 * @param parsed how many files were parsed: new, changed, or all of them when the snapshot was unusable
 * @param removed how many files of the snapshot are gone from the folder
 * @param written whether the load wrote a new snapshot (it does not when nothing changed)
 * @param problem why the snapshot could not be read or written, when it could not: then every file was
 *     parsed, which gives the same corpus and diagnostics, only more slowly
 * @param generation the identity of this load's result, when a snapshot holds exactly that result: the
 *     random id of the snapshot read when nothing changed, or of the one this load wrote (each write makes
 *     a new one); empty when the snapshot could not be used or written. Two loads with the same generation
 *     returned equal results (corpus, diagnostics, outcomes), so whatever a program derives from the
 *     corpus can be filed under it instead of under a hash of every article (content-search's
 *     {@code ContentLibrary.Opening.open(corpus, identity)} does)
 */
public record SnapshotUse(Path file, int reused, int parsed, int removed, boolean written,
    Optional<String> problem, Optional<String> generation) {
  public SnapshotUse {
    Objects.requireNonNull(file, "file must not be null");
    Objects.requireNonNull(problem, "problem must not be null");
    Objects.requireNonNull(generation, "generation must not be null");
  }

  /** A use whose result no snapshot names (no {@link #generation()}). */
  public SnapshotUse(Path file, int reused, int parsed, int removed, boolean written, Optional<String> problem) {
    this(file, reused, parsed, removed, written, problem, Optional.empty());
  }

  /** One line for a log, such as {@code snapshot …: 9,999 files reused, 1 parsed, 0 removed}. */
  public String describe() {
    return String.format("snapshot %s: %,d files reused, %,d parsed, %,d removed%s%s", file, reused, parsed,
        removed, written ? "; snapshot written" : "", problem.map(p -> "; " + p).orElse(""));
  }
}

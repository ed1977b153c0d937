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
 */
public record SnapshotUse(Path file, int reused, int parsed, int removed, boolean written,
    Optional<String> problem) {
  public SnapshotUse {
    Objects.requireNonNull(file, "file must not be null");
    Objects.requireNonNull(problem, "problem must not be null");
  }

  /** One line for a log, such as {@code snapshot …: 9,999 files reused, 1 parsed, 0 removed}. */
  public String describe() {
    return String.format("snapshot %s: %,d files reused, %,d parsed, %,d removed%s%s", file, reused, parsed,
        removed, written ? "; snapshot written" : "", problem.map(p -> "; " + p).orElse(""));
  }
}

package dev.content.loader;

import dev.content.core.Corpus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of loading a folder: the corpus of every article that could be read, all diagnostics,
 * and what became of each file.
 *
 * @param corpus the articles, their stubs and categories
 * @param diagnostics every problem, sorted by file and line
 * @param files one outcome per {@code *.txt} file, sorted by path
 * @param snapshot what the load did with its snapshot, when the loader has one
 */
public record LoadResult(Corpus corpus, List<Diagnostic> diagnostics, List<FileOutcome> files,
    Optional<SnapshotUse> snapshot) {
  public LoadResult {
    Objects.requireNonNull(corpus, "corpus must not be null");
    diagnostics = List.copyOf(diagnostics);
    // The outcomes of a result read from a snapshot are made as they are read: copying would make all.
    files = files instanceof StoredOutcomes ? files : List.copyOf(files);
    Objects.requireNonNull(snapshot, "snapshot must not be null");
  }

  /** A result of a load without a snapshot. */
  public LoadResult(Corpus corpus, List<Diagnostic> diagnostics, List<FileOutcome> files) {
    this(corpus, diagnostics, files, Optional.empty());
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  public long errorCount() {
    return diagnostics.stream().filter(Diagnostic::isError).count();
  }

  public long warningCount() {
    return diagnostics.size() - errorCount();
  }

  /** The files that produced no article. */
  public List<FileOutcome> rejected() {
    return files.stream().filter(f -> !f.loaded()).toList();
  }
}

package dev.content.web;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What loading the seeds folder reported, for {@code /health}.
 *
 * @param files the {@code *.txt} files seen
 * @param errors diagnostics of severity error
 * @param warnings diagnostics of severity warning
 * @param diagnostics every diagnostic as {@code file:line: error|warning: message}
 * @param kept files that could not be read this time and whose last good article is still served
 * @param snapshot what the load did with the corpus snapshot (files reused, parsed, removed), if it used one
 */
public record LoadReport(int files, int errors, int warnings, List<String> diagnostics, List<String> kept,
    Optional<String> snapshot) {
  public LoadReport {
    diagnostics = List.copyOf(diagnostics);
    kept = List.copyOf(kept);
    Objects.requireNonNull(snapshot, "snapshot must not be null");
  }

  /** A report of a load without a corpus snapshot. */
  public LoadReport(int files, int errors, int warnings, List<String> diagnostics, List<String> kept) {
    this(files, errors, warnings, diagnostics, kept, Optional.empty());
  }

  /** The report of a corpus that was built in memory, not loaded. */
  public static LoadReport none() {
    return new LoadReport(0, 0, 0, List.of(), List.of());
  }
}

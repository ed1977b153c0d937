package dev.content.web;

import java.util.List;

/**
 * What loading the seeds folder reported, for {@code /health}.
 *
 * @param files the {@code *.txt} files seen
 * @param errors diagnostics of severity error
 * @param warnings diagnostics of severity warning
 * @param diagnostics every diagnostic as {@code file:line: error|warning: message}
 * @param kept files that could not be read this time and whose last good article is still served
 */
public record LoadReport(int files, int errors, int warnings, List<String> diagnostics, List<String> kept) {
  public LoadReport {
    diagnostics = List.copyOf(diagnostics);
    kept = List.copyOf(kept);
  }

  /** The report of a corpus that was built in memory, not loaded. */
  public static LoadReport none() {
    return new LoadReport(0, 0, 0, List.of(), List.of());
  }
}

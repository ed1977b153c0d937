package dev.content.loader;

import java.util.Comparator;
import java.util.Objects;

/**
 * A problem found while loading, with its position. Diagnostics are values with a stable text:
 * {@code toString()} is {@code file:line:column: severity: message}; parts that do not apply (line 0 for
 * the whole file, column 0 for a whole line) are left out.
 *
 * @param file the file's path, relative to the loaded folder, with {@code /} separators
 * @param line the 1-based line, or 0 when the problem concerns the whole file
 * @param column the 1-based column (in characters), or 0 when it concerns the whole line
 * @param severity error or warning
 * @param message what is wrong, in a stable wording
 */
public record Diagnostic(String file, int line, int column, Severity severity, String message) {
  /** By file, line, column, then message. */
  public static final Comparator<Diagnostic> ORDER = Comparator.comparing(Diagnostic::file)
      .thenComparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column)
      .thenComparing(Diagnostic::message);

  public Diagnostic {
    Objects.requireNonNull(file, "file must not be null");
    Objects.requireNonNull(severity, "severity must not be null");
    Objects.requireNonNull(message, "message must not be null");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column must not be negative");
    }
  }

  public static Diagnostic error(String file, int line, String message) {
    return new Diagnostic(file, line, 0, Severity.ERROR, message);
  }

  public static Diagnostic warning(String file, int line, String message) {
    return new Diagnostic(file, line, 0, Severity.WARNING, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code file:line: severity: message}, the format of the CLI's {@code check}. */
  public String format() {
    return file + (line > 0 ? ":" + line : "") + ": " + severity.label() + ": " + message;
  }

  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line : "") + (line > 0 && column > 0 ? ":" + column : "") + ": "
        + severity.label() + ": " + message;
  }
}

package dev.content.loader;

/** How bad a {@link Diagnostic} is. */
public enum Severity {
  /** The file, or part of it, could not be used; what is reported is lost unless the file is fixed. */
  ERROR,
  /** Something was odd but the loader made sense of it; nothing was lost. */
  WARNING;

  /** {@code error} or {@code warning}, as diagnostics print it. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

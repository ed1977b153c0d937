package dev.content.generator;

import java.nio.file.Path;

/** Thrown when the lawrefbook folder (or its {@code MANIFEST.tsv}) is not where the caller said. */
public final class SourceNotFoundException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient Path path;

  public SourceNotFoundException(Path path, String message) {
    super(message);
    this.path = path;
  }

  /** The path that was looked for. */
  public Path path() {
    return path;
  }
}

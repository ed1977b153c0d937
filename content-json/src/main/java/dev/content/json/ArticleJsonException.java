package dev.content.json;

/**
 * JSON that does not describe an article: malformed JSON, or a value that breaks the format of
 * {@code docs/json-format.md}. The message names where: the JSON Lines line, and the JSON path.
 */
public final class ArticleJsonException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final String path;

  ArticleJsonException(int line, String path, String message, Throwable cause) {
    super((line > 0 ? "line " + line + ": " : "") + message, cause);
    this.line = line;
    this.path = path;
  }

  /** The 1-based line of the JSON Lines input (or of the JSON text), 0 when not known. */
  public int line() {
    return line;
  }

  /** The JSON path of the offending value, such as {@code $.body[2].type}; empty for malformed JSON. */
  public String path() {
    return path;
  }
}

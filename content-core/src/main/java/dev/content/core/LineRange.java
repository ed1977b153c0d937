package dev.content.core;

/**
 * An inclusive range of 1-based line numbers in a source file.
 *
 * @param first the first line, at least 1
 * @param last the last line, not before {@code first}
 */
public record LineRange(int first, int last) {
  public LineRange {
    if (first < 1 || last < first) {
      throw new IllegalArgumentException("invalid line range " + first + "-" + last);
    }
  }

  /** A range of one line. */
  public static LineRange of(int line) {
    return new LineRange(line, line);
  }

  /** The smallest range covering both. */
  public LineRange span(LineRange other) {
    return new LineRange(Math.min(first, other.first), Math.max(last, other.last));
  }

  @Override
  public String toString() {
    return first == last ? Integer.toString(first) : first + "-" + last;
  }
}

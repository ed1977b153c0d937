package dev.content.search;

/**
 * A marked range of a {@link Snippet}'s text: UTF-16 offsets, {@code start} inclusive, {@code end}
 * exclusive, never splitting a surrogate pair.
 */
public record Span(int start, int end) {
  public Span {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("invalid span " + start + "-" + end);
    }
  }
}

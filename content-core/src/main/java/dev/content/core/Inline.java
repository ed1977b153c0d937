package dev.content.core;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A run of text inside a block, either plain or strong (written {@code **bold**} in the seed format).
 *
 * @param text the text, without any markup; may contain line breaks
 * @param strong whether the run is emphasised
 */
public record Inline(String text, boolean strong) {
  public Inline {
    Objects.requireNonNull(text, "text must not be null");
  }

  public static Inline plain(String text) {
    return new Inline(text, false);
  }

  public static Inline strong(String text) {
    return new Inline(text, true);
  }

  /** The concatenated text of runs, without markup. */
  public static String plainText(List<Inline> runs) {
    return runs.stream().map(Inline::text).collect(Collectors.joining());
  }
}

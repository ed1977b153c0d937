package dev.content.cli.render;

/**
 * Makes text from articles safe for a terminal: escape and control sequences inside article text must
 * never reach it (a body containing {@code ESC[2J} would clear the screen), so every control character
 * becomes a visible picture of itself, and bidirectional overrides, which could reorder what is shown,
 * are dropped.
 */
public final class Safe {
  private Safe() {}

  /** The text with tabs as spaces and every other control character made visible. */
  public static String text(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int n = Character.charCount(cp);
      String replacement = replacement(cp);
      if (replacement != null && out == null) {
        out = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (out != null) {
        if (replacement != null) {
          out.append(replacement);
        } else {
          out.appendCodePoint(cp);
        }
      }
      i += n;
    }
    return out == null ? s : out.toString();
  }

  private static String replacement(int cp) {
    if (cp == '\t') {
      return " ";
    }
    if (cp < 0x20) {
      return String.valueOf((char) (0x2400 + cp)); // Unicode control pictures: ESC shows as ␛
    }
    if (cp == 0x7f) {
      return "\u2421";
    }
    if (cp >= 0x80 && cp < 0xa0) {
      return "\ufffd";
    }
    if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f) {
      return "";
    }
    return null;
  }
}

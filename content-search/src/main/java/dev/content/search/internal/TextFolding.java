package dev.content.search.internal;

/**
 * Folds text for matching without changing its length, so that offsets found in folded text are
 * offsets in the original: full-width ASCII becomes half-width, the ideographic space a space, Latin
 * capitals lower case.
 */
public final class TextFolding {
  private TextFolding() {}

  /** The folded form of one UTF-16 unit. */
  public static char fold(char c) {
    if (c >= '\uFF01' && c <= '\uFF5E') {
      c = (char) (c - 0xFEE0);
    } else if (c == '\u3000') {
      return ' ';
    }
    if (c >= 'A' && c <= 'Z') {
      return (char) (c + ('a' - 'A'));
    }
    return c;
  }

  /** The folded text, of the same length as {@code text}. */
  public static String fold(CharSequence text) {
    char[] out = new char[text.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = fold(text.charAt(i));
    }
    return new String(out);
  }

  /** Whether the code point is a Chinese character (Han script). */
  public static boolean isHan(int cp) {
    return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
  }

  /** Whether the code point belongs to a Latin word or number. */
  public static boolean isWordChar(int cp) {
    return cp < 0x3000 && Character.isLetterOrDigit(cp) && !isHan(cp);
  }
}

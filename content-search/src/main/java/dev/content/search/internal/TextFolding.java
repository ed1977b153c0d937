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

  /**
   * What {@link Character.UnicodeScript} says of each code point of the Basic Multilingual Plane, filled
   * in as characters are met (0: not asked yet, 1: Han, 2: not Han): a table read instead of a binary
   * search over the script ranges for every character analysed. Threads may fill an entry twice, with
   * the same value.
   */
  private static final byte[] HAN_BMP = new byte[1 << 16];

  /** Whether the code point is a Chinese character (Han script). */
  public static boolean isHan(int cp) {
    if (cp < 0 || cp >= HAN_BMP.length) {
      return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }
    byte known = HAN_BMP[cp];
    if (known == 0) {
      known = Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN ? (byte) 1 : (byte) 2;
      HAN_BMP[cp] = known;
    }
    return known == 1;
  }

  /** Whether the code point belongs to a Latin word or number. */
  public static boolean isWordChar(int cp) {
    return cp < 0x3000 && Character.isLetterOrDigit(cp) && !isHan(cp);
  }
}

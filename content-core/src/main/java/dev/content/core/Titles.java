package dev.content.core;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * How titles are compared: a related listing names its target only by title, so the same article must
 * be found whatever width of punctuation or spacing the listing used.
 */
public final class Titles {
  private Titles() {}

  /**
   * The matching key of a title: Unicode NFKC (which folds full-width Latin letters, digits and
   * punctuation to their usual width), lower case, with every whitespace character removed.
   */
  public static String normalize(String title) {
    if (isAlreadyNormal(title)) {
      return title; // most titles: Chinese characters and stable punctuation, nothing to fold
    }
    String nfkc = Normalizer.normalize(title, Normalizer.Form.NFKC);
    StringBuilder out = new StringBuilder(nfkc.length());
    for (int i = 0; i < nfkc.length(); ) {
      int cp = nfkc.codePointAt(i);
      if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
        out.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether {@link #normalize} would return the title unchanged: only CJK unified ideographs, lower-case
   * ASCII letters, digits, and punctuation that NFKC leaves alone.
   */
  private static boolean isAlreadyNormal(String title) {
    for (int i = 0; i < title.length(); i++) {
      char c = title.charAt(i);
      boolean stable = (c >= '\u4E00' && c <= '\u9FFF') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || "“”‘’《》〈〉「」『』【】、。·—-_.,:;!?()%".indexOf(c) >= 0;
      if (!stable) {
        return false;
      }
    }
    return true;
  }

  /**
   * The id of the stub that stands for a title seen only in related listings: {@code s-} and the first
   * 16 hex digits of the SHA-256 of the normalised title. Stable across runs and machines, and
   * never equal to a file id, which has no {@code -}.
   */
  public static String stubId(String title) {
    return stubIdForKey(normalize(title));
  }

  /** {@link #stubId} of a title that is already normalised. */
  static String stubIdForKey(String normalizedTitle) {
    return "s-" + Hashing.sha256().hashString(normalizedTitle, StandardCharsets.UTF_8).toString()
        .substring(0, 16);
  }
}

package dev.content.loader.internal.categories;

import java.text.Normalizer;
import java.util.Locale;

/** Substring counting on normalised text, shared by rule scoring and its tests. */
public final class TextMatch {
  private TextMatch() {}

  /** NFKC and lower case: the form in which terms and texts are compared. */
  public static String normalize(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }

  /** Non-overlapping occurrences of {@code needle} in {@code haystack}; both already normalised. */
  public static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }
}

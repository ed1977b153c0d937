package dev.content.search.internal;

import dev.content.search.Snippet;
import dev.content.search.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Marks the query's needles (terms and phrases, folded) in a text and chooses the fragment with the
 * most distinct matches. Matching runs on the folded text, which has the same length as the original,
 * so offsets carry over exactly.
 */
public final class Highlighter {
  private static final String ELLIPSIS = "…";

  private Highlighter() {}

  /** The whole text with every occurrence of a needle marked. */
  public static Snippet markAll(String text, Set<String> needles) {
    return new Snippet(text, spans(TextFolding.fold(text), needles));
  }

  /**
   * A fragment of about {@code length} characters around the densest matches (or the start of the text
   * without matches), whitespace runs collapsed, cut ends shown with {@code …}.
   */
  public static Snippet fragment(String text, Set<String> needles, int length) {
    String clean = collapseWhitespace(text);
    String folded = TextFolding.fold(clean);
    List<Span> all = spans(folded, needles);
    int n = clean.length();
    if (n <= length) {
      return new Snippet(clean, all);
    }
    int start = 0;
    if (!all.isEmpty()) {
      int bestScore = -1;
      for (Span s : all) {
        // Leave a little context before the first match.
        int from = Math.max(0, s.start() - length / 5);
        int score = distinct(folded, all, from, from + length);
        if (score > bestScore) {
          bestScore = score;
          start = from;
        }
      }
      start = sentenceStart(clean, start, length / 5);
    }
    int end = Math.min(n, start + length);
    if (end == n) {
      start = Math.max(0, Math.min(start, n - length));
      start = sentenceStart(clean, start, 0);
    }
    start = safe(clean, start);
    end = safe(clean, end);
    String prefix = start > 0 ? ELLIPSIS : "";
    String suffix = end < n ? ELLIPSIS : "";
    List<Span> kept = new ArrayList<>();
    for (Span s : all) {
      int a = Math.max(s.start(), start);
      int b = Math.min(s.end(), end);
      if (a < b) {
        kept.add(new Span(a - start + prefix.length(), b - start + prefix.length()));
      }
    }
    return new Snippet(prefix + clean.substring(start, end) + suffix, kept);
  }

  /** {@code text.replaceAll("\\s+", " ").strip()} without a regular expression (snippets of long bodies). */
  static String collapseWhitespace(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isRegexSpace(c)) {
        space = true;
      } else {
        if (space && out.length() > 0) {
          out.append(' ');
        }
        space = false;
        out.append(c);
      }
    }
    // strip() also drops Unicode spaces the regex's \\s does not match (such as U+3000) at the ends.
    return out.toString().strip();
  }

  /** The characters of {@code \\s} in a Java regular expression: [ \\t\\n\\x0B\\f\\r]. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /** Moves {@code start} back to just after a sentence end if one lies within {@code slack} characters. */
  private static int sentenceStart(String s, int start, int slack) {
    for (int i = start; i > 0 && i >= start - slack; i--) {
      char c = s.charAt(i - 1);
      if (c == '。' || c == '！' || c == '？' || c == '；' || c == '!' || c == '?' || c == '\n') {
        return i;
      }
    }
    return start;
  }

  private static int safe(String s, int i) {
    return i > 0 && i < s.length() && Character.isLowSurrogate(s.charAt(i)) ? i - 1 : i;
  }

  private static int distinct(String folded, List<Span> spans, int from, int to) {
    java.util.HashSet<String> seen = new java.util.HashSet<>();
    int covered = 0;
    for (Span s : spans) {
      if (s.start() >= from && s.end() <= to) {
        seen.add(folded.substring(s.start(), s.end()));
        covered += s.end() - s.start();
      }
    }
    return seen.size() * 1000 + covered;
  }

  /** Every occurrence of every needle, overlapping and touching ranges merged. */
  static List<Span> spans(String folded, Set<String> needles) {
    boolean[] mark = new boolean[folded.length()];
    for (String needle : needles) {
      if (needle.isEmpty()) {
        continue;
      }
      boolean latin = TextFolding.isWordChar(needle.codePointAt(0));
      for (int i = folded.indexOf(needle); i >= 0; i = folded.indexOf(needle, i + 1)) {
        int end = i + needle.length();
        // A Latin needle marks whole words only: "app" in "apple" is not a match.
        if (latin && ((i > 0 && TextFolding.isWordChar(folded.charAt(i - 1)))
            || (end < folded.length() && TextFolding.isWordChar(folded.charAt(end))))) {
          continue;
        }
        for (int j = i; j < end; j++) {
          mark[j] = true;
        }
      }
    }
    List<Span> out = new ArrayList<>();
    int i = 0;
    while (i < mark.length) {
      if (!mark[i]) {
        i++;
        continue;
      }
      int start = i;
      while (i < mark.length && mark[i]) {
        i++;
      }
      out.add(new Span(start, i));
    }
    return out;
  }
}

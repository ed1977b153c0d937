package dev.content.search.internal;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The form of a title, as terms the term weights can learn from besides its characters: how it begins
 * and ends (its first and last two Chinese characters), its punctuation, alone and with the character
 * on each side, its length (in steps of {@value #LENGTH_STEP} characters) and whether it has a space
 * inside. Headlines of one kind share a form (stock news “港股：…”, a photo story “…(组图)”, a game
 * “《…》”, a law “…条例”, a sports site's long headlines with a space between two halves) that
 * character unigrams and bigrams, which skip punctuation and spaces, do not see.
 *
 * <p>Each term carries a mark that no character term has (character terms never contain punctuation
 * or these marks), so the two kinds never collide in one vocabulary; {@link #display} renders a term
 * for a reader.
 */
public final class TitleShape {
  private static final char START = '^';
  private static final char END = '$';
  private static final String MARK = "p:";
  private static final char PAIR = '|';
  private static final String LENGTH = "#len:";
  private static final String SPACE = "#space";
  /** Lengths are told apart in steps of this many characters, the last step open-ended. */
  private static final int LENGTH_STEP = 4;
  private static final int LENGTH_STEPS = 8;

  private TitleShape() {}

  /** The distinct form terms of a title. */
  public static String[] terms(String title) {
    String t = TextFolding.fold(title);
    Set<String> out = new LinkedHashSet<>();
    int[] cps = t.codePoints().toArray();
    int first = -1;
    int last = -1;
    for (int i = 0; i < cps.length; i++) {
      if (TextFolding.isHan(cps[i])) {
        if (first < 0) {
          first = i;
        }
        last = i;
      }
    }
    if (first >= 0) {
      // The first run's opening and the last run's close: a run of one character gives one character.
      int end = first + 1 < cps.length && TextFolding.isHan(cps[first + 1]) ? first + 2 : first + 1;
      out.add(START + new String(cps, first, end - first));
      int start = last > 0 && TextFolding.isHan(cps[last - 1]) ? last - 1 : last;
      out.add(new String(cps, start, last + 1 - start) + END);
    }
    for (int i = 0; i < cps.length; i++) {
      if (!punctuation(cps[i])) {
        continue;
      }
      String p = Character.toString(cps[i]);
      out.add(MARK + p);
      if (i > 0) {
        out.add(Character.toString(cps[i - 1]) + PAIR + p);
      }
      if (i + 1 < cps.length) {
        out.add(p + PAIR + Character.toString(cps[i + 1]));
      }
    }
    String inner = t.strip();
    if (!inner.isEmpty()) {
      out.add(LENGTH + Math.min(inner.codePointCount(0, inner.length()) / LENGTH_STEP, LENGTH_STEPS));
      if (inner.codePoints().anyMatch(Character::isWhitespace)) {
        out.add(SPACE);
      }
    }
    return out.toArray(String[]::new);
  }

  private static boolean punctuation(int cp) {
    return !Character.isLetterOrDigit(cp) && !Character.isWhitespace(cp) && cp != '_'
        && !TextFolding.isHan(cp);
  }

  /**
   * A term as a reader sees it: {@code 港股…} (begins with), {@code …条例} (ends with), a punctuation mark
   * or a mark with its neighbour as it appears ({@code :}, {@code 股:}), {@code 标题 20–23 字},
   * {@code 标题有空格}; character terms unchanged.
   */
  public static String display(String term) {
    if (term.equals(SPACE)) {
      return "标题有空格";
    }
    if (term.startsWith(LENGTH)) {
      int step = Integer.parseInt(term.substring(LENGTH.length()));
      return step >= LENGTH_STEPS ? "标题 " + step * LENGTH_STEP + " 字以上"
          : "标题 " + step * LENGTH_STEP + "–" + (step * LENGTH_STEP + LENGTH_STEP - 1) + " 字";
    }
    if (term.startsWith(MARK)) {
      return term.substring(MARK.length());
    }
    int bar = term.indexOf(PAIR);
    if (bar > 0 && bar < term.length() - 1) {
      return term.substring(0, bar) + term.substring(bar + 1);
    }
    if (term.length() > 1 && term.charAt(0) == START && TextFolding.isHan(term.codePointAt(1))) {
      return term.substring(1) + "…";
    }
    if (term.length() > 1 && term.charAt(term.length() - 1) == END && TextFolding.isHan(term.codePointAt(0))) {
      return "…" + term.substring(0, term.length() - 1);
    }
    return term;
  }
}

package dev.content.cli.render;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.WCWidth;

/**
 * Wraps styled text by display width: a Chinese character takes two columns, Latin words are kept
 * whole where they fit, and the Chinese line-breaking rules hold (no line starts with closing
 * punctuation such as {@code ，。、）》”}, none ends with opening punctuation such as {@code （《“}).
 */
public final class Wrap {
  private Wrap() {}

  private static final String NO_START = "，。、；：？！）》」』】〉〕｝’”…—～·,.;:?!)]}%";
  private static final String NO_END = "（《「『【〈〔｛‘“([{";

  /** The display width of one code point (control and combining characters take none). */
  public static int width(int cp) {
    return Math.max(0, WCWidth.wcwidth(cp));
  }

  /** The display width of a string. */
  public static int width(CharSequence s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = Character.codePointAt(s, i);
      w += width(cp);
      i += Character.charCount(cp);
    }
    return w;
  }

  /**
   * The text broken into lines of at most {@code width} columns, the first prefixed by
   * {@code firstIndent}, the others by {@code restIndent}. Line breaks in the text are kept.
   */
  public static List<AttributedString> lines(AttributedString text, int width, AttributedString firstIndent,
      AttributedString restIndent) {
    List<AttributedString> out = new ArrayList<>();
    String plain = text.toString();
    int start = 0;
    boolean first = true;
    while (true) {
      int nl = plain.indexOf('\n', start);
      int end = nl < 0 ? plain.length() : nl;
      wrapParagraph(text.subSequence(start, end), width, first ? firstIndent : restIndent, restIndent, out);
      first = false;
      if (nl < 0) {
        break;
      }
      start = nl + 1;
    }
    return out;
  }

  /** {@link #lines(AttributedString, int, AttributedString, AttributedString)} without indentation. */
  public static List<AttributedString> lines(AttributedString text, int width) {
    return lines(text, width, AttributedString.EMPTY, AttributedString.EMPTY);
  }

  /** The text cut to {@code width} columns, with {@code …} when cut. */
  public static AttributedString truncate(AttributedString text, int width) {
    if (width(text.toString()) <= width) {
      return text;
    }
    int w = 0;
    String s = text.toString();
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int cw = width(cp);
      if (w + cw > width - 1) {
        break;
      }
      w += cw;
      i += Character.charCount(cp);
    }
    return new AttributedStringBuilder().append(text.subSequence(0, i)).append("…").toAttributedString();
  }

  private static void wrapParagraph(AttributedString text, int width, AttributedString firstIndent,
      AttributedString restIndent, List<AttributedString> out) {
    String s = text.toString();
    List<int[]> units = units(s);
    AttributedStringBuilder line = new AttributedStringBuilder().append(firstIndent);
    int used = width(firstIndent.toString());
    int avail = Math.max(1, width - used);
    boolean empty = true;
    for (int[] u : units) {
      int uw = width(s.substring(u[0], u[1]));
      boolean space = s.charAt(u[0]) == ' ';
      if (space && empty) {
        continue; // no leading spaces on a wrapped line
      }
      if (uw <= avail) {
        line.append(text.subSequence(u[0], u[1]));
        avail -= uw;
        empty = false;
        continue;
      }
      if (space) {
        out.add(trimEnd(line.toAttributedString()));
        line = new AttributedStringBuilder().append(restIndent);
        avail = Math.max(1, width - width(restIndent.toString()));
        empty = true;
        continue;
      }
      if (!empty) {
        out.add(trimEnd(line.toAttributedString()));
        line = new AttributedStringBuilder().append(restIndent);
        avail = Math.max(1, width - width(restIndent.toString()));
        empty = true;
      }
      // A unit wider than a whole line is cut by characters.
      for (int i = u[0]; i < u[1]; ) {
        int cp = s.codePointAt(i);
        int n = Character.charCount(cp);
        int cw = width(cp);
        if (cw > avail && !empty) {
          out.add(line.toAttributedString());
          line = new AttributedStringBuilder().append(restIndent);
          avail = Math.max(1, width - width(restIndent.toString()));
        }
        line.append(text.subSequence(i, i + n));
        avail -= cw;
        empty = false;
        i += n;
      }
    }
    out.add(trimEnd(line.toAttributedString()));
  }

  private static AttributedString trimEnd(AttributedString s) {
    String p = s.toString();
    int end = p.length();
    while (end > 0 && p.charAt(end - 1) == ' ') {
      end--;
    }
    return end == p.length() ? s : s.subSequence(0, end);
  }

  /**
   * Break units as [start, end) pairs: each wide character alone, a run of other non-space characters
   * as a word, each space alone; punctuation that must not start a line is glued to the unit before,
   * punctuation that must not end one to the unit after.
   */
  static List<int[]> units(String s) {
    List<int[]> units = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int n = Character.charCount(cp);
      if (cp == ' ' || width(cp) >= 2 || NO_START.indexOf(cp) >= 0 || NO_END.indexOf(cp) >= 0) {
        units.add(new int[] {i, i + n});
        i += n;
        continue;
      }
      int j = i + n;
      while (j < s.length()) {
        int c = s.codePointAt(j);
        if (c == ' ' || width(c) >= 2 || NO_START.indexOf(c) >= 0 || NO_END.indexOf(c) >= 0) {
          break;
        }
        j += Character.charCount(c);
      }
      units.add(new int[] {i, j});
      i = j;
    }
    List<int[]> glued = new ArrayList<>();
    for (int k = 0; k < units.size(); k++) {
      int[] u = units.get(k);
      int c = s.codePointAt(u[0]);
      boolean singleChar = u[1] - u[0] == Character.charCount(c);
      if (singleChar && NO_START.indexOf(c) >= 0 && !glued.isEmpty()
          && s.charAt(glued.get(glued.size() - 1)[1] - 1) != ' ') {
        glued.get(glued.size() - 1)[1] = u[1];
      } else if (!glued.isEmpty() && isOpening(s, glued.get(glued.size() - 1)) && c != ' ') {
        glued.get(glued.size() - 1)[1] = u[1];
      } else {
        glued.add(new int[] {u[0], u[1]});
      }
    }
    return glued;
  }

  private static boolean isOpening(String s, int[] unit) {
    int last = s.codePointBefore(unit[1]);
    return NO_END.indexOf(last) >= 0;
  }
}

package dev.content.loader.internal;

import dev.content.core.Inline;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line-level syntax of the seed format, shared by the parser and the writer so that what one
 * writes the other reads back: inline {@code **strong**} runs, list markers and heading lines.
 */
public final class Markup {
  /**
   * List markers: {@code 1.} {@code 1．} {@code 1、} {@code 1)} {@code （1）} {@code (1)} {@code ①}. A
   * digit right after {@code 1.} means a decimal number such as {@code 3.5%}, not a marker.
   */
  private static final Pattern LIST_MARKER = Pattern.compile(
      "^(?:(\\d{1,3})(?:[.．](?!\\d)|、|[)）])|[（(](\\d{1,3})[)）]|([\\u2460-\\u2473]))\\s*");
  private static final Pattern MARKDOWN_HEADING = Pattern.compile("^(#{1,6})\\s+(\\S.*)$");
  private static final Pattern CHINESE_SECTION = Pattern.compile(
      "^(?:[一二三四五六七八九十百零]+[、.．]|第[一二三四五六七八九十百零\\d]+[章节部分篇])\\s*\\S.*$");
  private static final Pattern CHINESE_SUBSECTION = Pattern.compile("^[（(][一二三四五六七八九十]+[)）]\\s*\\S.*$");
  /** Longer lines are sentences, not headings. */
  private static final int MAX_HEADING_LENGTH = 40;

  private Markup() {}

  /** A list marker at the start of a line. */
  public record Marker(String text, Family family, int number, int end) {}

  /** Markers of one family continue the same list. */
  public enum Family {
    DOT, COMMA, PAREN_CLOSE, PARENS, CIRCLED
  }

  public static Optional<Marker> listMarker(String line) {
    if (line.isEmpty() || !mayStartMarker(line.charAt(0))) {
      return Optional.empty(); // most lines: skip the regex
    }
    Matcher m = LIST_MARKER.matcher(line);
    if (!m.find() || m.end() >= line.length()) {
      return Optional.empty();
    }
    String marker = line.substring(m.start(), m.end()).strip();
    Family family;
    int number;
    if (m.group(1) != null) {
      number = Integer.parseInt(m.group(1));
      char c = marker.charAt(marker.length() - 1);
      family = c == '、' ? Family.COMMA : (c == ')' || c == '）') ? Family.PAREN_CLOSE : Family.DOT;
    } else if (m.group(2) != null) {
      number = Integer.parseInt(m.group(2));
      family = Family.PARENS;
    } else {
      number = m.group(3).charAt(0) - 0x2460 + 1;
      family = Family.CIRCLED;
    }
    return Optional.of(new Marker(marker, family, number, m.end()));
  }

  private static boolean mayStartMarker(char c) {
    return (c >= '0' && c <= '9') || c == '(' || c == '（' || (c >= '\u2460' && c <= '\u2473');
  }

  /** A heading line: level and inline content. */
  public record HeadingLine(int level, List<Inline> inlines) {}

  /**
   * Whether a line standing alone (its own block) is a heading: a Markdown {@code #} heading (level =
   * number of {@code #}), a Chinese section heading such as {@code 一、法律是怎么规定的} or {@code 第二章 …}
   * (level 2), a sub-section {@code （一）…} (level 3), or a short line that is bold as a whole
   * (level 3). Chinese and bold headings must be short and not end like a sentence.
   */
  public static Optional<HeadingLine> heading(String line) {
    Matcher md = MARKDOWN_HEADING.matcher(line);
    if (md.matches()) {
      return Optional.of(new HeadingLine(md.group(1).length(), inlines(md.group(2).strip())));
    }
    if (!isShortPhrase(line)) {
      return Optional.empty();
    }
    if (CHINESE_SECTION.matcher(line).matches()) {
      return Optional.of(new HeadingLine(2, inlines(line)));
    }
    if (CHINESE_SUBSECTION.matcher(line).matches()) {
      return Optional.of(new HeadingLine(3, inlines(line)));
    }
    List<Inline> runs = inlines(line);
    if (runs.size() == 1 && runs.get(0).strong()) {
      return Optional.of(new HeadingLine(3, runs));
    }
    return Optional.empty();
  }

  private static boolean isShortPhrase(String line) {
    if (line.codePointCount(0, line.length()) > MAX_HEADING_LENGTH || line.contains("\n")) {
      return false;
    }
    String plain = line.replace("**", "");
    return !plain.isEmpty() && "。！？；!?;".indexOf(plain.charAt(plain.length() - 1)) < 0;
  }

  /**
   * Splits text into plain and strong runs at matched {@code **} pairs. An unmatched {@code **} stays
   * literal text. Adjacent runs of the same kind are merged, empty runs dropped.
   */
  public static List<Inline> inlines(String text) {
    List<Inline> runs = new ArrayList<>();
    int pos = 0;
    while (pos < text.length()) {
      int open = text.indexOf("**", pos);
      int close = open < 0 ? -1 : text.indexOf("**", open + 2);
      if (open < 0 || close < 0) {
        add(runs, text.substring(pos), false);
        break;
      }
      if (close == open + 2) {
        // "****" has nothing to emphasise: keep it as text.
        add(runs, text.substring(pos, close + 2), false);
        pos = close + 2;
        continue;
      }
      add(runs, text.substring(pos, open), false);
      add(runs, text.substring(open + 2, close), true);
      pos = close + 2;
    }
    return List.copyOf(runs);
  }

  private static void add(List<Inline> runs, String text, boolean strong) {
    if (text.isEmpty()) {
      return;
    }
    if (!runs.isEmpty() && runs.get(runs.size() - 1).strong() == strong) {
      Inline last = runs.remove(runs.size() - 1);
      runs.add(new Inline(last.text() + text, strong));
    } else {
      runs.add(new Inline(text, strong));
    }
  }

  /** The seed-format text of runs: strong runs wrapped in {@code **}. */
  public static String render(List<Inline> runs) {
    StringBuilder out = new StringBuilder();
    for (Inline r : runs) {
      out.append(r.strong() ? "**" + r.text() + "**" : r.text());
    }
    return out.toString();
  }
}

package dev.content.generator.internal;

import dev.content.core.Block;
import dev.content.core.Inline;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns source units into article blocks the way an advice site shows them: section headings numbered
 * {@code 一、二、…}, enumerations as numbered points with a bold lead, and the site's habit of ASCII
 * commas and colons inside Chinese text (the seed file has it).
 */
public final class BodyBuilder {
  /** List marker styles the seed format knows; the first is by far the most common. */
  public enum MarkerStyle {
    DOT, COMMA, FULL_PAREN, PAREN, CIRCLED;

    String marker(int n) {
      return switch (this) {
        case DOT -> n + ".";
        case COMMA -> n + "、";
        case FULL_PAREN -> "（" + n + "）";
        case PAREN -> "(" + n + ")";
        case CIRCLED -> String.valueOf((char) ('①' + n - 1));
      };
    }
  }

  /**
   * A numbered point: Chinese enumerations ({@code （一）} {@code 一、}) and every list marker the loader
   * knows ({@code 1.} {@code 1、} {@code 1)} {@code （1）} {@code ①}). A paragraph starting with one of the
   * latter would read back as a list item, so every such paragraph is written as one.
   */
  private static final Pattern ENUMERATION = Pattern.compile(
      "^(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十百零]{1,3}[、.．]|[0-9]{1,3}(?:[.．](?![0-9])|、|[)）])"
          + "|[（(][0-9]{1,3}[）)]|[\u2460-\u2473])\\s*(.+)$");
  private static final Pattern LAW_ARTICLE = Pattern.compile("^(第[一二三四五六七八九十百零]+条(?:之[一二三四五六七八九十])?)\\s+(.+)$");
  private static final int MAX_LEAD = 24;
  private static final int MAX_LEAD_ONLY = 40;

  private BodyBuilder() {}

  /**
   * The blocks for these units.
   *
   * @param boldArticleNumbers whether {@code 第一条} at the start of a paragraph is shown strong
   */
  public static List<Block> blocks(List<LawDocument.Unit> units, MarkerStyle style, boolean boldArticleNumbers) {
    List<Block> out = new ArrayList<>();
    int headings = 0;
    int i = 0;
    while (i < units.size()) {
      LawDocument.Unit u = units.get(i);
      if (u.heading()) {
        headings++;
        out.add(new Block.Heading(2, List.of(Inline.plain(Numerals.chinese(headings) + "、" + u.text())),
            Optional.empty()));
        i++;
        continue;
      }
      int end = i;
      while (end < units.size() && !units.get(end).heading() && ENUMERATION.matcher(units.get(end).text()).matches()) {
        end++;
      }
      if (end > i) {
        out.add(new Block.OrderedList(listItems(units.subList(i, end), style), Optional.empty()));
        i = end;
        continue;
      }
      out.add(paragraph(u.text(), boldArticleNumbers));
      i++;
    }
    return out;
  }

  /**
   * The points of a run of enumerated paragraphs, numbered afresh: a bold lead where the text has a
   * natural one (a short clause before a comma or colon, or a short item as a whole), else text only.
   */
  private static List<Block.ListItem> listItems(List<LawDocument.Unit> run, MarkerStyle style) {
    if (style == MarkerStyle.CIRCLED && run.size() > 20) {
      style = MarkerStyle.DOT;
    }
    List<Block.ListItem> items = new ArrayList<>();
    for (int n = 0; n < run.size(); n++) {
      Matcher m = ENUMERATION.matcher(run.get(n).text());
      String rest = m.matches() ? m.group(1).strip() : run.get(n).text();
      int cut = leadEnd(rest);
      List<Inline> lead = List.of();
      String text = rest;
      if (cut > 0 && !ENUMERATION.matcher(rest.substring(cut + 1).strip()).matches()) {
        // (A text that itself starts with a marker would read back as another point.)
        lead = List.of(Inline.strong(rest.substring(0, cut)));
        text = rest.substring(cut + 1).strip();
      } else if (rest.length() <= MAX_LEAD_ONLY && !rest.replaceAll("[,;。:.]+$", "").isEmpty()) {
        lead = List.of(Inline.strong(rest.replaceAll("[,;。:.]+$", "")));
        text = "";
      }
      items.add(new Block.ListItem(style.marker(n + 1), lead,
          text.isEmpty() ? List.of() : List.of(Inline.plain(text)), Optional.empty()));
    }
    return items;
  }

  /** Where a natural lead ends (a comma, colon or stop within the first few characters), or -1. */
  private static int leadEnd(String s) {
    for (int i = 2; i < Math.min(s.length() - 1, MAX_LEAD + 1); i++) {
      char c = s.charAt(i);
      if (c == ',' || c == ':' || c == ';' || c == '。') {
        return i;
      }
    }
    return -1;
  }

  private static Block paragraph(String text, boolean boldArticleNumbers) {
    String t = text;
    Matcher m = LAW_ARTICLE.matcher(t);
    if (boldArticleNumbers && m.matches()) {
      return new Block.Paragraph(List.of(Inline.strong(m.group(1)), Inline.plain(" " + m.group(2))));
    }
    return new Block.Paragraph(List.of(Inline.plain(t)));
  }

  /**
   * The site's punctuation: ASCII commas, colons, semicolons, question and exclamation marks. Units
   * from {@link LawrefReader} already have it.
   */
  public static String site(String s) {
    return s.replace('，', ',').replace('：', ':').replace('；', ';').replace('？', '?').replace('！', '!');
  }

  /**
   * The text a related listing shows for an article: the body flattened to one line (points as
   * {@code 1. **lead**:text}), cut after {@code maxChars} code points with {@code …}.
   */
  public static String excerpt(List<Block> blocks, int maxChars) {
    StringBuilder sb = new StringBuilder();
    for (Block b : blocks) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      if (b instanceof Block.OrderedList l) {
        for (int k = 0; k < l.items().size(); k++) {
          Block.ListItem it = l.items().get(k);
          if (k > 0) {
            sb.append(' ');
          }
          sb.append(it.marker()).append(' ');
          if (!it.heading().isEmpty()) {
            sb.append("**").append(it.headingText()).append("**");
            if (!it.text().isEmpty()) {
              sb.append(':');
            }
          }
          sb.append(it.bodyText());
        }
      } else if (b instanceof Block.Paragraph p) {
        appendInlines(sb, p.inlines());
      } else if (b instanceof Block.Heading h) {
        appendInlines(sb, h.inlines());
      }
      if (sb.length() > maxChars * 2) {
        break;
      }
    }
    String flat = sb.toString().replaceAll("\\s+", " ").strip();
    if (flat.codePointCount(0, flat.length()) <= maxChars) {
      return flat + "…";
    }
    return flat.substring(0, flat.offsetByCodePoints(0, maxChars)).stripTrailing() + "…";
  }

  private static void appendInlines(StringBuilder sb, List<Inline> inlines) {
    for (Inline in : inlines) {
      sb.append(in.strong() ? "**" + in.text() + "**" : in.text());
    }
  }
}

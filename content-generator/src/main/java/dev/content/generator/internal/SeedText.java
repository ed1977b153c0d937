package dev.content.generator.internal;

import dev.content.core.Article;
import dev.content.core.Block;
import dev.content.core.Inline;
import dev.content.core.RelatedEntry;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Renders an article in the seed format, byte for byte like {@code seeds/000_cf47211e9869dcd2.txt}.
 * Stands in until content-loader's SeedWriter is merged.
 */
public final class SeedText {
  private SeedText() {}

  public static String write(Article a) {
    StringBuilder sb = new StringBuilder(8192);
    sb.append(a.pageTitle().orElse(a.title())).append("\n\n").append(a.title()).append("\n\n");
    for (Block b : a.body()) {
      if (b instanceof Block.Paragraph p) {
        inlines(sb, p.inlines());
      } else if (b instanceof Block.Heading h) {
        inlines(sb, h.inlines());
      } else if (b instanceof Block.OrderedList l) {
        for (int k = 0; k < l.items().size(); k++) {
          Block.ListItem it = l.items().get(k);
          if (k > 0) {
            sb.append("\n\n");
          }
          sb.append(it.marker()).append(' ');
          if (!it.heading().isEmpty()) {
            sb.append("**").append(it.headingText()).append("**");
            if (!it.text().isEmpty()) {
              sb.append('\n');
            }
          }
          inlines(sb, it.text());
        }
      }
      sb.append("\n\n");
    }
    a.likes().ifPresent(n -> sb.append('(').append(n).append(")\n"));
    a.author().ifPresent(s -> sb.append(s).append('\n'));
    a.previousPostAt().ifPresent(t -> sb.append("上一篇 ").append(time(t)).append('\n'));
    a.nextPostAt().ifPresent(t -> sb.append("下一篇 ").append(time(t)).append('\n'));
    if (!a.related().isEmpty()) {
      sb.append("\n相关文章\n\n");
      for (RelatedEntry e : a.related()) {
        sb.append("  • ").append(e.title()).append('\n');
        e.excerpt().ifPresent(x -> sb.append("\n    ").append(x).append('\n'));
        e.date().ifPresent(d -> sb.append("\n    ").append(date(d)).append('\n'));
      }
    }
    while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '\n') {
      sb.setLength(sb.length() - 1);
    }
    return sb.toString();
  }

  private static void inlines(StringBuilder sb, List<Inline> runs) {
    for (Inline in : runs) {
      sb.append(in.strong() ? "**" + in.text() + "**" : in.text());
    }
  }

  static String date(LocalDate d) {
    return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }

  static String time(OffsetDateTime t) {
    int h = t.getHour();
    String half = h < 12 ? "上午" : "下午";
    int h12 = h % 12 == 0 ? 12 : h % 12;
    return date(t.toLocalDate()) + " " + half + h12 + ":" + String.format("%02d", t.getMinute());
  }
}

package dev.content.cli.render;

import dev.content.core.Article;
import dev.content.core.Block;
import dev.content.core.CategoryAssignment;
import dev.content.core.Corpus;
import dev.content.core.Inline;
import dev.content.core.PublishWindow;
import dev.content.core.RelatedEntry;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * An article as readable text: title, facts, categories with reasons, the body wrapped by display width
 * (bold leads bold, headings styled), the related list numbered with dates, and where to go next.
 */
public final class ArticleView {
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

  private final Corpus corpus;
  private final Theme theme;
  private final int width;

  public ArticleView(Corpus corpus, Theme theme, int width) {
    this.corpus = corpus;
    this.theme = theme;
    this.width = Math.max(20, width);
  }

  /** The rendered article and the ids its numbered links ([1], [2], …) point to. */
  public record Rendered(List<AttributedString> lines, List<String> links) {}

  public Rendered render(Article a) {
    List<AttributedString> out = new ArrayList<>();
    List<String> links = new ArrayList<>();
    out.addAll(Wrap.lines(styled(a.title(), theme.title()), width));
    a.pageTitle().ifPresent(p -> out.addAll(Wrap.lines(styled("页面标题: " + p, theme.meta()), width)));
    out.addAll(Wrap.lines(styled(facts(a), theme.meta()), width));
    if (!a.categories().isEmpty()) {
      for (int i = 0; i < a.categories().size(); i++) {
        CategoryAssignment c = a.categories().get(i);
        String name = corpus.taxonomy().get(c.slug()).map(x -> x.name()).orElse(c.slug());
        AttributedStringBuilder b = new AttributedStringBuilder();
        b.append(i == 0 ? "分类: " : "      ", theme.meta());
        b.append(Safe.text(name), i == 0 ? theme.strong() : AttributedStyle.DEFAULT);
        b.append(" (" + c.slug() + ")", theme.meta());
        if (!c.reason().isEmpty()) {
          b.append(" — " + Safe.text(c.reason()), theme.meta());
        }
        out.addAll(Wrap.lines(b.toAttributedString(), width, AttributedString.EMPTY, new AttributedString("      ")));
      }
    }
    out.add(new AttributedString("─".repeat(Math.min(width, 40)), theme.meta()));
    if (a.stub()) {
      out.addAll(Wrap.lines(styled("(未收录: 只在其他文章的相关文章列表中出现过)", theme.stub()), width));
      a.excerpt().ifPresent(e -> {
        out.add(AttributedString.EMPTY);
        out.addAll(Wrap.lines(excerpt(e, AttributedStyle.DEFAULT), width));
      });
    }
    for (Block block : a.body()) {
      out.add(AttributedString.EMPTY);
      render(block, out);
    }
    if (!a.related().isEmpty()) {
      out.add(AttributedString.EMPTY);
      out.add(new AttributedString("相关文章", theme.heading()));
      int n = 0;
      for (RelatedEntry e : a.related()) {
        n++;
        String target = e.targetId().orElse(null);
        links.add(target);
        out.addAll(relatedLine(n, e, target));
      }
      if (a.related().stream().anyMatch(e -> e.targetId().map(t -> !corpus.isFull(t)).orElse(true))) {
        out.add(new AttributedString("○ 未收录: 只知道标题和摘要 (stub)", theme.meta()));
      }
    }
    Optional<Article> prev = a.stub() ? Optional.empty() : corpus.previous(a.id());
    Optional<Article> next = a.stub() ? Optional.empty() : corpus.next(a.id());
    if (prev.isPresent() || next.isPresent()) {
      out.add(AttributedString.EMPTY);
      prev.ifPresent(p -> out.add(Wrap.truncate(new AttributedStringBuilder()
          .append("prev ", theme.meta()).append(Safe.text(p.title())).toAttributedString(), width)));
      next.ifPresent(p -> out.add(Wrap.truncate(new AttributedStringBuilder()
          .append("next ", theme.meta()).append(Safe.text(p.title())).toAttributedString(), width)));
    }
    return new Rendered(List.copyOf(out), java.util.Collections.unmodifiableList(links));
  }

  private List<AttributedString> relatedLine(int n, RelatedEntry e, String target) {
    boolean full = target != null && corpus.isFull(target);
    AttributedStringBuilder b = new AttributedStringBuilder();
    String num = "[" + n + "] ";
    b.append(num, theme.number());
    if (!full) {
      b.append("○ ", theme.stub());
    }
    b.append(Safe.text(e.title()), full ? theme.link() : AttributedStyle.DEFAULT);
    e.date().ifPresent(d -> b.append("  " + d, theme.date()));
    AttributedString indent = new AttributedString(" ".repeat(Wrap.width(num)));
    return Wrap.lines(b.toAttributedString(), width, AttributedString.EMPTY, indent);
  }

  private void render(Block block, List<AttributedString> out) {
    if (block instanceof Block.Paragraph p) {
      out.addAll(Wrap.lines(inlines(p.inlines(), AttributedStyle.DEFAULT), width));
    } else if (block instanceof Block.Heading h) {
      out.addAll(Wrap.lines(inlines(h.inlines(), theme.heading()), width));
    } else if (block instanceof Block.OrderedList l) {
      int markerWidth = l.items().stream().mapToInt(i -> Wrap.width(Safe.text(i.marker()))).max().orElse(2);
      boolean firstItem = true;
      for (Block.ListItem item : l.items()) {
        if (!firstItem) {
          out.add(AttributedString.EMPTY);
        }
        firstItem = false;
        String marker = Safe.text(item.marker());
        String pad = " ".repeat(markerWidth - Wrap.width(marker));
        AttributedString first = new AttributedStringBuilder().append(pad + marker, theme.number())
            .append(" ").toAttributedString();
        AttributedString rest = new AttributedString(" ".repeat(markerWidth + 1));
        if (!item.heading().isEmpty()) {
          out.addAll(Wrap.lines(inlines(item.heading(), theme.strong()), width, first, rest));
          if (!item.text().isEmpty()) {
            out.addAll(Wrap.lines(inlines(item.text(), AttributedStyle.DEFAULT), width, rest, rest));
          }
        } else {
          out.addAll(Wrap.lines(inlines(item.text(), AttributedStyle.DEFAULT), width, first, rest));
        }
      }
    }
  }

  private AttributedString inlines(List<Inline> runs, AttributedStyle base) {
    AttributedStringBuilder b = new AttributedStringBuilder();
    for (Inline run : runs) {
      b.append(Safe.text(run.text()), run.strong() ? base.bold() : base);
    }
    return theme.styled() ? b.toAttributedString() : new AttributedString(b.toString());
  }

  /** An excerpt as listed; the site cut its Markdown, so {@code **} pairs are shown bold and strays dropped. */
  AttributedString excerpt(String text, AttributedStyle base) {
    AttributedStringBuilder b = new AttributedStringBuilder();
    String[] parts = Safe.text(text).split("\\*\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      boolean strong = i % 2 == 1 && i < parts.length - 1;
      b.append(parts[i], strong ? theme.strong() : base);
    }
    return b.toAttributedString();
  }

  private AttributedString styled(String s, AttributedStyle style) {
    return new AttributedString(Safe.text(s), style);
  }

  private String facts(Article a) {
    List<String> parts = new ArrayList<>();
    parts.add(a.id());
    a.author().ifPresent(x -> parts.add(x));
    a.likes().ifPresent(x -> parts.add("赞 " + x));
    when(a, corpus.zone()).ifPresent(parts::add);
    a.source().ifPresent(s -> parts.add(s.path()));
    return String.join(" · ", parts);
  }

  /** When the article appeared: the window between the neighbouring posts, or the listed date. */
  public static Optional<String> when(Article a, ZoneId zone) {
    if (a.previousPostAt().isPresent() || a.nextPostAt().isPresent()) {
      PublishWindow w = a.publishWindow(zone);
      OffsetDateTime from = w.notBefore().orElse(null);
      OffsetDateTime to = w.notAfter().orElse(null);
      if (from != null && to != null) {
        String end = from.toLocalDate().equals(to.toLocalDate()) ? HOUR_MINUTE.format(to) : MINUTE.format(to);
        return Optional.of(MINUTE.format(from) + "–" + end);
      }
      return Optional.of(from != null ? "晚于 " + MINUTE.format(from) : "早于 " + MINUTE.format(to));
    }
    return a.date().map(LocalDate::toString);
  }

  /** The day an article sorts by, for one-line listings. */
  public static String day(Article a, ZoneId zone) {
    return a.publishWindow(zone).sortInstant()
        .map(i -> i.atZone(zone).toLocalDate().toString())
        .orElse("----------");
  }
}

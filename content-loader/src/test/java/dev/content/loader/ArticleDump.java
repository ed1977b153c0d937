package dev.content.loader;

import dev.content.core.Article;
import dev.content.core.Block;
import dev.content.core.Inline;
import dev.content.core.RelatedEntry;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** A readable, stable rendering of a parse result, for the golden files of the spec tests. */
final class ArticleDump {
  private ArticleDump() {}

  static String dump(ParseResult r) {
    StringBuilder sb = new StringBuilder();
    r.article().ifPresentOrElse(a -> article(a, sb), () -> sb.append("REJECTED\n"));
    sb.append("diagnostics:\n");
    r.diagnostics().forEach(d -> sb.append("  ").append(d).append('\n'));
    return sb.toString();
  }

  private static void article(Article a, StringBuilder sb) {
    sb.append("id: ").append(a.id()).append('\n');
    sb.append("title: ").append(a.title()).append('\n');
    sb.append("pageTitle: ").append(opt(a.pageTitle())).append('\n');
    sb.append("author: ").append(opt(a.author())).append('\n');
    sb.append("likes: ").append(a.likes().isPresent() ? a.likes().getAsInt() : "—").append('\n');
    sb.append("previousPostAt: ").append(opt(a.previousPostAt())).append('\n');
    sb.append("nextPostAt: ").append(opt(a.nextPostAt())).append('\n');
    sb.append("source: ").append(a.source().map(s -> s.encoding() + " lines " + s.lines()).orElse("—"))
        .append('\n');
    for (Block b : a.body()) {
      String lines = b.lines().map(Object::toString).orElse("?");
      if (b instanceof Block.Paragraph p) {
        sb.append("paragraph ").append(lines).append(": ").append(runs(p.inlines())).append('\n');
      } else if (b instanceof Block.Heading h) {
        sb.append("heading").append(h.level()).append(' ').append(lines).append(": ")
            .append(runs(h.inlines())).append('\n');
      } else if (b instanceof Block.OrderedList l) {
        sb.append("list ").append(lines).append(":\n");
        for (Block.ListItem i : l.items()) {
          sb.append("  ").append(i.marker()).append(" [").append(runs(i.heading())).append("] ")
              .append(runs(i.text())).append('\n');
        }
      }
    }
    for (RelatedEntry e : a.related()) {
      sb.append("related ").append(e.lines().map(Object::toString).orElse("?")).append(": ")
          .append(e.title()).append(" | ").append(opt(e.date())).append(" | ")
          .append(e.excerpt().map(x -> x.length() > 20 ? x.substring(0, 20) + "…(" + x.length() + ")" : x)
              .orElse("—"))
          .append('\n');
    }
  }

  private static String runs(List<Inline> runs) {
    return runs.stream().map(r -> {
      String t = r.text().length() > 24 ? r.text().substring(0, 24) + "…" : r.text();
      t = t.replace("\n", "⏎");
      return r.strong() ? "**" + t + "**" : t;
    }).collect(Collectors.joining());
  }

  private static String opt(Optional<?> o) {
    return o.map(Object::toString).orElse("—");
  }
}

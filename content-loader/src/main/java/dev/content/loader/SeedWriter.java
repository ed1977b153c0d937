package dev.content.loader;

import dev.content.core.Article;
import dev.content.core.Block;
import dev.content.core.RelatedEntry;
import dev.content.loader.internal.ChineseDates;
import dev.content.loader.internal.Markup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders an article in the seed format: UTF-8, LF line breaks, no final line break, exactly as the
 * scraped pages look. For a page in the canonical layout the output is byte-identical to the input, and
 * {@code parse(write(a))} equals {@code a} up to provenance ({@link Article#withoutProvenance()}) — except
 * where the format has no way to say it: it has no escape, so a paragraph that begins like a list marker
 * or is a single short heading-like line reads back as a list item or heading.
 *
 * <pre>{@code
 * String text = SeedWriter.write(article);
 * }</pre>
 *
 * <p>Footer times are written in the zone of their own offset. Stubs are written as a title and, if
 * known, their excerpt as the body.
 */
public final class SeedWriter {
  private SeedWriter() {}

  /** The seed-format text of {@code article}. */
  public static String write(Article article) {
    Objects.requireNonNull(article, "article must not be null");
    List<String> out = new ArrayList<>();
    out.add(article.pageTitle().orElse(article.title()));
    out.add("");
    out.add(article.title());
    for (Block b : article.body()) {
      out.add("");
      block(b, out);
    }
    if (article.stub() && article.excerpt().isPresent()) {
      out.add("");
      out.add(article.excerpt().get());
    }
    boolean footer = article.likes().isPresent() || article.author().isPresent()
        || article.previousPostAt().isPresent() || article.nextPostAt().isPresent();
    if (footer) {
      out.add("");
      article.likes().ifPresent(l -> out.add("(" + l + ")"));
      article.author().ifPresent(out::add);
      article.previousPostAt().ifPresent(t -> out.add("上一篇 " + ChineseDates.format(t.toLocalDateTime())));
      article.nextPostAt().ifPresent(t -> out.add("下一篇 " + ChineseDates.format(t.toLocalDateTime())));
    }
    if (!article.related().isEmpty()) {
      out.add("");
      out.add("相关文章");
      out.add("");
      for (RelatedEntry e : article.related()) {
        out.add("  • " + e.title());
        e.excerpt().ifPresent(x -> {
          out.add("");
          x.lines().forEach(l -> out.add("    " + l));
        });
        e.date().ifPresent(d -> {
          out.add("");
          out.add("    " + ChineseDates.format(d));
        });
      }
    }
    return String.join("\n", out);
  }

  /** Writes {@link #write(Article)} to {@code file} as UTF-8. */
  public static void write(Article article, Path file) throws IOException {
    Files.writeString(Objects.requireNonNull(file, "file must not be null"), write(article),
        StandardCharsets.UTF_8);
  }

  private static void block(Block block, List<String> out) {
    if (block instanceof Block.Paragraph p) {
      out.add(Markup.render(p.inlines()));
    } else if (block instanceof Block.Heading h) {
      String text = Markup.render(h.inlines());
      var reparsed = Markup.heading(text);
      boolean plainReadsBack = reparsed.isPresent() && reparsed.get().level() == h.level()
          && reparsed.get().inlines().equals(h.inlines()) && !text.startsWith("#");
      out.add(plainReadsBack ? text : "#".repeat(h.level()) + " " + text);
    } else if (block instanceof Block.OrderedList l) {
      boolean firstItem = true;
      for (Block.ListItem item : l.items()) {
        if (!firstItem) {
          out.add("");
        }
        firstItem = false;
        String text = Markup.render(item.text());
        if (item.heading().isEmpty()) {
          out.add(item.marker() + " " + text);
        } else {
          out.add(item.marker() + " " + Markup.render(item.heading()));
          if (!text.isEmpty()) {
            out.add(text);
          }
        }
      }
    }
  }
}

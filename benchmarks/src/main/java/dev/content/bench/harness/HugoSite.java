package dev.content.bench.harness;

import dev.content.core.Article;
import dev.content.core.Block;
import dev.content.core.Inline;
import dev.content.core.PublishWindow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The same corpus as a Hugo site, the way a Hugo user would publish it: one Markdown page per article
 * with its date and category in the front matter, category pages, and a related-content list of six
 * on every page computed by Hugo ({@code .Site.RegularPages.Related}) from categories and dates.
 */
final class HugoSite {
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  static final String CONFIG = """
      baseURL = "http://127.0.0.1/"
      languageCode = "zh-CN"
      title = "法律参考"
      paginate = 20
      [taxonomies]
        category = "categories"
      [related]
        includeNewer = true
        threshold = 20
        toLower = false
        [[related.indices]]
          name = "categories"
          weight = 100
        [[related.indices]]
          name = "date"
          weight = 10
      """;

  static final String BASEOF = """
      <!DOCTYPE html>
      <html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title>
      <meta name="viewport" content="width=device-width, initial-scale=1"></head>
      <body><main>{{ block "main" . }}{{ end }}</main></body></html>
      """;

  static final String SINGLE = """
      {{ define "main" }}<article>
      <h1>{{ .Title }}</h1>
      <p>{{ .Params.author }} · {{ .Date.Format "2006-01-02 15:04" }} · {{ .Params.likes }} 赞</p>
      <p>{{ range .Params.categories }}<a href="{{ "categories/" | relURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}</p>
      {{ .Content }}
      <nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">上一篇 {{ .Title }}</a>{{ end }}
      {{ with .NextInSection }}<a href="{{ .RelPermalink }}">下一篇 {{ .Title }}</a>{{ end }}</nav>
      <h2>相关文章</h2><ul>
      {{ range first 6 (.Site.RegularPages.Related .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
      <p>{{ .Summary | plainify | truncate 180 }}</p><time>{{ .Date.Format "2006-01-02" }}</time></li>
      {{ end }}</ul></article>{{ end }}
      """;

  static final String LIST = """
      {{ define "main" }}<h1>{{ .Title }}</h1><ul>
      {{ range (.Paginate .Pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}
      </ul>{{ template "_internal/pagination.html" . }}{{ end }}
      """;

  private HugoSite() {}

  /**
   * Writes the site for these articles (full articles only; category names by article id).
   *
   * @return the site folder
   */
  static Path write(Path site, List<Article> articles, Map<String, String> categoryById, ZoneId zone) {
    try {
      Files.createDirectories(site.resolve("content/posts"));
      Files.createDirectories(site.resolve("layouts/_default"));
      Files.writeString(site.resolve("config.toml"), CONFIG);
      Files.writeString(site.resolve("layouts/_default/baseof.html"), BASEOF);
      Files.writeString(site.resolve("layouts/_default/single.html"), SINGLE);
      Files.writeString(site.resolve("layouts/_default/list.html"), LIST);
      articles.parallelStream().forEach(a -> {
        try {
          Files.writeString(site.resolve("content/posts/" + a.id() + ".md"),
              page(a, categoryById.getOrDefault(a.id(), "未分类"), zone), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      return site;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Hugo site " + site + ": " + e.getMessage(), e);
    }
  }

  static String page(Article a, String category, ZoneId zone) {
    StringBuilder sb = new StringBuilder(8192);
    sb.append("+++\n");
    sb.append("title = ").append(toml(a.title())).append('\n');
    PublishWindow w = a.publishWindow(zone);
    w.notBefore().or(w::notAfter).ifPresent(t -> sb.append("date = ").append(ISO.format(t)).append('\n'));
    sb.append("slug = \"").append(a.id()).append("\"\n");
    sb.append("categories = [").append(toml(category)).append("]\n");
    a.author().ifPresent(x -> sb.append("author = ").append(toml(x)).append('\n'));
    a.likes().ifPresent(n -> sb.append("likes = ").append(n).append('\n'));
    sb.append("+++\n\n");
    for (Block b : a.body()) {
      if (b instanceof Block.Paragraph p) {
        sb.append(markdown(p.inlines()));
      } else if (b instanceof Block.Heading h) {
        sb.append("#".repeat(Math.max(2, h.level()))).append(' ').append(markdown(h.inlines()));
      } else if (b instanceof Block.OrderedList l) {
        int n = 1;
        for (Block.ListItem it : l.items()) {
          sb.append(n++).append(". ");
          if (!it.heading().isEmpty()) {
            sb.append("**").append(escape(it.headingText())).append("** ");
          }
          sb.append(markdown(it.text())).append('\n');
        }
      }
      sb.append("\n\n");
    }
    return sb.toString();
  }

  private static String markdown(List<Inline> runs) {
    StringBuilder sb = new StringBuilder();
    for (Inline in : runs) {
      sb.append(in.strong() ? "**" + escape(in.text()) + "**" : escape(in.text()));
    }
    return sb.toString();
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")
        .replace("[", "\\[").replace("`", "\\`");
  }

  private static String toml(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}

package dev.content.cli.command;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.content.cli.App;
import dev.content.cli.render.Safe;
import dev.content.cli.render.Wrap;
import dev.content.search.FacetCount;
import dev.content.search.SearchHit;
import dev.content.search.SearchRequest;
import dev.content.search.SearchResults;
import dev.content.search.Snippet;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code search QUERY [--category SLUG] [--page N] [--json]}: ranked results with highlighted snippets. */
@Command(name = "search", description = "Search titles and text (Chinese and Latin; \"quoted phrases\").")
public final class SearchCommand extends BaseCommand implements Callable<Integer> {
  @Parameters(paramLabel = "QUERY", arity = "1..*", description = "Words that must all match; \"phrases\" match exactly.")
  List<String> words;

  @Option(names = "--category", paramLabel = "SLUG", description = "Only this category and its subcategories.")
  String category;

  @Option(names = "--page", paramLabel = "N", defaultValue = "1", description = "The page of results (default 1).")
  int page;

  @Option(names = "--stubs", negatable = true, defaultValue = "true",
      description = "Include stubs (matched by title and listed excerpt; default: yes).")
  boolean stubs;

  @Option(names = "--json", description = "Print {total, totalExact, hits: [{id, title, stub, score, snippet, …}]} as JSON.")
  boolean json;

  public SearchCommand(App app) {
    super(app);
  }

  @Override
  public Integer call() {
    if (page < 1) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--page must be at least 1, was " + page);
    }
    String query = String.join(" ", words);
    SearchRequest.Builder request = SearchRequest.builder(query).page(page).pageSize(10).includeStubs(stubs);
    if (category != null) {
      corpus().taxonomy().require(category);
      request.category(category);
    }
    session().awaitIndex();
    SearchResults results = session().library().search(request.build());
    if (json) {
      screen().data(json(results));
      return 0;
    }
    List<AttributedString> lines = new ArrayList<>();
    List<String> links = new ArrayList<>(session().links().size());
    int width = screen().width();
    int n = (results.page() - 1) * 10;
    for (int i = 0; i < n; i++) {
      links.add("");
    }
    for (SearchHit hit : results.hits()) {
      n++;
      links.add(hit.id());
      String num = "[" + n + "] ";
      AttributedString indent = new AttributedString(" ".repeat(num.length()));
      AttributedStringBuilder head = new AttributedStringBuilder().append(num, theme().number());
      if (hit.stub()) {
        head.append("○ ", theme().stub());
      }
      head.append(marked(hit.titleHighlight(), hit.stub() ? theme().stub() : theme().link()));
      hit.date().ifPresent(d -> head.append("  " + d, theme().date()));
      if (!hit.categories().isEmpty()) {
        head.append("  " + String.join(",", hit.categories()), theme().meta());
      }
      lines.addAll(Wrap.lines(head.toAttributedString(), width, AttributedString.EMPTY, indent));
      if (!hit.snippet().text().isBlank()) {
        lines.addAll(Wrap.lines(marked(hit.snippet(), AttributedStyle.DEFAULT), width, indent, indent));
      }
    }
    if (results.hits().isEmpty()) {
      lines.add(new AttributedString(results.total() == 0 ? "no results for " + Safe.text(query)
          : "(no page " + page + ")", theme().meta()));
    }
    // A very broad query is counted only up to a bound: say so rather than show the bound as the count.
    StringBuilder footer = new StringBuilder(String.format(Locale.ROOT, "%s%d results · page %d of %d",
        results.countsExact() ? "" : "more than ", results.total(), results.page(), results.pageCount()));
    if (results.hasNext()) {
      footer.append(" · next: search ").append(query).append(" --page ").append(results.page() + 1);
    }
    lines.add(new AttributedString(Safe.text(footer.toString()), theme().meta()));
    List<String> facets = new ArrayList<>();
    for (FacetCount f : results.facets()) {
      facets.add(f.name() + " " + f.slug() + " (" + f.count() + ")");
    }
    if (!facets.isEmpty()) {
      lines.addAll(Wrap.lines(new AttributedString(Safe.text("categories: " + String.join(" · ", facets)),
          theme().meta()), width));
    }
    session().links(links);
    screen().show(lines);
    return 0;
  }

  private AttributedString marked(Snippet s, AttributedStyle base) {
    AttributedStringBuilder b = new AttributedStringBuilder();
    for (Snippet.Segment seg : s.segments()) {
      b.append(Safe.text(seg.text()), seg.marked() ? theme().match() : base);
    }
    return b.toAttributedString();
  }

  private static String json(SearchResults results) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeStringField("query", results.query().text());
      g.writeNumberField("total", results.total());
      g.writeBooleanField("totalExact", results.countsExact());
      g.writeNumberField("page", results.page());
      g.writeNumberField("pageCount", results.pageCount());
      g.writeArrayFieldStart("hits");
      for (SearchHit h : results.hits()) {
        g.writeStartObject();
        g.writeStringField("id", h.id());
        g.writeStringField("title", h.title());
        g.writeBooleanField("stub", h.stub());
        g.writeNumberField("score", h.score());
        g.writeStringField("snippet", h.snippet().text());
        g.writeStringField("snippetMarked", h.snippet().marked());
        g.writeStringField("titleMarked", h.titleHighlight().marked());
        g.writeFieldName("date");
        if (h.date().isPresent()) {
          g.writeString(h.date().get().toString());
        } else {
          g.writeNull();
        }
        g.writeArrayFieldStart("categories");
        for (String c : h.categories()) {
          g.writeString(c);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("facets");
      for (FacetCount f : results.facets()) {
        g.writeStartObject();
        g.writeStringField("slug", f.slug());
        g.writeStringField("name", f.name());
        g.writeNumberField("count", f.count());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out + "\n";
  }
}

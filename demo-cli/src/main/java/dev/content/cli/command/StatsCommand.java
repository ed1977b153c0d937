package dev.content.cli.command;

import dev.content.cli.App;
import dev.content.cli.render.ArticleView;
import dev.content.core.Article;
import dev.content.core.Corpus;
import dev.content.core.RelatedGraph;
import dev.content.core.Relation;
import dev.content.loader.LoadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jline.utils.AttributedString;
import picocli.CommandLine.Command;

/** {@code stats}: what the corpus holds and how it loaded. */
@Command(name = "stats", description = "Show counts: articles, stubs, links, categories, diagnostics.")
public final class StatsCommand extends BaseCommand implements Callable<Integer> {
  public StatsCommand(App app) {
    super(app);
  }

  @Override
  public Integer call() {
    LoadResult r = session().load();
    List<String> rows = new ArrayList<>();
    rows.add("seeds        " + session().seeds());
    rows.add("files        " + r.files().size() + " (" + r.rejected().size() + " rejected)");
    rows.addAll(session().<List<String>>memo("stats", StatsCommand::corpusRows));
    rows.add("diagnostics  " + r.errorCount() + " errors, " + r.warningCount() + " warnings");
    rows.add(String.format(Locale.ROOT, "loaded in    %.2f s", session().loadNanos() / 1e9));
    screen().show(rows.stream().map(AttributedString::new).toList());
    return 0;
  }

  /** Computes the statistics ahead, so that {@code stats} answers at once (the REPL calls it after loading). */
  public static void warm(dev.content.cli.Session session) {
    session.titles();
    session.memo("stats", StatsCommand::corpusRows);
  }

  /** The rows that depend on the corpus only, computed once per corpus. */
  private static List<String> corpusRows(Corpus c) {
    RelatedGraph g = c.graph();
    long explicit = 0;
    long computed = 0;
    for (String id : g.nodes()) {
      for (Relation rel : g.related(id)) {
        if (rel.kind() == Relation.Kind.EXPLICIT) {
          explicit++;
        } else {
          computed++;
        }
      }
    }
    List<Set<String>> components = g.connectedComponents();
    List<Article> full = c.fullArticles();
    List<String> rows = new ArrayList<>();
    rows.add("articles     " + full.size() + " full, " + (c.size() - full.size()) + " stubs");
    rows.add("links        " + explicit + " explicit, " + computed + " computed, "
        + g.reciprocalPairs().size() + " reciprocal pairs");
    rows.add("components   " + components.size()
        + (components.isEmpty() ? "" : ", largest " + components.get(0).size()));
    rows.add("categories   " + (c.taxonomy().all().size()));
    if (!full.isEmpty()) {
      rows.add("published    " + ArticleView.day(full.get(0), c.zone()) + " to "
          + ArticleView.day(full.get(full.size() - 1), c.zone()));
    }
    return List.copyOf(rows);
  }
}

package dev.content.cli.command;

import dev.content.cli.App;
import dev.content.cli.render.Safe;
import dev.content.cli.render.Wrap;
import dev.content.core.Article;
import dev.content.core.Relation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code related ID|N [--explain] [--json]}: the related articles, explicit first, and why. */
@Command(name = "related", description = "List the related articles of an article, explicit ones first.")
public final class RelatedCommand extends BaseCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID|N", arity = "0..1", description = "An article id, title or number (default: the current one).")
  String ref;

  @Option(names = "--explain", description = "Say why each article is related.")
  boolean explain;

  @Option(names = "--json", description = "Print [{id, title, stub, kind, score, reasons}] as JSON.")
  boolean json;

  public RelatedCommand(App app) {
    super(app);
  }

  @Override
  public Integer call() {
    Article a = article(ref);
    // The library's related list: explicit entries first, computed ones (with their reasons) after.
    // While the index is still being built (REPL), the page's own list answers at once.
    boolean computed = !session().interactive() || session().indexed();
    List<Relation> relations = computed ? session().library().related(a.id()) : corpus().graph().related(a.id());
    if (json) {
      screen().data(session().json().writeRelationList(relations) + "\n");
      return 0;
    }
    List<AttributedString> lines = new ArrayList<>();
    lines.addAll(Wrap.lines(new AttributedStringBuilder().append("related to ", theme().meta())
        .append(Safe.text(a.title()), theme().title()).toAttributedString(), screen().width()));
    List<String> links = new ArrayList<>();
    int n = 0;
    int width = screen().width();
    for (Relation r : relations) {
      n++;
      Article t = corpus().require(r.target());
      links.add(t.id());
      String num = "[" + n + "] ";
      AttributedStringBuilder b = new AttributedStringBuilder();
      b.append(num, theme().number());
      if (t.stub()) {
        b.append("○ ", theme().stub());
      }
      b.append(Safe.text(t.title()), t.stub() ? theme().stub() : theme().link());
      t.date().map(Object::toString).or(() -> dev.content.cli.render.ArticleView.when(t, corpus().zone()))
          .ifPresent(d -> b.append("  " + d, theme().date()));
      b.append("  " + r.kind().name().toLowerCase(Locale.ROOT), theme().meta());
      if (r.kind() == Relation.Kind.COMPUTED || r.score() > 0) {
        b.append(String.format(Locale.ROOT, " %.2f", r.score()), theme().meta());
      }
      AttributedString indent = new AttributedString(" ".repeat(num.length()));
      lines.addAll(Wrap.lines(b.toAttributedString(), width, AttributedString.EMPTY, indent));
      if (explain) {
        lines.addAll(Wrap.lines(new AttributedString(reasons(r), theme().meta()), width, indent, indent));
      }
    }
    if (relations.isEmpty()) {
      lines.add(new AttributedString("(no related articles)", theme().meta()));
    }
    if (!computed) {
      lines.add(new AttributedString("(similar articles follow when the search index is ready)", theme().meta()));
    }
    session().links(links);
    screen().show(lines);
    return 0;
  }

  static String reasons(Relation r) {
    List<String> parts = new ArrayList<>();
    for (Relation.Reason reason : r.reasons()) {
      parts.add(switch (reason.kind()) {
        case PAGE -> "listed on the page (#" + reason.label() + ")";
        case SHARED_TERM -> String.format(Locale.ROOT, "“%s” %.3f", Safe.text(reason.label()), reason.weight());
        case SHARED_CATEGORY -> "same category " + reason.label();
      });
    }
    return parts.isEmpty() ? "(no reason recorded)" : String.join(" · ", parts);
  }
}

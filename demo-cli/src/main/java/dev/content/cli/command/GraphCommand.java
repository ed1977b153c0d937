package dev.content.cli.command;

import dev.content.cli.App;
import dev.content.cli.render.Safe;
import dev.content.cli.render.Wrap;
import dev.content.core.Article;
import dev.content.core.Relation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code graph ID|N [--depth N]}: the related articles as a tree drawn with box characters. */
@Command(name = "graph", description = "Draw the related articles as a tree (stubs marked).")
public final class GraphCommand extends BaseCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID|N", arity = "0..1", description = "An article id, title or number (default: the current one).")
  String ref;

  @Option(names = "--depth", paramLabel = "N", defaultValue = "2", description = "Levels to follow (1 to 6, default ${DEFAULT-VALUE}).")
  int depth;

  public GraphCommand(App app) {
    super(app);
  }

  @Override
  public Integer call() {
    if (depth < 1 || depth > 6) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--depth must be 1 to 6, was " + depth);
    }
    Article root = article(ref);
    List<AttributedString> lines = new ArrayList<>();
    List<String> links = new ArrayList<>();
    lines.add(Wrap.truncate(label(root, null, links), screen().width()));
    Set<String> seen = new HashSet<>();
    seen.add(root.id());
    children(root.id(), "", 1, seen, lines, links);
    lines.add(new AttributedString("○ stub (未收录)  ↺ shown above  ~ computed", theme().meta()));
    session().links(links);
    screen().show(lines);
    return 0;
  }

  private void children(String id, String prefix, int level, Set<String> seen, List<AttributedString> lines,
      List<String> links) {
    checkCancelled();
    List<Relation> rels = corpus().graph().related(id);
    for (int i = 0; i < rels.size(); i++) {
      Relation r = rels.get(i);
      boolean last = i == rels.size() - 1;
      Article t = corpus().require(r.target());
      boolean again = !seen.add(t.id());
      AttributedStringBuilder b = new AttributedStringBuilder();
      b.append(prefix + (last ? "└─ " : "├─ "), theme().meta());
      b.append(label(t, r, links));
      if (again) {
        b.append(" ↺", theme().meta());
      }
      lines.add(Wrap.truncate(b.toAttributedString(), screen().width()));
      if (!again && level < depth) {
        children(t.id(), prefix + (last ? "   " : "│  "), level + 1, seen, lines, links);
      }
    }
  }

  private AttributedString label(Article a, Relation via, List<String> links) {
    links.add(a.id());
    AttributedStringBuilder b = new AttributedStringBuilder();
    b.append("[" + links.size() + "] ", theme().number());
    if (a.stub()) {
      b.append("○ ", theme().stub());
    }
    if (via != null && via.kind() == Relation.Kind.COMPUTED) {
      b.append("~ ", theme().meta());
    }
    b.append(Safe.text(a.title()), a.stub() ? theme().stub() : theme().link());
    return b.toAttributedString();
  }
}

package dev.content.cli.command;

import dev.content.cli.App;
import dev.content.cli.render.Safe;
import dev.content.core.CategoryNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import picocli.CommandLine.Command;

/** {@code categories}: the category tree with article counts. */
@Command(name = "categories", description = "Show the category tree with article counts.")
public final class CategoriesCommand extends BaseCommand implements Callable<Integer> {
  public CategoriesCommand(App app) {
    super(app);
  }

  @Override
  public Integer call() {
    List<AttributedString> lines = new ArrayList<>();
    corpus();
    List<CategoryNode> roots = session().memo("categoryTree", c -> c.categoryTree());
    lines.add(new AttributedString("categories (articles, a parent counts its subcategories)", theme().meta()));
    for (int i = 0; i < roots.size(); i++) {
      node(roots.get(i), "", i == roots.size() - 1, lines);
    }
    screen().show(lines);
    return 0;
  }

  private void node(CategoryNode n, String prefix, boolean last, List<AttributedString> out) {
    AttributedStringBuilder b = new AttributedStringBuilder();
    b.append(prefix + (last ? "└─ " : "├─ "), theme().meta());
    b.append(Safe.text(n.category().name()), theme().strong());
    b.append(" " + n.category().slug(), theme().option());
    b.append(" (" + n.count() + ")", theme().number());
    out.add(b.toAttributedString());
    List<CategoryNode> kids = n.children();
    for (int i = 0; i < kids.size(); i++) {
      node(kids.get(i), prefix + (last ? "   " : "│  "), i == kids.size() - 1, out);
    }
  }
}

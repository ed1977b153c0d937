package dev.content.cli.command;

import dev.content.cli.App;
import dev.content.cli.render.ArticleView;
import dev.content.core.Article;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code show ID|N [--json]}: an article as readable text or as JSON. */
@Command(name = "show", description = "Show an article: by id, title, or number from the last screen.")
public final class ShowCommand extends BaseCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID|N", arity = "0..1",
      description = "An article id, a title (or a unique prefix), or a number from the last screen.")
  String ref;

  @Option(names = "--json", description = "Print the article as JSON (docs/json-format.md).")
  boolean json;

  public ShowCommand(App app) {
    super(app);
  }

  @Override
  public Integer call() {
    Article a = corpus().require(article(ref).id()); // with its final categories
    show(a);
    return 0;
  }

  void show(Article a) {
    if (json) {
      screen().data(session().json().write(a) + "\n");
      return;
    }
    display(app, a);
  }

  /** Shows {@code a} as text, makes it the current article and its related entries the numbered links. */
  static void display(App app, Article a) {
    app.session().open(a.id());
    redisplay(app, a);
  }

  /** Shows {@code a} without changing the way back (for {@code back}). */
  static void redisplay(App app, Article a) {
    var session = app.session();
    ArticleView.Rendered r = new ArticleView(session.corpus(), session.screen().theme(),
        session.screen().width()).render(a);
    session.links(r.links());
    session.screen().show(r.lines());
  }
}

package dev.content.cli.command;

import dev.content.cli.App;
import dev.content.cli.Session;
import dev.content.cli.render.Screen;
import dev.content.cli.render.Theme;
import dev.content.core.Article;
import dev.content.core.Corpus;
import java.util.concurrent.CancellationException;

/** What every command has: the app, its session, its screen. */
abstract class BaseCommand {
  final App app;

  BaseCommand(App app) {
    this.app = app;
  }

  Session session() {
    return app.session();
  }

  Screen screen() {
    return app.session().screen();
  }

  Theme theme() {
    return screen().theme();
  }

  /** The corpus to read from (see {@link Session#corpus()}). */
  Corpus corpus() {
    return session().corpus();
  }

  /** Long loops call this so that Ctrl-C in the REPL stops them. */
  static void checkCancelled() {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException();
    }
  }

  /** The article for ID|N|TITLE, or the one being read when {@code ref} is null. */
  Article article(String ref) {
    if (ref == null) {
      return session().current().map(id -> corpus().require(id))
          .orElseThrow(() -> new dev.content.cli.CliException("no article open: give an ID or a number"));
    }
    return session().resolve(ref);
  }
}

package dev.content.cli.command;

import dev.content.cli.App;
import dev.content.cli.CliException;
import dev.content.core.Article;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code next}: the article published after the one being read. */
@Command(name = "next", description = "Show the article published after the current one.")
public final class NextCommand extends BaseCommand implements Callable<Integer> {
  public NextCommand(App app) {
    super(app);
  }

  @Override
  public Integer call() {
    Article current = article(null);
    Article next = corpus().next(current.id())
        .orElseThrow(() -> new CliException("no article after this one"));
    ShowCommand.display(app, next);
    return 0;
  }
}

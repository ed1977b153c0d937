package dev.content.cli.command;

import dev.content.cli.App;
import dev.content.cli.CliException;
import dev.content.core.Article;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code prev}: the article published before the one being read. */
@Command(name = "prev", description = "Show the article published before the current one.")
public final class PrevCommand extends BaseCommand implements Callable<Integer> {
  public PrevCommand(App app) {
    super(app);
  }

  @Override
  public Integer call() {
    Article current = article(null);
    Article prev = corpus().previous(current.id())
        .orElseThrow(() -> new CliException("no article before this one"));
    ShowCommand.display(app, prev);
    return 0;
  }
}

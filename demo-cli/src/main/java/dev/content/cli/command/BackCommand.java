package dev.content.cli.command;

import dev.content.cli.App;
import dev.content.cli.CliException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code back}: the article read before the current one. */
@Command(name = "back", description = "Go back to the article read before.")
public final class BackCommand extends BaseCommand implements Callable<Integer> {
  public BackCommand(App app) {
    super(app);
  }

  @Override
  public Integer call() {
    String id = session().back().orElseThrow(() -> new CliException("nothing to go back to"));
    ShowCommand.redisplay(app, corpus().require(id));
    return 0;
  }
}

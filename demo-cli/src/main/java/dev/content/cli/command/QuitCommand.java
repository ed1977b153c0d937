package dev.content.cli.command;

import dev.content.cli.App;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code quit}: leaves the REPL (Ctrl-D does too). */
@Command(name = "quit", aliases = "exit", description = "Leave the reader (Ctrl-D does too).")
public final class QuitCommand extends BaseCommand implements Callable<Integer> {
  public QuitCommand(App app) {
    super(app);
  }

  @Override
  public Integer call() {
    session().requestQuit();
    return 0;
  }
}

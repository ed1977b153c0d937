package dev.content.cli.command;

import dev.content.cli.App;
import dev.content.cli.CliException;
import dev.content.core.Article;
import dev.content.loader.SeedWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code source ID}: the article written back in the seed format. */
@Command(name = "source", description = "Print an article written back in the seed format.")
public final class SourceCommand extends BaseCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID|N", arity = "0..1", description = "An article id, title or number.")
  String ref;

  public SourceCommand(App app) {
    super(app);
  }

  @Override
  public Integer call() {
    Article a = article(ref);
    if (a.stub()) {
      throw new CliException(a.id() + " is a stub (known only from related lists): it has no source");
    }
    screen().data(SeedWriter.write(a));
    return 0;
  }
}

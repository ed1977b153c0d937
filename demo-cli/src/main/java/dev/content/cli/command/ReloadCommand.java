package dev.content.cli.command;

import dev.content.cli.App;
import dev.content.loader.LoadResult;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jline.utils.AttributedString;
import picocli.CommandLine.Command;

/** {@code reload}: reads the seeds folder again. */
@Command(name = "reload", description = "Read the corpus folder again (after editing files).")
public final class ReloadCommand extends BaseCommand implements Callable<Integer> {
  public ReloadCommand(App app) {
    super(app);
  }

  @Override
  public Integer call() {
    LoadResult r = session().reload();
    screen().print(new AttributedString(String.format(Locale.ROOT,
        "loaded %d articles (%d stubs) from %d files in %.2f s; %d errors, %d warnings (see check)",
        r.corpus().fullArticles().size(), r.corpus().size() - r.corpus().fullArticles().size(),
        r.files().size(), session().loadNanos() / 1e9, r.errorCount(), r.warningCount()), theme().meta()));
    return 0;
  }
}

package dev.content.cli.command;

import dev.content.cli.App;
import dev.content.loader.Diagnostic;
import dev.content.loader.LoadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.utils.AttributedString;
import picocli.CommandLine.Command;

/** {@code check}: one line per diagnostic; exit 1 when any is an error. */
@Command(name = "check",
    description = {"Check every file of the corpus: one line per problem, path:line: error|warning: message.",
        "Exit status 0 without errors, 1 with any error, 2 on a usage error."})
public final class CheckCommand extends BaseCommand implements Callable<Integer> {
  public CheckCommand(App app) {
    super(app);
  }

  @Override
  public Integer call() {
    LoadResult r = app.inRepl() ? session().reload() : session().load();
    List<AttributedString> lines = new ArrayList<>();
    for (Diagnostic d : r.diagnostics()) {
      lines.add(new AttributedString(d.format()));
    }
    screen().print(lines);
    String summary = r.files().size() + " files, " + (r.files().size() - r.rejected().size()) + " loaded, "
        + r.errorCount() + " errors, " + r.warningCount() + " warnings";
    screen().error(new AttributedString(summary, theme().meta()));
    return r.hasErrors() ? 1 : 0;
  }
}

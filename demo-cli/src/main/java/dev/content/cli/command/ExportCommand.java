package dev.content.cli.command;

import dev.content.cli.App;
import dev.content.json.ArticleJson;
import dev.content.loader.Diagnostic;
import dev.content.loader.LoadResult;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.Callable;
import org.jline.utils.AttributedString;
import picocli.CommandLine.Command;

/** {@code export}: the corpus as JSON Lines on stdout, stubs included; diagnostics on stderr. */
@Command(name = "export",
    description = "Print every article, stubs included, as JSON Lines (diagnostics go to stderr).")
public final class ExportCommand extends BaseCommand implements Callable<Integer> {
  public ExportCommand(App app) {
    super(app);
  }

  @Override
  public Integer call() throws IOException {
    LoadResult r = session().load();
    for (Diagnostic d : r.diagnostics()) {
      screen().error(new AttributedString(d.format(), d.isError() ? theme().error() : theme().warning()));
    }
    StringBuilderWriter w = new StringBuilderWriter();
    // The corpus after content-search: final categories with their reasons, computed relations.
    var corpus = session().corpus();
    ArticleJson.writer(corpus).writeJsonLines(corpus.articles(), w);
    screen().data(w.toString());
    screen().flush();
    return 0;
  }

  /** Collects output so it goes through the screen (which keeps a terminal safe). */
  private static final class StringBuilderWriter extends Writer {
    private final StringBuilder sb = new StringBuilder();

    @Override
    public void write(char[] cbuf, int off, int len) {
      checkCancelled();
      sb.append(cbuf, off, len);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return sb.toString();
    }
  }
}

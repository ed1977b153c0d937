package dev.content.cli.repl;

import dev.content.cli.App;
import dev.content.cli.Session;
import dev.content.cli.render.Theme;
import dev.content.loader.LoadResult;
import dev.content.loader.SeedLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import picocli.CommandLine;

/**
 * The interactive reader: a JLine line editor over the app's picocli commands, with completion,
 * highlighting and history; each command runs on a worker thread so that Ctrl-C cancels it and the
 * REPL goes on; Ctrl-D quits. A bare number follows that link of the last screen.
 */
public final class Repl {
  private final App app;
  private final Terminal terminal;
  private final Path seeds;
  private final Path history;
  private final Theme theme;
  private final Integer width;

  public Repl(App app, Terminal terminal, Path seeds, Path history, Theme.Mode mode, Integer width) {
    this.app = Objects.requireNonNull(app, "app must not be null");
    this.terminal = Objects.requireNonNull(terminal, "terminal must not be null");
    this.seeds = Objects.requireNonNull(seeds, "seeds must not be null");
    this.history = history;
    this.theme = new Theme(mode);
    this.width = width;
  }

  private Path indexDirectory;
  private CompletableFuture<LoadResult> startedLoad;
  private long startedAt;
  private java.util.concurrent.atomic.AtomicInteger parsedFiles = new java.util.concurrent.atomic.AtomicInteger();

  /**
   * A load of the seeds folder already under way (started before the terminal was set up, at
   * {@code startNanos} of {@link System#nanoTime()}), or null; {@code parsed} counts its parsed files.
   */
  public void startedLoad(CompletableFuture<LoadResult> load, long startNanos,
      java.util.concurrent.atomic.AtomicInteger parsed) {
    this.startedLoad = load;
    this.startedAt = startNanos;
    this.parsedFiles = Objects.requireNonNull(parsed, "parsed must not be null");
  }

  /** Keeps the search index in this folder instead of in memory. */
  public void indexDirectory(Path folder) {
    this.indexDirectory = folder;
  }

  /** A REPL on the process's terminal. */
  public static Repl system(App app, Path seeds, Path history, App.ColorChoice color, Integer width,
      InputStream in, OutputStream out) throws IOException {
    Terminal terminal = TerminalBuilder.builder().system(true).name("content").build();
    Path h = history != null ? history
        : Path.of(System.getProperty("user.home"), ".content-cli_history");
    return new Repl(app, terminal, seeds, h, mode(terminal, color, app.env()), width);
  }

  /** Colours by the terminal's kind, the user's choice and {@code NO_COLOR}. */
  public static Theme.Mode mode(Terminal terminal, App.ColorChoice color, Map<String, String> env) {
    boolean noColor = env.getOrDefault("NO_COLOR", "").length() > 0;
    String type = terminal.getType() == null ? "" : terminal.getType();
    boolean dumb = type.startsWith(Terminal.TYPE_DUMB);
    return switch (color) {
      case never -> Theme.Mode.PLAIN;
      case always -> noColor ? Theme.Mode.MONO : Theme.Mode.COLOR;
      case auto -> dumb && !type.equals(Terminal.TYPE_DUMB_COLOR) ? Theme.Mode.PLAIN
          : noColor ? Theme.Mode.MONO : Theme.Mode.COLOR;
    };
  }

  /** Runs until quit or Ctrl-D; returns the exit code. */
  public int run() {
    TerminalScreen screen = new TerminalScreen(terminal, theme, width);
    Session session = new Session(seeds, dev.content.cli.App.loader(indexDirectory).build(), screen);
    session.indexDirectory(indexDirectory);
    session.interactive(true);
    app.useSession(session);
    CommandLine commands = app.commandLine();
    PrintWriter w = terminal.writer();
    commands.setOut(w);
    commands.setErr(w);
    commands.setColorScheme(CommandLine.Help.defaultColorScheme(
        theme.mode() == Theme.Mode.COLOR ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "command");
      t.setDaemon(true);
      return t;
    });
    // Loading starts first, so that it runs while the line editor is being set up (two cores).
    CompletableFuture<LoadResult> started = startedLoad;
    long t0 = started != null ? startedAt : System.nanoTime();
    Future<LoadResult> loading = worker.submit(() -> session.reload(started, t0));
    try {
      DefaultParser parser = new DefaultParser();
      parser.setEscapeChars(new char[0]); // backslashes are text, e.g. in search queries
      LineReader reader = LineReaderBuilder.builder()
          .terminal(terminal)
          .appName("content")
          .parser(parser)
          .completer(new ReplCompleter(commands, session))
          .highlighter(new ReplHighlighter(() -> commands.getSubcommands().keySet(), theme))
          .variable(LineReader.HISTORY_FILE, history)
          .variable(LineReader.HISTORY_SIZE, 1000)
          .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
          .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
          .build();
      quietStyles(reader);
      if (!load(session, loading, t0)) {
        return 1;
      }
      greet(session);
      warmUp(session);
      while (!session.quitRequested()) {
        String line;
        try {
          line = reader.readLine(prompt());
        } catch (UserInterruptException e) {
          continue; // Ctrl-C at the prompt drops the line, like a shell
        } catch (EndOfFileException e) {
          break;
        }
        List<String> words = new ArrayList<>(reader.getParsedLine().words());
        words.removeIf(String::isEmpty);
        if (words.isEmpty()) {
          continue;
        }
        if (words.size() == 1 && words.get(0).matches("\\d{1,6}")) {
          words.add(0, "show");
        }
        execute(commands, words, worker);
      }
      try {
        reader.getHistory().save();
      } catch (IOException e) {
        screen.error(new AttributedString("warning: cannot save history to " + history + ": " + e.getMessage(),
            theme.warning()));
      }
      return 0;
    } finally {
      worker.shutdownNow();
      try {
        terminal.flush();
        terminal.close();
      } catch (IOException e) {
        // closing the terminal at exit: nothing left to tell the user
      }
    }
  }

  /** JLine's own completion colours follow the theme: no colours under NO_COLOR. */
  private void quietStyles(LineReader reader) {
    if (theme.mode() == Theme.Mode.COLOR) {
      return;
    }
    String none = theme.styled() ? "bold" : "";
    reader.setVariable(LineReader.COMPLETION_STYLE_STARTING, none);
    reader.setVariable(LineReader.COMPLETION_STYLE_LIST_STARTING, none);
    reader.setVariable(LineReader.COMPLETION_STYLE_DESCRIPTION, theme.styled() ? "faint" : "");
    reader.setVariable(LineReader.COMPLETION_STYLE_LIST_DESCRIPTION, theme.styled() ? "faint" : "");
    reader.setVariable(LineReader.COMPLETION_STYLE_GROUP, none);
    reader.setVariable(LineReader.COMPLETION_STYLE_LIST_GROUP, none);
    reader.setVariable(LineReader.COMPLETION_STYLE_SELECTION, theme.styled() ? "inverse" : "");
    reader.setVariable(LineReader.COMPLETION_STYLE_LIST_SELECTION, theme.styled() ? "inverse" : "");
    reader.setVariable(LineReader.COMPLETION_STYLE_BACKGROUND, "");
    reader.setVariable(LineReader.COMPLETION_STYLE_LIST_BACKGROUND, "");
  }

  /**
   * Starts the search index and computes the title index and statistics in the background, so that
   * search, the first Tab and stats are quick; commands that need the index start it themselves if they
   * come first.
   */
  private static void warmUp(Session session) {
    Thread t = new Thread(() -> {
      try {
        // A moment's head start for the prompt: indexing competes with it for the CPU.
        Thread.sleep(300);
        session.startIndexing();
        dev.content.cli.command.StatsCommand.warm(session);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        // only a head start: the commands compute the same on demand and report problems themselves
      }
    }, "warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  private String prompt() {
    return new AttributedStringBuilder().append("content", theme.command()).append("> ")
        .toAttributedString().toAnsi(terminal);
  }

  private void greet(Session session) {
    session.screen().print(new AttributedString(
        "type list, show N, search QUERY, categories, help; Tab completes; Ctrl-D quits", theme.meta()));
  }

  /** Runs one command line on the worker; Ctrl-C interrupts it. */
  void execute(CommandLine commands, List<String> words, ExecutorService worker) {
    Future<Integer> f = worker.submit(() -> commands.execute(words.toArray(String[]::new)));
    Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> f.cancel(true));
    try {
      f.get();
    } catch (CancellationException e) {
      terminal.writer().println();
      app.session().screen().error(new AttributedString("cancelled", theme.warning()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      app.session().screen().error(new AttributedString("error: " + e.getCause(), theme.error()));
    } finally {
      terminal.handle(Terminal.Signal.INT, previous);
      terminal.flush();
    }
  }

  /** Waits for the corpus being loaded on the worker while the screen shows how far it got. */
  private boolean load(Session session, Future<LoadResult> f, long t0) {
    long files = countFiles();
    Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> f.cancel(true));
    try {
      while (true) {
        try {
          LoadResult r = f.get(100, java.util.concurrent.TimeUnit.MILLISECONDS);
          double s = (System.nanoTime() - t0) / 1e9;
          session.screen().status("");
          session.screen().print(new AttributedString(String.format(Locale.ROOT,
              "loaded %,d articles (%,d stubs) from %,d files in %.2f s (%,.0f files/s)%s",
              r.corpus().fullArticles().size(), r.corpus().size() - r.corpus().fullArticles().size(),
              r.files().size(), s, r.files().size() / Math.max(s, 1e-3),
              r.diagnostics().isEmpty() ? "" : "; " + r.errorCount() + " errors, " + r.warningCount()
                  + " warnings (see check)"), theme.meta()));
          return true;
        } catch (java.util.concurrent.TimeoutException e) {
          double s = (System.nanoTime() - t0) / 1e9;
          int done = parsedFiles.get();
          session.screen().status(done == 0
              ? String.format(Locale.ROOT, "loading %,d files from %s … %.1f s", files, seeds, s)
              : String.format(Locale.ROOT, "loading %s: %,d of %,d files parsed, %,.0f files/s … %.1f s",
                  seeds, done, files, done / Math.max(s, 1e-3), s));
        }
      }
    } catch (CancellationException e) {
      session.screen().status("");
      session.screen().error(new AttributedString("loading cancelled", theme.warning()));
      return false;
    } catch (ExecutionException e) {
      session.screen().status("");
      session.screen().error(new AttributedString(App.messageOf(e.getCause()), theme.error()));
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      terminal.handle(Terminal.Signal.INT, previous);
    }
  }

  private long countFiles() {
    if (!Files.isDirectory(seeds)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(seeds)) {
      return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt")).count();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }
}

package dev.content.cli;

import dev.content.cli.command.BackCommand;
import dev.content.cli.command.CategoriesCommand;
import dev.content.cli.command.CheckCommand;
import dev.content.cli.command.ExportCommand;
import dev.content.cli.command.GraphCommand;
import dev.content.cli.command.ListCommand;
import dev.content.cli.command.NextCommand;
import dev.content.cli.command.PrevCommand;
import dev.content.cli.command.QuitCommand;
import dev.content.cli.command.RelatedCommand;
import dev.content.cli.command.SearchCommand;
import dev.content.cli.command.ReloadCommand;
import dev.content.cli.command.ShowCommand;
import dev.content.cli.command.SourceCommand;
import dev.content.cli.command.StatsCommand;
import dev.content.cli.render.Screen;
import dev.content.cli.render.StreamScreen;
import dev.content.cli.render.Theme;
import dev.content.cli.repl.Repl;
import dev.content.loader.SeedLoader;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import org.jline.utils.AttributedString;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Wires the one picocli command set to a {@link Session}: {@link #run} executes a batch command or, with
 * no command, starts the {@link Repl}; the REPL executes each line through {@link #execute}.
 */
public final class App {
  private final InputStream stdin;
  private final PrintStream stdout;
  private final PrintStream stderr;
  private final Map<String, String> env;
  private final boolean console;
  private Session session;
  private Root root;
  private boolean inRepl;

  App(InputStream stdin, PrintStream stdout, PrintStream stderr, Map<String, String> env, boolean console) {
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
    this.env = env;
    this.console = console;
  }

  /** The app on the process's streams and environment. */
  public static App system() {
    return new App(System.in, System.out, System.err, System.getenv(), System.console() != null);
  }

  /** The app on given streams (tests); never a console. */
  public static App of(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
    return new App(in, out, err, env, false);
  }

  public Map<String, String> env() {
    return env;
  }

  /** Runs the command line and returns the exit code: 0 fine, 1 an error, 2 a usage error. */
  public int run(String... args) {
    CommandLine cl = commandLine();
    PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
    cl.setOut(out);
    cl.setErr(err);
    try {
      return cl.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The command line over this app's commands, with its handlers. */
  public CommandLine commandLine() {
    root = new Root(this);
    CommandLine cl = new CommandLine(root, new Factory(this));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionStrategy(parsed -> {
      if (root.width != null && root.width < 20) {
        throw new CommandLine.ParameterException(cl, "--width must be at least 20, was " + root.width);
      }
      if (session == null) {
        session = newBatchSession(cl);
      }
      return new CommandLine.RunLast().execute(parsed);
    });
    cl.setExecutionExceptionHandler((ex, line, parsed) -> {
      Screen s = session != null ? session.screen() : null;
      String message = messageOf(ex);
      if (s != null) {
        s.error(new AttributedString(message, s.theme().error()));
      } else {
        line.getErr().println(message);
      }
      return 1;
    });
    return cl;
  }

  /** The one-line text of a failure, for the user. */
  public static String messageOf(Throwable ex) {
    if (ex instanceof CliException) {
      return "error: " + ex.getMessage();
    }
    if (ex instanceof CancellationException) {
      return "cancelled";
    }
    if (ex instanceof IllegalArgumentException) {
      return "error: " + ex.getMessage();
    }
    // Something we did not foresee: still one line, never a stack trace.
    return "error: " + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
  }

  private Session newBatchSession(CommandLine cl) {
    Theme theme = new Theme(batchMode(root.color));
    int width = root.width != null ? root.width : batchWidth();
    Screen screen = new StreamScreen(cl.getOut(), cl.getErr(), theme, width, console);
    if (!theme.styled()) {
      cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    }
    Session s = new Session(root.seeds, loader(root.index).build(), screen);
    s.indexDirectory(root.index);
    return s;
  }

  private Theme.Mode batchMode(ColorChoice choice) {
    boolean noColor = env.getOrDefault("NO_COLOR", "").length() > 0;
    return switch (choice) {
      case never -> Theme.Mode.PLAIN;
      case always -> noColor ? Theme.Mode.MONO : Theme.Mode.COLOR;
      case auto -> !console || "dumb".equals(env.get("TERM")) ? Theme.Mode.PLAIN
          : noColor ? Theme.Mode.MONO : Theme.Mode.COLOR;
    };
  }

  private int batchWidth() {
    try {
      int columns = Integer.parseInt(env.getOrDefault("COLUMNS", ""));
      if (columns >= 20) {
        return columns;
      }
    } catch (NumberFormatException e) {
      // not set: a pipe or a terminal that does not export it
    }
    return 80;
  }

  /** The session commands run in (created on first execution). */
  public Session session() {
    if (session == null) {
      throw new IllegalStateException("no command has run yet");
    }
    return session;
  }

  /** The REPL installs its own session and screen. */
  public void useSession(Session s) {
    this.session = Objects.requireNonNull(s, "s must not be null");
  }

  public boolean inRepl() {
    return inRepl;
  }

  private int startRepl() throws Exception {
    if (inRepl) {
      return 0;
    }
    inRepl = true;
    // Loading starts before the terminal is set up, so that both use the two cores at once.
    long loadStart = System.nanoTime();
    java.util.concurrent.CompletableFuture<dev.content.loader.LoadResult> early = null;
    java.util.concurrent.atomic.AtomicInteger parsed = new java.util.concurrent.atomic.AtomicInteger();
    if (java.nio.file.Files.isDirectory(root.seeds)) {
      Path seeds = root.seeds;
      SeedLoader loader = loader(root.index).progress((done, total) -> parsed.accumulateAndGet(done, Math::max))
          .build();
      early = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return loader.load(seeds);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    }
    Repl repl = Repl.system(this, root.seeds, root.history, root.color, root.width, stdin, stdout);
    repl.indexDirectory(root.index);
    repl.startedLoad(early, loadStart, parsed);
    return repl.run();
  }

  /**
   * A loader for a corpus whose search index is kept in {@code index} (null: in memory). With an index
   * folder, the loader keeps its corpus snapshot there too, so that a later run reads only new and
   * changed files.
   */
  public static SeedLoader.Builder loader(Path index) {
    SeedLoader.Builder b = SeedLoader.builder();
    return index == null ? b : b.snapshot(index.resolve(CORPUS_SNAPSHOT));
  }

  /** The corpus snapshot's file name in the {@code --index} folder. */
  public static final String CORPUS_SNAPSHOT = "corpus.snapshot";

  /** How to choose colours: by the terminal, always, never. */
  public enum ColorChoice { auto, always, never }

  /** The root command: global options; no subcommand starts the REPL. */
  @Command(name = "demo-cli", mixinStandardHelpOptions = true, version = "demo-cli 0.1.0",
      sortOptions = false,
      description = {"Read and explore a corpus of Chinese consumer-finance and legal-advice articles.",
          "Without a command, starts the interactive reader (REPL)."},
      subcommands = {ListCommand.class, ShowCommand.class, NextCommand.class, PrevCommand.class,
          BackCommand.class, RelatedCommand.class, SearchCommand.class, CategoriesCommand.class, GraphCommand.class,
          StatsCommand.class, ReloadCommand.class, ExportCommand.class, CheckCommand.class,
          SourceCommand.class, CommandLine.HelpCommand.class, QuitCommand.class})
  public static final class Root implements Callable<Integer> {
    private final App app;

    @Option(names = "--seeds", paramLabel = "DIR", defaultValue = "seeds", scope = CommandLine.ScopeType.INHERIT,
        description = "The corpus folder (default: ${DEFAULT-VALUE}).")
    Path seeds;

    @Option(names = "--width", paramLabel = "COLUMNS", scope = CommandLine.ScopeType.INHERIT,
        description = "Wrap text to this many columns (default: the terminal's, or 80).")
    Integer width;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto", scope = CommandLine.ScopeType.INHERIT,
        description = "Colours: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; NO_COLOR is respected).")
    ColorChoice color;

    @Option(names = "--index", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
        description = "Keep the search index in this folder, updated incrementally (default: in memory).")
    Path index;

    @Option(names = "--history", paramLabel = "FILE",
        description = "The REPL's history file (default: ~/.content-cli_history).")
    Path history;

    Root(App app) {
      this.app = app;
    }

    @Override
    public Integer call() throws Exception {
      return app.startRepl();
    }
  }

  /** Creates commands with the app they belong to. */
  private static final class Factory implements CommandLine.IFactory {
    private final App app;

    Factory(App app) {
      this.app = app;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      try {
        return cls.getDeclaredConstructor(App.class).newInstance(app);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(cls);
      }
    }
  }
}

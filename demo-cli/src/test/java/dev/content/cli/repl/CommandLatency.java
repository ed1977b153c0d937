package dev.content.cli.repl;

import dev.content.cli.App;
import dev.content.cli.Session;
import dev.content.cli.render.Theme;
import dev.content.core.Article;
import dev.content.core.Corpus;
import dev.content.loader.LoadResult;
import dev.content.loader.SeedLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;

/**
 * Benchmark harness (not a test): the latency of each REPL command on a large corpus, through the same
 * path as the REPL (picocli command, rendering, styled output to a JLine terminal whose output is
 * discarded; the terminal is tall, so documents are printed in full instead of paged).
 *
 * <pre>
 * java -cp demo-cli/target/demo-cli.jar:demo-cli/target/test-classes \
 *     dev.content.cli.repl.CommandLatency bench-work/corpus-10k [runs]
 * </pre>
 */
public final class CommandLatency {
  private CommandLatency() {}

  public static void main(String[] args) throws Exception {
    Path seeds = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    // A 100x40 screen like a user's; the keyboard answers every pager with q, so a long document
    // costs what the user waits for: rendering it and showing its first page.
    ByteArrayOutputStream screenBytes = new ByteArrayOutputStream();
    Terminal terminal = TerminalBuilder.builder().system(false).streams(new Keys('q'), screenBytes)
        .type("xterm-256color").size(new Size(100, 40)).encoding(StandardCharsets.UTF_8).build();
    App app = App.of(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(new ByteArrayOutputStream()), Map.of());
    TerminalScreen screen = new TerminalScreen(terminal, new Theme(Theme.Mode.COLOR), null);
    Session session = new Session(seeds, SeedLoader.create(), screen);
    session.interactive(true);
    app.useSession(session);
    CommandLine commands = app.commandLine();
    commands.setOut(terminal.writer());
    commands.setErr(terminal.writer());

    long t0 = System.nanoTime();
    LoadResult loaded = session.reload();
    double loadMs = (System.nanoTime() - t0) / 1e6;
    long t1 = System.nanoTime();
    Corpus corpus = session.library().corpus();
    double indexMs = (System.nanoTime() - t1) / 1e6;
    List<Article> full = corpus.fullArticles();
    Article middle = full.get(full.size() / 2);
    Article hub = full.stream().max((a, b) -> Integer.compare(corpus.graph().backlinks(a.id()).size(),
        corpus.graph().backlinks(b.id()).size())).orElseThrow();
    String slug = corpus.taxonomy().all().get(0).slug();
    String prefix = middle.title().substring(0, Math.min(2, middle.title().length()));
    System.out.printf(Locale.ROOT, "corpus %s: %,d full articles, %,d stubs, %,d edges; loaded in %.0f ms, "
        + "indexed (search, similarity, categories, related) in %.0f ms%n",
        seeds, full.size(), corpus.size() - full.size(), corpus.graph().edgeCount(), loadMs, indexMs);
    System.out.printf(Locale.ROOT, "runs per command: %d (after %d warm-up runs)%n%n", runs, runs);
    System.out.printf(Locale.ROOT, "%-44s %9s %9s %9s%n", "command", "p50 ms", "p99 ms", "max ms");

    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"list"});
    lines.add(new String[] {"list", "--page", "400"});
    lines.add(new String[] {"list", "--category", slug});
    lines.add(new String[] {"list", "--stubs", "--page", "100"});
    lines.add(new String[] {"show", middle.id()});
    lines.add(new String[] {"show", "3"});
    lines.add(new String[] {"show", middle.title()});
    lines.add(new String[] {"show", middle.id(), "--json"});
    lines.add(new String[] {"next"});
    lines.add(new String[] {"prev"});
    lines.add(new String[] {"back"});
    lines.add(new String[] {"search", "民法典"});
    lines.add(new String[] {"search", "劳动合同", "解除"});
    lines.add(new String[] {"search", "\"人民法院\"", "--page", "3"});
    lines.add(new String[] {"search", "合同", "--category", slug});
    lines.add(new String[] {"search", "合同", "--json"});
    lines.add(new String[] {"related", middle.id(), "--explain"});
    lines.add(new String[] {"related", middle.id(), "--json"});
    lines.add(new String[] {"graph", middle.id(), "--depth", "2"});
    lines.add(new String[] {"graph", hub.id(), "--depth", "3"});
    lines.add(new String[] {"source", middle.id()});
    lines.add(new String[] {"categories"});
    lines.add(new String[] {"stats"});
    lines.add(new String[] {"help", "list"});
    for (String[] line : lines) {
      measure(String.join(" ", line), runs, () -> {
        if (line[0].equals("show") && line[1].equals("3") || line[0].equals("next")
            || line[0].equals("prev") || line[0].equals("back")) {
          commands.execute("list");
          commands.execute("show", middle.id());
        }
        terminal.flush();
        screenBytes.reset();
        long s = System.nanoTime();
        int code = commands.execute(line);
        terminal.flush();
        long e = System.nanoTime() - s;
        if (code != 0) {
          throw new IllegalStateException(String.join(" ", line) + " exited " + code + ":\n"
              + screenBytes.toString(StandardCharsets.UTF_8));
        }
        return e;
      });
    }
    ReplCompleter completer = new ReplCompleter(commands, session);
    LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
    DefaultParser parser = new DefaultParser();
    for (String typed : List.of("show " + prefix, "show " + middle.id().substring(0, 3), "list --category ",
        "search " + prefix)) {
      measure("<Tab> after \"" + typed + "\"", runs, () -> {
        List<Candidate> candidates = new ArrayList<>();
        long s = System.nanoTime();
        completer.complete(reader, parser.parse(typed, typed.length()), candidates);
        return System.nanoTime() - s;
      });
    }
  }

  /** A keyboard that keeps pressing one key. */
  private static final class Keys extends java.io.InputStream {
    private final int key;

    Keys(int key) {
      this.key = key;
    }

    @Override
    public int read() {
      return key;
    }

    @Override
    public int read(byte[] b, int off, int len) throws java.io.IOException {
      try {
        Thread.sleep(1); // like a person, not a flood: the REPL reads one key at a time
      } catch (InterruptedException e) {
        throw new java.io.InterruptedIOException();
      }
      b[off] = (byte) key;
      return 1;
    }
  }

  interface Run {
    long nanos() throws Exception;
  }

  private static void measure(String name, int runs, Run run) throws Exception {
    for (int i = 0; i < runs; i++) {
      run.nanos();
    }
    long[] t = new long[runs];
    for (int i = 0; i < runs; i++) {
      t[i] = run.nanos();
    }
    Arrays.sort(t);
    System.out.printf(Locale.ROOT, "%-44s %9.2f %9.2f %9.2f%n", name.length() > 44 ? name.substring(0, 43) + "…" : name,
        t[runs / 2] / 1e6, t[Math.min(runs - 1, (int) Math.ceil(runs * 0.99) - 1)] / 1e6, t[runs - 1] / 1e6);
  }
}

package dev.content.cli.repl;

import dev.content.cli.App;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Drives the real REPL through a JLine terminal on in-memory streams: keys go in as the user would type
 * them, and the test waits for what the screen shows.
 */
final class ReplDriver implements AutoCloseable {
  private static final Pattern ESCAPES =
      Pattern.compile("\u001b\\[[0-9;?]*[ -/]*[@-~]|\u001b[()][0-9A-Za-z]|\u001b[=>]|\r");

  private final PipedOutputStream keys;
  private final SyncBuffer screen = new SyncBuffer();
  private final CompletableFuture<Integer> exit;
  final Terminal terminal;

  ReplDriver(Path seeds, Path history, int width, int height, String type, Map<String, String> env)
      throws IOException {
    keys = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(keys, 1 << 16);
    terminal = TerminalBuilder.builder().system(false).streams(in, screen).type(type)
        .size(new Size(width, height)).encoding(StandardCharsets.UTF_8).build();
    App app = App.of(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(new ByteArrayOutputStream()), env);
    Repl repl = new Repl(app, terminal, seeds, history, Repl.mode(terminal, App.ColorChoice.auto, env), null);
    exit = CompletableFuture.supplyAsync(repl::run);
  }

  /** Types these characters. */
  ReplDriver type(String s) throws IOException {
    keys.write(s.getBytes(StandardCharsets.UTF_8));
    keys.flush();
    return this;
  }

  /** Everything the terminal received, escape sequences included. */
  String raw() {
    return screen.text();
  }

  /** What the terminal received, without escape sequences and carriage returns. */
  String text() {
    return ESCAPES.matcher(raw()).replaceAll("");
  }

  /** Waits until the screen text has {@code needle} at least {@code times} times. */
  ReplDriver await(String needle, int times) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (count(text(), needle) < times) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("screen never showed \"" + needle + "\" " + times + "×; it shows:\n" + text());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    return this;
  }

  ReplDriver await(String needle) {
    return await(needle, 1);
  }

  /** Waits for the prompt to appear {@code n} times in all. */
  ReplDriver prompt(int n) {
    return await("content> ", n);
  }

  int exitCode() throws Exception {
    return exit.get(20, TimeUnit.SECONDS);
  }

  static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    keys.close();
  }

  /** An output stream the test can read while the REPL writes. */
  private static final class SyncBuffer extends java.io.OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}

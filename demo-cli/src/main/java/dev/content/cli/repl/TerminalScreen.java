package dev.content.cli.repl;

import dev.content.cli.render.Safe;
import dev.content.cli.render.Wrap;
import dev.content.cli.render.Screen;
import dev.content.cli.render.Theme;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CancellationException;
import dev.content.cli.render.Ansi;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp;

/** A {@link Screen} on a JLine terminal: documents taller than the screen go through the {@link Pager}. */
public final class TerminalScreen implements Screen {
  private final Terminal terminal;
  private final Theme theme;
  private final Integer fixedWidth;

  public TerminalScreen(Terminal terminal, Theme theme, Integer fixedWidth) {
    this.terminal = terminal;
    this.theme = theme;
    this.fixedWidth = fixedWidth;
  }

  @Override
  public int width() {
    if (fixedWidth != null) {
      return fixedWidth;
    }
    int w = terminal.getWidth();
    // The last column is left free: some terminals wrap as soon as it is written.
    return w <= 0 ? 80 : Math.max(20, w - 1);
  }

  @Override
  public int height() {
    int h = terminal.getHeight();
    return h <= 0 ? 24 : h;
  }

  @Override
  public Theme theme() {
    return theme;
  }

  /** Whether the terminal can page (move the cursor, clear the screen). */
  boolean canPage() {
    return theme.styled() && terminal.getStringCapability(InfoCmp.Capability.clear_screen) != null;
  }

  @Override
  public void show(List<AttributedString> lines) {
    if (lines.size() > height() - 1 && canPage()) {
      cancelled();
      new Pager(terminal, theme).page(lines);
    } else {
      print(lines);
    }
  }

  @Override
  public void print(List<AttributedString> lines) {
    PrintWriter w = terminal.writer();
    for (AttributedString line : lines) {
      cancelled();
      w.println(theme.styled() ? Ansi.of(line, terminal) : line.toString());
    }
    w.flush();
  }

  @Override
  public void data(String text) {
    // On a terminal, data is read like any document: made safe, and paged when long.
    String[] lines = text.split("\n", -1);
    int n = lines.length > 0 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
    List<AttributedString> out = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      out.add(new AttributedString(Safe.text(line)));
    }
    show(out);
  }

  @Override
  public void error(AttributedString message) {
    PrintWriter w = terminal.writer();
    w.println(theme.styled() ? Ansi.of(message, terminal) : message.toString());
    w.flush();
  }

  @Override
  public void status(String text) {
    if (!theme.styled()) {
      return;
    }
    PrintWriter w = terminal.writer();
    w.print('\r');
    // Longer than the line it would wrap, and the next \r could not take it back.
    w.print(Wrap.truncate(new AttributedString(Safe.text(text)), Math.max(1, width() - 1)));
    terminal.puts(InfoCmp.Capability.clr_eol);
    w.flush();
  }

  @Override
  public void flush() {
    terminal.flush();
  }

  private static void cancelled() {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException();
    }
  }
}

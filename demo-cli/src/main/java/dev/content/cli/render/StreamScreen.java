package dev.content.cli.render;

import java.io.PrintWriter;
import java.util.List;
import org.jline.utils.AttributedString;

/** A {@link Screen} on two streams, for batch mode: no pager; escape sequences only when styled. */
public final class StreamScreen implements Screen {
  private final PrintWriter out;
  private final PrintWriter err;
  private final Theme theme;
  private final int width;
  private final boolean terminal;

  /**
   * @param terminal whether {@code out} is a terminal, in which case data is made safe for it too
   */
  public StreamScreen(PrintWriter out, PrintWriter err, Theme theme, int width, boolean terminal) {
    this.out = out;
    this.err = err;
    this.theme = theme;
    this.width = width;
    this.terminal = terminal;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return 20;
  }

  @Override
  public Theme theme() {
    return theme;
  }

  @Override
  public void show(List<AttributedString> lines) {
    print(lines);
  }

  @Override
  public void print(List<AttributedString> lines) {
    for (AttributedString line : lines) {
      out.println(theme.styled() ? Ansi.of(line) : line.toString());
    }
  }

  @Override
  public void data(String text) {
    if (terminal) {
      for (String line : text.split("\n", -1)) {
        out.println(Safe.text(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line));
      }
    } else {
      out.print(text);
    }
  }

  @Override
  public void error(AttributedString message) {
    out.flush();
    err.println(theme.styled() ? Ansi.of(message) : message.toString());
    err.flush();
  }

  @Override
  public void flush() {
    out.flush();
    err.flush();
  }
}

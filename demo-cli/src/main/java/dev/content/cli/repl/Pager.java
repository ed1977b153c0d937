package dev.content.cli.repl;

import dev.content.cli.render.Safe;
import dev.content.cli.render.Theme;
import dev.content.cli.render.Wrap;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.regex.Pattern;
import org.jline.terminal.Attributes;
import dev.content.cli.render.Ansi;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

/**
 * A pager like {@code less} for documents taller than the screen: space/f or PgDn next page, b or PgUp
 * previous page, Enter/j/↓ and k/↑ a line, g/G start and end, {@code /text} search (matches
 * highlighted), n/N next and previous match, q (or Ctrl-C) quit. Leaves the last page on the screen.
 */
final class Pager {
  private static final int TIMEOUT = -2;

  private final Terminal terminal;
  private final Theme theme;
  private final PrintWriter out;
  private final NonBlockingReader in;
  private List<AttributedString> lines;
  private int top;
  private Pattern search;
  private String message = "";

  Pager(Terminal terminal, Theme theme) {
    this.terminal = terminal;
    this.theme = theme;
    this.out = terminal.writer();
    this.in = terminal.reader();
  }

  void page(List<AttributedString> document) {
    this.lines = document;
    this.top = 0;
    Attributes saved = terminal.enterRawMode();
    try {
      while (true) {
        draw();
        int c = read();
        int rows = rows();
        switch (c) {
          case ' ', 'f', 6 -> top = Math.min(top + rows, maxTop());
          case 'b', 2 -> top = Math.max(0, top - rows);
          case '\r', '\n', 'j', 'e', 14 -> top = Math.min(top + 1, maxTop());
          case 'k', 'y', 16 -> top = Math.max(0, top - 1);
          case 'd' -> top = Math.min(top + rows / 2, maxTop());
          case 'u' -> top = Math.max(0, top - rows / 2);
          case 'g', '<' -> top = 0;
          case 'G', '>' -> top = maxTop();
          case '/' -> startSearch();
          case 'n' -> findFrom(top + 1, +1);
          case 'N' -> findFrom(top - 1, -1);
          case 'q', 'Q', -1 -> {
            return;
          }
          case 3 -> throw new CancellationException(); // Ctrl-C when the terminal delivers it as a key
          case 27 -> escape();
          default -> message = "space next · b back · /search · n/N · q quit";
        }
      }
    } finally {
      terminal.setAttributes(saved);
      out.print('\r');
      terminal.puts(Capability.clr_eol);
      out.flush();
    }
  }

  private void escape() {
    int c = readQuick();
    if (c != '[' && c != 'O') {
      return;
    }
    int d = readQuick();
    int rows = rows();
    switch (d) {
      case 'A' -> top = Math.max(0, top - 1);
      case 'B' -> top = Math.min(top + 1, maxTop());
      case 'H' -> top = 0;
      case 'F' -> top = maxTop();
      case '5', '6' -> {
        readQuick(); // the closing ~
        top = d == '5' ? Math.max(0, top - rows) : Math.min(top + rows, maxTop());
      }
      default -> { }
    }
  }

  private void startSearch() {
    StringBuilder typed = new StringBuilder();
    while (true) {
      statusLine(new AttributedString("/" + Safe.text(typed.toString())));
      int c = read();
      if (c == '\r' || c == '\n') {
        break;
      }
      if (c == 27 || c == 3 || c == -1) {
        message = "";
        return;
      }
      if (c == 127 || c == 8) {
        if (typed.length() > 0) {
          typed.setLength(typed.length() - Character.charCount(typed.codePointBefore(typed.length())));
        } else {
          message = "";
          return;
        }
      } else if (c >= 32) {
        typed.appendCodePoint(c);
      }
    }
    if (typed.length() == 0) {
      if (search == null) {
        return;
      }
    } else {
      search = Pattern.compile(Pattern.quote(typed.toString()), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
    findFrom(top + (typed.length() == 0 ? 1 : 0), +1);
  }

  private void findFrom(int from, int step) {
    if (search == null) {
      message = "no search yet: type /text";
      return;
    }
    for (int i = from; i >= 0 && i < lines.size(); i += step) {
      if (search.matcher(lines.get(i).toString()).find()) {
        top = Math.min(i, maxTop());
        message = "";
        return;
      }
    }
    message = "not found: " + search.pattern().replace("\\Q", "").replace("\\E", "");
  }

  private void draw() {
    terminal.puts(Capability.clear_screen);
    int rows = rows();
    for (int i = top; i < Math.min(lines.size(), top + rows); i++) {
      AttributedString line = lines.get(i);
      if (search != null) {
        line = highlight(line);
      }
      out.print(Ansi.of(line, terminal));
      out.print('\n');
    }
    for (int i = lines.size() - top; i < rows; i++) {
      out.print("~\n");
    }
    int last = Math.min(lines.size(), top + rows);
    String where = String.format(Locale.ROOT, " %d-%d/%d %s ", top + 1, last, lines.size(),
        last >= lines.size() ? "(END)" : (100 * last / lines.size()) + "%");
    String hint = message.isEmpty() ? " space next · b back · /search · q quit" : " " + message;
    statusLine(new AttributedString(where + hint, theme.inverse()));
    message = "";
  }

  private AttributedString highlight(AttributedString line) {
    AttributedStringBuilder b = new AttributedStringBuilder().append(line);
    b.styleMatches(search, theme.match());
    return b.toAttributedString();
  }

  private void statusLine(AttributedString s) {
    out.print('\r');
    out.print(Ansi.of(Wrap.truncate(s, Math.max(10, terminal.getWidth() - 1)), terminal));
    terminal.puts(Capability.clr_eol);
    out.flush();
  }

  private int rows() {
    int h = terminal.getHeight();
    return Math.max(1, (h <= 0 ? 24 : h) - 1);
  }

  private int maxTop() {
    return Math.max(0, lines.size() - rows());
  }

  /** The next key; Ctrl-C (as a signal) interrupts the thread and ends the pager. */
  private int read() {
    try {
      while (true) {
        if (Thread.currentThread().isInterrupted()) {
          throw new CancellationException();
        }
        int c = in.read(100L);
        if (c != TIMEOUT) {
          return c;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int readQuick() {
    try {
      return in.read(50L);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

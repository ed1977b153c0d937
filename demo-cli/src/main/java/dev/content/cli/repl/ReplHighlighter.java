package dev.content.cli.repl;

import dev.content.cli.render.Theme;
import java.util.Set;
import java.util.function.Supplier;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Highlights the input line: a known command bold green, an unknown one red, options cyan, numbers
 * (links) green. Control characters typed or pasted are shown as pictures, one for one, so that they
 * never act on the terminal.
 */
final class ReplHighlighter implements Highlighter {
  private final Supplier<Set<String>> commands;
  private final Theme theme;

  ReplHighlighter(Supplier<Set<String>> commands, Theme theme) {
    this.commands = commands;
    this.theme = theme;
  }

  @Override
  public AttributedString highlight(LineReader reader, String buffer) {
    AttributedStringBuilder b = new AttributedStringBuilder(buffer.length());
    int i = 0;
    int word = 0;
    while (i < buffer.length()) {
      if (buffer.charAt(i) == ' ') {
        b.append(' ');
        i++;
        continue;
      }
      int end = buffer.indexOf(' ', i);
      if (end < 0) {
        end = buffer.length();
      }
      String token = buffer.substring(i, end);
      b.append(visible(token), style(token, word, end == buffer.length()));
      word++;
      i = end;
    }
    return b.toAttributedString();
  }

  private AttributedStyle style(String token, int word, boolean lastAndTyping) {
    if (word == 0) {
      if (token.matches("\\d+")) {
        return theme.number();
      }
      if (commands.get().contains(token)) {
        return theme.command();
      }
      // While the first word is still being typed it may become a command: no red yet.
      boolean prefix = lastAndTyping && commands.get().stream().anyMatch(c -> c.startsWith(token));
      return prefix ? AttributedStyle.DEFAULT : theme.error();
    }
    if (token.startsWith("-")) {
      return theme.option();
    }
    if (token.matches("\\d+")) {
      return theme.number();
    }
    return AttributedStyle.DEFAULT;
  }

  private static String visible(String token) {
    StringBuilder sb = new StringBuilder(token.length());
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      sb.append(c < 0x20 ? (char) (0x2400 + c) : c == 0x7f ? '\u2421' : c);
    }
    return sb.toString();
  }
}

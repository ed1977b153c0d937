package dev.content.cli.repl;

import org.jline.terminal.Terminal;
import org.jline.utils.AttributedCharSequence;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp;

/**
 * Styled text as escape sequences for a terminal. Unlike {@code toAnsi(terminal)} it never switches to
 * the terminal's alternate character set for box-drawing characters: several terminals (tmux among
 * them) show {@code q} for {@code ─} that way. UTF-8 box characters are shown as they are.
 */
final class Ansi {
  private Ansi() {}

  static String of(AttributedString s, Terminal terminal) {
    Integer colors = terminal.getNumericCapability(InfoCmp.Capability.max_colors);
    return s.toAnsi(colors == null ? 8 : colors, AttributedCharSequence.ForceMode.None, terminal.getPalette(),
        null, null);
  }
}

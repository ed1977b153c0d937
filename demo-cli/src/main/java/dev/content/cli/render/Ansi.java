package dev.content.cli.render;

import org.jline.terminal.Terminal;
import org.jline.utils.AttributedCharSequence;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp;

/**
 * Styled text as escape sequences. JLine's {@code toAnsi} replaces box-drawing characters (the
 * {@code ─├└│} of trees and rules) with the alternate character set, or with {@code -+|} when none is
 * given; both look wrong on a UTF-8 terminal (tmux shows {@code qqq}). The characters are moved to the
 * private use area while JLine writes the styles, and put back after.
 */
public final class Ansi {
  private Ansi() {}

  private static final int BOX_FIRST = 0x2500;
  private static final int BOX_LAST = 0x257f;
  private static final int SHIFT = 0xf500 - BOX_FIRST;

  /** Escape sequences for this terminal's colour depth. */
  public static String of(AttributedString s, Terminal terminal) {
    Integer colors = terminal.getNumericCapability(InfoCmp.Capability.max_colors);
    return restore(hide(s).toAnsi(colors == null ? 8 : colors, AttributedCharSequence.ForceMode.None,
        terminal.getPalette(), null, null));
  }

  /** Escape sequences for a 256-colour terminal (batch mode with colours forced on). */
  public static String of(AttributedString s) {
    return restore(hide(s).toAnsi(256, AttributedCharSequence.ForceMode.None, null, null, null));
  }

  private static AttributedString hide(AttributedString s) {
    String text = s.toString();
    boolean any = false;
    for (int i = 0; i < text.length() && !any; i++) {
      any = text.charAt(i) >= BOX_FIRST && text.charAt(i) <= BOX_LAST;
    }
    if (!any) {
      return s;
    }
    org.jline.utils.AttributedStringBuilder b = new org.jline.utils.AttributedStringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      b.style(s.styleAt(i));
      b.append(c >= BOX_FIRST && c <= BOX_LAST ? (char) (c + SHIFT) : c);
    }
    return b.toAttributedString();
  }

  private static String restore(String ansi) {
    StringBuilder out = null;
    for (int i = 0; i < ansi.length(); i++) {
      char c = ansi.charAt(i);
      if (c >= BOX_FIRST + SHIFT && c <= BOX_LAST + SHIFT) {
        if (out == null) {
          out = new StringBuilder(ansi);
        }
        out.setCharAt(i, (char) (c - SHIFT));
      }
    }
    return out == null ? ansi : out.toString();
  }
}

package dev.content.cli.render;

import org.jline.utils.AttributedStyle;

/**
 * The styles of the CLI, in three strengths: full colour; no colour (for {@code NO_COLOR}: bold,
 * underline and faint only, which are not colours); and plain (a dumb terminal or a pipe: no escape
 * sequences at all).
 */
public final class Theme {
  /** How much styling the output device takes. */
  public enum Mode { COLOR, MONO, PLAIN }

  private final Mode mode;

  public Theme(Mode mode) {
    this.mode = mode;
  }

  public Mode mode() {
    return mode;
  }

  /** Whether output carries escape sequences at all. */
  public boolean styled() {
    return mode != Mode.PLAIN;
  }

  private AttributedStyle pick(AttributedStyle color, AttributedStyle mono) {
    return switch (mode) {
      case COLOR -> color;
      case MONO -> mono;
      case PLAIN -> AttributedStyle.DEFAULT;
    };
  }

  public AttributedStyle title() {
    return pick(AttributedStyle.BOLD.foreground(AttributedStyle.BRIGHT | AttributedStyle.YELLOW),
        AttributedStyle.BOLD);
  }

  public AttributedStyle heading() {
    return pick(AttributedStyle.BOLD.foreground(AttributedStyle.CYAN), AttributedStyle.BOLD.underline());
  }

  public AttributedStyle strong() {
    return pick(AttributedStyle.BOLD, AttributedStyle.BOLD);
  }

  public AttributedStyle meta() {
    return pick(AttributedStyle.DEFAULT.faint(), AttributedStyle.DEFAULT.faint());
  }

  public AttributedStyle number() {
    return pick(AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN), AttributedStyle.BOLD);
  }

  public AttributedStyle link() {
    return pick(AttributedStyle.DEFAULT.foreground(AttributedStyle.BLUE | AttributedStyle.BRIGHT),
        AttributedStyle.DEFAULT.underline());
  }

  public AttributedStyle stub() {
    return pick(AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA), AttributedStyle.DEFAULT.faint());
  }

  public AttributedStyle date() {
    return pick(AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW), AttributedStyle.DEFAULT);
  }

  public AttributedStyle error() {
    return pick(AttributedStyle.BOLD.foreground(AttributedStyle.RED), AttributedStyle.BOLD);
  }

  public AttributedStyle warning() {
    return pick(AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW), AttributedStyle.DEFAULT);
  }

  public AttributedStyle command() {
    return pick(AttributedStyle.BOLD.foreground(AttributedStyle.GREEN), AttributedStyle.BOLD);
  }

  public AttributedStyle option() {
    return pick(AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN), AttributedStyle.DEFAULT.underline());
  }

  public AttributedStyle match() {
    return pick(AttributedStyle.BOLD.foreground(AttributedStyle.RED), AttributedStyle.BOLD.underline());
  }

  public AttributedStyle inverse() {
    return pick(AttributedStyle.INVERSE, AttributedStyle.INVERSE);
  }
}

package dev.content.cli.render;

import java.util.List;
import org.jline.utils.AttributedString;

/** Where commands print: a terminal (with a pager) or plain streams (batch mode). */
public interface Screen {
  /** The columns text is wrapped to. */
  int width();

  /** The lines a page holds, for listings that fill a screen. */
  int height();

  Theme theme();

  /** Shows a document, paging it when it is taller than the screen and the screen can page. */
  void show(List<AttributedString> lines);

  /** Prints lines without paging (short messages, progress results). */
  void print(List<AttributedString> lines);

  default void print(AttributedString line) {
    print(List.of(line));
  }

  /**
   * Prints text that is data, not display (JSON, the seed format): unchanged into a pipe, with control
   * characters made visible on a terminal.
   */
  void data(String text);

  /** Reports a problem to the user (stderr in batch mode). */
  void error(AttributedString message);

  /** Transient status (loading progress); only a terminal shows it. */
  default void status(String text) {}

  void flush();
}

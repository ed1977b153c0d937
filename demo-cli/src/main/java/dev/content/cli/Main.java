package dev.content.cli;

/**
 * {@code java -jar demo-cli.jar [--seeds DIR] [COMMAND]}: runs one command and exits, or starts the
 * REPL when no command is given.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = App.system().run(args);
    System.exit(code);
  }
}

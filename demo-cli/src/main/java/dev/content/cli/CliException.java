package dev.content.cli;

/** A user-facing failure of a command: printed as {@code error: message}, never with a stack trace. */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CliException(String message) {
    super(message);
  }
}

package dev.content.search.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what the library logs (its logger {@code dev.content.search}) until closed. */
public final class LogCapture extends Handler implements AutoCloseable {
  private final Logger log = Logger.getLogger("dev.content.search");
  private final List<String> messages = new CopyOnWriteArrayList<>();

  public LogCapture() {
    log.addHandler(this);
  }

  /** The messages logged so far. */
  public List<String> messages() {
    return List.copyOf(messages);
  }

  @Override
  public void publish(LogRecord r) {
    messages.add(r.getMessage());
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    log.removeHandler(this);
  }
}

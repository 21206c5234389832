package dev.gillab.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps what one logger logs while a test provokes it on purpose — a listener that throws, a fault
 * injected into a pool's slot — instead of letting it print a warning and a stack trace into the
 * build's output, and lets the test assert that the warning was logged. {@code java.util.logging}
 * and {@code System.Logger} (which logs through it by default) both land here. Open it in a
 * try-with-resources around the code that logs:
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.of(Watchdog.class)) {
 *   ...
 *   assertTrue(log.messages().stream().anyMatch(m -> m.startsWith("deadlock listener failed")));
 * }
 * }</pre>
 *
 * <p>Thread-safe: records may come from any thread.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final boolean parentHandlers;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogCapture(Logger logger) {
    this.logger = logger;
    this.parentHandlers = logger.getUseParentHandlers();
    handler.setLevel(Level.ALL);
    logger.addHandler(handler);
    logger.setUseParentHandlers(false);
  }

  /**
   * Starts keeping what the logger named after {@code source} (its class name) logs.
   *
   * @param source the class whose logger to capture
   * @return the capture, to close when the test is done with it
   */
  public static LogCapture of(Class<?> source) {
    return new LogCapture(Logger.getLogger(source.getName()));
  }

  /**
   * The records so far, oldest first.
   *
   * @return the records
   */
  public List<LogRecord> records() {
    return List.copyOf(records);
  }

  /**
   * The records' messages so far, oldest first.
   *
   * @return the messages
   */
  public List<String> messages() {
    return records.stream().map(LogRecord::getMessage).toList();
  }

  /** Gives the logger back its own handlers; records are no longer kept. */
  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setUseParentHandlers(parentHandlers);
  }
}

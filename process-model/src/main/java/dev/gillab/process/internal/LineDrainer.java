package dev.gillab.process.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Reads a child's output stream line by line on a daemon thread until end of stream, so that a
 * child writing a lot never blocks on a full pipe. A line longer than {@link #MAX_LINE_CHARS} is
 * cut there and marked (a child that dumps bytes without a newline cannot exhaust the parent's
 * heap), and a sink that throws loses that line only: draining goes on. Thread-safe: the only state
 * is the thread.
 */
public final class LineDrainer {
  /** Longest line handed to a sink; the rest of a longer line is skipped. */
  public static final int MAX_LINE_CHARS = 8192;

  /** Appended to a line that was cut at {@link #MAX_LINE_CHARS}. */
  public static final String TRUNCATED_MARK = "\u2026(truncated)";

  private static final System.Logger LOG = System.getLogger(LineDrainer.class.getName());

  private final Thread thread;

  private LineDrainer(Thread thread) {
    this.thread = thread;
  }

  /** Starts draining {@code in}, handing each line to {@code sink}. */
  public static LineDrainer start(String threadName, InputStream in, Consumer<String> sink) {
    Thread thread =
        new Thread(
            () -> {
              try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                drain(reader, guarded(threadName, sink));
              } catch (IOException e) {
                // The stream was closed under us (the child was killed): nothing more to read.
              }
            },
            threadName);
    thread.setDaemon(true);
    thread.start();
    return new LineDrainer(thread);
  }

  /** A sink that survives {@code sink} throwing; the first failure is logged. */
  private static Consumer<String> guarded(String threadName, Consumer<String> sink) {
    AtomicBoolean logged = new AtomicBoolean();
    return line -> {
      try {
        sink.accept(line);
      } catch (RuntimeException e) {
        if (logged.compareAndSet(false, true)) {
          LOG.log(
              System.Logger.Level.WARNING,
              threadName
                  + ": a line listener threw; draining goes on (further failures are not logged)",
              e);
        }
      }
    };
  }

  /**
   * Hands every line of {@code reader} to {@code sink}: lines end at \n, \r or \r\n (as {@link
   * java.io.BufferedReader#readLine()}), are cut at {@link #MAX_LINE_CHARS}, and a last line
   * without an end counts.
   */
  static void drain(Reader reader, Consumer<String> sink) throws IOException {
    char[] buffer = new char[8192];
    StringBuilder line = new StringBuilder();
    boolean truncated = false;
    boolean afterCr = false;
    boolean pending = false; // something of the current line was read
    for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
      for (int i = 0; i < n; i++) {
        char c = buffer[i];
        if (c == '\n' && afterCr) {
          afterCr = false;
          continue;
        }
        afterCr = c == '\r';
        if (c == '\n' || c == '\r') {
          sink.accept(truncated ? line + TRUNCATED_MARK : line.toString());
          line.setLength(0);
          truncated = false;
          pending = false;
        } else {
          pending = true;
          if (line.length() < MAX_LINE_CHARS) {
            line.append(c);
          } else {
            truncated = true;
          }
        }
      }
    }
    if (pending) {
      sink.accept(truncated ? line + TRUNCATED_MARK : line.toString());
    }
  }

  /** Waits up to {@code timeout} for end of stream; true when the drainer has finished. */
  public boolean await(Duration timeout) throws InterruptedException {
    thread.join(Math.max(1, timeout.toMillis()));
    return !thread.isAlive();
  }
}

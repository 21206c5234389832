package dev.gillab.process.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Reads a child's output stream line by line on a daemon thread until end of stream, so that a
 * child writing a lot never blocks on a full pipe. Thread-safe: the only state is the thread.
 */
public final class LineDrainer {
  private final Thread thread;

  private LineDrainer(Thread thread) {
    this.thread = thread;
  }

  /** Starts draining {@code in}, handing each line to {@code sink}. */
  public static LineDrainer start(String threadName, InputStream in, Consumer<String> sink) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                  sink.accept(line);
                }
              } catch (IOException e) {
                // The stream was closed under us (the child was killed): nothing more to read.
              }
            },
            threadName);
    thread.setDaemon(true);
    thread.start();
    return new LineDrainer(thread);
  }

  /** Waits up to {@code timeout} for end of stream; true when the drainer has finished. */
  public boolean await(Duration timeout) throws InterruptedException {
    thread.join(Math.max(1, timeout.toMillis()));
    return !thread.isAlive();
  }
}

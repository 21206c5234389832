package dev.gillab.workloads.internal;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.ThreadSafe;
import dev.gillab.gil.Interpreter;
import dev.gillab.workloads.EchoClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The blocking IO an experiment's programs do, as GIL-releasing host functions: {@code nap()}
 * sleeps, {@code echo()} makes one round trip to an echo server on its thread's own connection.
 * Neither touches an interpreter object, so both run with the GIL released. Optionally records each
 * wait (thread, kind, start and end in {@code System.nanoTime}) so tests can see waits overlap.
 *
 * <p>Thread-safe: connections are per thread in a concurrent map; waits go to a concurrent queue.
 */
@ThreadSafe
public final class IoHost implements AutoCloseable {
  /** One blocking call: which thread, {@code nap} or {@code echo}, when it started and ended. */
  public record Wait(String thread, String kind, long startNanos, long endNanos) {
    public boolean overlaps(Wait other) {
      return startNanos < other.endNanos && other.startNanos < endNanos;
    }
  }

  private final int echoPort;
  private final long napNanos;
  private final long echoDelayMicros;
  private final boolean recordWaits;

  @SuppressWarnings("ThreadSafe") // connections are used by their own thread only
  private final ConcurrentHashMap<Thread, EchoClient> clients = new ConcurrentHashMap<>();

  private final ConcurrentLinkedQueue<Wait> waits = new ConcurrentLinkedQueue<>();

  /**
   * @param echoPort the echo server's port on 127.0.0.1 (0: no {@code echo} function)
   * @param napNanos how long {@code nap()} sleeps
   * @param echoDelayMicros the reply delay {@code echo()} asks the server for
   */
  public IoHost(int echoPort, long napNanos, long echoDelayMicros, boolean recordWaits) {
    checkArgument(napNanos >= 0 && echoDelayMicros >= 0, "delays must not be negative");
    this.echoPort = echoPort;
    this.napNanos = napNanos;
    this.echoDelayMicros = echoDelayMicros;
    this.recordWaits = recordWaits;
  }

  /** Registers {@code nap} and (with a port) {@code echo} on {@code builder}. */
  @CanIgnoreReturnValue
  public Interpreter.Builder install(Interpreter.Builder builder) {
    builder.releasingBuiltin(
        "nap",
        0,
        args -> {
          long start = System.nanoTime();
          TimeUnit.NANOSECONDS.sleep(napNanos);
          long end = System.nanoTime();
          record("nap", start, end);
          return null;
        });
    if (echoPort > 0) {
      builder.releasingBuiltin(
          "echo",
          0,
          args -> {
            long start = System.nanoTime();
            roundTrip();
            record("echo", start, System.nanoTime());
            return null;
          });
    }
    return builder;
  }

  /** One round trip on the calling thread's connection (opened on first use). */
  public void roundTrip() throws IOException {
    EchoClient c;
    try {
      c =
          clients.computeIfAbsent(
              Thread.currentThread(),
              t -> {
                try {
                  return EchoClient.connect(echoPort);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    c.roundTrip(echoDelayMicros);
  }

  private void record(String kind, long start, long end) {
    if (recordWaits) {
      waits.add(new Wait(Thread.currentThread().getName(), kind, start, end));
    }
  }

  /** The waits recorded so far. */
  public ImmutableList<Wait> waits() {
    return ImmutableList.copyOf(waits);
  }

  /** Closes every connection. */
  @Override
  public void close() {
    for (EchoClient c : clients.values()) {
      try {
        c.close();
      } catch (IOException e) {
        // best effort
      }
    }
    clients.clear();
  }
}

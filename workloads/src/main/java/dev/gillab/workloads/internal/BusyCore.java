package dev.gillab.workloads.internal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A plain Java loop that keeps one core busy — no interpreter, no GIL — while the convoy's baseline
 * round trips run. On an idle machine a thread blocked on loopback wakes several times slower than
 * on a busy one (its core sleeps: 35–70 µs against about 15 µs measured here), so a baseline taken
 * idle would flatter every run beside CPU-bound threads. Started only when a core is spare (2 or
 * more); {@link #close()} stops it and waits for it.
 */
public final class BusyCore implements AutoCloseable {
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Thread thread;

  private BusyCore(boolean start) {
    thread = new Thread(this::spin, "busy-core");
    thread.setDaemon(true);
    if (start) {
      thread.start();
    }
  }

  /** Starts the loop if this machine has at least 2 cores; otherwise does nothing. */
  public static BusyCore startIfSpare() {
    return new BusyCore(Runtime.getRuntime().availableProcessors() >= 2);
  }

  private void spin() {
    long turns = 0;
    while (!stop.get()) {
      turns++;
    }
    if (turns == 42) {
      Thread.onSpinWait(); // uses the count, so the loop cannot be removed as dead code
    }
  }

  /** Stops the loop and waits for it (it ends at its next turn). */
  @Override
  public void close() {
    stop.set(true);
    try {
      thread.join(Runs.LIMIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the loop still ends: the flag is set
    }
  }
}

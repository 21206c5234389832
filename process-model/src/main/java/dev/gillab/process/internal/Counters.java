package dev.gillab.process.internal;

import dev.gillab.process.PoolStats;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pool's counters, shared by its slots. A job's future is completed through here so that the
 * count and the completion go together. Thread-safe: atomic longs.
 */
public final class Counters {
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong crashed = new AtomicLong();
  private final AtomicLong recycled = new AtomicLong();
  private final AtomicLong killed = new AtomicLong();

  // Count before completing: whoever sees the future complete then sees the count too. A
  // future that was already completed (cancelled, say), or whose completion threw, takes its
  // count back, so a job that then fails with that fault is counted once.
  public void done(Job job, byte[] result) {
    done.incrementAndGet();
    boolean completed = false;
    try {
      completed = job.future().complete(result);
    } finally {
      if (!completed) {
        done.decrementAndGet();
      }
    }
  }

  public void failed(Job job, Throwable cause) {
    failed.incrementAndGet();
    boolean completed = false;
    try {
      completed = job.future().completeExceptionally(cause);
    } finally {
      if (!completed) {
        failed.decrementAndGet();
      }
    }
  }

  void workerStarted() {
    started.incrementAndGet();
  }

  /** Counts a worker that left the pool, by how it left. */
  void workerRetired(Retirement how) {
    switch (how) {
      case CRASHED -> crashed.incrementAndGet();
      case KILLED -> killed.incrementAndGet();
      case RECYCLED -> recycled.incrementAndGet();
      case STOPPED -> {}
    }
  }

  public PoolStats snapshot() {
    return new PoolStats(
        done.get(), failed.get(), started.get(), crashed.get(), recycled.get(), killed.get());
  }
}

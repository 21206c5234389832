package dev.gillab.process.internal;

import com.google.common.base.Preconditions;
import com.google.common.collect.EvictingQueue;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.ThreadSafe;
import com.google.errorprone.annotations.concurrent.GuardedBy;

/** The last N lines written to a stream. Thread-safe: one lock guards the queue. */
@ThreadSafe
public final class TailBuffer {
  private final Object lock = new Object();

  @GuardedBy("lock")
  private final EvictingQueue<String> lines;

  public TailBuffer(int capacity) {
    Preconditions.checkArgument(capacity > 0, "capacity must be positive, got %s", capacity);
    this.lines = EvictingQueue.create(capacity);
  }

  public void add(String line) {
    synchronized (lock) {
      lines.add(line);
    }
  }

  public ImmutableList<String> lines() {
    synchronized (lock) {
      return ImmutableList.copyOf(lines);
    }
  }
}

package dev.gillab.gil.internal;

import org.jspecify.annotations.Nullable;

/**
 * What one interpreter thread carries through the eval loop: its frame depth and what is left
 * of its instruction budget. Confined to its thread.
 */
public final class ThreadState {
  final long budget;
  long remaining;
  int depth;
  /** {@code ticks}: release the GIL when {@code remaining} falls to this; MIN_VALUE for never. */
  long nextTick = Long.MIN_VALUE;
  /** The Python thread this is ({@code threading.current_thread()}); null outside threading. */
  @Nullable PyThread thread;

  /** {@code budget} instructions at most; {@link Long#MAX_VALUE} for no limit. */
  public ThreadState(long budget) {
    this.budget = budget;
    this.remaining = budget;
  }

  /** Instructions run so far (counted at eval-breaker checks, calls and returns). */
  public long executed() {
    return budget - remaining;
  }
}

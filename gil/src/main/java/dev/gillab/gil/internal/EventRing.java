package dev.gillab.gil.internal;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.ThreadSafe;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.gillab.gil.GilEvent;

/**
 * A bounded ring of {@link GilEvent}s: the newest {@code capacity} events, in the order they were
 * recorded. Time and sequence number are taken under the ring's lock, so they grow together and a
 * snapshot is ordered by both. Thread-safe (one lock; only used while tracing is on).
 */
@ThreadSafe
public final class EventRing {
  private final int capacity;

  @GuardedBy("this")
  private final GilEvent[] slots;

  @GuardedBy("this")
  private long next;

  public EventRing(int capacity) {
    this.capacity = capacity;
    this.slots = new GilEvent[capacity];
  }

  public int capacity() {
    return capacity;
  }

  /** Records an event; answers the time it stamped, which the GIL's counters use too. */
  public synchronized long add(GilEvent.Kind kind, Thread t) {
    long seq = next++;
    long now = System.nanoTime();
    slots[(int) (seq % capacity)] = new GilEvent(seq, now, kind, t.getId(), t.getName());
    return now;
  }

  /** The events still in the ring, oldest first. */
  public synchronized ImmutableList<GilEvent> snapshot() {
    long first = Math.max(0, next - capacity);
    ImmutableList.Builder<GilEvent> out =
        ImmutableList.builderWithExpectedSize((int) (next - first));
    for (long s = first; s < next; s++) {
      out.add(slots[(int) (s % capacity)]);
    }
    return out.build();
  }
}

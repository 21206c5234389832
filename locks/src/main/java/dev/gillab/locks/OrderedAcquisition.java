package dev.gillab.locks;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.ThreadSafe;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;

/**
 * Prevention: take several locks in one global order, release them in reverse.
 *
 * <h2>Design note</h2>
 *
 * A deadlock needs a cycle of waits; if every thread takes its locks in the same total order, a
 * thread only ever waits for a lock that comes later than all it holds, so no cycle can close. The
 * order must be the same for every thread in the program: {@link #BY_ID} (creation order, stable
 * for the life of the JVM and free of ties) by default, or any rank a caller defines with a
 * comparator (say, account number), as long as everybody uses it. If an acquisition fails part way
 * (interrupt, a detector's exception), the locks already taken are released before the exception
 * leaves, so a failed call holds nothing.
 *
 * <p><b>Locks of one name and the order checker.</b> A {@link LockSet} orders by name by default
 * ({@link OrderKey#NAME}, one graph node per name, as a lock class in lockdep), so nesting two
 * locks that share a name, such as two {@code account} locks in the textbook transfer, is reported
 * as a lock-order cycle of one ("acquires account while holding another lock named account") even
 * when taken here in one global order: the checker cannot tell instances of one name apart. Give
 * such locks a set built with {@code orderBy(OrderKey.INSTANCE)} (each lock its own node), or
 * distinct names; or accept the WARN. This class does not mark same-name nesting as allowed
 * (lockdep's nesting annotation).
 *
 * <p>Thread-safe (stateless).
 */
@ThreadSafe
public final class OrderedAcquisition {
  /** By {@link OwnedLock#id()}: creation order. */
  public static final Comparator<OwnedLock> BY_ID = Comparator.comparingLong(OwnedLock::id);

  /** By name, then by id for locks of one name. */
  public static final Comparator<OwnedLock> BY_NAME =
      Comparator.comparing(OwnedLock::name).thenComparingLong(OwnedLock::id);

  private OrderedAcquisition() {}

  /**
   * Takes all {@code locks} in {@link #BY_ID} order, whatever order they are given in.
   *
   * @param locks the locks to take, at least one, none twice
   * @return a hold that releases them all, last taken first
   * @throws InterruptedException if interrupted while waiting; nothing is held
   * @throws IllegalArgumentException if no lock is given or one is given twice
   */
  public static Hold acquireAll(OwnedLock... locks) throws InterruptedException {
    return acquireAll(BY_ID, Arrays.asList(locks));
  }

  /**
   * Takes all {@code locks} sorted by {@code order}; the hold releases them in reverse.
   *
   * @param order the program-wide order; every thread that takes these locks must use it
   * @param locks the locks to take, in any order
   * @return a hold that releases them all, last taken first
   * @throws InterruptedException if interrupted while waiting; nothing is held
   * @throws IllegalArgumentException if no lock is given or one is given twice
   */
  public static Hold acquireAll(Comparator<? super OwnedLock> order, Collection<OwnedLock> locks)
      throws InterruptedException {
    checkNotNull(order, "order");
    checkNotNull(locks, "locks");
    checkArgument(!locks.isEmpty(), "acquireAll needs at least one lock");
    IdentityHashMap<OwnedLock, Boolean> seen = new IdentityHashMap<>();
    for (OwnedLock lock : locks) {
      checkArgument(
          seen.put(checkNotNull(lock, "lock"), true) == null,
          "lock '%s' is listed twice",
          lock.name());
    }
    ImmutableList<OwnedLock> sorted = ImmutableList.sortedCopyOf(order, locks);
    int taken = 0;
    try {
      for (OwnedLock lock : sorted) {
        lock.acquire();
        taken++;
      }
    } finally {
      if (taken < sorted.size()) {
        releaseInReverse(sorted, taken);
      }
    }
    return new MultiHold(sorted);
  }

  static void releaseInReverse(ImmutableList<OwnedLock> locks, int count) {
    for (int i = count - 1; i >= 0; i--) {
      locks.get(i).release();
    }
  }

  /** Releases a group once, last taken first. */
  static final class MultiHold implements Hold {
    private final ImmutableList<OwnedLock> locks;
    private boolean closed;

    MultiHold(ImmutableList<OwnedLock> locks) {
      this.locks = locks;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        releaseInReverse(locks, locks.size());
      }
    }
  }
}

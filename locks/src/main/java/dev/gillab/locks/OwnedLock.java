package dev.gillab.locks;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.errorprone.annotations.ThreadSafe;
import dev.gillab.locks.internal.ExclusiveCore;
import dev.gillab.locks.internal.HeldLocks;
import dev.gillab.locks.internal.OrderGraph;
import dev.gillab.locks.internal.Reports;
import dev.gillab.locks.internal.Stacks;
import dev.gillab.locks.internal.Sync;
import dev.gillab.locks.internal.WaitForGraph;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A lock with one holder at a time, a name, and an owner that is checked.
 *
 * <h2>Design note</h2>
 *
 * The blocking is an {@code AbstractQueuedSynchronizer} whose state is the hold count, the same
 * machinery as {@code ReentrantLock}; what this class adds is what a learner (and a debugger) wants
 * to see:
 *
 * <ul>
 *   <li><b>Ownership.</b> Only the holder may release: a release by any other thread throws {@code
 *       IllegalMonitorStateException} naming the lock, the caller and the holder.
 *   <li><b>Non-reentrant by default</b>, like CPython's {@code threading.Lock}: a holder asking
 *       again can never succeed, so {@link #acquire} throws {@link DeadlockException} ("main holds
 *       A and waits for A") instead of hanging; {@link #tryAcquire()} answers false. The
 *       {@linkplain LockSet#newReentrantLock reentrant variant} counts holds like {@code RLock}.
 *   <li><b>A name in every message</b>, and in every deadlock report.
 *   <li><b>Detection</b>, configured by the {@link LockSet} that made the lock: the lock-order
 *       check runs before an acquisition that may block; the wait-for check runs only when the fast
 *       attempt failed, so an uncontended acquisition never pays for it.
 * </ul>
 *
 * Only {@link #acquire}, {@link #acquireUninterruptibly} and {@link #hold} add lock-order edges
 * leading to the lock: a {@link #tryAcquire()} cannot block, and a timed one gives up, so neither
 * can be part of a deadlock that lasts (lockdep treats trylock the same way). Every form records
 * the lock as held, so the locks taken next by a blocking acquisition are ordered after it (and
 * after every lock held below it).
 *
 * <p>Thread-safe: any thread may use a lock; only the holder may release it.
 */
@ThreadSafe
public final class OwnedLock {
  private final ExclusiveCore core;
  private final Sync sync;
  private final @Nullable WaitForGraph waits;
  private final @Nullable OrderGraph order;
  private final boolean captureStacks;

  OwnedLock(
      String name,
      boolean reentrant,
      @Nullable WaitForGraph waits,
      @Nullable OrderGraph order,
      boolean captureStacks) {
    checkNotNull(name, "name");
    checkArgument(!name.isBlank(), "a lock needs a non-blank name");
    this.core = new ExclusiveCore(name, reentrant, order == null ? null : order.nodeFor(name));
    this.sync = core.sync;
    this.waits = waits;
    this.order = order;
    this.captureStacks = captureStacks && waits != null;
  }

  /**
   * A non-reentrant lock without deadlock checking (see {@link LockSet#unchecked()}): still owned,
   * still named, still refusing its holder a second hold.
   *
   * @param name what messages and reports call the lock; not blank
   * @return the lock, free
   */
  public static OwnedLock create(String name) {
    return LockSet.unchecked().newLock(name);
  }

  /**
   * A reentrant lock without deadlock checking, as {@code threading.RLock} is to {@code Lock}.
   *
   * @param name what messages and reports call the lock; not blank
   * @return the lock, free
   */
  public static OwnedLock reentrant(String name) {
    return LockSet.unchecked().newReentrantLock(name);
  }

  /**
   * The name every message and report uses for this lock.
   *
   * @return the name given at creation
   */
  public String name() {
    return core.name;
  }

  /**
   * A stable id, unique in this JVM and increasing in creation order: a global lock order that
   * needs no agreement between callers ({@link OrderedAcquisition#BY_ID}).
   *
   * @return the id
   */
  public long id() {
    return core.id;
  }

  /**
   * Whether the holder may take the lock again.
   *
   * @return true for a lock made by {@link LockSet#newReentrantLock} or {@link #reentrant}
   */
  public boolean isReentrant() {
    return core.reentrant;
  }

  /**
   * Takes the lock, waiting as long as it takes; interruptible.
   *
   * @throws DeadlockException if waiting would close a wait-for cycle (policy THROW) or this
   *     non-reentrant lock is already held by the caller; the lock is not taken
   * @throws PotentialDeadlockException if taking it contradicts the learned lock order (policy
   *     THROW); the lock is not taken
   * @throws InterruptedException if interrupted before or while waiting; the lock is not taken
   */
  public void acquire() throws InterruptedException {
    if (Thread.interrupted()) {
      throw interruptedBeforeAcquiring();
    }
    blockingAcquire(true);
  }

  /** Built only once an interrupt is seen, so the acquisition path itself calls nothing more. */
  private InterruptedException interruptedBeforeAcquiring() {
    return new InterruptedException(
        Thread.currentThread().getName()
            + " was interrupted before acquiring lock '"
            + core.name
            + "'");
  }

  /**
   * Takes the lock, waiting as long as it takes, ignoring interrupts; otherwise as {@link
   * #acquire}.
   *
   * @throws DeadlockException if waiting would close a wait-for cycle (policy THROW) or this
   *     non-reentrant lock is already held by the caller; the lock is not taken
   * @throws PotentialDeadlockException if taking it contradicts the learned lock order (policy
   *     THROW); the lock is not taken
   */
  public void acquireUninterruptibly() {
    try {
      blockingAcquire(false);
    } catch (InterruptedException e) {
      throw new AssertionError("an uninterruptible wait was interrupted", e);
    }
  }

  /**
   * Takes the lock if it is free now (or, reentrant, already the caller's); never waits, so never
   * deadlocks and never adds a lock-order edge.
   *
   * @return whether the caller holds the lock now
   */
  public boolean tryAcquire() {
    int holds = sync.tryLockHolds();
    if (holds == 0) {
      return false;
    }
    acquired(order == null ? null : order.heldFor(core), false, holds);
    return true;
  }

  /**
   * Takes the lock if it becomes free within {@code timeout}. A non-reentrant lock the caller
   * already holds answers false at once. A timed wait never throws {@link DeadlockException}:
   * timing out is its way out of a cycle (with policy WARN the cycle is still reported).
   *
   * @param timeout the longest time to wait; zero or negative means do not wait
   * @return whether the caller holds the lock now
   * @throws InterruptedException if interrupted before or while waiting; the lock is not taken
   */
  public boolean tryAcquire(Duration timeout) throws InterruptedException {
    checkNotNull(timeout, "timeout");
    if (Thread.interrupted()) {
      throw interruptedBeforeAcquiring();
    }
    int holds = sync.tryLockHolds();
    if (holds > 0) {
      acquired(order == null ? null : order.heldFor(core), false, holds);
      return true;
    }
    if (!core.reentrant && sync.heldByCurrentThread()) {
      return false;
    }
    long nanos = saturatedNanos(timeout);
    boolean got = waiting(true, () -> sync.tryLock(nanos));
    if (got) {
      acquired(order == null ? null : order.heldFor(core), false, sync.holdCount());
    }
    return got;
  }

  /**
   * Releases one hold.
   *
   * @throws IllegalMonitorStateException if the caller does not hold the lock, e.g. {@code
   *     "worker-2 cannot release lock 'A': it is held by worker-1"}
   */
  public void release() {
    // Fields in locals: the unlock is a full barrier, after which the JIT would load them again.
    ExclusiveCore core = this.core;
    Sync sync = this.sync;
    @Nullable OrderGraph order = this.order;
    if (captureStacks && sync.holdCount() == 1) { // 0 for a non-holder, whose release throws
      core.acquiredAt =
          null; // the outermost hold ends: its stack no longer says where it was taken
    }
    if (order == null) {
      sync.unlock();
      return;
    }
    // Read before unlocking: once released, the next holder overwrites it.
    HeldLocks stack = core.holderStack;
    sync.unlock();
    order.released(stack, core);
  }

  /**
   * {@link #acquire}, as a resource that {@link #release}s when closed: {@code try (Hold h =
   * lock.hold()) { ... }} cannot forget the release.
   *
   * @return the hold; close it on this thread
   * @throws InterruptedException if interrupted before or while waiting; the lock is not taken
   * @throws DeadlockException as {@link #acquire}
   * @throws PotentialDeadlockException as {@link #acquire}
   */
  public Hold hold() throws InterruptedException {
    acquire();
    return new SingleHold(this);
  }

  /**
   * Whether the calling thread holds the lock: what {@link GuardedObject} checks on every access.
   *
   * @return true if the caller holds at least one hold
   */
  public boolean isHeldByCurrentThread() {
    return sync.heldByCurrentThread();
  }

  /**
   * Whether any thread holds the lock now (a snapshot, for monitoring and schedulers).
   *
   * @return true if the lock is held, perhaps already no longer
   */
  public boolean isLocked() {
    return sync.isLocked();
  }

  /**
   * How many times the calling thread holds the lock: as many releases as it still owes.
   *
   * @return the caller's hold count, 0 if it does not hold the lock
   */
  public int holdCount() {
    return sync.holdCount();
  }

  /** The holder's thread name, or null when free; a snapshot. */
  @Nullable String ownerName() {
    @Nullable Thread owner = sync.owner();
    return owner == null ? null : owner.getName();
  }

  /** {@code "lock 'A' (held by worker-1)"} or {@code "lock 'A' (free)"}; a snapshot. */
  @Override
  public String toString() {
    @Nullable String owner = ownerName();
    return "lock '" + core.name + "' (" + (owner == null ? "free" : "held by " + owner) + ")";
  }

  /**
   * An acquisition that may block: fast attempt, order check, then a registered wait.
   *
   * <p>The order is checked before the caller can block, and an edge is validated (reported,
   * refused) only while the lock is not taken. The fast attempt still comes first: the
   * compare-and-set is a full barrier, and the reads of the check (the lock's held stack, its top
   * entry, the order cache) are a chain of dependent loads that, ahead of it, the barrier waits
   * for; behind it they overlap with the rest of the acquisition. When the attempt took the lock
   * and an edge is not known yet (a first nesting, rare by nature), the hold is given back, the
   * check runs as it would have before the attempt, and the acquisition starts again.
   */
  private void blockingAcquire(boolean interruptible) throws InterruptedException {
    // Fields in locals: the fast attempt's compare-and-set is a full barrier, after which the JIT
    // would load every field again.
    ExclusiveCore core = this.core;
    @Nullable OrderGraph order = this.order;
    boolean captureStacks = this.captureStacks;
    int holds = sync.lockAttemptHolds();
    @Nullable HeldLocks held = null;
    if (order != null) {
      held = order.heldFor(core);
      if (holds == 0 || !order.knownOrder(held, core)) {
        holds = checkOrderFirst(held, holds);
      }
    }
    if (holds == 0) {
      holds = waitToAcquire(interruptible);
    }
    if (captureStacks && holds == 1) {
      core.acquiredAt = Stacks.here();
    }
    if (held != null) {
      // A re-entry is not ordered: the locks taken since its first hold have no edge to it.
      order.acquired(held, core, holds == 1);
    }
  }

  /**
   * The order check of a blocking acquisition whose fast attempt failed ({@code holds} 0) or found
   * an edge not known yet: with the hold given back, the check runs as if before the attempt;
   * answers the hold count of a new attempt (0: wait). Out of line, as it is rare.
   */
  private int checkOrderFirst(HeldLocks held, int holds) {
    OrderGraph order = checkNotNull(this.order);
    if (holds > 0) {
      sync.unlock(); // given back first: no report or refusal is made while the lock is held
    }
    order.check(held, core);
    return holds > 0 ? sync.lockAttemptHolds() : 0;
  }

  /**
   * The slow path of a blocking acquisition, out of line so that the fast path above stays small
   * enough for the JIT to inline into its callers; answers the caller's hold count.
   */
  private int waitToAcquire(boolean interruptible) throws InterruptedException {
    refuseSelfDeadlock();
    if (interruptible) {
      waiting(
          false,
          () -> {
            sync.lockInterruptibly();
            return true;
          });
    } else {
      waiting(
          false,
          () -> {
            sync.lockUninterruptibly();
            return true;
          });
    }
    return sync.holdCount();
  }

  /** A blocking wait on the synchronizer. */
  private interface Blocking {
    boolean await() throws InterruptedException;
  }

  /**
   * Runs {@code wait}, registered with the wait-for graph (if any) for as long as it blocks; {@code
   * timed} waits are never refused as deadlocks (timing out is their way out).
   */
  private boolean waiting(boolean timed, Blocking wait) throws InterruptedException {
    if (waits == null) {
      return wait.await();
    }
    WaitForGraph.Wait registered = waits.beginWait(core, timed);
    try {
      return wait.await();
    } finally {
      waits.endWait(registered);
    }
  }

  private void refuseSelfDeadlock() {
    if (!core.reentrant && sync.heldByCurrentThread()) {
      Thread me = Thread.currentThread();
      throw new DeadlockException(Reports.deadlock(List.of(Reports.party(me, core, core))));
    }
  }

  /**
   * {@code blocking}: taken by an acquisition that may wait (its order was checked); {@code holds}:
   * the caller's hold count now (1 for a first hold).
   */
  private void acquired(@Nullable HeldLocks held, boolean blocking, int holds) {
    if (captureStacks && holds == 1) {
      core.acquiredAt = Stacks.here();
    }
    if (held != null && order != null) {
      // A re-entry is not ordered: the locks taken since its first hold have no edge to it.
      order.acquired(held, core, blocking && holds == 1);
    }
  }

  private static long saturatedNanos(Duration d) {
    try {
      return Math.max(0, d.toNanos());
    } catch (ArithmeticException e) {
      return d.isNegative() ? 0 : Long.MAX_VALUE;
    }
  }

  /** Releases once. */
  private static final class SingleHold implements Hold {
    private final OwnedLock lock;
    private boolean closed;

    SingleHold(OwnedLock lock) {
      this.lock = lock;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        lock.release();
      }
    }
  }
}

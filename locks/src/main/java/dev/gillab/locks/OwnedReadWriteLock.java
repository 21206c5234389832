package dev.gillab.locks;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.errorprone.annotations.ThreadSafe;
import dev.gillab.locks.internal.HeldLocks;
import dev.gillab.locks.internal.LockCore;
import dev.gillab.locks.internal.OrderGraph;
import dev.gillab.locks.internal.ReadWriteCore;
import dev.gillab.locks.internal.Reports;
import dev.gillab.locks.internal.RwSync;
import dev.gillab.locks.internal.Stacks;
import dev.gillab.locks.internal.WaitForGraph;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A read/write lock with a name and checked owners: any number of readers, or one writer, and both
 * kinds of acquisition seen by the lock set's deadlock detectors.
 *
 * <h2>Design note</h2>
 *
 * The blocking is a non-fair {@code ReentrantReadWriteLock}, with one change: a reader never waits
 * behind a queued writer, only for a writer that holds the lock. In {@code ReentrantReadWriteLock}
 * a new reader waits while a writer is first in the queue, so two threads that read A then B and B
 * then A deadlock as soon as a writer queues on each lock (each writer waits for one reader, each
 * reader for the other writer), and no JVM tool sees it: readers own nothing that {@code
 * ThreadMXBean} can name. Here readers take the read lock by a barging attempt and wait only for a
 * write release, so reading never waits for reading. The price: a steady stream of readers can keep
 * a writer waiting. Both sides are reentrant; a writer may also read (and release the write lock
 * first: a downgrade); a reader asking for the write lock would wait for itself forever, so that is
 * refused as a deadlock ("main holds A (read) and waits for A (write)").
 *
 * <h2>Which cycles are deadlocks: lockdep's rule</h2>
 *
 * Linux lockdep ({@code Documentation/locking/lockdep-design.rst}, "Recursive read locks") gives
 * every lock-order edge "held X, then took Y" two marks: X held exclusively (E) or shared (S), Y
 * acquired non-recursively (N) or as a recursive read (R). Here a read is S when held and R when
 * taken (its readers wait only for a holding writer); a write, like an {@link OwnedLock}, is E and
 * N. A cycle is reported unless some read/write lock on it is entered by a read edge and left by an
 * edge from a read hold: there two threads meet that both only read that lock, neither waits for
 * the other, and the cycle is broken (lockdep calls the other cycles <em>strong</em> and proves
 * them exactly the ones that can deadlock). So:
 *
 * <ul>
 *   <li>read A then read B, read B then read A: not reported (both locks read on both sides);
 *   <li>read A then write B, read B then write A: reported (each writer waits for a reader);
 *   <li>write A then write B, write B then write A: reported, as with exclusive locks;
 *   <li>read A then read B, write B then read A: not reported (A is read on both sides: the thread
 *       holding B for writing gets A at once).
 * </ul>
 *
 * Lockdep also has non-recursive reads (a reader that waits behind a queued writer, as in {@code
 * ReentrantReadWriteLock}); this lock has none, so they are not modelled.
 *
 * <h2>Wait-for checking</h2>
 *
 * A writer waits for the thread holding the write lock and for every reader; a reader waits for the
 * thread holding the write lock only (never for a queued writer: there is none in its way). A wait
 * that closes a cycle of such waits is refused with {@link DeadlockException} under {@link
 * Policy#THROW}, before the thread parks, as for {@link OwnedLock}. The watchdog's JVM scan sees
 * only writers queued behind a writer; waits for readers are seen by the lock set alone.
 *
 * <p>Which acquisitions add lock-order edges and how {@code tryAcquire*} and re-entries are treated
 * is as for {@link OwnedLock}. Thread-safe: any thread may use the lock; only a holder may release
 * its side.
 */
@ThreadSafe
public final class OwnedReadWriteLock {
  private final ReadWriteCore core;
  private final RwSync sync;
  private final @Nullable WaitForGraph waits;
  private final @Nullable OrderGraph order;
  private final boolean captureStacks;

  OwnedReadWriteLock(
      String name,
      @Nullable WaitForGraph waits,
      @Nullable OrderGraph order,
      boolean captureStacks) {
    checkNotNull(name, "name");
    checkArgument(!name.isBlank(), "a lock needs a non-blank name");
    this.core = new ReadWriteCore(name, order == null ? null : order.nodeFor(name), waits != null);
    this.sync = core.sync;
    this.waits = waits;
    this.order = order;
    this.captureStacks = captureStacks && waits != null;
  }

  /**
   * A read/write lock without deadlock checking (see {@link LockSet#unchecked()}): still named,
   * still checking who releases.
   *
   * @param name what messages and reports call the lock; not blank
   * @return the lock, free
   */
  public static OwnedReadWriteLock create(String name) {
    return LockSet.unchecked().newReadWriteLock(name);
  }

  /**
   * The name every message and report uses for this lock.
   *
   * @return the name given at creation
   */
  public String name() {
    return core.read.name;
  }

  /**
   * A stable id, unique in this JVM among owned locks of both kinds, increasing in creation order.
   *
   * @return the id
   */
  public long id() {
    return core.read.id;
  }

  /**
   * Takes the read lock, waiting while another thread holds the write lock; interruptible.
   *
   * @throws DeadlockException if waiting would close a wait-for cycle (policy THROW); the lock is
   *     not taken
   * @throws PotentialDeadlockException if reading it now makes a strong lock-order cycle (policy
   *     THROW); the lock is not taken
   * @throws InterruptedException if interrupted before or while waiting; the lock is not taken
   */
  public void acquireRead() throws InterruptedException {
    refuseIfInterrupted("reading");
    blockingRead(true);
  }

  /**
   * As {@link #acquireRead}, ignoring interrupts.
   *
   * @throws DeadlockException as {@link #acquireRead}
   * @throws PotentialDeadlockException as {@link #acquireRead}
   */
  public void acquireReadUninterruptibly() {
    try {
      blockingRead(false);
    } catch (InterruptedException e) {
      throw new AssertionError("an uninterruptible wait was interrupted", e);
    }
  }

  /**
   * Takes the read lock if no other thread holds the write lock now; never waits, so never
   * deadlocks and never adds a lock-order edge to this lock.
   *
   * @return whether the caller holds a read lock now
   */
  public boolean tryAcquireRead() {
    if (!sync.tryRead()) {
      return false;
    }
    acquiredRead(order == null ? null : order.heldFor(core.read));
    return true;
  }

  /**
   * Takes the read lock if the write lock is free of other threads within {@code timeout}. A timed
   * wait never throws {@link DeadlockException}: timing out is its way out.
   *
   * @param timeout the longest time to wait; zero or negative means do not wait
   * @return whether the caller holds a read lock now
   * @throws InterruptedException if interrupted before or while waiting; the lock is not taken
   */
  public boolean tryAcquireRead(Duration timeout) throws InterruptedException {
    checkNotNull(timeout, "timeout");
    refuseIfInterrupted("reading");
    if (!sync.tryRead()) {
      long nanos = saturatedNanos(timeout);
      if (!waiting(core.read, true, () -> sync.read(true, nanos))) {
        return false;
      }
    }
    acquiredRead(order == null ? null : order.heldFor(core.read));
    return true;
  }

  /**
   * Releases one read hold.
   *
   * @throws IllegalMonitorStateException if the caller holds no read lock on it, e.g. {@code
   *     "worker cannot release the read lock of 'A': it holds none"}
   */
  public void releaseRead() {
    int holds = sync.getReadHoldCount();
    if (holds == 0) {
      throw new IllegalMonitorStateException(
          Thread.currentThread().getName()
              + " cannot release the read lock of '"
              + name()
              + "': it holds none");
    }
    if (holds == 1) {
      core.readerOut();
    }
    if (order == null) {
      sync.readLock().unlock();
      return;
    }
    HeldLocks stack = core.read.holderStack; // read before unlocking, checked for its owner
    sync.readLock().unlock();
    order.releasedShared(stack, core.read);
  }

  /**
   * {@link #acquireRead} as a resource: {@code try (Hold h = lock.holdRead()) { ... }}.
   *
   * @return the hold; close it on this thread
   * @throws InterruptedException as {@link #acquireRead}
   */
  public Hold holdRead() throws InterruptedException {
    acquireRead();
    return new OnceHold(this::releaseRead);
  }

  /**
   * Takes the write lock, waiting until no other thread reads or writes; interruptible.
   *
   * @throws DeadlockException if waiting would close a wait-for cycle (policy THROW), or the caller
   *     holds the read lock (it would wait for itself); the lock is not taken
   * @throws PotentialDeadlockException if writing it now makes a strong lock-order cycle (policy
   *     THROW); the lock is not taken
   * @throws InterruptedException if interrupted before or while waiting; the lock is not taken
   */
  public void acquireWrite() throws InterruptedException {
    refuseIfInterrupted("writing");
    blockingWrite(true);
  }

  /**
   * As {@link #acquireWrite}, ignoring interrupts.
   *
   * @throws DeadlockException as {@link #acquireWrite}
   * @throws PotentialDeadlockException as {@link #acquireWrite}
   */
  public void acquireWriteUninterruptibly() {
    try {
      blockingWrite(false);
    } catch (InterruptedException e) {
      throw new AssertionError("an uninterruptible wait was interrupted", e);
    }
  }

  /**
   * Takes the write lock if nobody else reads or writes now; never waits. A caller that holds the
   * read lock gets false.
   *
   * @return whether the caller holds the write lock now
   */
  public boolean tryAcquireWrite() {
    if (!sync.writeLock().tryLock()) {
      return false;
    }
    acquiredWrite(order == null ? null : order.heldFor(core.write), false);
    return true;
  }

  /**
   * Takes the write lock if it can within {@code timeout}. A caller that holds the read lock gets
   * false at once; a timed wait never throws {@link DeadlockException}.
   *
   * @param timeout the longest time to wait; zero or negative means do not wait
   * @return whether the caller holds the write lock now
   * @throws InterruptedException if interrupted before or while waiting; the lock is not taken
   */
  public boolean tryAcquireWrite(Duration timeout) throws InterruptedException {
    checkNotNull(timeout, "timeout");
    refuseIfInterrupted("writing");
    if (!sync.writeLock().tryLock()) {
      if (sync.getReadHoldCount() > 0) {
        return false;
      }
      long nanos = saturatedNanos(timeout);
      if (!waiting(core.write, true, () -> sync.tryWrite(nanos))) {
        return false;
      }
    }
    acquiredWrite(order == null ? null : order.heldFor(core.write), false);
    return true;
  }

  /**
   * Releases one write hold; after the outermost one, waiting readers and writers may go.
   *
   * @throws IllegalMonitorStateException if the caller does not hold the write lock, e.g. {@code
   *     "worker cannot release the write lock of 'A': it is held by main"}
   */
  public void releaseWrite() {
    if (!sync.isWriteLockedByCurrentThread()) {
      @Nullable Thread writer = sync.writer();
      throw new IllegalMonitorStateException(
          Thread.currentThread().getName()
              + " cannot release the write lock of '"
              + name()
              + "': "
              + (writer == null ? "it is not held" : "it is held by " + writer.getName()));
    }
    if (captureStacks && sync.getWriteHoldCount() == 1) {
      core.writeAcquiredAt = null;
    }
    if (order == null) {
      sync.unlockWrite();
      return;
    }
    HeldLocks stack = core.write.holderStack; // the writer's own: nobody else writes it now
    sync.unlockWrite();
    order.released(stack, core.write);
  }

  /**
   * {@link #acquireWrite} as a resource: {@code try (Hold h = lock.holdWrite()) { ... }}.
   *
   * @return the hold; close it on this thread
   * @throws InterruptedException as {@link #acquireWrite}
   */
  public Hold holdWrite() throws InterruptedException {
    acquireWrite();
    return new OnceHold(this::releaseWrite);
  }

  /**
   * Whether any thread holds the write lock (a snapshot).
   *
   * @return true while the write lock is held
   */
  public boolean isWriteLocked() {
    return sync.isWriteLocked();
  }

  /**
   * Whether any thread holds a read lock (a snapshot).
   *
   * @return true while at least one read hold is out
   */
  public boolean isReadLocked() {
    return sync.getReadLockCount() > 0;
  }

  /**
   * Whether the calling thread holds the write lock.
   *
   * @return true if the caller is the writer
   */
  public boolean isWriteHeldByCurrentThread() {
    return sync.isWriteLockedByCurrentThread();
  }

  /**
   * How many read holds the calling thread has.
   *
   * @return the caller's read hold count, 0 if it does not read
   */
  public int readHoldCount() {
    return sync.getReadHoldCount();
  }

  /**
   * How many write holds the calling thread has.
   *
   * @return the caller's write hold count, 0 if it is not the writer
   */
  public int writeHoldCount() {
    return sync.getWriteHoldCount();
  }

  /**
   * {@code "read/write lock 'A' (free)"}, {@code "... (written by worker-1)"} or {@code "... (read,
   * 2 holds)"}; a snapshot.
   */
  @Override
  public String toString() {
    @Nullable Thread writer = sync.writer();
    int reads = sync.getReadLockCount();
    String state =
        writer != null
            ? "written by " + writer.getName()
            : reads > 0 ? "read, " + reads + (reads == 1 ? " hold" : " holds") : "free";
    return "read/write lock '" + name() + "' (" + state + ")";
  }

  private void blockingRead(boolean interruptible) throws InterruptedException {
    HeldLocks held = checkOrder(core.read);
    if (!sync.tryRead()) {
      waiting(core.read, false, () -> sync.read(interruptible, -1));
    }
    acquiredRead(held);
  }

  private void blockingWrite(boolean interruptible) throws InterruptedException {
    HeldLocks held = checkOrder(core.write);
    if (!sync.writeLock().tryLock()) {
      waitToWrite(interruptible);
    }
    acquiredWrite(held, true);
  }

  private void waitToWrite(boolean interruptible) throws InterruptedException {
    if (sync.getReadHoldCount() > 0) { // an upgrade: the writer would wait for its own read
      Thread me = Thread.currentThread();
      throw new DeadlockException(
          Reports.deadlock(List.of(Reports.party(me, core.read, core.write))));
    }
    waiting(
        core.write,
        false,
        () -> {
          if (interruptible) {
            sync.writeLock().lockInterruptibly();
          } else {
            sync.writeLock().lock();
          }
          return true;
        });
  }

  /** Reads are never ordered entries: the walk goes on below them (see {@code OrderGraph}). */
  private void acquiredRead(@Nullable HeldLocks held) {
    if (sync.getReadHoldCount() == 1) {
      core.readerIn(captureStacks ? Stacks.here() : null);
    }
    if (held != null && order != null) {
      order.acquired(held, core.read, false);
    }
  }

  private void acquiredWrite(@Nullable HeldLocks held, boolean blocking) {
    int holds = sync.getWriteHoldCount();
    if (captureStacks && holds == 1) {
      core.writeAcquiredAt = Stacks.here();
    }
    if (held != null && order != null) {
      // Ordered only if the caller held no side before: a re-entry or a write after its own
      // read (refused) has no edges leading to it.
      order.acquired(held, core.write, blocking && holds == 1 && sync.getReadHoldCount() == 0);
    }
  }

  private @Nullable HeldLocks checkOrder(LockCore side) {
    if (order == null) {
      return null;
    }
    HeldLocks held = order.heldFor(side);
    order.check(held, side);
    return held;
  }

  /** A blocking wait on the synchronizer. */
  private interface Blocking {
    boolean await() throws InterruptedException;
  }

  private boolean waiting(LockCore side, boolean timed, Blocking wait) throws InterruptedException {
    if (waits == null) {
      return wait.await();
    }
    WaitForGraph.Wait registered = waits.beginWait(side, timed);
    try {
      return wait.await();
    } finally {
      waits.endWait(registered);
    }
  }

  private void refuseIfInterrupted(String what) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException(
          Thread.currentThread().getName()
              + " was interrupted before "
              + what
              + " lock '"
              + name()
              + "'");
    }
  }

  private static long saturatedNanos(Duration d) {
    try {
      return Math.max(0, d.toNanos());
    } catch (ArithmeticException e) {
      return d.isNegative() ? 0 : Long.MAX_VALUE;
    }
  }

  /** Runs its release once. */
  private static final class OnceHold implements Hold {
    private final Runnable release;
    private boolean closed;

    OnceHold(Runnable release) {
      this.release = release;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        release.run();
      }
    }
  }
}

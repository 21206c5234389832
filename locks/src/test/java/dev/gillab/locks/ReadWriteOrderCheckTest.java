package dev.gillab.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lock-order check with read/write locks: lockdep's rule that a cycle is reported unless a
 * lock on it is entered by a read and left from a read hold. Every nesting here runs on one
 * thread, one after the other, so nothing ever waits: what is checked is the order alone.
 */
@Timeout(30)
class ReadWriteOrderCheckTest {
  private final String me = Thread.currentThread().getName();
  private final List<DeadlockReport> reports = new CopyOnWriteArrayList<>();

  private LockSet set(Policy order) {
    return LockSet.builder().waitFor(Policy.DISABLED).order(order).listener(reports::add).build();
  }

  /** How a nesting takes a lock. */
  private enum Mode { READ, WRITE }

  private static void take(OwnedReadWriteLock lock, Mode mode) throws InterruptedException {
    if (mode == Mode.READ) {
      lock.acquireRead();
    } else {
      lock.acquireWrite();
    }
  }

  private static void drop(OwnedReadWriteLock lock, Mode mode) {
    if (mode == Mode.READ) {
      lock.releaseRead();
    } else {
      lock.releaseWrite();
    }
  }

  private static void nest(OwnedReadWriteLock outer, Mode outerMode, OwnedReadWriteLock inner,
      Mode innerMode) throws InterruptedException {
    take(outer, outerMode);
    try {
      take(inner, innerMode);
      drop(inner, innerMode);
    } finally {
      drop(outer, outerMode);
    }
  }

  @Test
  void readAfterReadInOppositeOrdersIsNotReported() throws Exception {
    LockSet locks = set(Policy.THROW);
    OwnedReadWriteLock a = locks.newReadWriteLock("A");
    OwnedReadWriteLock b = locks.newReadWriteLock("B");
    nest(a, Mode.READ, b, Mode.READ);
    nest(b, Mode.READ, a, Mode.READ);
    assertEquals(List.of(), reports);
  }

  @Test
  void readThenWriteInOppositeOrdersIsReportedWithTheSides() throws Exception {
    LockSet locks = set(Policy.WARN);
    OwnedReadWriteLock a = locks.newReadWriteLock("A");
    OwnedReadWriteLock b = locks.newReadWriteLock("B");
    nest(a, Mode.READ, b, Mode.WRITE);
    nest(b, Mode.READ, a, Mode.WRITE);
    assertEquals(1, reports.size(), reports::toString);
    DeadlockReport r = reports.get(0);
    assertEquals("potential deadlock: " + me + " acquires A (write) while holding B (read), but "
        + "A (read) -> B (write) was established before; lock-order cycle: "
        + "B (read) -> A (write), A (read) -> B (write)", r.summary());
    assertEquals(List.of("B", "A"), r.locks());
    String[] lines = r.details().split("\n");
    assertEquals("  B (read) -> A (write) attempted now by " + me + " at:", lines[0]);
    assertTrue(r.details().contains("\n  A (read) -> B (write) first established by " + me
        + " at:\n      at dev.gillab.locks.ReadWriteOrderCheckTest.take"), r.details());
  }

  @Test
  void writeThenWriteInOppositeOrdersIsRefusedWithThrow() throws Exception {
    LockSet locks = set(Policy.THROW);
    OwnedReadWriteLock a = locks.newReadWriteLock("A");
    OwnedReadWriteLock b = locks.newReadWriteLock("B");
    nest(a, Mode.WRITE, b, Mode.WRITE);
    PotentialDeadlockException e = assertThrows(PotentialDeadlockException.class,
        () -> nest(b, Mode.WRITE, a, Mode.WRITE));
    assertEquals("potential deadlock: " + me + " acquires A (write) while holding B (write), but "
        + "A (write) -> B (write) was established before; lock-order cycle: "
        + "B (write) -> A (write), A (write) -> B (write)", e.report().summary());
    assertFalse(a.isWriteLocked());
    assertFalse(b.isWriteLocked());
  }

  /** A writer on one side and a reader on the other: each waits for the other's lock. */
  @Test
  void readThenWriteAgainstWriteThenReadIsReported() throws Exception {
    LockSet locks = set(Policy.WARN);
    OwnedReadWriteLock a = locks.newReadWriteLock("A");
    OwnedReadWriteLock b = locks.newReadWriteLock("B");
    nest(a, Mode.READ, b, Mode.WRITE);
    nest(b, Mode.WRITE, a, Mode.WRITE);
    assertEquals(1, reports.size(), reports::toString);
  }

  /**
   * Read A then read B; write B then read A. A is entered by a read (from B's writer) and left
   * from a read hold (by the reader of A): the thread writing B gets A at once, the cycle breaks
   * at A (lockdep: -(ER)-> A -(SR)-> is not strong).
   */
  @Test
  void aCycleBrokenAtOneLockReadOnBothSidesIsNotReported() throws Exception {
    LockSet locks = set(Policy.THROW);
    OwnedReadWriteLock a = locks.newReadWriteLock("A");
    OwnedReadWriteLock b = locks.newReadWriteLock("B");
    nest(a, Mode.READ, b, Mode.READ);
    nest(b, Mode.WRITE, a, Mode.READ);
    assertEquals(List.of(), reports);
  }

  /** Read A, write B; write B, read A: now B is written on both sides and A breaks nothing. */
  @Test
  void theSameLocksWithAWriteOnBothSidesOfBAreReported() throws Exception {
    LockSet locks = set(Policy.WARN);
    OwnedReadWriteLock a = locks.newReadWriteLock("A");
    OwnedReadWriteLock b = locks.newReadWriteLock("B");
    nest(a, Mode.WRITE, b, Mode.READ);
    nest(b, Mode.WRITE, a, Mode.READ);
    assertEquals(1, reports.size(), reports::toString);
  }

  /** lockdep's selftests: X -(EN)-> Y -(SR)-> Z -(ER)-> X is a deadlock; with -(SN)-> into X not. */
  @Test
  void threeLockCyclesFollowLockdepsSelfTests() throws Exception {
    LockSet locks = set(Policy.WARN);
    OwnedLock x = locks.newLock("X");
    OwnedReadWriteLock y = locks.newReadWriteLock("Y");
    OwnedReadWriteLock z = locks.newReadWriteLock("Z");
    x.acquire();
    y.acquireWrite(); // X -(EN)-> Y
    y.releaseWrite();
    x.release();
    nest(y, Mode.READ, z, Mode.READ); // Y -(SR)-> Z
    z.acquireWrite();
    x.acquire(); // Z -(EN)-> X: Y entered by N, left by S: strong, reported
    x.release();
    z.releaseWrite();
    assertEquals(1, reports.size(), reports::toString);
    assertEquals("potential deadlock: " + me + " acquires X while holding Z (write), but "
        + "X -> Y (write), Y (read) -> Z (read) was established before; lock-order cycle: "
        + "Z (write) -> X, X -> Y (write), Y (read) -> Z (read)", reports.get(0).summary());

    reports.clear();
    LockSet other = set(Policy.WARN);
    OwnedLock x2 = other.newLock("X");
    OwnedReadWriteLock y2 = other.newReadWriteLock("Y");
    OwnedReadWriteLock z2 = other.newReadWriteLock("Z");
    x2.acquire();
    y2.acquireWrite(); // X -(EN)-> Y
    y2.releaseWrite();
    x2.release();
    nest(y2, Mode.READ, z2, Mode.READ); // Y -(SR)-> Z
    z2.acquireRead();
    x2.acquire(); // Z -(SN)-> X: Z entered by R and left by S: not strong
    x2.release();
    z2.releaseRead();
    assertEquals(List.of(), reports);
  }

  @Test
  void twoLocksOfOneNameMayNestForReadingButNotWhenOneIsWritten() throws Exception {
    LockSet locks = set(Policy.WARN);
    nest(locks.newReadWriteLock("account"), Mode.READ, locks.newReadWriteLock("account"),
        Mode.READ);
    assertEquals(List.of(), reports);
    nest(locks.newReadWriteLock("account"), Mode.READ, locks.newReadWriteLock("account"),
        Mode.WRITE);
    assertEquals("potential deadlock: " + me + " acquires account (write) while holding another "
        + "lock named account (read); lock-order cycle: account (read) -> account (write)",
        reports.get(0).summary());
  }

  /**
   * A read on the held stack is not a place where the walk may stop: X (write), then R read,
   * then Y must record X -> Y as well, or "Y then X" (a real deadlock: R plays no part in it)
   * would be missed, because X -> R -> Y passes R entered and left by reads.
   */
  @Test
  void aReadOnTheHeldStackDoesNotHideTheOrderOfTheLocksBelowIt() throws Exception {
    LockSet locks = set(Policy.WARN);
    OwnedLock x = locks.newLock("X");
    OwnedReadWriteLock r = locks.newReadWriteLock("R");
    OwnedLock y = locks.newLock("Y");
    x.acquire();
    r.acquireRead();
    y.acquire();
    y.release();
    r.releaseRead();
    x.release();
    y.acquire();
    x.acquire();
    x.release();
    y.release();
    assertEquals(1, reports.size(), reports::toString);
    assertEquals("potential deadlock: " + me + " acquires X while holding Y, but X -> Y was "
        + "established before; lock-order cycle: Y -> X -> Y", reports.get(0).summary());
  }

  /**
   * Reading A while writing it (and taking the write again) cannot block, so it adds no "B ->
   * A" edge: had it, "B -> A (read)" against "A (write) -> B" would be refused right there.
   */
  @Test
  void aReadAfterItsOwnWriteAndReentriesAddNoEdge() throws Exception {
    LockSet locks = set(Policy.THROW);
    OwnedReadWriteLock a = locks.newReadWriteLock("A");
    OwnedLock b = locks.newLock("B");
    a.acquireWrite();
    b.acquire();
    a.acquireRead(); // cannot block: the caller is the writer
    a.acquireWrite(); // a re-entry
    a.releaseWrite();
    a.releaseRead();
    b.release();
    a.releaseWrite();
    b.acquire();
    assertThrows(PotentialDeadlockException.class, a::acquireWrite); // A -> B was recorded
    b.release();
    assertEquals(List.of(), reports);
  }
}

package dev.gillab.locks;

import static dev.gillab.locks.Nesting.drop;
import static dev.gillab.locks.Nesting.nest;
import static dev.gillab.locks.Nesting.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.gillab.locks.Nesting.Mode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;

/**
 * The lock-order check with read/write locks: lockdep's rule that a cycle is reported unless a lock
 * on it is entered by a read and left from a read hold. Every nesting here runs on one thread, one
 * after the other, so nothing ever waits: what is checked is the order alone.
 */
@Timeout(30)
class ReadWriteOrderCheckTest {
  private final String me = Thread.currentThread().getName();
  private final DeadlockListener listener = mock(DeadlockListener.class);

  // The read/write locks named A and B of the lock set a test makes with newLocksAB.
  private OwnedReadWriteLock a;
  private OwnedReadWriteLock b;

  private LockSet set(Policy order) {
    return LockSet.builder().waitFor(Policy.DISABLED).order(order).listener(listener).build();
  }

  /** The one report the listener heard, verifying that it heard exactly one. */
  private DeadlockReport theOnlyReport() {
    ArgumentCaptor<DeadlockReport> report = ArgumentCaptor.forClass(DeadlockReport.class);
    verify(listener).onDeadlock(report.capture());
    return report.getValue();
  }

  /** Makes a lock set that checks the order with {@code order}, and its A and B. */
  private LockSet newLocksAB(Policy order) {
    LockSet locks = set(order);
    a = locks.newReadWriteLock("A");
    b = locks.newReadWriteLock("B");
    return locks;
  }

  /**
   * Two nestings of A and B in opposite orders, the second after the first, so nothing waits:
   * reported exactly when the cycle is strong, that is when neither lock is entered by a read and
   * left from a read hold. THROW where nothing may be reported (no nesting is refused), WARN where
   * the report is counted.
   */
  @ParameterizedTest(name = "{0} A, {1} B; then {2} B, {3} A: reported {4}")
  @MethodSource("oppositeNestings")
  void anOppositeNestingIsReportedExactlyWhenTheCycleIsStrong(
      Mode firstA, Mode thenB, Mode firstB, Mode thenA, boolean reported) throws Exception {
    newLocksAB(reported ? Policy.WARN : Policy.THROW);
    nest(a, firstA, b, thenB);
    nest(b, firstB, a, thenA);
    verify(listener, times(reported ? 1 : 0)).onDeadlock(any());
  }

  static Stream<Arguments> oppositeNestings() {
    return Stream.of(
        // Readers never wait for readers.
        arguments(Mode.READ, Mode.READ, Mode.READ, Mode.READ, false),
        // Each would wait for the other: writing A for the reader of A, writing B for its writer.
        arguments(Mode.READ, Mode.WRITE, Mode.WRITE, Mode.WRITE, true),
        // A is entered by a read (from B's writer) and left from a read hold (by the reader of
        // A): the thread writing B gets A at once, and the cycle breaks at A (lockdep: -(ER)-> A
        // -(SR)-> is not strong).
        arguments(Mode.READ, Mode.READ, Mode.WRITE, Mode.READ, false),
        // Each lock is read on one side but written on the other: neither breaks the cycle.
        arguments(Mode.WRITE, Mode.READ, Mode.WRITE, Mode.READ, true));
  }

  @Test
  void readThenWriteInOppositeOrdersIsReportedWithTheSides() throws Exception {
    newLocksAB(Policy.WARN);
    nest(a, Mode.READ, b, Mode.WRITE);
    nest(b, Mode.READ, a, Mode.WRITE);
    DeadlockReport r = theOnlyReport();
    assertEquals(
        "potential deadlock: "
            + me
            + " acquires A (write) while holding B (read), but "
            + "A (read) -> B (write) was established before; lock-order cycle: "
            + "B (read) -> A (write), A (read) -> B (write)",
        r.summary());
    assertEquals(List.of("B", "A"), r.locks());
    String[] lines = r.details().split("\n", -1);
    assertEquals("  B (read) -> A (write) attempted now by " + me + " at:", lines[0]);
    assertTrue(
        r.details()
            .contains(
                "\n  A (read) -> B (write) first established by "
                    + me
                    + " at:\n      at dev.gillab.locks.Nesting.take"),
        r.details());
  }

  @Test
  void writeThenWriteInOppositeOrdersIsRefusedWithThrow() throws Exception {
    newLocksAB(Policy.THROW);
    nest(a, Mode.WRITE, b, Mode.WRITE);
    PotentialDeadlockException e =
        assertThrows(PotentialDeadlockException.class, () -> nest(b, Mode.WRITE, a, Mode.WRITE));
    assertEquals(
        "potential deadlock: "
            + me
            + " acquires A (write) while holding B (write), but "
            + "A (write) -> B (write) was established before; lock-order cycle: "
            + "B (write) -> A (write), A (write) -> B (write)",
        e.report().summary());
    assertFalse(a.isWriteLocked());
    assertFalse(b.isWriteLocked());
  }

  /**
   * lockdep's selftests: X -(EN)-> Y -(SR)-> Z -(ER)-> X is a deadlock; with -(SN)-> into X not.
   */
  @Test
  void threeLockCyclesFollowLockdepsSelfTests() throws Exception {
    closeTheCycleThroughXyz(Mode.WRITE); // Y entered by N, left by S: strong, reported
    assertEquals(
        "potential deadlock: "
            + me
            + " acquires X while holding Z (write), but "
            + "X -> Y (write), Y (read) -> Z (read) was established before; lock-order cycle: "
            + "Z (write) -> X, X -> Y (write), Y (read) -> Z (read)",
        theOnlyReport().summary());

    clearInvocations(listener);
    closeTheCycleThroughXyz(Mode.READ); // Z entered by R and left by S: not strong
    verifyNoInteractions(listener);
  }

  /**
   * In a fresh lock set: X -(EN)-> Y, then Y -(SR)-> Z, then X taken while Z is held on the side
   * {@code zHeld} names, which adds Z -(EN)-> X or Z -(SN)-> X.
   */
  private void closeTheCycleThroughXyz(Mode zHeld) throws InterruptedException {
    LockSet locks = set(Policy.WARN);
    OwnedLock x = locks.newLock("X");
    OwnedReadWriteLock y = locks.newReadWriteLock("Y");
    OwnedReadWriteLock z = locks.newReadWriteLock("Z");
    x.acquire();
    y.acquireWrite(); // X -(EN)-> Y
    y.releaseWrite();
    x.release();
    nest(y, Mode.READ, z, Mode.READ); // Y -(SR)-> Z
    take(z, zHeld);
    x.acquire();
    x.release();
    drop(z, zHeld);
  }

  @Test
  void twoLocksOfOneNameMayNestForReadingButNotWhenOneIsWritten() throws Exception {
    LockSet locks = set(Policy.WARN);
    nest(
        locks.newReadWriteLock("account"), Mode.READ, locks.newReadWriteLock("account"), Mode.READ);
    verifyNoInteractions(listener);
    nest(
        locks.newReadWriteLock("account"),
        Mode.READ,
        locks.newReadWriteLock("account"),
        Mode.WRITE);
    assertEquals(
        "potential deadlock: "
            + me
            + " acquires account (write) while holding another "
            + "lock named account (read); lock-order cycle: account (read) -> account (write)",
        theOnlyReport().summary());
  }

  /**
   * A read on the held stack is not a place where the walk may stop: X (write), then R read, then Y
   * must record X -> Y as well, or "Y then X" (a real deadlock: R plays no part in it) would be
   * missed, because X -> R -> Y passes R entered and left by reads.
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
    nest(y, x);
    assertEquals(
        "potential deadlock: "
            + me
            + " acquires X while holding Y, but X -> Y was "
            + "established before; lock-order cycle: Y -> X -> Y",
        theOnlyReport().summary());
  }

  /**
   * Reading A while writing it (and taking the write again) cannot block, so it adds no "C -> A"
   * edge: had it, "C -> A (read)" against "A (write) -> C" would be refused right there.
   */
  @Test
  void aReadAfterItsOwnWriteAndReentriesAddNoEdge() throws Exception {
    OwnedLock c = newLocksAB(Policy.THROW).newLock("C");
    a.acquireWrite();
    c.acquire();
    a.acquireRead(); // cannot block: the caller is the writer
    a.acquireWrite(); // a re-entry
    a.releaseWrite();
    a.releaseRead();
    c.release();
    a.releaseWrite();
    c.acquire();
    assertThrows(PotentialDeadlockException.class, a::acquireWrite); // A -> C was recorded
    c.release();
    verifyNoInteractions(listener);
  }
}

package dev.gillab.locks;

import static dev.gillab.locks.Nesting.nest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.gillab.locks.Nesting.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A declared safe order suppresses exactly its edge; every other order is still checked. */
@Timeout(30)
class AllowedOrderTest {
  private static final String UNDER_BOOKS = "audits and transfers both run under lock 'books'";

  private final String me = Thread.currentThread().getName();
  private final DeadlockListener listener = mock(DeadlockListener.class);

  private LockSet.Builder builder(Policy order) {
    return LockSet.builder().waitFor(Policy.DISABLED).order(order).listener(listener);
  }

  /** A set that refuses every order seen to flip, except {@code first -> then}, declared safe. */
  private LockSet allowing(String first, String then, String reason) {
    return builder(Policy.THROW).allowOrder(first, then, reason).build();
  }

  /**
   * Audits and transfers both run under 'books', so "account, then audit" and "audit, then account"
   * never overlap: without the declaration that is reported, with it not.
   */
  @Test
  void aDeclaredOrderClosesNoCycleWhicheverEdgeCameFirst() throws Exception {
    LockSet plain = builder(Policy.WARN).build();
    nest(plain.newLock("account"), plain.newLock("audit"));
    nest(plain.newLock("audit"), plain.newLock("account"));
    verify(listener).onDeadlock(any());

    clearInvocations(listener);
    LockSet declared = allowing("audit", "account", UNDER_BOOKS);
    nest(declared.newLock("account"), declared.newLock("audit"));
    nest(declared.newLock("audit"), declared.newLock("account"));
    LockSet declaredFirst = allowing("audit", "account", UNDER_BOOKS);
    nest(declaredFirst.newLock("audit"), declaredFirst.newLock("account"));
    nest(declaredFirst.newLock("account"), declaredFirst.newLock("audit"));
    verifyNoInteractions(listener);
  }

  @Test
  void everyOtherOrderOfTheSameLocksIsStillChecked() throws Exception {
    LockSet locks = allowing("audit", "account", UNDER_BOOKS);
    OwnedLock account = locks.newLock("account");
    OwnedLock audit = locks.newLock("audit");
    OwnedLock ledger = locks.newLock("ledger");
    nest(account, ledger);
    PotentialDeadlockException e =
        assertThrows(PotentialDeadlockException.class, () -> nest(ledger, account));
    assertEquals(
        "potential deadlock: "
            + me
            + " acquires account while holding ledger, but "
            + "account -> ledger was established before; lock-order cycle: "
            + "ledger -> account -> ledger",
        e.report().summary());
    nest(audit, ledger);
    assertThrows(PotentialDeadlockException.class, () -> nest(ledger, audit));
    // A cycle that does not use the declared edge: audit -> ledger -> ... needs ledger -> audit.
    nest(account, audit); // account -> audit is not declared: recorded
    OwnedLock report = locks.newLock("report");
    nest(audit, report);
    assertThrows(PotentialDeadlockException.class, () -> nest(report, account));
  }

  @Test
  @SuppressWarnings("try") // the holds are never named in their blocks: holding is their job
  void twoLocksOfOneNameMayNestOnceDeclared() throws Exception {
    LockSet locks = allowing("account", "account", "transfers take two accounts in id order");
    OwnedLock alice = locks.newLock("account");
    OwnedLock bob = locks.newLock("account");
    try (Hold h = OrderedAcquisition.acquireAll(bob, alice)) {
      assertEquals(true, alice.isHeldByCurrentThread());
    }
    OwnedLock ledger = locks.newLock("ledger");
    nest(alice, ledger);
    assertThrows(PotentialDeadlockException.class, () -> nest(ledger, bob));
    verifyNoInteractions(listener);
  }

  @Test
  void aDeclarationCoversBothSidesOfAReadWriteLock() throws Exception {
    LockSet locks =
        allowing("cache", "index", "the index is rebuilt only under the cache's write lock");
    OwnedReadWriteLock cache = locks.newReadWriteLock("cache");
    OwnedReadWriteLock index = locks.newReadWriteLock("index");
    nest(index, Mode.WRITE, cache, Mode.WRITE);
    nest(cache, Mode.READ, index, Mode.WRITE);
    verifyNoInteractions(listener);
  }

  @Test
  void aDeclarationNeedsNamesAReasonAndIsMadeOnce() {
    LockSet.Builder b = LockSet.builder().allowOrder("A", "B", "under G");
    assertEquals(
        "A -> B is already allowed (under G)",
        assertThrows(IllegalArgumentException.class, () -> b.allowOrder("A", "B", "again"))
            .getMessage());
    assertEquals(
        "allowing A -> C needs a reason",
        assertThrows(IllegalArgumentException.class, () -> b.allowOrder("A", "C", " "))
            .getMessage());
    assertEquals(
        "an allowed order needs two lock names",
        assertThrows(IllegalArgumentException.class, () -> b.allowOrder("", "C", "x"))
            .getMessage());
    b.allowOrder("B", "A", "under G too");
    assertEquals(
        "LockSet[waitFor=THROW, order=WARN by NAME, stacks, allowed A -> B (under G), "
            + "allowed B -> A (under G too)]",
        b.build().toString());
  }
}

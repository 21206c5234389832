package dev.gillab.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class GuardedObjectTest {
  private final String me = Thread.currentThread().getName();

  @Test
  @SuppressWarnings("try") // the holds are never named in their blocks: holding is their job
  void theValueIsReachableOnlyWhileHoldingTheLock() throws Exception {
    GuardedObject<Integer> balance = GuardedObject.of(OwnedLock.create("account"), 100);

    IllegalStateException read = assertThrows(IllegalStateException.class, balance::get);
    assertEquals(
        me + " must hold lock 'account' to use the object it guards; nobody holds it",
        read.getMessage());
    assertThrows(IllegalStateException.class, () -> balance.set(1));
    assertThrows(IllegalStateException.class, () -> balance.with(b -> b + 1));
    assertThrows(IllegalStateException.class, () -> balance.update(b -> b + 1));

    try (Hold h = balance.lock().hold()) {
      assertEquals(100, balance.get());
      balance.set(120);
      assertEquals(121, balance.update(b -> b + 1));
      assertEquals("121!", balance.with(b -> b + "!"));
    }
    assertEquals(122, balance.updateWithLock(b -> b + 1));
    assertEquals(Integer.valueOf(244), balance.<Integer>withLock(b -> b * 2));
    assertEquals("GuardedObject[lock 'account' (free)]", balance.toString());
  }

  @Test
  @SuppressWarnings("try") // the holds are never named in their blocks: holding is their job
  void aReadWhileAnotherThreadHoldsTheLockNamesTheHolder() throws Exception {
    GuardedObject<List<String>> log = GuardedObject.of(OwnedLock.create("log"), new ArrayList<>());
    Workers.Pause holding = new Workers.Pause();
    try (Workers workers = new Workers()) {
      workers.start(
          "worker-1",
          () -> {
            try (Hold h = log.lock().hold()) {
              log.get().add("worker-1 was here");
              holding.here();
            }
          });
      holding.awaitReached();
      IllegalStateException e = assertThrows(IllegalStateException.class, log::get);
      assertEquals(
          me + " must hold lock 'log' to use the object it guards; worker-1 holds it",
          e.getMessage());
      holding.letGo();
    }
    assertEquals(List.of("worker-1 was here"), log.withLock(List::copyOf));
  }

  @Test
  void updatesUnderTheLockLoseNothing() throws Exception {
    GuardedObject<Long> counter = GuardedObject.of(OwnedLock.create("counter"), 0L);
    try (Workers workers = new Workers()) {
      for (int t = 1; t <= 2; t++) {
        workers.start(
            "worker-" + t,
            () -> {
              for (int i = 0; i < 10_000; i++) {
                counter.updateWithLock(c -> c + 1);
              }
            });
      }
    }
    assertEquals(Long.valueOf(20_000L), counter.<Long>withLock(c -> c));
  }

  @Test
  void nullIsRejected() {
    OwnedLock lock = OwnedLock.create("L");
    assertThrows(NullPointerException.class, () -> GuardedObject.of(lock, null));
  }
}

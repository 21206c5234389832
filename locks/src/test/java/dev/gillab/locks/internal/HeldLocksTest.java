package dev.gillab.locks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The held stack against a plain list of (lock, ordered) entries, past the 64 entries whose flags
 * live in one word: pushes, the usual release of the top entry, and releases out of order that
 * shift the entries above (and their flags) down across that boundary.
 */
class HeldLocksTest {
  private record Entry(LockCore lock, boolean ordered) {}

  private final HeldLocks stack = new HeldLocks(Thread.currentThread());
  private final List<Entry> model = new ArrayList<>();

  private static LockCore lock(int i) {
    return new ExclusiveCore("L" + i, false, null);
  }

  private void push(LockCore lock, boolean ordered) {
    stack.push(lock, ordered);
    model.add(new Entry(lock, ordered));
  }

  private void remove(LockCore lock) {
    stack.remove(lock);
    for (int i = model.size() - 1; i >= 0; i--) {
      if (model.get(i).lock() == lock) {
        model.remove(i);
        break;
      }
    }
  }

  private void assertSameAsModel() {
    assertEquals(model.size(), stack.size());
    for (int i = 0; i < model.size(); i++) {
      assertSame(model.get(i).lock(), stack.at(i), "lock at " + i);
      assertEquals(model.get(i).ordered(), stack.ordered(i), "flag at " + i);
    }
  }

  @Test
  void flagsSurvivePushesAndReleasesOnBothSidesOfTheWordBoundary() {
    List<LockCore> locks = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      locks.add(lock(i));
      push(locks.get(i), i % 3 != 1); // a mix, so that a shifted flag lands on a different one
    }
    assertSameAsModel();

    remove(locks.get(149)); // the top: the usual case
    assertSameAsModel();
    remove(locks.get(100)); // above the boundary
    assertSameAsModel();
    remove(locks.get(63)); // the last flag in the word: the next one moves in from the array
    assertSameAsModel();
    remove(locks.get(5)); // far below: every flag above moves down one
    assertSameAsModel();
    remove(locks.get(0));
    assertSameAsModel();

    push(locks.get(0), true); // re-pushed on top, deep in the array part
    push(lock(150), false);
    assertSameAsModel();

    for (LockCore lock : locks) {
      remove(lock);
      assertSameAsModel();
    }
    remove(model.get(0).lock());
    assertSameAsModel();
    assertEquals(0, stack.size());
  }

  @Test
  void aRepeatedEntryLosesItsLatestOccurrenceFirst() {
    LockCore r = lock(0);
    LockCore b = lock(1);
    push(r, true);
    push(b, true);
    push(r, false); // a re-entry
    remove(r);
    assertSameAsModel();
    assertEquals(List.of(new Entry(r, true), new Entry(b, true)), model);
  }

  @Test
  void aLockNotOnTheStackChangesNothing() {
    push(lock(0), true);
    push(lock(1), false);
    remove(lock(2));
    assertSameAsModel();
  }
}

package dev.gillab.refcount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.ArgumentCaptor;

/** PEP 703's two counts: the owner's local one, everyone else's shared one, and the merges. */
@Timeout(30)
class BiasedCountTest {
  private final Heap heap = Heap.builder().strategy(CountStrategy.BIASED).build();

  private static void onOtherThread(Runnable r) throws InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                r.run();
              } catch (Throwable e) {
                failure.set(e);
              }
            });
    t.start();
    t.join(10_000);
    assertFalse(t.isAlive());
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
  }

  @Test
  void theOwnersLastDecRefMergesAndFreesWhenNobodyElseHolds() throws Exception {
    HeapObject<String> o = heap.allocate("x");
    onOtherThread(
        () -> {
          o.incRef();
          assertEquals(2, o.refCount());
          assertFalse(o.decRef());
        });
    assertTrue(o.decRef());
    assertTrue(o.isFreed());
    assertEquals(0, heap.stats().live());
  }

  @Test
  void afterTheOwnerMergesTheLastSharedDecRefFrees() throws Exception {
    HeapObject<String> o = heap.allocate("x");
    AtomicBoolean freed = new AtomicBoolean();
    onOtherThread(o::incRef);
    assertFalse(o.decRef()); // owner's local count hits 0: merged, shared count 1 remains
    assertEquals(1, o.refCount());
    onOtherThread(() -> freed.set(o.decRef()));
    assertTrue(freed.get());
    assertEquals(1, heap.stats().freed());
    assertThrows(UseAfterFreeException.class, o::incRef);
    assertThrows(DoubleFreeException.class, o::decRef);
  }

  @Test
  void aSharedCountBelowZeroIsQueuedForTheLivingOwner() throws Exception {
    HeapObject<String> o = heap.allocate("x");
    o.incRef(); // a reference the owner counted, handed to another thread
    onOtherThread(() -> assertFalse(o.decRef())); // shared -1: queued, owner still alive
    assertFalse(o.isFreed());
    assertFalse(o.decRef()); // local 2 -> 1: the total is 0, but the merge is pending
    assertEquals(0, o.refCount());
    assertEquals(1, heap.mergeBiasedCounts());
    assertTrue(o.isFreed());
    assertEquals(0, heap.stats().live());
  }

  @Test
  void aNonOwnerMergesForAnOwnerThatHasEnded() throws Exception {
    AtomicReference<HeapObject<String>> made = new AtomicReference<>();
    onOtherThread(() -> made.set(heap.allocate("orphan"))); // owner allocates, hands it over, ends
    HeapObject<String> o = made.get();
    assertEquals(1, o.refCount());
    assertTrue(o.decRef(), "the owner has ended, so its local count is merged now");
    assertTrue(o.isFreed());
  }

  @Test
  void aNonOwnersOverReleaseIsInvisibleUntilTheMergeWhichFreesAndReportsIt() throws Exception {
    Consumer<String> leakSink = mock();
    Heap debugHeap =
        Heap.builder()
            .name("b")
            .strategy(CountStrategy.BIASED)
            .debug(true)
            .leakSink(leakSink)
            .build();
    HeapObject<String> o = debugHeap.allocate("x"); // main owns it: local 1, held by main only
    // Another thread lets go twice, though only main holds a reference: one release too many.
    // Biased counting cannot see it (the shared count goes below zero legitimately too):
    // nothing thrown, nothing freed.
    onOtherThread(
        () -> {
          assertFalse(o.decRef());
          assertFalse(o.decRef());
        });
    assertFalse(o.isFreed());
    assertEquals(0, o.refCount());
    assertEquals(List.of(), debugHeap.overReleases());

    // The owner's merge finds the total below zero: it frees the object and reports, it does
    // not throw into the (innocent) merging thread.
    assertEquals(1, debugHeap.mergeBiasedCounts());
    assertTrue(o.isFreed());
    assertEquals(new HeapStats(1, 1, 0, 1, 0), debugHeap.stats());
    assertEquals(1, debugHeap.overReleases().size());
    OverRelease r = debugHeap.overReleases().get(0);
    assertEquals(o.id(), r.objectId());
    assertEquals("String(x)", r.value());
    assertEquals(1, r.excess(), "main's 1 reference against 2 releases, counted at the merge");
    assertTrue(r.allocationSite().startsWith("BiasedCountTest."), r.allocationSite());
    assertTrue(
        r.lastAccesses().stream().anyMatch(a -> a.startsWith("decRef (shared) -> 0 on ")),
        r.lastAccesses()::toString);
    assertTrue(
        r.toString()
            .startsWith(
                "over-release: object #1 String(x) was let go of 1 time "
                    + "more than it was held; freed when its biased counts were merged"
                    + System.lineSeparator()
                    + "  allocated at BiasedCountTest."),
        r.toString());

    // Once merged the count is exact: a further release is refused and changes nothing.
    assertThrows(DoubleFreeException.class, o::decRef);
    debugHeap.close();
    ArgumentCaptor<String> report = ArgumentCaptor.forClass(String.class);
    verify(leakSink).accept(report.capture());
    assertTrue(
        report
            .getValue()
            .startsWith(
                "heap 'b': 1 over-release"
                    + System.lineSeparator()
                    + "over-release: object #1 String(x) was let go of 1 time"),
        report.getValue());
  }

  @Test
  void theOwnersDecRefThatMergesAnOverReleasedObjectFreesItAndDoesNotThrow() throws Exception {
    HeapObject<String> o = heap.allocate("x"); // main owns it and holds its only reference
    onOtherThread(() -> assertFalse(o.decRef())); // one release too many, queued for main
    assertTrue(o.decRef(), "main's own release merges (local 0): this call freed it");
    assertTrue(o.isFreed());
    assertEquals(1, heap.stats().freed());
    assertEquals(1, heap.overReleases().size());
    assertEquals(
        "over-release: object #1 String(x) was let go of 1 time more than it was held; "
            + "freed when its biased counts were merged",
        heap.overReleases().get(0).toString());
    assertEquals(0, heap.mergeBiasedCounts(), "the queued merge finds it merged already");
    assertEquals(1, heap.stats().freed(), "freed exactly once");
  }

  @Test
  void drainingAQueueClaimsTheTargetsFreeOnlyWhenItsOwnMergeFreedIt() throws Exception {
    // The race behind it: a non-owner queues its object, finds the owner ended meanwhile and
    // merges the queue itself, while another merger frees its object. It used to answer
    // "freed some object, and mine is freed", so two calls could claim the same free.
    BiasedObject<String> mine = (BiasedObject<String>) heap.allocate("mine");
    BiasedObject<String> other = (BiasedObject<String>) heap.allocate("other");
    onOtherThread(() -> assertFalse(other.decRef())); // other's total is 0, pending a merge
    assertTrue(mine.decRef()); // freed elsewhere: not by the drain below
    Queue<BiasedObject<?>> queue = new ConcurrentLinkedQueue<>(List.of(other));

    assertEquals(new Heap.Drained(1, false), Heap.drain(queue, mine));
    assertTrue(other.isFreed());
    assertTrue(queue.isEmpty());

    BiasedObject<String> third = (BiasedObject<String>) heap.allocate("third");
    onOtherThread(() -> assertFalse(third.decRef()));
    assertEquals(
        new Heap.Drained(1, true), Heap.drain(new ConcurrentLinkedQueue<>(List.of(third)), third));
    assertEquals(0, heap.mergeBiasedCounts(), "each object is merged once");
    assertEquals(new HeapStats(3, 3, 0, 2, 0), heap.stats());
  }

  @Test
  void anObjectQueuedWhileTheOwnerDrainsIsMergedByItsNextDrain() throws Exception {
    HeapObject<String> first = heap.allocate("first");
    onOtherThread(() -> assertFalse(first.decRef()));
    assertEquals(1, heap.mergeBiasedCounts());
    HeapObject<String> second = heap.allocate("second"); // queued after the drain
    onOtherThread(() -> assertFalse(second.decRef()));
    assertEquals(1, heap.mergeBiasedCounts(), "the owner's queue outlives a drain");
    assertTrue(second.isFreed());
  }

  @Test
  void leaksMergeForOwnersThatEndedWithQueuedObjects() throws Exception {
    AtomicReference<HeapObject<String>> made = new AtomicReference<>();
    Object gate = new Object();
    AtomicBoolean go = new AtomicBoolean();
    Thread owner =
        new Thread(
            () -> {
              made.set(heap.allocate("x"));
              made.get().incRef();
              synchronized (gate) {
                gate.notifyAll();
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (!go.get() && System.nanoTime() < deadline) {
                  try {
                    gate.wait(100);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              }
              made.get().decRef(); // local 2 -> 1; ends without merging its queue
            });
    synchronized (gate) {
      owner.start();
      while (made.get() == null || made.get().refCount() < 2) {
        gate.wait(100);
      }
    }
    assertFalse(made.get().decRef()); // on main, a non-owner: shared -1, queued to the live owner
    go.set(true);
    synchronized (gate) {
      gate.notifyAll();
    }
    owner.join(10_000);
    assertFalse(owner.isAlive());
    assertFalse(made.get().isFreed());
    assertEquals(1, heap.stats().live());
    assertTrue(heap.leaks().isEmpty());
    assertTrue(made.get().isFreed(), "leaks() merged the ended owner's queue");
    assertEquals(0, heap.stats().live());
  }
}

package dev.gillab.refcount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/** The heap's bookkeeping: ids, counters, guard, free hooks, debug mode, leaks and close. */
class HeapTest {

  @Test
  void idsCountFromOneAndCountersFollow() {
    Heap heap = Heap.builder().strategy(CountStrategy.PLAIN).build();
    HeapObject<String> a = heap.allocate("a");
    HeapObject<String> b = heap.allocate("b");
    HeapObject<String> c = heap.allocate("c");
    assertEquals(List.of(1L, 2L, 3L), List.of(a.id(), b.id(), c.id()));
    b.decRef();
    HeapObject<String> d = heap.allocate("d");
    assertEquals(4, d.id());
    assertEquals(new HeapStats(4, 1, 3, 3, 0), heap.stats());
    a.decRef();
    c.decRef();
    d.decRef();
    assertEquals(new HeapStats(4, 4, 0, 3, 0), heap.stats());
    assertEquals("allocated=4 freed=4 live=0 peak=3 immortal=0", heap.stats().toString());
  }

  @Test
  void otherThreadsDrawIdsFromTheirOwnBlocks() throws Exception {
    Heap heap = Heap.builder().build();
    HeapObject<String> mine = heap.allocate("main");
    List<HeapObject<String>> theirs = new ArrayList<>();
    Thread t = new Thread(() -> theirs.add(heap.allocate("other")));
    t.start();
    t.join(10_000);
    assertFalse(t.isAlive());
    assertEquals(1, mine.id());
    assertEquals(1025, theirs.get(0).id());
    assertEquals(2, heap.stats().live());
    assertEquals(2, heap.stats().peak());
  }

  @Test
  void thePeakNeverExceedsALiveCountTheHeapHad() throws Exception {
    Heap heap = Heap.builder().strategy(CountStrategy.ATOMIC).build();
    HeapObject<String> a = heap.allocate("a");
    HeapObject<String> b = heap.allocate("b");
    assertEquals(2, heap.stats().peak());
    Thread t =
        new Thread(
            () -> {
              a.decRef(); // freed on another thread: main's own counts alone no longer tell live
              b.decRef();
            });
    t.start();
    t.join(10_000);
    assertFalse(t.isAlive());
    HeapObject<String> c = heap.allocate("c"); // main has allocated 3 and freed none itself
    assertEquals(new HeapStats(3, 2, 1, 2, 0), heap.stats());
    HeapObject<String> d = heap.allocate("d");
    HeapObject<String> e = heap.allocate("e");
    assertEquals(new HeapStats(5, 2, 3, 3, 0), heap.stats());
    c.decRef();
    d.decRef();
    e.decRef();
    assertEquals(new HeapStats(5, 5, 0, 3, 0), heap.stats());
  }

  @Test
  void theGuardRunsOnEveryAllocationAndMayRefuseIt() {
    boolean[] gilHeld = {true};
    int[] checks = {0};
    Heap heap =
        Heap.builder()
            .strategy(CountStrategy.PLAIN)
            .guard(
                () -> {
                  checks[0]++;
                  if (!gilHeld[0]) {
                    throw new IllegalStateException("the GIL must be held to allocate");
                  }
                })
            .build();
    heap.allocate("ok");
    heap.allocateImmortal("None");
    gilHeld[0] = false;
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> heap.allocate("no"));
    assertEquals("the GIL must be held to allocate", e.getMessage());
    assertThrows(IllegalStateException.class, () -> heap.allocateImmortal("no"));
    assertEquals(4, checks[0]);
    assertEquals(new HeapStats(1, 0, 1, 1, 1), heap.stats(), "a refused allocation counts nothing");
  }

  @Test
  void aFreeHookReleasesWhatAContainerHolds() {
    Heap heap = Heap.builder().strategy(CountStrategy.PLAIN).build();
    HeapObject<String> x = heap.allocate("x");
    HeapObject<String> y = heap.allocate("y");
    List<HeapObject<?>> items =
        new ArrayList<>(List.of(x, y)); // the list takes over both references
    // The hook does the real releasing; the mock around it only hears the call.
    FreeHook<List<HeapObject<?>>> releaseItems = l -> l.forEach(HeapObject::decRef);
    FreeHook<List<HeapObject<?>>> hook = mock(delegatesTo(releaseItems));
    HeapObject<List<HeapObject<?>>> list = heap.allocate(items, hook);
    y.incRef(); // someone else holds y too

    assertTrue(list.decRef());
    verify(hook).onFree(same(items));
    verifyNoMoreInteractions(hook);
    assertTrue(x.isFreed());
    assertFalse(y.isFreed());
    assertEquals(1, y.refCount());
    assertEquals(1, heap.stats().live());
  }

  @Test
  void objectsSharingAHookEachRunItOnceWithTheirOwnValue() {
    Heap heap = Heap.builder().strategy(CountStrategy.PLAIN).build();
    FreeHook<String> note = mock();
    FreeHook<String> shout = mock();
    HeapObject<String> a = heap.allocate("a", note);
    HeapObject<String> b = heap.allocate("b", shout);
    HeapObject<String> c = heap.allocate("c", note);
    HeapObject<String> d = heap.allocate("d");
    c.decRef();
    d.decRef();
    b.decRef();
    a.decRef();
    InOrder inOrder = inOrder(note, shout);
    inOrder.verify(note).onFree("c");
    inOrder.verify(shout).onFree("b");
    inOrder.verify(note).onFree("a");
    verifyNoMoreInteractions(note, shout);
    assertSame(heap, a.heap());
    assertSame(heap, d.heap());
  }

  @Test
  void debugModeNamesTheAllocationSiteInEveryRefusal() {
    Heap heap = Heap.builder().strategy(CountStrategy.ATOMIC).debug(true).build();
    HeapObject<String> o = heap.allocate("x");
    o.decRef();
    UseAfterFreeException e = assertThrows(UseAfterFreeException.class, o::incRef);
    assertTrue(
        e.getMessage()
            .matches(
                "use after free: object #1 has refCount 0; incRef \\(\\+1\\) refused; allocated at "
                    + "HeapTest\\.debugModeNamesTheAllocationSiteInEveryRefusal\\(HeapTest\\.java:\\d+\\)"),
        e.getMessage());
    assertTrue(e.allocationSite().startsWith("HeapTest.debugMode"));
    DoubleFreeException d = assertThrows(DoubleFreeException.class, o::decRef);
    assertTrue(
        d.getMessage()
            .startsWith(
                "double free: object #1 has refCount 0; decRef (-1) refused; allocated at HeapTest."),
        d.getMessage());
  }

  @Test
  void debugLeaksListLiveObjectsWithSiteAndLastAccesses() {
    Heap heap =
        Heap.builder().name("t").strategy(CountStrategy.PLAIN).debug(true).accessesKept(2).build();
    HeapObject<String> freed = heap.allocate("gone");
    HeapObject<String> kept = heap.allocate("kept");
    freed.decRef();
    kept.incRef();
    kept.value();
    kept.decRef();

    List<Leak> leaks = heap.leaks();
    assertEquals(1, leaks.size());
    Leak leak = leaks.get(0);
    assertEquals(2, leak.objectId());
    assertEquals("String(kept)", leak.value());
    assertEquals(1, leak.refCount());
    assertTrue(leak.allocationSite().startsWith("HeapTest.debugLeaksList"), leak.allocationSite());
    assertEquals(2, leak.lastAccesses().size(), "only the last 2 are kept");
    assertTrue(
        leak.lastAccesses().get(0).startsWith("value() -> 2 on main at HeapTest."),
        leak.lastAccesses().toString());
    assertTrue(
        leak.lastAccesses().get(1).startsWith("decRef -> 1 on main at HeapTest."),
        leak.lastAccesses().toString());
    assertTrue(
        heap.leakReport()
            .startsWith(
                "heap 't': 1 object still alive"
                    + System.lineSeparator()
                    + "object #2 String(kept) refCount=1"
                    + System.lineSeparator()
                    + "  allocated at HeapTest."),
        heap.leakReport());
  }

  @Test
  void withoutDebugLeaksAreCountedNotNamed() {
    Heap heap = Heap.builder().name("fast").build();
    heap.allocate("a");
    heap.allocate("b");
    assertTrue(heap.leaks().isEmpty());
    assertEquals("heap 'fast': 2 objects still alive (debug mode names them)", heap.leakReport());
  }

  @Test
  void closeReportsLeaksOnceAndRefusesLaterAllocations() {
    Consumer<String> leakSink = mock();
    Heap heap =
        Heap.builder()
            .name("h")
            .strategy(CountStrategy.PLAIN)
            .debug(true)
            .leakSink(leakSink)
            .build();
    HeapObject<String> o = heap.allocate("left");
    heap.close();
    heap.close();
    assertTrue(heap.isClosed());
    ArgumentCaptor<String> report = ArgumentCaptor.forClass(String.class);
    verify(leakSink).accept(report.capture()); // once, though closed twice
    assertTrue(report.getValue().startsWith("heap 'h': 1 object still alive"), report.getValue());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> heap.allocate("x"));
    assertEquals("heap 'h' is closed; cannot allocate", e.getMessage());
    assertTrue(o.decRef(), "objects keep working after close");
    assertEquals("heap 'h': no leaks", heap.leakReport());
  }

  @Test
  void closeWithoutLeaksReportsNothing() {
    Consumer<String> leakSink = mock();
    try (Heap heap = Heap.builder().leakSink(leakSink).build()) {
      heap.allocate("x").decRef();
    }
    verifyNoInteractions(leakSink);
  }

  @Test
  void builderChecksItsArguments() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Heap.builder().accessesKept(0));
    assertEquals("accessesKept must be between 1 and 64, was 0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Heap.builder().name(" "));
    assertThrows(NullPointerException.class, () -> Heap.builder().strategy(null));
  }

  @Test
  void anImmortalHeapAllocatesImmortals() {
    Heap heap = Heap.builder().strategy(CountStrategy.IMMORTAL).build();
    HeapObject<String> o =
        heap.allocate(
            "x",
            v -> {
              throw new AssertionError("never freed");
            });
    assertEquals(CountStrategy.IMMORTAL, o.strategy());
    assertFalse(o.decRef());
    assertSame(heap, o.heap());
    assertEquals(new HeapStats(0, 0, 0, 0, 1), heap.stats());
  }

  @Test
  void aRoutedPlainHeapLetsItsChangesLoseAnUpdateAsTwoUnlockedThreadsDo() {
    // The router puts off every write; two increments read 1 before either writes.
    List<int[]> reads = new ArrayList<>();
    List<HeapObject<?>> objects = new ArrayList<>();
    Heap heap =
        Heap.builder()
            .strategy(CountStrategy.PLAIN)
            .leakSink(s -> {})
            .countChanges(
                (o, delta) -> {
                  reads.add(new int[] {PlainCountSteps.read(o), delta});
                  objects.add(o);
                  return false;
                })
            .build();
    HeapObject<String> o = heap.allocate("shared");
    o.incRef();
    o.incRef();
    assertEquals(1, o.refCount(), "no write has landed yet");
    for (int i = 0; i < reads.size(); i++) {
      assertFalse(PlainCountSteps.write(objects.get(i), reads.get(i)[0], reads.get(i)[1]));
    }
    assertEquals(2, o.refCount(), "one of the two increments is lost");
    assertTrue(PlainCountSteps.write(o, PlainCountSteps.read(o) - 1, -1), "freed with a holder");
    assertThrows(UseAfterFreeException.class, () -> PlainCountSteps.write(o, 2, +1));
  }

  @Test
  void onlyAPlainHeapRoutesItsChanges() {
    Heap.Builder b = Heap.builder().strategy(CountStrategy.ATOMIC).countChanges((o, d) -> false);
    assertThrows(IllegalArgumentException.class, b::build);
  }
}

package dev.gillab.refcount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The {@link RefCounted} contract, for every mortal strategy. */
class HeapObjectContractTest {

  private static Heap heap(CountStrategy strategy) {
    return Heap.builder().strategy(strategy).build();
  }

  @EveryMortalStrategy
  void countsHoldersAndFreesAtZero(CountStrategy strategy) {
    Heap heap = heap(strategy);
    HeapObject<String> o = heap.allocate("x");
    assertEquals(1, o.refCount());
    assertEquals(strategy, o.strategy());
    o.incRef();
    o.incRef();
    assertEquals(3, o.refCount());
    assertFalse(o.decRef());
    assertFalse(o.decRef());
    assertEquals(1, o.refCount());
    assertFalse(o.isFreed());
    assertTrue(o.decRef());
    assertTrue(o.isFreed());
    assertEquals(0, o.refCount());
    assertEquals(new HeapStats(1, 1, 0, 1, 0), heap.stats());
  }

  @EveryMortalStrategy
  void everyUseOfAFreedObjectIsRefusedAndChangesNothing(CountStrategy strategy) {
    Heap heap = heap(strategy);
    HeapObject<String> o = heap.allocate("x");
    o.decRef();

    UseAfterFreeException inc = assertThrows(UseAfterFreeException.class, o::incRef);
    assertEquals("use after free: object #1 has refCount 0; incRef (+1) refused", inc.getMessage());
    assertEquals(1, inc.objectId());
    assertEquals(0, inc.refCount());
    assertEquals("incRef (+1)", inc.operation());
    assertNull(inc.allocationSite());
    assertTrue(o.isFreed(), "an incRef must not revive a freed object");
    assertEquals(0, o.refCount());

    UseAfterFreeException read = assertThrows(UseAfterFreeException.class, o::value);
    assertEquals("use after free: object #1 has refCount 0; value() refused", read.getMessage());

    DoubleFreeException dec = assertThrows(DoubleFreeException.class, o::decRef);
    assertEquals("double free: object #1 has refCount 0; decRef (-1) refused", dec.getMessage());
    assertEquals(0, o.refCount());
    assertEquals(1, heap.stats().freed(), "freed exactly once");
  }

  @EveryMortalStrategy
  void getRefCountIsHoldersPlusOne(CountStrategy strategy) {
    Heap heap = heap(strategy);
    HeapObject<Object> a = heap.allocate(new Object());
    assertEquals(2, heap.getRefCount(a));
    a.incRef();
    assertEquals(3, heap.getRefCount(a));
    assertEquals(2, a.refCount(), "getRefCount gives its reference back");
  }

  @EveryMortalStrategy
  void getRefCountOfAFreedObjectIsUseAfterFree(CountStrategy strategy) {
    Heap heap = heap(strategy);
    HeapObject<String> a = heap.allocate("a");
    a.decRef();
    assertThrows(UseAfterFreeException.class, () -> heap.getRefCount(a));
  }

  @ParameterizedTest
  @EnumSource(CountStrategy.class)
  void immortalObjectsNeverChange(CountStrategy heapStrategy) {
    Heap heap = heap(heapStrategy);
    HeapObject<String> none = heap.allocateImmortal("None");
    assertEquals(CountStrategy.IMMORTAL, none.strategy());
    for (int i = 0; i < 10; i++) {
      none.incRef();
      assertFalse(none.decRef());
      assertFalse(none.decRef());
    }
    assertEquals(Heap.IMMORTAL_REFCOUNT, none.refCount());
    assertEquals(Heap.IMMORTAL_REFCOUNT, heap.getRefCount(none));
    assertFalse(none.isFreed());
    assertEquals("None", none.value());
    assertEquals(new HeapStats(0, 0, 0, 0, 1), heap.stats());
    assertTrue(heap.leaks().isEmpty());
  }

  @EveryMortalStrategy
  void toStringShowsIdValueAndCount(CountStrategy strategy) {
    Heap heap = heap(strategy);
    HeapObject<Integer> o = heap.allocate(42);
    assertEquals("#1 Integer(42) refCount=1", o.toString());
    o.decRef();
    assertEquals("#1 Integer(42) freed", o.toString());
  }
}

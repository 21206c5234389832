package dev.gillab.refcount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A count never wraps: at {@link HeapObject#MAX_REF_COUNT} the next {@code incRef} is refused with
 * {@link RefCountOverflowException} and changes nothing, under every mortal strategy. (A wrapped
 * count read 0 with the object alive, and the next {@code decRef} freed it.) The count is set near
 * the maximum directly: a billion increments would only make the test slow.
 */
class RefCountOverflowTest {
  @EveryMortalStrategy
  void anIncrementPastTheMaximumIsRefusedAndChangesNothing(CountStrategy strategy) {
    Heap heap = Heap.builder().strategy(strategy).build();
    HeapObject<String> o = heap.allocate("x");
    o.setCountForTest(HeapObject.MAX_REF_COUNT - 1);
    o.incRef();
    assertEquals(HeapObject.MAX_REF_COUNT, o.refCount());

    RefCountOverflowException e = assertThrows(RefCountOverflowException.class, o::incRef);
    assertEquals(
        "refcount overflow: object #1 has refCount 1073741823; incRef (+1) refused",
        e.getMessage());
    assertEquals(HeapObject.MAX_REF_COUNT, o.refCount());
    assertFalse(o.decRef());
    assertEquals(HeapObject.MAX_REF_COUNT - 1, o.refCount());
    assertFalse(o.isFreed());
  }

  @ParameterizedTest
  @EnumSource(
      value = CountStrategy.class,
      names = {"ATOMIC", "BIASED"})
  void anotherThreadsIncrementIsRefusedToo(CountStrategy strategy) throws InterruptedException {
    Heap heap = Heap.builder().strategy(strategy).build();
    HeapObject<String> o = heap.allocate("x");
    o.setCountForTest(HeapObject.MAX_REF_COUNT);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread other =
        new Thread(
            () -> {
              try {
                o.incRef();
              } catch (Throwable t) {
                thrown.set(t);
              }
            });
    other.start();
    other.join(10_000);
    assertFalse(other.isAlive());
    assertEquals(RefCountOverflowException.class, thrown.get().getClass());
    assertEquals(HeapObject.MAX_REF_COUNT, o.refCount());
  }
}

package dev.gillab.refcount;

import dev.gillab.refcount.internal.DebugRecord;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * An {@link CountStrategy#ATOMIC} object. Thread-safe.
 *
 * <p>The count is kept doubled in {@code raw}: a live object with {@code n} holders has {@code raw
 * == 2n}, a freed one has an odd {@code raw}. So {@code incRef} can be a single {@code
 * getAndAdd(2)}: if it lands on a freed (odd) object the sum stays odd, the object stays freed, and
 * the caller is told. {@code decRef} uses compare-and-set, so the step from 2 to freed happens
 * exactly once.
 */
final class AtomicObject<T> extends HeapObject<T> {
  private static final VarHandle RAW;

  static {
    try {
      RAW = MethodHandles.lookup().findVarHandle(AtomicObject.class, "raw", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // accessed through RAW
  private volatile int raw = 2;

  AtomicObject(Heap heap, long id, T value, @Nullable Extras extras) {
    super(heap, id, value, extras);
  }

  @Override
  public CountStrategy strategy() {
    return CountStrategy.ATOMIC;
  }

  @Override
  public int refCount() {
    int r = (int) RAW.getVolatile(this);
    return (r & 1) != 0 ? 0 : r >>> 1;
  }

  @Override
  public boolean isFreed() {
    return ((int) RAW.getVolatile(this) & 1) != 0;
  }

  @Override
  public void incRef() {
    int before = (int) RAW.getAndAdd(this, 2);
    if ((before & 1) != 0) {
      throw useAfterFree(change(+1));
    }
    if ((before >>> 1) >= MAX_REF_COUNT) {
      // Past the maximum the doubled count would wrap: take the add back and refuse it.
      RAW.getAndAdd(this, -2);
      throw overflow(before >>> 1);
    }
    DebugRecord debug = debug();
    if (debug != null) {
      debug.record("incRef", (before >>> 1) + 1);
    }
  }

  @Override
  public boolean decRef() {
    while (true) {
      int r = (int) RAW.getVolatile(this);
      if ((r & 1) != 0) {
        throw doubleFree(change(-1));
      }
      int next = r == 2 ? 1 : r - 2;
      if (RAW.compareAndSet(this, r, next)) {
        DebugRecord debug = debug();
        if (debug != null) {
          debug.record("decRef", (r >>> 1) - 1);
        }
        if (next == 1) {
          release();
          return true;
        }
        return false;
      }
    }
  }

  @Override
  void setCountForTest(int n) {
    RAW.setVolatile(this, 2 * n);
  }
}

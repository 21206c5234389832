package dev.gillab.gil.internal;

import dev.gillab.refcount.HeapObject;

/**
 * An interpreter object: the Python value, tied to the heap object that carries its reference
 * count. The eval loop passes these around (not the heap objects) so that reading a value is a
 * field read; every count change still goes through the heap object, which refuses a change on
 * a freed object. {@link #incRef}/{@link #decRef} skip immortal objects (PEP 683: their counts
 * never change), which saves a call for every push and pop of None, a bool or a small int.
 *
 * <p>Not thread-safe: guarded by the GIL.
 */
public abstract class PyValue {
  final boolean immortal;
  /** Set once, right after allocation. */
  HeapObject<? extends PyValue> ref;

  PyValue(boolean immortal) {
    this.immortal = immortal;
  }

  /** The Python type name, as error messages print it: int, bool, str, list, NoneType. */
  public abstract String typeName();

  public final HeapObject<? extends PyValue> heapObject() {
    return ref;
  }

  public final boolean isImmortal() {
    return immortal;
  }

  /** The reference count (immortal: {@code Heap.IMMORTAL_REFCOUNT}). */
  public final int refCount() {
    return ref.refCount();
  }

  public static void incRef(PyValue v) {
    if (!v.immortal) {
      v.ref.incRef();
    }
  }

  public static void decRef(PyValue v) {
    if (!v.immortal) {
      v.ref.decRef();
    }
  }
}

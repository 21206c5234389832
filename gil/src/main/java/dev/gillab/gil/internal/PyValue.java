package dev.gillab.gil.internal;

import dev.gillab.refcount.HeapObject;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * An interpreter object: the Python value, tied to the heap object that carries its reference
 * count. The eval loop passes these around (not the heap objects) so that reading a value is a
 * field read; every count change still goes through the heap object, which refuses a change on a
 * freed object. {@link #incRef}/{@link #decRef} skip immortal objects (PEP 683: their counts never
 * change), which saves a call for every push and pop of None, a bool or a small int.
 *
 * <p>Not thread-safe: guarded by the GIL.
 */
public abstract class PyValue {
  final boolean immortal;

  /** Set once, right after allocation. */
  HeapObject<? extends PyValue> ref;

  /**
   * The object's number in a stepped run, 1, 2, ... in allocation order ({@link
   * ObjectSpace#numbered}); 0 elsewhere. The heap's ids come in blocks per Java thread, so they
   * differ when a run is stepped from several threads; these do not, and a replay names every
   * object as the run it replays did.
   */
  int serial;

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

  /**
   * The bytes this object is charged to the heap's budget ({@link Memory}): the same from its
   * allocation to its free, but for a list, whose growth is charged as it grows.
   */
  long footprint() {
    return Memory.OBJECT;
  }

  /**
   * A container's free hook: hands the references it holds to {@code out} (the trashcan, which
   * releases them without recursing) and forgets them. Most objects hold none.
   */
  void dropReferences(Collection<PyValue> out) {}

  /** Adds the objects this one holds references to, without giving them up (cycle checks). */
  void references(Collection<PyValue> out) {}

  /**
   * Calls this object with the arguments at {@code args[base .. base+argc)}, the last {@code
   * kwNames.length} of them named (null: none named). The arguments stay the caller's: a callee
   * that keeps one takes its own reference. Answers a new reference.
   */
  PyValue call(
      PyRuntime rt,
      ThreadState ts,
      PyValue[] args,
      int base,
      int argc,
      String @Nullable [] kwNames) {
    throw PyException.type("'" + typeName() + "' object is not callable");
  }

  /**
   * What a repr prints as the object's address ({@code <function f at 0x1f>}): its serial in a
   * stepped run, else its heap id. Never the Java identity hash, so a replay prints alike.
   */
  final String address() {
    return "0x" + Long.toHexString(serial != 0 ? serial : ref == null ? 0 : ref.id());
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

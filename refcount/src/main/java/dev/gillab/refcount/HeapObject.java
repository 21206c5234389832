package dev.gillab.refcount;

import dev.gillab.refcount.internal.DebugRecord;
import org.jspecify.annotations.Nullable;

/**
 * An object allocated on a {@link Heap}: a Java value with an id and a reference count.
 *
 * <p>The count follows the {@link RefCounted} contract: 1 when allocated, freed when the last
 * holder calls {@link #decRef()}, and every use of a freed object refused with an {@link
 * IllegalRefCountException}. Freeing runs the object's {@link FreeHook}, if it has one, so a
 * container can release what it holds.
 *
 * <p>Thread-safety is the heap's {@link #strategy()}: {@code ATOMIC}, {@code BIASED} and {@code
 * IMMORTAL} objects may be shared freely between threads; {@code PLAIN} objects are safe only while
 * one outside lock (the GIL) serializes all their operations. The id and the value never change.
 *
 * @param <T> the type of the value
 */
public abstract sealed class HeapObject<T> implements RefCounted
    permits PlainObject, AtomicObject, BiasedObject, ImmortalObject {

  /**
   * The largest count an object may have, 2^30 - 1, under every strategy: an {@code incRef} past it
   * throws {@link RefCountOverflowException} and changes nothing. (ATOMIC keeps the count doubled
   * in an int, so this is the most it can hold.)
   */
  public static final int MAX_REF_COUNT = (1 << 30) - 1;

  private final long id;
  private final T value;
  // The heap itself, or Extras when the object has a free hook or a debug record. One field
  // where there were three: a plain small object is 32 bytes (header, id, value, home, count).
  private final Object home;

  /** {@code extras} is null, or comes from {@link Heap#extras} for this heap. */
  HeapObject(Heap heap, long id, T value, @Nullable Extras extras) {
    this.id = id;
    this.value = value;
    this.home = extras == null ? heap : extras;
  }

  /**
   * What only some objects carry: the free hook (shared by every object allocated with the same
   * hook on a heap) and the debug record (one per object, debug mode only). Immutable.
   */
  static final class Extras {
    final Heap heap;
    final @Nullable FreeHook<?> hook;
    final @Nullable DebugRecord debug;

    Extras(Heap heap, @Nullable FreeHook<?> hook, @Nullable DebugRecord debug) {
      this.heap = heap;
      this.hook = hook;
      this.debug = debug;
    }
  }

  /**
   * The id the heap gave this object: what messages and leak reports call it.
   *
   * @return unique within the heap, counting from 1
   */
  public final long id() {
    return id;
  }

  /**
   * The value this object holds.
   *
   * @return the value given at allocation
   * @throws UseAfterFreeException if the object was freed
   */
  public final T value() {
    if (isFreed()) {
      throw useAfterFree("value()");
    }
    DebugRecord debug = debug();
    if (debug != null) {
      debug.record("value()", refCount());
    }
    return value;
  }

  /**
   * How this object counts, and so whether its operations are thread-safe.
   *
   * @return its heap's strategy, or {@link CountStrategy#IMMORTAL}
   */
  public abstract CountStrategy strategy();

  /**
   * The heap that allocated this object, and that counts its free.
   *
   * @return the allocating heap
   */
  public final Heap heap() {
    Object h = home;
    return h instanceof Heap heap ? heap : ((Extras) h).heap;
  }

  /**
   * Hands this object, just marked freed, to its heap: counted as freed, dropped from the debug
   * registry, then its free hook run. One type check on the common path (no extras).
   */
  final void release() {
    Object h = home;
    if (h instanceof Heap heap) {
      heap.free(this, null);
    } else {
      Extras x = (Extras) h;
      x.heap.free(this, hook());
    }
  }

  /** The debug record (debug mode), else null. */
  final @Nullable DebugRecord debug() {
    return home instanceof Extras x ? x.debug : null;
  }

  /** The free hook, else null. */
  @SuppressWarnings("unchecked") // Heap.allocate pairs a FreeHook<? super T> with a T
  final @Nullable FreeHook<? super T> hook() {
    return home instanceof Extras x ? (FreeHook<? super T>) x.hook : null;
  }

  /** {@code "#7 Integer(42) refCount=1"}, or {@code "#7 Integer(42) freed"}. */
  @Override
  public final String toString() {
    return "#" + id + " " + describe(value) + (isFreed() ? " freed" : " refCount=" + refCount());
  }

  static String describe(Object value) {
    String text = String.valueOf(value);
    if (text.length() > 40) {
      text = text.substring(0, 37) + "...";
    }
    return value.getClass().getSimpleName() + "(" + text + ")";
  }

  /** The value for the free hook and the leak report, without the freed check. */
  final T rawValue() {
    return value;
  }

  final UseAfterFreeException useAfterFree(String operation) {
    return new UseAfterFreeException(id, refCount(), operation, site());
  }

  final RefCountOverflowException overflow(int count) {
    return new RefCountOverflowException(id, count, change(+1), site());
  }

  /** Sets the count to {@code n} holders as if they had all counted themselves; tests only. */
  abstract void setCountForTest(int n);

  final DoubleFreeException doubleFree(String operation) {
    return new DoubleFreeException(id, refCount(), operation, site());
  }

  final @Nullable String site() {
    DebugRecord debug = debug();
    return debug == null ? null : debug.allocationSite();
  }

  static String change(int delta) {
    return delta > 0 ? "incRef (+" + delta + ")" : "decRef (" + delta + ")";
  }
}

package dev.gillab.gil.internal;

import dev.gillab.refcount.FreeHook;
import dev.gillab.refcount.Heap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The interpreter's objects on its heap: the immortals (None, True, False, the small ints -5..256,
 * as in CPython 3.12+), allocation of the rest, conversion to and from Java values, and the helpers
 * that print and compare them.
 *
 * <p>Freeing a list releases its items through a per-thread "trashcan" (CPython's name for the same
 * trick): a list freed while another is being freed queues its items instead of recursing, so a
 * list nested a million deep frees without a stack overflow.
 *
 * <p>Every mortal object is charged to the heap's byte budget ({@link Memory}) before it is
 * allocated and gives its bytes back when it is freed; a charge past the budget raises MemoryError
 * with nothing allocated. A container that cannot be allocated releases what it was to hold, as it
 * would have on its free, so a refused allocation leaks nothing.
 *
 * <p>Not thread-safe on its own: objects are touched only by the thread holding the GIL. The
 * trashcan is per thread.
 */
public final class ObjectSpace {
  public static final int SMALL_MIN = -5;
  public static final int SMALL_MAX = 256;

  /** The longest str or list an operation may build; longer raises MemoryError. */
  public static final int MAX_SIZE = 1 << 20;

  /** How deep printing, comparing or converting nested lists may go. */
  public static final int MAX_NESTING = 500;

  private final Heap heap;
  private final Memory memory;

  /** One hook for every mortal object, so the heap shares one record among them all. */
  private final FreeHook<PyValue> onFree = this::freed;

  private final PyNone none;
  private final PyInt trueObj;
  private final PyInt falseObj;
  private final PyInt[] small;

  @SuppressWarnings("ThreadLocalUsage") // one per interpreter on purpose
  private final ThreadLocal<Trashcan> trashcan;

  /** Numbers objects in allocation order ({@link PyValue#serial}): stepped runs only. */
  private final boolean numbered;

  private int lastSerial;

  /**
   * Numbered spaces only: the mortal objects this space allocated, oldest first, so that a stepped
   * run can name the ones still alive at its end ({@link #alive}). Freed ones are dropped in a
   * batch each time the list doubles, which keeps it at most twice the live objects and costs each
   * allocation O(1) amortised; an unnumbered space (a real interpreter's) keeps nothing.
   */
  private final @Nullable ArrayList<PyValue> allocated;

  private int pruneAt = MIN_PRUNE;

  private static final int MIN_PRUNE = 64;

  /** Allocates the immortals (not charged to {@code memory}); the caller holds the GIL. */
  public ObjectSpace(Heap heap, Memory memory) {
    this(heap, memory, false);
  }

  /** A space that numbers its objects 1, 2, ... in allocation order, immortals first. */
  static ObjectSpace numbered(Heap heap, Memory memory) {
    return new ObjectSpace(heap, memory, true);
  }

  private ObjectSpace(Heap heap, Memory memory, boolean numbered) {
    this.heap = heap;
    this.memory = memory;
    this.numbered = numbered;
    this.allocated = numbered ? new ArrayList<>() : null;
    this.trashcan = ThreadLocal.withInitial(Trashcan::new);
    this.none = immortal(new PyNone());
    this.trueObj = immortal(new PyInt(1, true, true));
    this.falseObj = immortal(new PyInt(0, true, true));
    this.small = new PyInt[SMALL_MAX - SMALL_MIN + 1];
    for (int i = 0; i < small.length; i++) {
      small[i] = immortal(new PyInt(i + SMALL_MIN, false, true));
    }
  }

  /**
   * A space on {@code heap} that shares {@code template}'s immortals and trashcan instead of making
   * its own: for the many short runs of one program that a schedule search makes, one after another
   * on one thread, where allocating 264 immortals (and a thread-local) per run would cost more than
   * the run.
   */
  ObjectSpace(Heap heap, Memory memory, ObjectSpace template) {
    this.heap = heap;
    this.memory = memory;
    this.numbered = template.numbered;
    this.allocated = numbered ? new ArrayList<>() : null;
    this.lastSerial = template.lastSerial;
    this.trashcan = template.trashcan;
    this.none = template.none;
    this.trueObj = template.trueObj;
    this.falseObj = template.falseObj;
    this.small = template.small;
  }

  /** Allocates {@code v} as immortal (builtins, modules, code objects). */
  <T extends PyValue> T immortal(T v) {
    v.ref = heap.allocateImmortal(v);
    if (numbered) {
      v.serial = ++lastSerial;
    }
    return v;
  }

  /**
   * Allocates {@code v} with count 1, the caller holding the new reference, once its bytes are
   * charged to the budget.
   *
   * @throws PyException MemoryError past the budget, with nothing allocated
   */
  <T extends PyValue> T mortal(T v) {
    long bytes = v.footprint();
    memory.charge(bytes);
    try {
      v.ref = heap.allocate(v, onFree);
    } catch (RuntimeException e) {
      memory.release(bytes);
      throw e;
    }
    if (numbered) {
      v.serial = ++lastSerial;
      track(v);
    }
    return v;
  }

  private void track(PyValue v) {
    ArrayList<PyValue> a = allocated;
    a.add(v);
    if (a.size() >= pruneAt) {
      a.removeIf(o -> o.heapObject().isFreed());
      pruneAt = Math.max(MIN_PRUNE, 2 * a.size());
    }
  }

  /**
   * The mortal objects this space allocated that are not freed, oldest first: a numbered space's (a
   * stepped run's); an unnumbered space keeps no list and answers none.
   */
  List<PyValue> alive() {
    List<PyValue> out = new ArrayList<>();
    if (allocated != null) {
      for (PyValue v : allocated) {
        if (!v.heapObject().isFreed()) {
          out.add(v);
        }
      }
    }
    return out;
  }

  /**
   * Allocates a container with count 1: when freed it releases what it holds ({@link
   * PyValue#dropReferences}) through the trashcan. It takes over those references even when it
   * cannot be allocated: then it releases them before the error leaves.
   */
  <T extends PyValue> T container(T v) {
    try {
      return mortal(v);
    } catch (RuntimeException e) {
      ArrayList<PyValue> held = new ArrayList<>();
      v.dropReferences(held);
      held.forEach(PyValue::decRef);
      throw e;
    }
  }

  /** This heap's byte budget. */
  public Memory memory() {
    return memory;
  }

  /**
   * Throws MemoryError unless a str of {@code chars} UTF-16 units would fit in the budget now:
   * called before a big str is built, so a refused one is never built.
   */
  void checkStrRoom(long chars) {
    memory.checkRoom(Memory.str(chars));
  }

  /** As {@link #checkStrRoom}, for a list or tuple of {@code slots} items. */
  void checkSlotsRoom(long slots) {
    memory.checkRoom(Memory.slots(slots));
  }

  public PyValue newFloat(double v) {
    return mortal(new PyFloat(v));
  }

  /** A new tuple that takes over the references in {@code items}, even when it fails. */
  public PyValue newTuple(PyValue[] items) {
    return container(new PyTuple(items));
  }

  public Heap heap() {
    return heap;
  }

  public PyNone none() {
    return none;
  }

  public PyInt bool(boolean b) {
    return b ? trueObj : falseObj;
  }

  public PyInt trueObject() {
    return trueObj;
  }

  public PyInt falseObject() {
    return falseObj;
  }

  /** A new reference to an int: the immortal one for a small value, else a fresh object. */
  public PyValue newInt(long v) {
    if (v >= SMALL_MIN && v <= SMALL_MAX) {
      return small[(int) v - SMALL_MIN];
    }
    return mortal(new PyInt(v, false, false));
  }

  public PyValue newStr(String s) {
    return mortal(new PyStr(s));
  }

  /** A new list that takes over the references in {@code items}, even when it fails. */
  @SuppressWarnings("NonApiType") // the list keeps it as its storage: mutable, growable, not copied
  public PyValue newList(ArrayList<PyValue> items) {
    return container(new PyList(items, memory));
  }

  /** The free hook of every mortal object: give its bytes back, then what it holds. */
  private void freed(PyValue v) {
    memory.release(v.footprint());
    if (!(v instanceof PyInt || v instanceof PyStr || v instanceof PyFloat)) {
      release(v); // the leaves above hold nothing: no trashcan for them
    }
  }

  private void release(PyValue container) {
    Trashcan t = trashcan.get();
    container.dropReferences(t.pending);
    if (t.draining) {
      return;
    }
    t.draining = true;
    try {
      PyValue o;
      while ((o = t.pending.pollLast()) != null) {
        PyValue.decRef(o);
      }
    } finally {
      t.draining = false;
    }
  }

  private static final class Trashcan {
    final ArrayDeque<PyValue> pending = new ArrayDeque<>();
    boolean draining;
  }

  /** Truthiness, as {@code bool(x)}: zero, empty and None are false, every other object true. */
  public static boolean truthy(PyValue v) {
    if (v instanceof PyInt pyInt) {
      return pyInt.value != 0;
    }
    if (v instanceof PyStr pyStr) {
      return !pyStr.value.isEmpty();
    }
    if (v instanceof PyList pyList) {
      return !pyList.isEmpty();
    }
    if (v instanceof PyFloat pyFloat) {
      return pyFloat.value != 0.0;
    }
    if (v instanceof PyTuple pyTuple) {
      return pyTuple.items.length > 0;
    }
    if (v instanceof PyRange pyRange) {
      return pyRange.length > 0;
    }
    return !(v instanceof PyNone);
  }

  /** {@code str(x)}: what print prints. Unbounded: for messages and Java callers. */
  public static String str(PyValue v) {
    if (v instanceof PyStr pyStr) {
      return pyStr.value;
    }
    return repr(v);
  }

  /** {@code repr(x)}. Unbounded: for messages and Java callers. */
  public static String repr(PyValue v) {
    StringBuilder out = new StringBuilder();
    repr(v, out, 0, null);
    return out.toString();
  }

  /**
   * {@code str(x)} for a program: as {@link #repr(ThreadState, PyValue)}, and a str is its own
   * text.
   */
  String str(ThreadState ts, PyValue v) {
    if (v instanceof PyStr pyStr) {
      return pyStr.value;
    }
    return repr(ts, v);
  }

  /**
   * {@code repr(x)} for a program: each item and the text are charged to the instruction budget,
   * and a text that would not fit the room left in the byte budget raises MemoryError as it passes
   * it — a list holding a list a thousand times over prints nothing rather than exhausting the JVM.
   */
  String repr(ThreadState ts, PyValue v) {
    StringBuilder out = new StringBuilder();
    Bound bound = new Bound(ts, (memory.max() - memory.used()) / Memory.BYTES_PER_CHAR);
    repr(v, out, 0, bound);
    ts.chargeChars(out.length());
    return out.toString();
  }

  /** What a program's repr may spend: the thread's budget, and chars up to the room left. */
  private static final class Bound {
    final ThreadState ts;
    final long maxChars;

    Bound(ThreadState ts, long maxChars) {
      this.ts = ts;
      this.maxChars = maxChars;
    }

    void check(StringBuilder out) {
      ts.charge(1);
      if (out.length() > maxChars) {
        throw Memory.error();
      }
    }
  }

  private static void repr(PyValue v, StringBuilder out, int depth, @Nullable Bound bound) {
    if (v instanceof PyList || v instanceof PyTuple) {
      if (depth >= MAX_NESTING) {
        throw new PyException(
            "RecursionError",
            "maximum recursion depth exceeded while getting the repr of an object");
      }
      boolean list = v instanceof PyList;
      List<PyValue> items = list ? ((PyList) v).snapshot() : Arrays.asList(((PyTuple) v).items);
      out.append(list ? '[' : '(');
      for (int i = 0; i < items.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        if (bound != null) {
          bound.check(out);
        }
        repr(items.get(i), out, depth + 1, bound);
      }
      out.append(list ? "]" : items.size() == 1 ? ",)" : ")");
    } else if (v instanceof PyStr pyStr) {
      out.append(Repr.str(pyStr.value));
    } else {
      out.append(v);
    }
  }

  /**
   * {@code a == b} by value: numbers (int, bool, float) by value, strs by text, lists with lists
   * and tuples with tuples item by item; anything else by identity. The items and chars compared
   * are charged to {@code ts}.
   */
  static boolean equal(ThreadState ts, PyValue x, PyValue y, int depth) {
    if (x == y) {
      return !(x instanceof PyFloat pyFloat) || !Double.isNaN(pyFloat.value);
    }
    if (x instanceof PyInt xi && y instanceof PyInt yi) {
      return xi.value == yi.value;
    }
    if (x instanceof PyStr xs && y instanceof PyStr ys) {
      String a = xs.value;
      String b = ys.value;
      if (a.length() != b.length()) {
        return false;
      }
      ts.chargeChars(a.length());
      return a.equals(b);
    }
    if (Numbers.isNumber(x) && Numbers.isNumber(y)) {
      return Numbers.compare(x, y) == 0;
    }
    boolean lists = x instanceof PyList && y instanceof PyList;
    if (lists || (x instanceof PyTuple && y instanceof PyTuple)) {
      if (depth >= MAX_NESTING) {
        throw new PyException("RecursionError", "maximum recursion depth exceeded in comparison");
      }
      List<PyValue> l = items(x);
      List<PyValue> r = items(y);
      if (l.size() != r.size()) {
        return false;
      }
      for (int i = 0; i < l.size(); i++) {
        ts.charge(1);
        if (!equal(ts, l.get(i), r.get(i), depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (x instanceof PyRange a && y instanceof PyRange b) {
      return a.length == b.length
          && (a.length == 0 || (a.start == b.start && (a.length == 1 || a.step == b.step)));
    }
    return false; // None == None is caught by identity above
  }

  /** The items of a list (a snapshot) or a tuple, borrowed. */
  static List<PyValue> items(PyValue seq) {
    return seq instanceof PyList pyList ? pyList.snapshot() : Arrays.asList(((PyTuple) seq).items);
  }

  /**
   * A Java value for an object: Long, Boolean, Double, String, null (None), or an unmodifiable List
   * (for a list or a tuple); any other object (a function, a module ...) as its repr.
   */
  public static Object toJava(PyValue v) {
    return toJava(v, 0);
  }

  private static Object toJava(PyValue v, int depth) {
    if (v instanceof PyInt i) {
      return i.isBool() ? (Object) (i.value != 0) : (Object) i.value;
    }
    if (v instanceof PyStr pyStr) {
      return pyStr.value;
    }
    if (v instanceof PyFloat pyFloat) {
      return pyFloat.value;
    }
    if (v instanceof PyList || v instanceof PyTuple) {
      if (depth >= MAX_NESTING) {
        throw new PyException("RecursionError", "list nested too deep to convert");
      }
      List<PyValue> items = items(v);
      List<Object> out = new ArrayList<>(items.size());
      for (PyValue item : items) {
        out.add(toJava(item, depth + 1));
      }
      return Collections.unmodifiableList(out);
    }
    if (v instanceof PyNone) {
      return null;
    }
    return repr(v);
  }

  /**
   * A new reference to an object for a Java value: Long/Integer/Short/Byte, Double/Float (a float),
   * Boolean, String, null (None), or a List of those.
   *
   * @throws PyException TypeError for anything else
   */
  public PyValue fromJava(Object value) {
    return fromJava(value, 0);
  }

  private PyValue fromJava(Object value, int depth) {
    if (value == null) {
      return none;
    }
    if (value instanceof Boolean b) {
      return bool(b);
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return newInt(((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof Float) {
      return newFloat(((Number) value).doubleValue());
    }
    if (value instanceof String string) {
      return newStr(string);
    }
    if (value instanceof List) {
      if (depth >= MAX_NESTING) {
        throw new PyException("RecursionError", "list nested too deep to convert");
      }
      List<?> in = (List<?>) value;
      ArrayList<PyValue> items = new ArrayList<>(in.size());
      try {
        for (Object item : in) {
          items.add(fromJava(item, depth + 1));
        }
      } catch (RuntimeException e) {
        items.forEach(PyValue::decRef);
        throw e;
      }
      return newList(items);
    }
    throw PyException.type("a Java " + value.getClass().getName() + " has no interpreter value");
  }

  /**
   * Whether {@code target} is reachable from {@code value} through the references objects hold
   * (list and tuple items, a bound method's object, an iterator's sequence, a thread's target and
   * arguments), or is it: storing {@code value} into {@code target} would make a cycle, which
   * reference counting alone cannot free. Lists are the only containers that change after they are
   * made, so checking their stores is enough. Each reference followed is charged to {@code ts}:
   * appending a huge list again and again is work in proportion to it.
   */
  static boolean reaches(ThreadState ts, PyValue value, PyValue target) {
    if (value instanceof PyInt
        || value instanceof PyStr
        || value instanceof PyFloat
        || value instanceof PyNone) {
      return false; // holds nothing: the common case, with no allocation
    }
    Set<PyValue> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<PyValue> work = new ArrayDeque<>();
    work.push(value);
    while (!work.isEmpty()) {
      PyValue o = work.pop();
      ts.charge(1);
      if (o == target) {
        return true;
      }
      if (seen.add(o)) {
        o.references(work);
      }
    }
    return false;
  }
}

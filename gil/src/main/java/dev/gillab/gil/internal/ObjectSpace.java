package dev.gillab.gil.internal;

import dev.gillab.refcount.Heap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The interpreter's objects on its heap: the immortals (None, True, False, the small ints
 * -5..256, as in CPython 3.12+), allocation of the rest, conversion to and from Java values, and
 * the helpers that print and compare them.
 *
 * <p>Freeing a list releases its items through a per-thread "trashcan" (CPython's name for the
 * same trick): a list freed while another is being freed queues its items instead of recursing,
 * so a list nested a million deep frees without a stack overflow.
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
  private final PyNone none;
  private final PyInt trueObj;
  private final PyInt falseObj;
  private final PyInt[] small = new PyInt[SMALL_MAX - SMALL_MIN + 1];

  @SuppressWarnings("ThreadLocalUsage") // one per interpreter on purpose
  private final ThreadLocal<Trashcan> trashcan = ThreadLocal.withInitial(Trashcan::new);

  /** Allocates the immortals; the caller holds the GIL. */
  public ObjectSpace(Heap heap) {
    this.heap = heap;
    this.none = immortal(new PyNone());
    this.trueObj = immortal(new PyInt(1, true, true));
    this.falseObj = immortal(new PyInt(0, true, true));
    for (int i = 0; i < small.length; i++) {
      small[i] = immortal(new PyInt(i + SMALL_MIN, false, true));
    }
  }

  private <T extends PyValue> T immortal(T v) {
    v.ref = heap.allocateImmortal(v);
    return v;
  }

  private <T extends PyValue> T mortal(T v) {
    v.ref = heap.allocate(v);
    return v;
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

  /** A new list that takes over the references in {@code items}. */
  public PyValue newList(ArrayList<PyValue> items) {
    PyList list = new PyList(items);
    list.ref = heap.allocate(list, this::release);
    return list;
  }

  private void release(PyList list) {
    Trashcan t = trashcan.get();
    t.pending.addAll(list.takeAll());
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

  /** Truthiness, as {@code bool(x)}. */
  public static boolean truthy(PyValue v) {
    if (v instanceof PyInt) {
      return ((PyInt) v).value != 0;
    }
    if (v instanceof PyStr) {
      return !((PyStr) v).value.isEmpty();
    }
    if (v instanceof PyList) {
      return !((PyList) v).isEmpty();
    }
    return false; // None
  }

  /** {@code str(x)}: what print prints. */
  public static String str(PyValue v) {
    if (v instanceof PyStr) {
      return ((PyStr) v).value;
    }
    StringBuilder out = new StringBuilder();
    repr(v, out, 0);
    return out.toString();
  }

  private static void repr(PyValue v, StringBuilder out, int depth) {
    if (v instanceof PyList) {
      if (depth >= MAX_NESTING) {
        throw new PyException(
            "RecursionError", "maximum recursion depth exceeded while getting the repr of an object");
      }
      out.append('[');
      List<PyValue> items = ((PyList) v).snapshot();
      for (int i = 0; i < items.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        repr(items.get(i), out, depth + 1);
      }
      out.append(']');
    } else if (v instanceof PyStr) {
      out.append(quote(((PyStr) v).value));
    } else {
      out.append(v);
    }
  }

  /** Python's repr of a str: single quotes unless the text has a single quote and no double. */
  static String quote(String s) {
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder().append(q);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == q || c == '\\') {
        out.append('\\').append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\t') {
        out.append("\\t");
      } else {
        out.append(c);
      }
    }
    return out.append(q).toString();
  }

  /** {@code a == b} by value; ints and bools compare as numbers, as in Python. */
  public static boolean equal(PyValue x, PyValue y, int depth) {
    if (x == y) {
      return true;
    }
    if (x instanceof PyInt && y instanceof PyInt) {
      return ((PyInt) x).value == ((PyInt) y).value;
    }
    if (x instanceof PyStr && y instanceof PyStr) {
      return ((PyStr) x).value.equals(((PyStr) y).value);
    }
    if (x instanceof PyList && y instanceof PyList) {
      if (depth >= MAX_NESTING) {
        throw new PyException("RecursionError", "maximum recursion depth exceeded in comparison");
      }
      List<PyValue> l = ((PyList) x).snapshot();
      List<PyValue> r = ((PyList) y).snapshot();
      if (l.size() != r.size()) {
        return false;
      }
      for (int i = 0; i < l.size(); i++) {
        if (!equal(l.get(i), r.get(i), depth + 1)) {
          return false;
        }
      }
      return true;
    }
    return false; // None == None is caught by identity above
  }

  /** A Java value for an object: Long, Boolean, String, null (None), or an unmodifiable List. */
  public static Object toJava(PyValue v) {
    return toJava(v, 0);
  }

  private static Object toJava(PyValue v, int depth) {
    if (v instanceof PyInt) {
      PyInt i = (PyInt) v;
      return i.isBool() ? (Object) (i.value != 0) : (Object) i.value;
    }
    if (v instanceof PyStr) {
      return ((PyStr) v).value;
    }
    if (v instanceof PyList) {
      if (depth >= MAX_NESTING) {
        throw new PyException("RecursionError", "list nested too deep to convert");
      }
      List<PyValue> items = ((PyList) v).snapshot();
      List<Object> out = new ArrayList<>(items.size());
      for (PyValue item : items) {
        out.add(toJava(item, depth + 1));
      }
      return Collections.unmodifiableList(out);
    }
    return null;
  }

  /**
   * A new reference to an object for a Java value: Long/Integer/Short/Byte, Boolean, String,
   * null (None), or a List of those.
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
    if (value instanceof Boolean) {
      return bool((Boolean) value);
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return newInt(((Number) value).longValue());
    }
    if (value instanceof String) {
      return newStr((String) value);
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
    throw PyException.type(
        "a Java " + value.getClass().getName() + " has no interpreter value");
  }

  /** Whether {@code target} is reachable from {@code value} through list items (or is it). */
  static boolean reaches(PyValue value, PyValue target) {
    if (!(value instanceof PyList)) {
      return false;
    }
    Set<PyValue> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<PyValue> work = new ArrayDeque<>();
    work.push(value);
    while (!work.isEmpty()) {
      PyValue o = work.pop();
      if (o == target) {
        return true;
      }
      if (o instanceof PyList && seen.add(o)) {
        work.addAll(((PyList) o).snapshot());
      }
    }
    return false;
  }
}

package dev.gillab.gil.internal;

import dev.gillab.refcount.Heap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
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

  /** Allocates {@code v} as immortal (builtins, modules, code objects). */
  <T extends PyValue> T immortal(T v) {
    v.ref = heap.allocateImmortal(v);
    return v;
  }

  /** Allocates {@code v} with count 1: the caller holds the new reference. */
  <T extends PyValue> T mortal(T v) {
    v.ref = heap.allocate(v);
    return v;
  }

  /**
   * Allocates a container with count 1: when freed it releases what it holds ({@link
   * PyValue#dropReferences}) through the trashcan.
   */
  <T extends PyValue> T container(T v) {
    v.ref = heap.allocate(v, this::release);
    return v;
  }

  public PyValue newFloat(double v) {
    return mortal(new PyFloat(v));
  }

  /** A new tuple that takes over the references in {@code items}. */
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

  /** A new list that takes over the references in {@code items}. */
  public PyValue newList(ArrayList<PyValue> items) {
    return container(new PyList(items));
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
    if (v instanceof PyInt) {
      return ((PyInt) v).value != 0;
    }
    if (v instanceof PyStr) {
      return !((PyStr) v).value.isEmpty();
    }
    if (v instanceof PyList) {
      return !((PyList) v).isEmpty();
    }
    if (v instanceof PyFloat) {
      return ((PyFloat) v).value != 0.0;
    }
    if (v instanceof PyTuple) {
      return ((PyTuple) v).items.length > 0;
    }
    if (v instanceof PyRange) {
      return ((PyRange) v).length > 0;
    }
    return !(v instanceof PyNone);
  }

  /** {@code str(x)}: what print prints. */
  public static String str(PyValue v) {
    if (v instanceof PyStr) {
      return ((PyStr) v).value;
    }
    return repr(v);
  }

  /** {@code repr(x)}. */
  public static String repr(PyValue v) {
    StringBuilder out = new StringBuilder();
    repr(v, out, 0);
    return out.toString();
  }

  private static void repr(PyValue v, StringBuilder out, int depth) {
    if (v instanceof PyList || v instanceof PyTuple) {
      if (depth >= MAX_NESTING) {
        throw new PyException(
            "RecursionError", "maximum recursion depth exceeded while getting the repr of an object");
      }
      boolean list = v instanceof PyList;
      List<PyValue> items = list ? ((PyList) v).snapshot() : Arrays.asList(((PyTuple) v).items);
      out.append(list ? '[' : '(');
      for (int i = 0; i < items.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        repr(items.get(i), out, depth + 1);
      }
      out.append(list ? "]" : items.size() == 1 ? ",)" : ")");
    } else if (v instanceof PyStr) {
      out.append(quote(((PyStr) v).value));
    } else {
      out.append(v);
    }
  }

  /**
   * Python's repr of a str: single quotes unless the text has a single quote and no double;
   * backslash escapes for the quote, the backslash, \t \n \r, and every code point Python
   * does not print (controls, format characters, separators other than space, surrogates,
   * private use, unassigned) as \xhh, \\uXXXX or \UXXXXXXXX.
   */
  static String quote(String s) {
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder(s.length() + 2).append(q);
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (c == q || c == '\\') {
        out.append('\\').appendCodePoint(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c >= 0x20 && c < 0x7f || c > 0x7f && printable(c)) {
        out.appendCodePoint(c);
      } else if (c <= 0xff) {
        out.append(String.format("\\x%02x", c));
      } else if (c <= 0xffff) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.append(String.format("\\U%08x", c));
      }
    }
    return out.append(q).toString();
  }

  /** Python's {@code str.isprintable()} for one code point. */
  private static boolean printable(int c) {
    switch (Character.getType(c)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.SURROGATE:
      case Character.PRIVATE_USE:
      case Character.UNASSIGNED:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
        return false;
      case Character.SPACE_SEPARATOR:
        return c == ' ';
      default:
        return true;
    }
  }

  /**
   * {@code a == b} by value: numbers (int, bool, float) by value, strs by text, lists with
   * lists and tuples with tuples item by item; anything else by identity.
   */
  public static boolean equal(PyValue x, PyValue y, int depth) {
    if (x == y) {
      return !(x instanceof PyFloat) || !Double.isNaN(((PyFloat) x).value);
    }
    if (x instanceof PyInt && y instanceof PyInt) {
      return ((PyInt) x).value == ((PyInt) y).value;
    }
    if (x instanceof PyStr && y instanceof PyStr) {
      return ((PyStr) x).value.equals(((PyStr) y).value);
    }
    if (Numbers.isNumber(x) && Numbers.isNumber(y)) {
      return Numbers.compare(x, y) == 0;
    }
    boolean lists = x instanceof PyList && y instanceof PyList;
    if (lists || x instanceof PyTuple && y instanceof PyTuple) {
      if (depth >= MAX_NESTING) {
        throw new PyException("RecursionError", "maximum recursion depth exceeded in comparison");
      }
      List<PyValue> l = items(x);
      List<PyValue> r = items(y);
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
    if (x instanceof PyRange && y instanceof PyRange) {
      PyRange a = (PyRange) x;
      PyRange b = (PyRange) y;
      return a.length == b.length
          && (a.length == 0 || a.start == b.start && (a.length == 1 || a.step == b.step));
    }
    return false; // None == None is caught by identity above
  }

  /** The items of a list (a snapshot) or a tuple, borrowed. */
  static List<PyValue> items(PyValue seq) {
    return seq instanceof PyList ? ((PyList) seq).snapshot() : Arrays.asList(((PyTuple) seq).items);
  }

  /**
   * A Java value for an object: Long, Boolean, Double, String, null (None), or an unmodifiable
   * List (for a list or a tuple); any other object (a function, a module ...) as its repr.
   */
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
    if (v instanceof PyFloat) {
      return ((PyFloat) v).value;
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

  /**
   * Whether {@code target} is reachable from {@code value} through the references objects hold
   * (list and tuple items, a bound method's object, an iterator's sequence, a thread's target and
   * arguments), or is it: storing {@code value} into {@code target} would make a cycle, which
   * reference counting alone cannot free. Lists are the only containers that change after they
   * are made, so checking their stores is enough.
   */
  static boolean reaches(PyValue value, PyValue target) {
    if (value instanceof PyInt || value instanceof PyStr || value instanceof PyFloat
        || value instanceof PyNone) {
      return false; // holds nothing: the common case, with no allocation
    }
    Set<PyValue> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<PyValue> work = new ArrayDeque<>();
    work.push(value);
    while (!work.isEmpty()) {
      PyValue o = work.pop();
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

package dev.gillab.gil.internal;

import dev.gillab.gil.BinaryOp;
import dev.gillab.gil.CompareOp;
import java.util.ArrayList;
import java.util.List;

/** The slow paths of the operators: everything but int with int. Called with the GIL held. */
final class Ops {
  private Ops() {}

  /** {@code l op r} for any operands; answers a new reference. */
  static PyValue binaryAny(ObjectSpace space, BinaryOp op, PyValue l, PyValue r) {
    if (l instanceof PyInt && r instanceof PyInt && op.plain() != BinaryOp.TRUE_DIVIDE) {
      return space.newInt(EvalLoop.arith(op.ordinal(), ((PyInt) l).value, ((PyInt) r).value));
    }
    return binary(space, op, l, r);
  }

  /**
   * {@code l op r} for the types that are not both ints (or true division of ints); answers a
   * new reference.
   */
  static PyValue binary(ObjectSpace space, BinaryOp op, PyValue l, PyValue r) {
    PyValue a = l;
    PyValue b = r;
    BinaryOp plain = op.plain();
    if (Numbers.isNumber(a) && Numbers.isNumber(b)) {
      return Numbers.arith(space, plain, a, b);
    }
    if (a instanceof PyList && op != plain) {
      if (op == BinaryOp.INPLACE_ADD) {
        return extendInPlace(space, (PyList) a, b);
      }
      if (op == BinaryOp.INPLACE_MULTIPLY && b instanceof PyInt) {
        return repeatInPlace(space, (PyList) a, ((PyInt) b).value);
      }
    }
    if (plain == BinaryOp.ADD) {
      if (a instanceof PyStr) {
        if (!(b instanceof PyStr)) {
          throw concat(a, b);
        }
        String x = ((PyStr) a).value;
        String y = ((PyStr) b).value;
        checkSize((long) x.length() + y.length());
        return space.newStr(x.concat(y));
      }
      if (a instanceof PyList || a instanceof PyTuple) {
        if (a.getClass() != b.getClass()) {
          throw concat(a, b);
        }
        List<PyValue> x = ObjectSpace.items(a);
        List<PyValue> y = ObjectSpace.items(b);
        checkSize((long) x.size() + y.size());
        ArrayList<PyValue> items = new ArrayList<>(x.size() + y.size());
        items.addAll(x);
        items.addAll(y);
        return newSharing(space, items, a instanceof PyTuple);
      }
    } else if (plain == BinaryOp.MULTIPLY) {
      if (b instanceof PyInt && isSequence(a)) {
        return repeat(space, a, ((PyInt) b).value);
      }
      if (a instanceof PyInt && isSequence(b)) {
        return repeat(space, b, ((PyInt) a).value);
      }
      if (isSequence(a) || isSequence(b)) {
        throw PyException.type(
            "can't multiply sequence by non-int of type '"
                + (isSequence(a) ? b : a).typeName() + "'");
      }
    }
    throw PyException.type(
        "unsupported operand type(s) for " + op.symbol() + ": '" + a.typeName() + "' and '"
            + b.typeName() + "'");
  }

  /**
   * {@code xs += it} on a list: extends it in place (any iterable) and answers the same list, so
   * every name for it sees the change, as in CPython.
   */
  private static PyValue extendInPlace(ObjectSpace space, PyList list, PyValue it) {
    List<PyValue> items;
    try {
      items = Iteration.items(space, it);
    } catch (PyException e) {
      if (e.kind().equals("TypeError")) {
        throw PyException.type("'" + it.typeName() + "' object is not iterable");
      }
      throw e;
    }
    try {
      checkSize((long) list.size() + items.size());
      for (PyValue v : items) {
        if (ObjectSpace.reaches(v, list)) {
          throw new PyException(
              "ValueError",
              "appending would make a list contain itself: reference counting cannot free a cycle");
        }
      }
    } catch (RuntimeException e) {
      Iteration.release(items);
      throw e;
    }
    list.addAll(items);
    PyValue.incRef(list);
    return list;
  }

  /** {@code xs *= n} on a list: repeats it in place and answers the same list. */
  private static PyValue repeatInPlace(ObjectSpace space, PyList list, long times) {
    List<PyValue> items = list.snapshot();
    long n = items.isEmpty() ? 0 : Math.max(0, times);
    checkSize(times(items.size(), n));
    List<PyValue> more = new ArrayList<>();
    for (long i = 1; i < n; i++) {
      more.addAll(items);
    }
    more.forEach(PyValue::incRef);
    if (n == 0) {
      list.takeAll().forEach(PyValue::decRef);
    } else {
      list.addAll(more);
    }
    PyValue.incRef(list);
    return list;
  }

  private static boolean isSequence(PyValue v) {
    return v instanceof PyStr || v instanceof PyList || v instanceof PyTuple;
  }

  /** {@code can only concatenate str (not "int") to str}. */
  private static PyException concat(PyValue a, PyValue b) {
    return PyException.type(
        "can only concatenate " + a.typeName() + " (not \"" + b.typeName() + "\") to "
            + a.typeName());
  }

  private static PyValue repeat(ObjectSpace space, PyValue seq, long times) {
    long n = Math.max(0, times);
    if (seq instanceof PyStr) {
      String s = ((PyStr) seq).value;
      if (s.isEmpty()) {
        n = 0; // "" * n is "" for any n; keeps (int) n below in range
      }
      checkSize(times(s.length(), n));
      return space.newStr(s.repeat((int) n));
    }
    List<PyValue> items = ObjectSpace.items(seq);
    if (items.isEmpty()) {
      n = 0;
    }
    checkSize(times(items.size(), n));
    ArrayList<PyValue> out = new ArrayList<>((int) (items.size() * n));
    for (long i = 0; i < n; i++) {
      out.addAll(items);
    }
    return newSharing(space, out, seq instanceof PyTuple);
  }

  /** A new list or tuple over items it does not own yet: take a reference to each. */
  private static PyValue newSharing(ObjectSpace space, ArrayList<PyValue> items, boolean tuple) {
    if (tuple) {
      PyValue[] array = items.toArray(new PyValue[0]);
      for (PyValue item : array) {
        PyValue.incRef(item);
      }
      return space.newTuple(array);
    }
    PyValue list = space.newList(new ArrayList<>());
    for (PyValue item : items) {
      PyValue.incRef(item);
    }
    ((PyList) list).addAll(items);
    return list;
  }

  private static long times(long length, long n) {
    try {
      return Math.multiplyExact(length, n);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  static void checkSize(long size) {
    if (size > ObjectSpace.MAX_SIZE) {
      throw new PyException(
          "MemoryError", "result of " + size + " items is over the limit of " + ObjectSpace.MAX_SIZE);
    }
  }

  /** A comparison for the types that are not both ints. */
  static boolean compare(CompareOp op, PyValue l, PyValue r) {
    return compare(op, l, r, 0);
  }

  private static boolean compare(CompareOp op, PyValue a, PyValue b, int depth) {
    switch (op) {
      case EQ:
        return ObjectSpace.equal(a, b, depth);
      case NE:
        return !ObjectSpace.equal(a, b, depth);
      default:
        break;
    }
    int c;
    if (Numbers.isNumber(a) && Numbers.isNumber(b)) {
      c = Numbers.compare(a, b);
      if (c == Integer.MIN_VALUE) {
        return false; // NaN: unordered
      }
    } else if (a instanceof PyStr && b instanceof PyStr) {
      c = Strings.compare(((PyStr) a).value, ((PyStr) b).value);
    } else if (a instanceof PyList && b instanceof PyList
        || a instanceof PyTuple && b instanceof PyTuple) {
      if (depth >= ObjectSpace.MAX_NESTING) {
        throw new PyException("RecursionError", "maximum recursion depth exceeded in comparison");
      }
      // Lexicographic: the first items that differ decide, else the lengths.
      List<PyValue> x = ObjectSpace.items(a);
      List<PyValue> y = ObjectSpace.items(b);
      int n = Math.min(x.size(), y.size());
      for (int i = 0; i < n; i++) {
        if (!ObjectSpace.equal(x.get(i), y.get(i), depth + 1)) {
          return compare(op, x.get(i), y.get(i), depth + 1);
        }
      }
      c = Integer.compare(x.size(), y.size());
    } else {
      throw PyException.type(
          "'" + op.symbol() + "' not supported between instances of '" + a.typeName() + "' and '"
              + b.typeName() + "'");
    }
    switch (op) {
      case LT:
        return c < 0;
      case LE:
        return c <= 0;
      case GT:
        return c > 0;
      default:
        return c >= 0;
    }
  }

  /**
   * {@code target.append(v)}: the list takes over the caller's reference to {@code v}. The
   * append itself is atomic (the list's own lock); the cycle check before it is not, so under
   * {@code none} two threads appending two lists into each other at once could still make a
   * cycle, which the heap would report as a leak at close.
   */
  static void listAppend(PyValue target, PyValue v) {
    PyValue t = target;
    if (!(t instanceof PyList)) {
      throw PyException.type("LIST_APPEND needs a list, got '" + t.typeName() + "'");
    }
    PyList list = (PyList) t;
    checkSize(list.size() + 1L);
    if (ObjectSpace.reaches(v, target)) {
      throw new PyException(
          "ValueError",
          "appending would make a list contain itself: reference counting cannot free a cycle");
    }
    if (!list.appendIfBelow(v, ObjectSpace.MAX_SIZE)) {
      checkSize(ObjectSpace.MAX_SIZE + 1L); // another thread filled it meanwhile
    }
  }
}

package dev.gillab.gil.internal;

import dev.gillab.gil.BinaryOp;
import dev.gillab.gil.CompareOp;
import java.util.ArrayList;
import java.util.List;

/** The slow paths of the operators: everything but int with int. Called with the GIL held. */
final class Ops {
  private Ops() {}

  /** {@code l op r} for the types that are not both ints; answers a new reference. */
  static PyValue binary(ObjectSpace space, BinaryOp op, PyValue l, PyValue r) {
    PyValue a = l;
    PyValue b = r;
    BinaryOp plain = op.plain();
    if (plain == BinaryOp.ADD) {
      if (a instanceof PyStr && b instanceof PyStr) {
        String x = ((PyStr) a).value;
        String y = ((PyStr) b).value;
        checkSize((long) x.length() + y.length());
        return space.newStr(x.concat(y));
      }
      if (a instanceof PyList && b instanceof PyList) {
        List<PyValue> x = ((PyList) a).snapshot();
        List<PyValue> y = ((PyList) b).snapshot();
        checkSize((long) x.size() + y.size());
        ArrayList<PyValue> items = new ArrayList<>(x.size() + y.size());
        items.addAll(x);
        items.addAll(y);
        return newListSharing(space, items);
      }
    } else if (plain == BinaryOp.MULTIPLY) {
      if (b instanceof PyInt && (a instanceof PyStr || a instanceof PyList)) {
        return repeat(space, a, ((PyInt) b).value);
      }
      if (a instanceof PyInt && (b instanceof PyStr || b instanceof PyList)) {
        return repeat(space, b, ((PyInt) a).value);
      }
    }
    throw PyException.type(
        "unsupported operand type(s) for " + op.symbol() + ": '" + a.typeName() + "' and '"
            + b.typeName() + "'");
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
    List<PyValue> items = ((PyList) seq).snapshot();
    if (items.isEmpty()) {
      n = 0;
    }
    checkSize(times(items.size(), n));
    ArrayList<PyValue> out = new ArrayList<>((int) (items.size() * n));
    for (long i = 0; i < n; i++) {
      out.addAll(items);
    }
    return newListSharing(space, out);
  }

  /** A new list over items it does not own yet: take a reference to each. */
  private static PyValue newListSharing(ObjectSpace space, ArrayList<PyValue> items) {
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

  private static void checkSize(long size) {
    if (size > ObjectSpace.MAX_SIZE) {
      throw new PyException(
          "MemoryError", "result of " + size + " items is over the limit of " + ObjectSpace.MAX_SIZE);
    }
  }

  /** A comparison for the types that are not both ints. */
  static boolean compare(CompareOp op, PyValue l, PyValue r) {
    switch (op) {
      case EQ:
        return ObjectSpace.equal(l, r, 0);
      case NE:
        return !ObjectSpace.equal(l, r, 0);
      default:
        break;
    }
    PyValue a = l;
    PyValue b = r;
    int c;
    if (a instanceof PyInt && b instanceof PyInt) {
      c = Long.compare(((PyInt) a).value, ((PyInt) b).value);
    } else if (a instanceof PyStr && b instanceof PyStr) {
      c = ((PyStr) a).value.compareTo(((PyStr) b).value);
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

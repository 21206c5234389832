package dev.gillab.gil.internal;

import dev.gillab.gil.BinaryOp;
import dev.gillab.gil.CompareOp;
import java.util.ArrayList;
import java.util.List;

/**
 * The slow paths of the operators: everything but int with int. Called with the GIL held.
 *
 * <p>An operator on sequences does work in proportion to its operands: it charges that work to the
 * thread's instruction budget ({@link ThreadState#charge}) and checks that its result fits the
 * heap's byte budget before it builds it, so neither a repeat nor a comparison of huge operands
 * outruns the budgets inside one instruction.
 */
final class Ops {
  private Ops() {}

  /** {@code l op r} for any operands; answers a new reference. */
  @SuppressWarnings("EnumOrdinal") // the int fast path numbers operators as BINARY_OP's argument
  static PyValue binaryAny(ObjectSpace space, ThreadState ts, BinaryOp op, PyValue l, PyValue r) {
    if (l instanceof PyInt li && r instanceof PyInt ri && op.plain() != BinaryOp.TRUE_DIVIDE) {
      return space.newInt(EvalLoop.arith(op.ordinal(), li.value, ri.value));
    }
    return binary(space, ts, op, l, r);
  }

  /**
   * {@code l op r} for the types that are not both ints (or true division of ints); answers a new
   * reference.
   */
  static PyValue binary(ObjectSpace space, ThreadState ts, BinaryOp op, PyValue l, PyValue r) {
    PyValue a = l;
    PyValue b = r;
    BinaryOp plain = op.plain();
    if (Numbers.isNumber(a) && Numbers.isNumber(b)) {
      return Numbers.arith(space, plain, a, b);
    }
    if (a instanceof PyList pyList && op != plain) {
      if (op == BinaryOp.INPLACE_ADD) {
        return extendInPlace(space, ts, pyList, b);
      }
      if (op == BinaryOp.INPLACE_MULTIPLY && b instanceof PyInt pyInt) {
        return repeatInPlace(space, ts, pyList, pyInt.value);
      }
    }
    if (plain == BinaryOp.ADD) {
      if (a instanceof PyStr as) {
        if (!(b instanceof PyStr bs)) {
          throw concat(a, b);
        }
        String x = as.value;
        String y = bs.value;
        long length = (long) x.length() + y.length();
        checkSize(length);
        ts.chargeChars(length);
        space.checkStrRoom(length);
        return space.newStr(x.concat(y));
      }
      if (a instanceof PyList || a instanceof PyTuple) {
        if (a.getClass() != b.getClass()) {
          throw concat(a, b);
        }
        List<PyValue> x = ObjectSpace.items(a);
        List<PyValue> y = ObjectSpace.items(b);
        long size = (long) x.size() + y.size();
        checkSize(size);
        ts.charge(size);
        space.checkSlotsRoom(size);
        ArrayList<PyValue> items = new ArrayList<>(x.size() + y.size());
        items.addAll(x);
        items.addAll(y);
        return newSharing(space, items, a instanceof PyTuple);
      }
    } else if (plain == BinaryOp.MULTIPLY) {
      if (b instanceof PyInt pyInt && isSequence(a)) {
        return repeat(space, ts, a, pyInt.value);
      }
      if (a instanceof PyInt pyInt && isSequence(b)) {
        return repeat(space, ts, b, pyInt.value);
      }
      if (isSequence(a) || isSequence(b)) {
        throw PyException.type(
            "can't multiply sequence by non-int of type '"
                + (isSequence(a) ? b : a).typeName()
                + "'");
      }
    }
    throw PyException.type(
        "unsupported operand type(s) for "
            + op.symbol()
            + ": '"
            + a.typeName()
            + "' and '"
            + b.typeName()
            + "'");
  }

  /**
   * {@code xs += it} on a list: extends it in place (any iterable) and answers the same list, so
   * every name for it sees the change, as in CPython.
   */
  private static PyValue extendInPlace(ObjectSpace space, ThreadState ts, PyList list, PyValue it) {
    List<PyValue> items;
    try {
      items = Iteration.items(space, ts, it);
    } catch (PyException e) {
      if (e.kind().equals("TypeError")) {
        throw PyException.type("'" + it.typeName() + "' object is not iterable");
      }
      throw e;
    }
    try {
      checkSize((long) list.size() + items.size());
      for (PyValue v : items) {
        if (ObjectSpace.reaches(ts, v, list)) {
          throw new PyException(
              "ValueError",
              "appending would make a list contain itself: reference counting cannot free a cycle");
        }
      }
      list.addAll(items);
    } catch (RuntimeException e) {
      Iteration.release(items);
      throw e;
    }
    PyValue.incRef(list);
    return list;
  }

  /** {@code xs *= n} on a list: repeats it in place and answers the same list. */
  private static PyValue repeatInPlace(ObjectSpace space, ThreadState ts, PyList list, long times) {
    List<PyValue> items = list.snapshot();
    long n = items.isEmpty() ? 0 : Math.max(0, times);
    long size = times(items.size(), n);
    checkSize(size);
    ts.charge(size);
    space.checkSlotsRoom(size);
    List<PyValue> more = new ArrayList<>();
    for (long i = 1; i < n; i++) {
      more.addAll(items);
    }
    more.forEach(PyValue::incRef);
    if (n == 0) {
      list.takeAll().forEach(PyValue::decRef);
    } else {
      try {
        list.addAll(more);
      } catch (RuntimeException e) {
        Iteration.release(more);
        throw e;
      }
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
        "can only concatenate "
            + a.typeName()
            + " (not \""
            + b.typeName()
            + "\") to "
            + a.typeName());
  }

  private static PyValue repeat(ObjectSpace space, ThreadState ts, PyValue seq, long times) {
    long n = Math.max(0, times);
    if (seq instanceof PyStr pyStr) {
      String s = pyStr.value;
      if (s.isEmpty()) {
        n = 0; // "" * n is "" for any n; keeps (int) n below in range
      }
      long length = times(s.length(), n);
      checkSize(length);
      ts.chargeChars(length);
      space.checkStrRoom(length);
      return space.newStr(s.repeat((int) n));
    }
    List<PyValue> items = ObjectSpace.items(seq);
    if (items.isEmpty()) {
      n = 0;
    }
    long size = times(items.size(), n);
    checkSize(size);
    ts.charge(size);
    space.checkSlotsRoom(size);
    ArrayList<PyValue> out = new ArrayList<>((int) size);
    for (long i = 0; i < n; i++) {
      out.addAll(items);
    }
    return newSharing(space, out, seq instanceof PyTuple);
  }

  /**
   * A new list or tuple over items it does not own yet: take a reference to each, which the new
   * object takes over (and releases if it cannot be allocated).
   */
  @SuppressWarnings("NonApiType") // a list takes it over as its storage: mutable, not copied
  private static PyValue newSharing(ObjectSpace space, ArrayList<PyValue> items, boolean tuple) {
    for (PyValue item : items) {
      PyValue.incRef(item);
    }
    return tuple ? space.newTuple(items.toArray(new PyValue[0])) : space.newList(items);
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
          "MemoryError",
          "result of " + size + " items is over the limit of " + ObjectSpace.MAX_SIZE);
    }
  }

  /** A comparison for the types that are not both ints; the work is charged to {@code ts}. */
  static boolean compare(ThreadState ts, CompareOp op, PyValue l, PyValue r) {
    return compare(ts, op, l, r, 0);
  }

  private static boolean compare(ThreadState ts, CompareOp op, PyValue a, PyValue b, int depth) {
    switch (op) {
      case EQ -> {
        return ObjectSpace.equal(ts, a, b, depth);
      }
      case NE -> {
        return !ObjectSpace.equal(ts, a, b, depth);
      }
      default -> {}
    }
    int c;
    if (Numbers.isNumber(a) && Numbers.isNumber(b)) {
      c = Numbers.compare(a, b);
      if (c == Integer.MIN_VALUE) {
        return false; // NaN: unordered
      }
    } else if (a instanceof PyStr as && b instanceof PyStr bs) {
      String x = as.value;
      String y = bs.value;
      ts.chargeChars(Math.min(x.length(), y.length()));
      c = Strings.compare(x, y);
    } else if ((a instanceof PyList && b instanceof PyList)
        || (a instanceof PyTuple && b instanceof PyTuple)) {
      if (depth >= ObjectSpace.MAX_NESTING) {
        throw new PyException("RecursionError", "maximum recursion depth exceeded in comparison");
      }
      // Lexicographic: the first items that differ decide, else the lengths.
      List<PyValue> x = ObjectSpace.items(a);
      List<PyValue> y = ObjectSpace.items(b);
      int n = Math.min(x.size(), y.size());
      for (int i = 0; i < n; i++) {
        ts.charge(1);
        if (!ObjectSpace.equal(ts, x.get(i), y.get(i), depth + 1)) {
          return compare(ts, op, x.get(i), y.get(i), depth + 1);
        }
      }
      c = Integer.compare(x.size(), y.size());
    } else {
      throw PyException.type(
          "'"
              + op.symbol()
              + "' not supported between instances of '"
              + a.typeName()
              + "' and '"
              + b.typeName()
              + "'");
    }
    return switch (op) {
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      default -> c >= 0;
    };
  }

  /**
   * {@code target.append(v)}: the list takes over the caller's reference to {@code v}. The append
   * itself is atomic (the list's own lock); the cycle check before it is not, so under {@code none}
   * two threads appending two lists into each other at once could still make a cycle, which the
   * heap would report as a leak at close.
   */
  static void listAppend(ThreadState ts, PyValue target, PyValue v) {
    PyValue t = target;
    if (!(t instanceof PyList list)) {
      throw PyException.type("LIST_APPEND needs a list, got '" + t.typeName() + "'");
    }
    checkSize(list.size() + 1L);
    if (ObjectSpace.reaches(ts, v, target)) {
      throw new PyException(
          "ValueError",
          "appending would make a list contain itself: reference counting cannot free a cycle");
    }
    if (!list.appendIfBelow(v, ObjectSpace.MAX_SIZE)) {
      checkSize(ObjectSpace.MAX_SIZE + 1L); // another thread filled it meanwhile
    }
  }
}

package dev.gillab.gil.internal;

import com.google.common.collect.ImmutableMap;
import dev.gillab.gil.BinaryOp;
import dev.gillab.gil.CompareOp;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The builtins Python code reaches by name ({@code LOAD_GLOBAL} falls back to them): print, len,
 * range, str, int, float, list, tuple, bool, repr, abs, min, max, sum, sorted. Each borrows its
 * arguments and answers a new reference, with CPython's results and error wording.
 */
final class PyBuiltins {
  private PyBuiltins() {}

  static ImmutableMap<String, PyValue> create(ObjectSpace space) {
    ImmutableMap.Builder<String, PyValue> b = ImmutableMap.builder();
    fn(b, space, "print", PyBuiltins::print);
    fn(b, space, "len", (rt, ts, a) -> rt.space().newInt(len(a.exactly(1).get(0))));
    fn(
        b,
        space,
        "repr",
        (rt, ts, a) -> rt.space().newStr(rt.space().repr(ts, a.exactly(1).get(0))));
    fn(b, space, "abs", (rt, ts, a) -> abs(rt.space(), a.exactly(1).get(0)));
    fn(b, space, "min", (rt, ts, a) -> minMax(rt, ts, a, CompareOp.LT));
    fn(b, space, "max", (rt, ts, a) -> minMax(rt, ts, a, CompareOp.GT));
    fn(b, space, "sum", PyBuiltins::sum);
    fn(b, space, "sorted", PyBuiltins::sorted);
    type(b, space, "range", PyBuiltins::range);
    type(b, space, "str", PyBuiltins::str);
    type(b, space, "int", PyBuiltins::toInt);
    type(b, space, "float", PyBuiltins::toFloat);
    type(
        b,
        space,
        "bool",
        (rt, ts, a) -> {
          a.noKeywords().between(0, 1);
          return rt.space().bool(a.size() == 1 && ObjectSpace.truthy(a.get(0)));
        });
    type(
        b,
        space,
        "list",
        (rt, ts, a) -> {
          a.noKeywords().between(0, 1);
          return rt.space()
              .newList(
                  a.size() == 0 ? new ArrayList<>() : Iteration.items(rt.space(), ts, a.get(0)));
        });
    type(
        b,
        space,
        "tuple",
        (rt, ts, a) -> {
          a.noKeywords().between(0, 1);
          if (a.size() == 1 && a.get(0) instanceof PyTuple) {
            PyValue.incRef(a.get(0));
            return a.get(0);
          }
          List<PyValue> items =
              a.size() == 0 ? List.of() : Iteration.items(rt.space(), ts, a.get(0));
          return rt.space().newTuple(items.toArray(new PyValue[0]));
        });
    return b.build();
  }

  private static void fn(
      ImmutableMap.Builder<String, PyValue> b,
      ObjectSpace space,
      String name,
      PyBuiltinFunction.Body body) {
    b.put(name, space.immortal(PyBuiltinFunction.function(name, body)));
  }

  private static void type(
      ImmutableMap.Builder<String, PyValue> b,
      ObjectSpace space,
      String name,
      PyBuiltinFunction.Body body) {
    b.put(name, space.immortal(PyBuiltinFunction.type(name, name, body)));
  }

  /** {@code print(*args, sep=' ', end='\n')}, through the interpreter's out stream. */
  private static PyValue print(PyRuntime rt, ThreadState ts, Args a) {
    a.keywords("sep", "end", "flush");
    String sep = sepOrEnd(a.keyword("sep"), "sep", " ");
    String end = sepOrEnd(a.keyword("end"), "end", "\n");
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < a.size(); i++) {
      if (i > 0) {
        line.append(sep);
      }
      line.append(rt.space().str(ts, a.get(i)));
    }
    line.append(end);
    rt.out().print(line);
    if (a.keyword("flush") != null && ObjectSpace.truthy(a.keyword("flush"))) {
      rt.out().flush();
    }
    return rt.space().none();
  }

  private static String sepOrEnd(@Nullable PyValue v, String what, String dflt) {
    if (v == null || v instanceof PyNone) {
      return dflt;
    }
    if (!(v instanceof PyStr pyStr)) {
      throw PyException.type(what + " must be None or a string, not " + v.typeName());
    }
    return pyStr.value;
  }

  static long len(PyValue v) {
    if (v instanceof PyStr pyStr) {
      return pyStr.length();
    }
    if (v instanceof PyList pyList) {
      return pyList.size();
    }
    if (v instanceof PyTuple pyTuple) {
      return pyTuple.items.length;
    }
    if (v instanceof PyRange pyRange) {
      return pyRange.length;
    }
    throw PyException.type("object of type '" + v.typeName() + "' has no len()");
  }

  private static PyValue abs(ObjectSpace space, PyValue v) {
    if (v instanceof PyInt pyInt) {
      long x = pyInt.value;
      if (x == Long.MIN_VALUE) {
        throw new PyException("OverflowError", "int result does not fit in 64 bits");
      }
      return space.newInt(Math.abs(x));
    }
    if (v instanceof PyFloat pyFloat) {
      return space.newFloat(Math.abs(pyFloat.value));
    }
    throw PyException.type("bad operand type for abs(): '" + v.typeName() + "'");
  }

  private static PyValue range(PyRuntime rt, ThreadState ts, Args a) {
    a.noKeywords().between(1, 3);
    long start = 0;
    long step = 1;
    long stop;
    if (a.size() == 1) {
      stop = Convert.index(a.get(0));
    } else {
      start = Convert.index(a.get(0));
      stop = Convert.index(a.get(1));
      if (a.size() == 3) {
        step = Convert.index(a.get(2));
        if (step == 0) {
          throw new PyException("ValueError", "range() arg 3 must not be zero");
        }
      }
    }
    return rt.space().mortal(new PyRange(start, stop, step));
  }

  private static PyValue str(PyRuntime rt, ThreadState ts, Args a) {
    a.noKeywords().between(0, 1);
    if (a.size() == 0) {
      return rt.space().newStr("");
    }
    PyValue v = a.get(0);
    if (v instanceof PyStr) {
      PyValue.incRef(v);
      return v;
    }
    return rt.space().newStr(rt.space().str(ts, v));
  }

  private static PyValue toInt(PyRuntime rt, ThreadState ts, Args a) {
    a.noKeywords().between(0, 2);
    if (a.size() == 0) {
      return rt.space().newInt(0);
    }
    PyValue v = a.get(0);
    if (a.size() == 2) {
      if (!(v instanceof PyStr pyStr)) {
        throw PyException.type("int() can't convert non-string with explicit base");
      }
      long base = Convert.index(a.get(1));
      if (base != 0 && (base < 2 || base > 36)) {
        throw new PyException("ValueError", "int() base must be >= 2 and <= 36, or 0");
      }
      return rt.space().newInt(Convert.parseInt(pyStr.value, (int) base));
    }
    if (v instanceof PyInt pyInt) {
      return rt.space().newInt(pyInt.value);
    }
    if (v instanceof PyFloat pyFloat) {
      double d = pyFloat.value;
      if (Double.isNaN(d)) {
        throw new PyException("ValueError", "cannot convert float NaN to integer");
      }
      if (Double.isInfinite(d)) {
        throw new PyException("OverflowError", "cannot convert float infinity to integer");
      }
      if (d >= 0x1p63 || d < -0x1p63) {
        throw new PyException("OverflowError", "int result does not fit in 64 bits");
      }
      return rt.space().newInt((long) d);
    }
    if (v instanceof PyStr pyStr) {
      return rt.space().newInt(Convert.parseInt(pyStr.value, 10));
    }
    throw PyException.type(
        "int() argument must be a string, a bytes-like object or a real number, not '"
            + v.typeName()
            + "'");
  }

  private static PyValue toFloat(PyRuntime rt, ThreadState ts, Args a) {
    a.noKeywords().between(0, 1);
    if (a.size() == 0) {
      return rt.space().newFloat(0.0);
    }
    PyValue v = a.get(0);
    if (v instanceof PyFloat) {
      PyValue.incRef(v);
      return v;
    }
    if (v instanceof PyInt pyInt) {
      return rt.space().newFloat((double) pyInt.value); // float(int) rounds, as in CPython
    }
    if (v instanceof PyStr pyStr) {
      return rt.space().newFloat(Floats.parse(pyStr.value));
    }
    throw PyException.type(
        "float() argument must be a string or a real number, not '" + v.typeName() + "'");
  }

  /** {@code min}/{@code max} of an iterable or of the arguments, with key= and default=. */
  private static PyValue minMax(PyRuntime rt, ThreadState ts, Args a, CompareOp better) {
    String name = better == CompareOp.LT ? "min" : "max";
    a.keywords("key", "default");
    if (a.size() == 0) {
      throw PyException.type(name + " expected at least 1 argument, got 0");
    }
    PyValue key = a.keyword("key");
    if (key instanceof PyNone) {
      key = null;
    }
    PyValue dflt = a.keyword("default");
    if (dflt != null && a.size() > 1) {
      throw PyException.type(
          "Cannot specify a default for " + name + "() with multiple positional arguments");
    }
    List<PyValue> items;
    if (a.size() == 1) {
      items = Iteration.items(rt.space(), ts, a.get(0));
    } else {
      items = new ArrayList<>(List.of(a.all()));
      items.forEach(PyValue::incRef);
    }
    PyValue best = null;
    PyValue bestKey = null;
    try {
      if (items.isEmpty()) {
        if (dflt != null) {
          PyValue.incRef(dflt);
          return dflt;
        }
        throw new PyException("ValueError", name + "() arg is an empty sequence");
      }
      for (PyValue item : items) {
        PyValue k = key == null ? item : rt.call(ts, key, item);
        if (key == null) {
          PyValue.incRef(k);
        }
        boolean wins;
        try {
          wins = best == null || Ops.compare(ts, better, k, bestKey);
        } catch (RuntimeException e) {
          PyValue.decRef(k);
          throw e;
        }
        if (wins) {
          if (bestKey != null) {
            PyValue.decRef(bestKey);
          }
          best = item;
          bestKey = k;
        } else {
          PyValue.decRef(k);
        }
      }
      PyValue.incRef(best);
      return best;
    } finally {
      if (bestKey != null) {
        PyValue.decRef(bestKey);
      }
      Iteration.release(items);
    }
  }

  private static PyValue sum(PyRuntime rt, ThreadState ts, Args a) {
    a.keywords("start").between(1, 2);
    PyValue start = a.get(1, "start");
    if (start instanceof PyStr) {
      throw PyException.type("sum() can't sum strings [use ''.join(seq) instead]");
    }
    List<PyValue> items = Iteration.items(rt.space(), ts, a.get(0));
    PyValue total = start == null ? rt.space().newInt(0) : start;
    if (start != null) {
      PyValue.incRef(total);
    }
    try {
      for (PyValue item : items) {
        PyValue next = Ops.binaryAny(rt.space(), ts, BinaryOp.ADD, total, item);
        PyValue.decRef(total);
        total = next;
      }
      PyValue result = total;
      total = null;
      return result;
    } finally {
      if (total != null) {
        PyValue.decRef(total);
      }
      Iteration.release(items);
    }
  }

  private static PyValue sorted(PyRuntime rt, ThreadState ts, Args a) {
    a.keywords("key", "reverse");
    if (a.size() != 1) {
      throw PyException.type("sorted expected 1 argument, got " + a.size());
    }
    ArrayList<PyValue> items = Iteration.items(rt.space(), ts, a.get(0));
    try {
      Sorting.sort(rt, ts, items, a.keyword("key"), a.keyword("reverse"));
    } catch (RuntimeException e) {
      Iteration.release(items);
      throw e;
    }
    return rt.space().newList(items);
  }
}

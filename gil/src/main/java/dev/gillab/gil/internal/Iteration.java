package dev.gillab.gil.internal;

import java.util.ArrayList;

/** Iterators and iterating from Java: what {@code GET_ITER}, {@code list(x)} and the like use. */
final class Iteration {
  private Iteration() {}

  /** {@code iter(v)} as a new reference; TypeError {@code 'int' object is not iterable}. */
  static PyValue iter(ObjectSpace space, PyValue v) {
    if (v instanceof PyList || v instanceof PyTuple || v instanceof PyStr) {
      PyValue.incRef(v);
      return space.container(new PySeqIterator(v));
    }
    if (v instanceof PyRange) {
      return space.mortal(new PyRangeIterator((PyRange) v));
    }
    if (v instanceof PyIterator) {
      PyValue.incRef(v);
      return v;
    }
    throw PyException.type("'" + v.typeName() + "' object is not iterable");
  }

  /**
   * Every item of {@code v}, each a new reference the caller must release; on an error, what
   * was taken so far is released.
   */
  static ArrayList<PyValue> items(ObjectSpace space, PyValue v) {
    if (v instanceof PyList || v instanceof PyTuple) {
      ArrayList<PyValue> out = new ArrayList<>(ObjectSpace.items(v));
      out.forEach(PyValue::incRef);
      return out;
    }
    PyValue it = iter(space, v);
    ArrayList<PyValue> out = new ArrayList<>();
    try {
      PyValue item;
      while ((item = ((PyIterator) it).next(space)) != null) {
        out.add(item);
        if (out.size() > ObjectSpace.MAX_SIZE) {
          throw new PyException(
              "MemoryError", "more than " + ObjectSpace.MAX_SIZE + " items");
        }
      }
    } catch (RuntimeException e) {
      release(out);
      throw e;
    } finally {
      PyValue.decRef(it);
    }
    return out;
  }

  static void release(Iterable<PyValue> values) {
    for (PyValue v : values) {
      PyValue.decRef(v);
    }
  }
}

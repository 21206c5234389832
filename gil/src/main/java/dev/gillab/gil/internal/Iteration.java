package dev.gillab.gil.internal;

import java.util.ArrayList;
import java.util.List;

/** Iterators and iterating from Java: what {@code GET_ITER}, {@code list(x)} and the like use. */
final class Iteration {
  private Iteration() {}

  /** {@code iter(v)} as a new reference; TypeError {@code 'int' object is not iterable}. */
  static PyValue iter(ObjectSpace space, PyValue v) {
    if (v instanceof PyList || v instanceof PyTuple || v instanceof PyStr) {
      PyValue.incRef(v);
      return space.container(new PySeqIterator(v));
    }
    if (v instanceof PyRange pyRange) {
      return space.mortal(new PyRangeIterator(pyRange));
    }
    if (v instanceof PyIterator) {
      PyValue.incRef(v);
      return v;
    }
    throw PyException.type("'" + v.typeName() + "' object is not iterable");
  }

  /**
   * Every item of {@code v}, each a new reference the caller must release; on an error, what was
   * taken so far is released. Each item is charged to {@code ts}; a range or a str, whose length is
   * known, is checked against the size limit and the room left in the byte budget before the first
   * item is made.
   */
  @SuppressWarnings("NonApiType") // a new list of the caller's, fit to be a PyList's storage
  static ArrayList<PyValue> items(ObjectSpace space, ThreadState ts, PyValue v) {
    if (v instanceof PyList || v instanceof PyTuple) {
      List<PyValue> items = ObjectSpace.items(v);
      ts.charge(items.size());
      space.checkSlotsRoom(items.size());
      ArrayList<PyValue> out = new ArrayList<>(items);
      out.forEach(PyValue::incRef);
      return out;
    }
    if (v instanceof PyRange pyRange && pyRange.length > ObjectSpace.MAX_SIZE) {
      throw tooMany();
    }
    long known =
        v instanceof PyRange pyRange
            ? pyRange.length
            : v instanceof PyStr pyStr ? pyStr.value.length() : 0;
    if (known > 0) {
      // Each item is a new object too (an int, or a str of one code point).
      space.memory().checkRoom(Memory.slots(known) + known * Memory.str(2));
    }
    PyValue it = iter(space, v);
    ArrayList<PyValue> out = new ArrayList<>();
    try {
      PyValue item;
      while ((item = ((PyIterator) it).next(space)) != null) {
        out.add(item);
        ts.charge(1);
        if (out.size() > ObjectSpace.MAX_SIZE) {
          throw tooMany();
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

  private static PyException tooMany() {
    return new PyException("MemoryError", "more than " + ObjectSpace.MAX_SIZE + " items");
  }

  static void release(Iterable<PyValue> values) {
    for (PyValue v : values) {
      PyValue.decRef(v);
    }
  }
}

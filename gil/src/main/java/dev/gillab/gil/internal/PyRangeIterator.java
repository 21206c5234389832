package dev.gillab.gil.internal;

import org.jspecify.annotations.Nullable;

/** Iterates a range: a position, no references. */
public final class PyRangeIterator extends PyIterator {
  private final PyRange range;
  private long index;

  PyRangeIterator(PyRange range) {
    this.range = range; // the numbers are copied out; the range object is not needed
  }

  @Override
  @Nullable PyValue next(ObjectSpace space) {
    if (index >= range.length) {
      return null;
    }
    return space.newInt(range.at(index++));
  }

  @Override
  public String typeName() {
    return "range_iterator";
  }
}

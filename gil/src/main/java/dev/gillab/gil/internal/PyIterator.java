package dev.gillab.gil.internal;

import org.jspecify.annotations.Nullable;

/**
 * An iterator, what {@code GET_ITER} makes and {@code FOR_ITER} advances. Iterating an iterator
 * gives itself, as in Python.
 */
public abstract class PyIterator extends PyValue {
  PyIterator() {
    super(false);
  }

  /** The next item as a new reference, or null when exhausted. Called with the GIL held. */
  abstract @Nullable PyValue next(ObjectSpace space);

  /** CPython's form, with {@link #address()} for the address. */
  @Override
  public String toString() {
    return "<" + typeName() + " object at " + address() + ">";
  }
}

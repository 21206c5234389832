package dev.gillab.gil.internal;

/**
 * What a heap object of the interpreter holds. The heap object carries the reference count;
 * this carries the Python value. Not thread-safe: guarded by the GIL.
 */
public abstract class PyValue {
  PyValue() {}

  /** The Python type name, as error messages print it: int, bool, str, list, NoneType. */
  public abstract String typeName();
}

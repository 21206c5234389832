package dev.gillab.gil.internal;

/**
 * An int (64-bit here; CPython's are unbounded) or a bool (an int that prints as True/False, as in
 * Python). The value is mutable only for the eval loop's in-place reuse, which happens only when
 * the eval loop holds the sole other reference; to everyone else an int never changes.
 */
public final class PyInt extends PyValue {
  long value;
  private final boolean bool;

  PyInt(long value, boolean bool, boolean immortal) {
    super(immortal);
    this.value = value;
    this.bool = bool;
  }

  public long value() {
    return value;
  }

  public boolean isBool() {
    return bool;
  }

  @Override
  public String typeName() {
    return bool ? "bool" : "int";
  }

  @Override
  public String toString() {
    return bool ? (value != 0 ? "True" : "False") : Long.toString(value);
  }
}

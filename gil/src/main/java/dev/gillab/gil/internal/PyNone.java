package dev.gillab.gil.internal;

/** The value of None. One per interpreter, held by an immortal heap object. */
public final class PyNone extends PyValue {
  PyNone() {
    super(true);
  }

  @Override
  public String typeName() {
    return "NoneType";
  }

  @Override
  public String toString() {
    return "None";
  }
}

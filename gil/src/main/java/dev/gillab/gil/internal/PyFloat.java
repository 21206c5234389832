package dev.gillab.gil.internal;

/** A float: a Java double, printed as CPython prints it ({@link Floats#repr}). Immutable. */
public final class PyFloat extends PyValue {
  final double value;

  PyFloat(double value) {
    super(false);
    this.value = value;
  }

  public double value() {
    return value;
  }

  @Override
  public String typeName() {
    return "float";
  }

  @Override
  public String toString() {
    return Floats.repr(value);
  }
}

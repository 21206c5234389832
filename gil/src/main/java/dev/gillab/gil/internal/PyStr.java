package dev.gillab.gil.internal;

/** A str. Immutable. */
public final class PyStr extends PyValue {
  final String value;

  PyStr(String value) {
    super(false);
    this.value = value;
  }

  public String value() {
    return value;
  }

  @Override
  public String typeName() {
    return "str";
  }

  @Override
  public String toString() {
    return value;
  }
}

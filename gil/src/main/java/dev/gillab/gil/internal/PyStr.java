package dev.gillab.gil.internal;

/**
 * A str: immutable text, a sequence of code points. Its length in code points is counted once, on
 * first use, so indexing in a loop does not recount it every time.
 */
public final class PyStr extends PyValue {
  final String value;

  /** Code points, or -1 until first asked; a benign race under free threading (same answer). */
  private int length = -1;

  PyStr(String value) {
    super(false);
    this.value = value;
  }

  public String value() {
    return value;
  }

  /** {@code len(s)}: code points, not UTF-16 units. */
  int length() {
    int n = length;
    if (n < 0) {
      n = Strings.length(value);
      length = n;
    }
    return n;
  }

  @Override
  long footprint() {
    return Memory.str(value.length());
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

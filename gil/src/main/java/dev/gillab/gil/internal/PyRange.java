package dev.gillab.gil.internal;

/** {@code range(start, stop, step)}: three longs, no items. Immutable. */
public final class PyRange extends PyValue {
  final long start;
  final long stop;
  final long step;
  final long length;

  PyRange(long start, long stop, long step) {
    super(false);
    this.start = start;
    this.stop = stop;
    this.step = step;
    this.length = length(start, stop, step);
  }

  private static long length(long start, long stop, long step) {
    // In 128-bit-safe steps: the span may not fit a long (range(-2**63, 2**63 - 1)).
    java.math.BigInteger span =
        java.math.BigInteger.valueOf(stop).subtract(java.math.BigInteger.valueOf(start));
    java.math.BigInteger s = java.math.BigInteger.valueOf(step);
    if (span.signum() == 0 || span.signum() != s.signum()) {
      return 0;
    }
    java.math.BigInteger n =
        span.subtract(java.math.BigInteger.valueOf(Long.signum(step)))
            .divide(s)
            .add(java.math.BigInteger.ONE);
    if (n.bitLength() > 63) {
      throw new PyException("OverflowError", "Python int too large to convert to C ssize_t");
    }
    return n.longValue();
  }

  /** Item {@code i} (0 ≤ i < length). */
  long at(long i) {
    return start + i * step;
  }

  boolean contains(long v) {
    if (step > 0 ? v < start || v >= stop : v > start || v <= stop) {
      return false;
    }
    return java.math.BigInteger.valueOf(v)
            .subtract(java.math.BigInteger.valueOf(start))
            .mod(java.math.BigInteger.valueOf(step).abs())
            .signum()
        == 0;
  }

  @Override
  public String typeName() {
    return "range";
  }

  @Override
  public String toString() {
    return "range(" + start + ", " + stop + (step == 1 ? ")" : ", " + step + ")");
  }
}

package dev.gillab.gil.internal;

import dev.gillab.gil.BinaryOp;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Arithmetic and comparison where a float is involved, and true division, as CPython does them: an
 * int meeting a float becomes a float; {@code /} always makes a float; floor division and modulo of
 * floats follow {@code float_divmod} (the remainder takes the divisor's sign); comparisons between
 * ints and floats are exact, not through a lossy conversion.
 */
final class Numbers {
  private Numbers() {}

  static boolean isNumber(PyValue v) {
    return v instanceof PyInt || v instanceof PyFloat;
  }

  static double asDouble(PyValue v) {
    return v instanceof PyFloat pyFloat ? pyFloat.value : (double) ((PyInt) v).value;
  }

  /** {@code a / b} for two ints: correctly rounded, as CPython's long true division. */
  static double trueDivide(long a, long b) {
    if (b == 0) {
      throw new PyException("ZeroDivisionError", "division by zero");
    }
    long limit = 1L << 53;
    if (Math.abs(a) <= limit
        && Math.abs(b) <= limit
        && a != Long.MIN_VALUE
        && b != Long.MIN_VALUE) {
      return (double) a / (double) b; // both exact as doubles: one correctly rounded division
    }
    return new BigDecimal(a).divide(new BigDecimal(b), new MathContext(40)).doubleValue();
  }

  /** {@code l op r} where at least one is a float, or {@code /} of two ints. */
  static PyValue arith(ObjectSpace space, BinaryOp plain, PyValue l, PyValue r) {
    if (plain == BinaryOp.TRUE_DIVIDE && l instanceof PyInt li && r instanceof PyInt ri) {
      return space.newFloat(trueDivide(li.value, ri.value));
    }
    double a = asDouble(l);
    double b = asDouble(r);
    switch (plain) {
      case ADD -> {
        return space.newFloat(a + b);
      }
      case SUBTRACT -> {
        return space.newFloat(a - b);
      }
      case MULTIPLY -> {
        return space.newFloat(a * b);
      }
      case TRUE_DIVIDE -> {
        if (b == 0) {
          throw new PyException("ZeroDivisionError", "float division by zero");
        }
        return space.newFloat(a / b);
      }
      case FLOOR_DIVIDE -> {
        if (b == 0) {
          throw new PyException("ZeroDivisionError", "float floor division by zero");
        }
        return space.newFloat(divmod(a, b)[0]);
      }
      default -> {
        if (b == 0) {
          throw new PyException("ZeroDivisionError", "float modulo");
        }
        return space.newFloat(divmod(a, b)[1]);
      }
    }
  }

  /** CPython's {@code _float_div_mod}. */
  private static double[] divmod(double vx, double wx) {
    double mod = vx % wx; // Java's % on doubles is C's fmod
    double div = (vx - mod) / wx;
    if (mod != 0) {
      if ((wx < 0) != (mod < 0)) {
        mod += wx;
        div -= 1.0;
      }
    } else {
      mod = Math.copySign(0.0, wx);
    }
    double floordiv;
    if (div != 0) {
      floordiv = Math.floor(div);
      if (div - floordiv > 0.5) {
        floordiv += 1.0;
      }
    } else {
      floordiv = Math.copySign(0.0, vx / wx);
    }
    return new double[] {floordiv, mod};
  }

  /**
   * Compares two numbers exactly: negative, zero or positive; {@link Integer#MIN_VALUE} when a NaN
   * makes them unordered (every ordering is then false, and {@code ==} too).
   */
  static int compare(PyValue x, PyValue y) {
    if (x instanceof PyInt xi && y instanceof PyInt yi) {
      return Long.compare(xi.value, yi.value);
    }
    if (x instanceof PyFloat xf && y instanceof PyFloat yf) {
      double a = xf.value;
      double b = yf.value;
      if (Double.isNaN(a) || Double.isNaN(b)) {
        return Integer.MIN_VALUE;
      }
      return a < b ? -1 : a > b ? 1 : 0;
    }
    boolean intFirst = x instanceof PyInt;
    long i = ((PyInt) (intFirst ? x : y)).value;
    double f = ((PyFloat) (intFirst ? y : x)).value;
    int c;
    if (Double.isNaN(f)) {
      return Integer.MIN_VALUE;
    } else if (Double.isInfinite(f)) {
      c = f > 0 ? -1 : 1;
    } else {
      c = new BigDecimal(i).compareTo(new BigDecimal(f));
    }
    return intFirst ? c : -c;
  }
}

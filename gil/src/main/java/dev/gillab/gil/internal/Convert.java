package dev.gillab.gil.internal;

import org.jspecify.annotations.Nullable;

/** Reading Java values out of arguments, with CPython's TypeErrors. */
final class Convert {
  private Convert() {}

  /**
   * An int argument (a bool is one); {@code 'float' object cannot be interpreted as an integer}.
   */
  static long index(PyValue v) {
    if (v instanceof PyInt pyInt) {
      return pyInt.value;
    }
    throw PyException.type("'" + v.typeName() + "' object cannot be interpreted as an integer");
  }

  /** A number as seconds or the like: {@code must be real number, not str}. */
  static double real(PyValue v) {
    if (Numbers.isNumber(v)) {
      return Numbers.asDouble(v);
    }
    throw PyException.type("must be real number, not " + v.typeName());
  }

  /** A str argument of {@code function}: {@code join() argument must be str, not int}. */
  static String str(PyValue v, String what) {
    if (v instanceof PyStr pyStr) {
      return pyStr.value;
    }
    throw PyException.type(what + " must be str, not " + v.typeName());
  }

  /** A str or None argument (None: null). */
  static @Nullable String strOrNone(@Nullable PyValue v, String what) {
    if (v == null || v instanceof PyNone) {
      return null;
    }
    if (v instanceof PyStr pyStr) {
      return pyStr.value;
    }
    throw PyException.type(what + " must be str or None, not " + v.typeName());
  }

  /**
   * {@code int(s, base)}: CPython's literal rules (sign, underscores between digits, prefix for
   * base 0).
   */
  static long parseInt(String text, int base) {
    String s = Strings.strip(text, null, true, true);
    String body = s;
    boolean negative = false;
    if (body.startsWith("-") || body.startsWith("+")) {
      negative = body.startsWith("-");
      body = body.substring(1);
    }
    int b = base;
    String lower = body.toLowerCase(java.util.Locale.ROOT);
    if ((b == 16 || b == 0) && lower.startsWith("0x")) {
      b = 16;
      body = body.substring(2);
    } else if ((b == 8 || b == 0) && lower.startsWith("0o")) {
      b = 8;
      body = body.substring(2);
    } else if ((b == 2 || b == 0) && lower.startsWith("0b")) {
      b = 2;
      body = body.substring(2);
    } else if (b == 0) {
      b = 10;
      if (body.length() > 1 && body.replace("_", "").matches("0+[1-9].*")) {
        throw invalid(text, base);
      }
    }
    if (body.startsWith("_") && body.length() > 0 && base != 0 && b == base) {
      throw invalid(text, base);
    }
    if (body.isEmpty()
        || body.endsWith("_")
        || body.contains("__")
        || (body.startsWith("_") && s.length() - body.length() < 2)) {
      throw invalid(text, base);
    }
    java.math.BigInteger value;
    try {
      value = new java.math.BigInteger(body.replace("_", ""), b);
    } catch (NumberFormatException e) {
      throw invalid(text, base);
    }
    if (body.replace("_", "").startsWith("-") || body.replace("_", "").startsWith("+")) {
      throw invalid(text, base);
    }
    if (negative) {
      value = value.negate();
    }
    if (value.bitLength() > 63) {
      throw new PyException("OverflowError", "int result does not fit in 64 bits");
    }
    return value.longValue();
  }

  private static PyException invalid(String text, int base) {
    return new PyException(
        "ValueError", "invalid literal for int() with base " + base + ": " + Repr.str(text));
  }
}

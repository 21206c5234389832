package dev.gillab.gil.internal;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The arguments of a call into a builtin or a method, as they lie on the caller's stack: the
 * positional ones first, then the named ones. The values are borrowed (the caller keeps its
 * references for the length of the call), so reading them costs no count change. The checks raise
 * TypeError with CPython's wording.
 */
final class Args {
  private final String function;
  private final PyValue[] stack;
  private final int base;
  private final int positional;
  private final String @Nullable [] kwNames;

  Args(String function, PyValue[] stack, int base, int argc, String @Nullable [] kwNames) {
    this.function = function;
    this.stack = stack;
    this.base = base;
    this.kwNames = kwNames == null || kwNames.length == 0 ? null : kwNames;
    this.positional = argc - (this.kwNames == null ? 0 : this.kwNames.length);
  }

  /** The function's name as error messages print it, e.g. {@code len} or {@code list.append}. */
  String function() {
    return function;
  }

  int size() {
    return positional;
  }

  PyValue get(int i) {
    return stack[base + i];
  }

  /** The positional arguments, borrowed. */
  PyValue[] all() {
    return Arrays.copyOfRange(stack, base, base + positional);
  }

  /** The keyword argument {@code name}, or null. */
  @Nullable PyValue keyword(String name) {
    if (kwNames != null) {
      for (int i = 0; i < kwNames.length; i++) {
        if (kwNames[i].equals(name)) {
          return stack[base + positional + i];
        }
      }
    }
    return null;
  }

  /** Positional argument {@code i}, else the keyword {@code name}, else null. */
  @Nullable PyValue get(int i, String name) {
    return i < positional ? get(i) : keyword(name);
  }

  /** Refuses keyword arguments: {@code len() takes no keyword arguments}. */
  Args noKeywords() {
    if (kwNames != null) {
      throw PyException.type(function + "() takes no keyword arguments");
    }
    return this;
  }

  /**
   * Refuses keywords outside {@code allowed}: {@code 'foo' is an invalid keyword argument for f()}.
   */
  Args keywords(String... allowed) {
    if (kwNames != null) {
      for (String k : kwNames) {
        if (!Arrays.asList(allowed).contains(k)) {
          throw PyException.type(
              "'" + k + "' is an invalid keyword argument for " + function + "()");
        }
      }
    }
    return this;
  }

  /** Exactly {@code n} positional arguments, in CPython's words for 0 and 1. */
  Args exactly(int n) {
    noKeywords();
    if (positional != n) {
      if (n == 0) {
        throw PyException.type(function + "() takes no arguments (" + positional + " given)");
      }
      if (n == 1) {
        throw PyException.type(
            function + "() takes exactly one argument (" + positional + " given)");
      }
      throw PyException.type(function + " expected " + n + " arguments, got " + positional);
    }
    return this;
  }

  /** Between {@code min} and {@code max} positional arguments. */
  Args between(int min, int max) {
    if (positional < min) {
      throw outOfRange("at least", min);
    }
    if (positional > max) {
      throw outOfRange("at most", max);
    }
    return this;
  }

  /** {@code pop expected at most 1 argument, got 2}: {@code bound} is "at least" or "at most". */
  private PyException outOfRange(String bound, int limit) {
    return PyException.type(
        shortName()
            + " expected "
            + bound
            + " "
            + limit
            + (limit == 1 ? " argument" : " arguments")
            + ", got "
            + positional);
  }

  /** CPython's range-style messages name the method without its type: {@code pop}. */
  private String shortName() {
    int dot = function.indexOf('.');
    return dot < 0 ? function : function.substring(dot + 1);
  }
}

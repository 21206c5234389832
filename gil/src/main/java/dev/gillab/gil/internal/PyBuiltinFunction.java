package dev.gillab.gil.internal;

import org.jspecify.annotations.Nullable;

/**
 * A function written in Java that Python code calls by value: a builtin ({@code len}), a module
 * function ({@code sys.getrefcount}) or a class that makes objects ({@code threading.Lock}).
 * Immortal, one per interpreter, so loading it from the builtins or a module costs no count. It
 * borrows its arguments: {@code sys.getrefcount(a)} sees only the caller's stack slot as the call's
 * holder, CPython's answer.
 */
public final class PyBuiltinFunction extends PyValue {
  /** The body: reads the borrowed arguments, answers a new reference. */
  @FunctionalInterface
  interface Body {
    PyValue call(PyRuntime rt, ThreadState ts, Args args);
  }

  private final String name;
  private final String repr;
  private final Body body;

  /** {@code repr} is what printing it shows, e.g. {@code <built-in function len>}. */
  PyBuiltinFunction(String name, String repr, Body body) {
    super(true);
    this.name = name;
    this.repr = repr;
    this.body = body;
  }

  static PyBuiltinFunction function(String name, Body body) {
    return new PyBuiltinFunction(name, "<built-in function " + name + ">", body);
  }

  /** A class such as {@code str} or {@code threading.Thread}: calling it makes an object. */
  static PyBuiltinFunction type(String name, String qualified, Body body) {
    return new PyBuiltinFunction(name, "<class '" + qualified + "'>", body);
  }

  public String name() {
    return name;
  }

  @Override
  PyValue call(
      PyRuntime rt, ThreadState ts, PyValue[] args, int base, int argc, String @Nullable [] kw) {
    return body.call(rt, ts, new Args(name, args, base, argc, kw));
  }

  @Override
  public String typeName() {
    return repr.startsWith("<class") ? "type" : "builtin_function_or_method";
  }

  @Override
  public String toString() {
    return repr;
  }
}

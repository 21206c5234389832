package dev.gillab.gil.internal;

import org.jspecify.annotations.Nullable;

/**
 * A function made by {@code MAKE_FUNCTION}: linked code and its name. A call binds the arguments to
 * the parameters (positional, then by keyword, with CPython's TypeErrors) and runs the code in a
 * new frame. It holds no heap references: the code is the interpreter's.
 */
public final class PyFunction extends PyValue {
  final LinkedCode code;

  PyFunction(LinkedCode code) {
    super(false);
    this.code = code;
  }

  public String name() {
    return code.name;
  }

  /**
   * A call from Java: the arguments are borrowed, and each local takes its own reference. Runs the
   * code on this thread's stack.
   */
  @Override
  PyValue call(
      PyRuntime rt, ThreadState ts, PyValue[] args, int base, int argc, String @Nullable [] kw) {
    return rt.loop().eval(code, bind(args, base, argc, kw, false), ts);
  }

  /**
   * A call from bytecode: the arguments' references pass from the caller's stack to the new frame's
   * locals (the slots are nulled), as CPython 3.11 pushes a frame: while the callee runs, its
   * caller's stack no longer counts as a holder, so {@code sys.getrefcount(x)} of a parameter
   * answers what CPython answers. A stepped thread's call pushes the new frame on its chain instead
   * of running it.
   */
  PyValue callFromStack(
      PyRuntime rt, ThreadState ts, PyValue[] args, int base, int argc, String @Nullable [] kw) {
    PyValue[] locals = bind(args, base, argc, kw, true);
    if (ts.step != null && ts.step.runsFramesOf(ts)) {
      // A new frame on the stepped thread's chain, run step by step.
      return ts.step.push(code, locals, base - 1);
    }
    return rt.loop().eval(code, locals, ts);
  }

  /**
   * The new frame's locals: the arguments bound to the parameters, then nulls. With {@code move}
   * the references pass from {@code args} (their slots nulled), else each local takes its own.
   */
  PyValue[] bind(PyValue[] args, int base, int argc, String @Nullable [] kw, boolean move) {
    int params = code.paramCount;
    int named = kw == null ? 0 : kw.length;
    int positional = argc - named;
    if (positional > params) {
      throw PyException.type(
          code.name
              + "() takes "
              + params
              + (params == 1 ? " positional argument" : " positional arguments")
              + " but "
              + positional
              + (positional == 1 ? " was" : " were")
              + " given");
    }
    int[] from = new int[params]; // parameter -> argument index + 1, 0 if unbound
    for (int i = 0; i < positional; i++) {
      from[i] = base + i + 1;
    }
    for (int k = 0; k < named; k++) {
      int p = param(kw[k]);
      if (p < 0) {
        throw PyException.type(code.name + "() got an unexpected keyword argument '" + kw[k] + "'");
      }
      if (from[p] != 0) {
        throw PyException.type(code.name + "() got multiple values for argument '" + kw[k] + "'");
      }
      from[p] = base + positional + k + 1;
    }
    missing(from);
    PyValue[] locals = new PyValue[code.localCount];
    for (int i = 0; i < params; i++) {
      PyValue a = args[from[i] - 1];
      if (move) {
        args[from[i] - 1] = null;
      } else {
        PyValue.incRef(a);
      }
      locals[i] = a;
    }
    return locals;
  }

  /** The linked code this function runs. */
  LinkedCode code() {
    return code;
  }

  private int param(String name) {
    for (int i = 0; i < code.paramCount; i++) {
      if (code.localNames[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** {@code f() missing 2 required positional arguments: 'a' and 'b'}. */
  private void missing(int[] from) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < from.length; i++) {
      if (from[i] == 0) {
        names.add("'" + code.localNames[i] + "'");
      }
    }
    if (names.isEmpty()) {
      return;
    }
    String list;
    int n = names.size();
    if (n == 1) {
      list = names.get(0);
    } else if (n == 2) {
      list = names.get(0) + " and " + names.get(1);
    } else {
      list = String.join(", ", names.subList(0, n - 1)) + ", and " + names.get(n - 1);
    }
    throw PyException.type(
        code.name
            + "() missing "
            + n
            + " required positional argument"
            + (n == 1 ? "" : "s")
            + ": "
            + list);
  }

  @Override
  public String typeName() {
    return "function";
  }

  @Override
  public String toString() {
    return "<function " + code.name + " at " + address() + ">";
  }
}

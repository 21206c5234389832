package dev.gillab.gil.internal;

/**
 * Something {@code CALL} can call: a builtin, a host function, or code. The arguments stay on the
 * caller's stack (each holding a reference) for the length of the call, and the caller releases
 * them afterwards; the call returns a new reference. Immutable once linked.
 */
public abstract class Callable {
  /** Accepts any number of arguments. */
  public static final int VARIADIC = -1;

  private final String name;
  private final int arity;

  protected Callable(String name, int arity) {
    this.name = name;
    this.arity = arity;
  }

  public final String name() {
    return name;
  }

  /** The number of arguments, or {@link #VARIADIC}. */
  public final int arity() {
    return arity;
  }

  /** Calls with the arguments at {@code stack[base .. base+argc)}; answers a new reference. */
  public abstract PyValue call(ThreadState ts, PyValue[] stack, int base, int argc);
}

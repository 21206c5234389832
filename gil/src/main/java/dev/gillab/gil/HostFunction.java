package dev.gillab.gil;

import java.util.List;

/**
 * A builtin written in Java, registered with {@link Interpreter.Builder#builtin} or {@link
 * Interpreter.Builder#releasingBuiltin}. It sees and returns plain Java values, never heap objects:
 * {@code Long}, {@code Double} (a float), {@code Boolean}, {@code String}, {@code null} for None,
 * and unmodifiable {@code List}s of those, for a list or a tuple (it may return an {@code Integer},
 * {@code Short}, {@code Byte} or {@code Float} too, and any {@code List} of these values, which
 * becomes a list). Any other argument, a function say, arrives as its repr, a {@code String}. The
 * interpreter converts the arguments while it still holds the GIL and converts the result after it
 * has the GIL again, so a releasing builtin can block on IO without touching the heap — the
 * discipline a C extension keeps between {@code Py_BEGIN_ALLOW_THREADS} and {@code
 * Py_END_ALLOW_THREADS}, enforced by construction.
 *
 * <p>An exception it throws becomes a {@code RuntimeError} at the {@code CALL}'s line, but for an
 * {@link InterruptedException}, which becomes an {@code InterruptedError} with the thread's
 * interrupt flag set again, so the interrupt is not lost. It must be thread-safe: every interpreter
 * thread may call it, and a releasing one runs concurrently with bytecode and with other releasing
 * calls.
 */
@FunctionalInterface
public interface HostFunction {
  /**
   * Runs the builtin for one call from the program.
   *
   * @param args the call's arguments as Java values, in order; an unmodifiable list
   * @return the result as one of the Java values above, {@code null} for None; a value with no
   *     interpreter value makes the call raise {@code TypeError}
   * @throws InterruptedException if the thread is interrupted while it blocks; the call raises
   *     {@code InterruptedError} and the thread's interrupt flag is set again
   * @throws Exception for any other failure; the call raises {@code RuntimeError} naming the
   *     builtin and the exception
   */
  Object call(List<Object> args) throws Exception;
}

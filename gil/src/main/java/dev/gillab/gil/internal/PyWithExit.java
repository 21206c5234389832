package dev.gillab.gil.internal;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * What {@code BEFORE_WITH} leaves on the stack under the block: calling it (with three Nones at the
 * end of the block) exits the context manager — releases the lock. It runs once: when the unwinding
 * of an error finds it still on the stack it calls it too, and an exit that itself failed must not
 * run twice. Holds a reference to the lock.
 */
public final class PyWithExit extends PyValue {
  private @Nullable PyLock lock;
  private boolean exited;

  /** Takes over the caller's reference to {@code lock}. */
  PyWithExit(PyLock lock) {
    super(false);
    this.lock = lock;
  }

  /** Exits once; later calls do nothing. */
  void exit() {
    if (exited) {
      return;
    }
    exited = true;
    if (lock != null) {
      lock.release();
    }
  }

  @Override
  PyValue call(
      PyRuntime rt, ThreadState ts, PyValue[] args, int base, int argc, String @Nullable [] kw) {
    if (argc != 3 || (kw != null && kw.length > 0)) {
      throw PyException.type("__exit__ expected 3 arguments, got " + argc);
    }
    exit();
    return rt.space().falseObject(); // False: an error in the block is not swallowed
  }

  @Override
  void dropReferences(Collection<PyValue> out) {
    if (lock != null) {
      out.add(lock);
      lock = null;
    }
  }

  @Override
  void references(Collection<PyValue> out) {
    if (lock != null) {
      out.add(lock);
    }
  }

  @Override
  public String typeName() {
    return "builtin_function_or_method";
  }

  @Override
  public String toString() {
    return "<built-in method __exit__ of _thread.lock object>";
  }
}

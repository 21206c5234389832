package dev.gillab.gil.internal;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * {@code x.m} for a method {@code m} of a built-in type: the object and the method. It holds a
 * reference to the object ({@code LOAD_ATTR} hands it the stack's), released when it is freed.
 */
public final class PyBoundMethod extends PyValue {
  private PyValue self;
  private final String qualifiedName;
  private final Method method;

  /** Takes over the caller's reference to {@code self}. */
  PyBoundMethod(PyValue self, String name, Method method) {
    super(false);
    this.self = self;
    this.qualifiedName = self.typeName() + "." + name;
    this.method = method;
  }

  @Override
  PyValue call(
      PyRuntime rt, ThreadState ts, PyValue[] args, int base, int argc, String @Nullable [] kw) {
    return method.call(rt, ts, self, new Args(qualifiedName, args, base, argc, kw));
  }

  @Override
  void dropReferences(Collection<PyValue> out) {
    if (self != null) {
      out.add(self);
      self = null;
    }
  }

  @Override
  void references(Collection<PyValue> out) {
    if (self != null) {
      out.add(self);
    }
  }

  /** The object the method is bound to. */
  PyValue self() {
    return self;
  }

  /** The method: one object per method of a type, so it can be compared by identity. */
  Method method() {
    return method;
  }

  /** The method's name without its type, as threading names a thread after its target. */
  String name() {
    return qualifiedName.substring(qualifiedName.indexOf('.') + 1);
  }

  @Override
  public String typeName() {
    return "builtin_function_or_method";
  }

  @Override
  public String toString() {
    return "<built-in method "
        + name()
        + " of "
        + (self == null ? "?" : self.typeName())
        + " object>";
  }
}

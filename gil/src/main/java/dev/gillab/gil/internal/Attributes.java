package dev.gillab.gil.internal;

import com.google.common.collect.ImmutableMap;

/**
 * {@code LOAD_ATTR}: a module's attribute, a thread's data ({@code name}, {@code daemon}, {@code
 * ident}), or a method of a built-in type bound to the object. AttributeError otherwise, in
 * CPython's words.
 */
final class Attributes {
  private Attributes() {}

  /** {@code obj.name} as a new reference; takes over the caller's reference to {@code obj}. */
  static PyValue load(ObjectSpace space, PyValue obj, String name) {
    if (obj instanceof PyModule m) {
      PyValue v = m.attributes.get(name);
      if (v == null) {
        throw new PyException(
            "AttributeError", "module '" + m.name + "' has no attribute '" + name + "'");
      }
      PyValue.incRef(v);
      PyValue.decRef(obj); // immortal: kept for symmetry
      return v;
    }
    if (obj instanceof PyThread t) {
      PyValue v = null;
      if (name.equals("name")) {
        v = space.newStr(t.name);
      } else if (name.equals("daemon")) {
        v = space.bool(t.daemon);
      } else if (name.equals("ident")) {
        v = t.started ? space.newInt(t.ident) : space.none();
      }
      if (v != null) {
        PyValue.decRef(obj);
        return v;
      }
    }
    Method m = methods(obj).get(name);
    if (m == null) {
      throw new PyException(
          "AttributeError", "'" + obj.typeName() + "' object has no attribute '" + name + "'");
    }
    // The method's own reference: a refused allocation releases it, and the caller's stays put.
    PyValue.incRef(obj);
    PyValue bound = space.container(new PyBoundMethod(obj, name, m));
    PyValue.decRef(obj);
    return bound;
  }

  private static ImmutableMap<String, Method> methods(PyValue obj) {
    if (obj instanceof PyList) {
      return ListMethods.METHODS;
    }
    if (obj instanceof PyStr) {
      return StrMethods.METHODS;
    }
    if (obj instanceof PyThread) {
      return Modules.THREAD_METHODS;
    }
    if (obj instanceof PyLock) {
      return Modules.LOCK_METHODS;
    }
    return ImmutableMap.of();
  }
}

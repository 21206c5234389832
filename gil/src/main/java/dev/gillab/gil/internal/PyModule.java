package dev.gillab.gil.internal;

import com.google.common.collect.ImmutableMap;

/**
 * A built-in module ({@code sys}, {@code time}, {@code threading}): a name and its attributes, all
 * immortal. One of each per interpreter, made when the interpreter is built, so {@code IMPORT_NAME}
 * is a lookup.
 */
public final class PyModule extends PyValue {
  final String name;
  final ImmutableMap<String, PyValue> attributes;

  PyModule(String name, ImmutableMap<String, PyValue> attributes) {
    super(true);
    this.name = name;
    this.attributes = attributes;
  }

  @Override
  public String typeName() {
    return "module";
  }

  @Override
  public String toString() {
    return "<module '" + name + "' (built-in)>";
  }
}

package dev.gillab.gil.internal;

/**
 * A function body among a code's constants: the nested code, linked once per interpreter.
 * Immortal (as the linked code it wraps lives as long as the interpreter), so {@code
 * MAKE_FUNCTION} may keep it without counting.
 */
public final class PyCode extends PyValue {
  final LinkedCode code;

  PyCode(LinkedCode code) {
    super(true);
    this.code = code;
  }

  /** The immortal code object of {@code code}; the caller holds the GIL. */
  public static PyValue of(ObjectSpace space, LinkedCode code) {
    return space.immortal(new PyCode(code));
  }

  @Override
  public String typeName() {
    return "code";
  }

  @Override
  public String toString() {
    return "<code object " + code.name + ">";
  }
}

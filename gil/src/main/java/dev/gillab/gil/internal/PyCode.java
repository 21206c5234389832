package dev.gillab.gil.internal;

import dev.gillab.gil.Code;
import java.util.Map;
import java.util.function.Function;

/**
 * A function body among a code's constants: the nested code, linked once per interpreter. Immortal
 * (as the linked code it wraps lives as long as the interpreter), so {@code MAKE_FUNCTION} may keep
 * it without counting.
 */
public final class PyCode extends PyValue {
  final LinkedCode code;

  PyCode(LinkedCode code) {
    super(true);
    this.code = code;
  }

  /**
   * The immortal code object of {@code code}, from {@code made}, where the first call for a code
   * puts it, linked by {@code link}; the caller holds the GIL. Not a {@code computeIfAbsent}:
   * linking a body makes the code objects of the bodies nested in it meanwhile.
   */
  public static PyValue of(
      Map<Code, PyValue> made, Code code, ObjectSpace space, Function<Code, LinkedCode> link) {
    PyValue c = made.get(code);
    if (c == null) {
      c = space.immortal(new PyCode(link.apply(code)));
      made.put(code, c);
    }
    return c;
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

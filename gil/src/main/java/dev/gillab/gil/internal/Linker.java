package dev.gillab.gil.internal;

import dev.gillab.gil.Code;
import dev.gillab.gil.Instruction;
import dev.gillab.gil.Opcode;
import dev.gillab.gil.VerifyException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Makes a verified {@link Code} ready for one interpreter: checks every {@code CALL} against the
 * interpreter's builtins (name and argument count) before allocating anything, then allocates the
 * constants and resolves globals and builtins.
 */
public final class Linker {
  private Linker() {}

  /**
   * Links {@code code}; the caller holds the GIL (constants are allocated).
   *
   * @throws VerifyException for an unknown builtin or a wrong argument count
   */
  @SuppressWarnings("EnumOrdinal") // the dispatch loop's opcode numbers are Opcode's order
  public static LinkedCode link(
      Code code,
      ObjectSpace space,
      Map<String, Callable> builtins,
      Function<String, GlobalCell> globals,
      boolean fuse,
      Function<String, PyValue> pyBuiltins,
      Function<Code, PyValue> codeObjects) {
    List<Instruction> ins = code.instructions();
    List<String> callNames = code.callNames();
    Callable[] calls = new Callable[callNames.size()];
    for (Instruction in : ins) {
      if (in.opcode() != Opcode.CALL) {
        continue;
      }
      String name = callNames.get(in.arg());
      Callable f = builtins.get(name);
      if (f == null) {
        throw new VerifyException(code.name(), in.line(), "unknown builtin '" + name + "'");
      }
      if (f.arity() != Callable.VARIADIC && f.arity() != in.argc()) {
        throw new VerifyException(
            code.name(),
            in.line(),
            "builtin '"
                + name
                + "' takes "
                + f.arity()
                + (f.arity() == 1 ? " argument" : " arguments")
                + ", CALL passes "
                + in.argc());
      }
      calls[in.arg()] = f;
    }
    int n = ins.size();
    int[] words = new int[n];
    int[] argcs = new int[n];
    int[] lines = new int[n];
    for (int i = 0; i < n; i++) {
      Instruction in = ins.get(i);
      words[i] = LinkedCode.word(in.opcode().ordinal(), in.arg());
      argcs[i] = in.argc();
      lines[i] = in.line();
    }
    if (fuse) {
      Superinstructions.fuse(words, ins);
    }
    GlobalCell[] cells = new GlobalCell[code.globalNames().size()];
    PyValue[] fallback = new PyValue[cells.length];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = globals.apply(code.globalNames().get(i));
      fallback[i] = pyBuiltins.apply(code.globalNames().get(i));
    }
    PyValue[] consts = constants(code, space, codeObjects);
    return new LinkedCode(
        code.name(),
        words,
        argcs,
        lines,
        code.localNames().toArray(new String[0]),
        consts,
        cells,
        calls,
        code.localNames().size(),
        code.paramCount(),
        code.maxStackDepth(),
        code.filename(),
        code.names().toArray(new String[0]),
        fallback);
  }

  /** The objects of {@code code}'s constants, each a new reference; none if one fails. */
  static PyValue[] constants(Code code, ObjectSpace space, Function<Code, PyValue> codeObjects) {
    List<Object> constants = code.constants();
    PyValue[] consts = new PyValue[constants.size()];
    try {
      for (int i = 0; i < consts.length; i++) {
        consts[i] = constant(constants.get(i), space, codeObjects);
      }
    } catch (RuntimeException e) {
      for (PyValue c : consts) {
        if (c != null) {
          PyValue.decRef(c);
        }
      }
      throw e;
    }
    return consts;
  }

  /**
   * A constant's object: a {@code List} is a tuple (of constants), a {@code Double} a float, a
   * {@code Code} its immortal code object (linked once); the rest as {@link ObjectSpace#fromJava}.
   */
  private static PyValue constant(
      Object value, ObjectSpace space, Function<Code, PyValue> codeObjects) {
    if (value instanceof Code code) {
      return codeObjects.apply(code);
    }
    if (value instanceof Double d) {
      return space.newFloat(d);
    }
    if (value instanceof List) {
      List<?> in = (List<?>) value;
      PyValue[] items = new PyValue[in.size()];
      try {
        for (int i = 0; i < items.length; i++) {
          items[i] = constant(in.get(i), space, codeObjects);
        }
      } catch (RuntimeException e) {
        for (PyValue v : items) {
          if (v != null) {
            PyValue.decRef(v);
          }
        }
        throw e;
      }
      return space.newTuple(items);
    }
    return space.fromJava(value);
  }
}

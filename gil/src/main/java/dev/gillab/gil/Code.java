package dev.gillab.gil;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A verified program: instructions and the tables their operands index (constants, local names,
 * global names, builtin names), like CPython's code object. Made by {@link Assembler} from text or
 * by {@link CodeBuilder} from Java; both run the verifier, so a {@code Code} that exists has jump
 * targets that exist, a stack depth that agrees on every path and never underflows, and locals that
 * are assigned somewhere. Builtin names are checked when an {@link Interpreter} loads the code,
 * against that interpreter's builtins.
 *
 * <p>Constants are Java values: {@code Long}, {@code Double}, {@code String}, {@code Boolean},
 * {@code null} for {@code None}, a {@code List} of constants for a tuple, and a {@code Code} for a
 * function's body ({@link Opcode#MAKE_FUNCTION}). Immutable and thread-safe.
 */
public final class Code {
  private final String name;
  private final int paramCount;
  private final ImmutableList<Instruction> instructions;
  private final Object[] constants;
  private final ImmutableList<String> localNames;
  private final ImmutableList<String> globalNames;
  private final ImmutableList<String> callNames;
  private final ImmutableList<String> names;
  private final String filename;
  private final int firstLine;
  private final int maxStackDepth;

  Code(
      String name,
      int paramCount,
      ImmutableList<Instruction> instructions,
      Object[] constants,
      ImmutableList<String> localNames,
      ImmutableList<String> globalNames,
      ImmutableList<String> callNames,
      ImmutableList<String> names,
      String filename,
      int firstLine,
      int maxStackDepth) {
    this.name = name;
    this.paramCount = paramCount;
    this.instructions = instructions;
    this.constants = constants;
    this.localNames = localNames;
    this.globalNames = globalNames;
    this.callNames = callNames;
    this.names = names;
    this.filename = filename;
    this.firstLine = firstLine;
    this.maxStackDepth = maxStackDepth;
  }

  /**
   * A builder for code named {@code name} (the name errors print).
   *
   * @param name the code's name, e.g. {@code <module>} or a function's name
   * @return a new, empty builder
   */
  public static CodeBuilder builder(String name) {
    return new CodeBuilder(name);
  }

  /** {@return the code's name, as errors and tracebacks print it} */
  public String name() {
    return name;
  }

  /**
   * The parameters: the first {@code paramCount} locals, filled from the call's arguments.
   *
   * @return how many parameters the code takes, 0 for module code
   */
  public int paramCount() {
    return paramCount;
  }

  /** {@return the parameters' names, in order: the first {@link #paramCount()} local names} */
  public List<String> params() {
    return localNames.subList(0, paramCount);
  }

  /** {@return the instructions, in order; a jump's argument is an index into this list} */
  public ImmutableList<Instruction> instructions() {
    return instructions;
  }

  /**
   * Constants as Java values; {@code null} is {@code None}.
   *
   * @return the constants {@link Opcode#LOAD_CONST} loads, by argument; unmodifiable
   */
  public List<Object> constants() {
    return Collections.unmodifiableList(Arrays.asList(constants));
  }

  /**
   * {@return the names of the frame's locals, parameters first, then in order of first use; {@link
   * Opcode.Operand#LOCAL} operands index it}
   */
  public ImmutableList<String> localNames() {
    return localNames;
  }

  /**
   * {@return the global names the code uses, in order of first use; {@link Opcode.Operand#GLOBAL}
   * operands index it}
   */
  public ImmutableList<String> globalNames() {
    return globalNames;
  }

  /**
   * The builtin names {@link Opcode#CALL} instructions call, by {@code arg}.
   *
   * @return the builtin names, in order of first use
   */
  public ImmutableList<String> callNames() {
    return callNames;
  }

  /**
   * The attribute and module names {@link Opcode.Operand#NAME} operands index.
   *
   * @return the names, in order of first use
   */
  public ImmutableList<String> names() {
    return names;
  }

  /**
   * The source file tracebacks name: set by the builder, else the code's name.
   *
   * @return the file name
   */
  public String filename() {
    return filename;
  }

  /**
   * The line the code starts at in its file ({@code def}'s line for a function), else 1.
   *
   * @return the first line, 1-based
   */
  public int firstLine() {
    return firstLine;
  }

  /**
   * The codes among the constants (functions defined in this one), in constant order.
   *
   * @return a new list of the nested codes, empty if there are none; not those nested deeper
   */
  public List<Code> nestedCodes() {
    List<Code> out = new java.util.ArrayList<>();
    for (Object c : constants) {
      if (c instanceof Code code) {
        out.add(code);
      }
    }
    return out;
  }

  /**
   * The function {@code name} defined in this code (a code among its constants).
   *
   * @param name the function's name
   * @return the first nested code of that name
   * @throws IllegalArgumentException if there is none of that name
   */
  public Code nestedCode(String name) {
    for (Code c : nestedCodes()) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "code '" + this.name + "' defines no function '" + name + "'");
  }

  /**
   * The deepest the value stack gets on any path (computed by the verifier).
   *
   * @return the maximum stack depth, in values
   */
  public int maxStackDepth() {
    return maxStackDepth;
  }

  /**
   * The operand of instruction {@code in} as the assembler writes it (labels as {@code L<index>}).
   *
   * @param in an instruction of this code
   * @return the operand's text, or {@code ""} for an instruction without one
   */
  public String operandText(Instruction in) {
    return switch (in.opcode().operand()) {
      case NONE -> "";
      case CONSTANT -> Literals.format(constants[in.arg()]);
      case LOCAL -> localNames.get(in.arg());
      case GLOBAL -> globalNames.get(in.arg());
      case BINARY_OP -> BinaryOp.of(in.arg()).symbol();
      case COMPARE_OP -> CompareOp.of(in.arg()).symbol();
      case LABEL -> "L" + in.arg();
      case COUNT -> Integer.toString(in.arg());
      case CALL -> callNames.get(in.arg()) + " " + in.argc();
      case NAME -> names.get(in.arg());
    };
  }

  /**
   * The code as assembler text. {@link Assembler#assemble(String, String)} of it gives an
   * equivalent code (same instructions, lines renumbered; the name, file name and first line are
   * not in the text) when every constant is an int, str, bool or None and every parameter, local,
   * global, attribute and builtin name is ASCII ({@code [A-Za-z_][A-Za-z0-9_]*}). Other constants
   * print in a form to read, not always as Python shows them ({@code 1.5}, but {@code 1.0E20} as
   * Java writes a double; {@code (1, 2)}; {@code <code f>}), and other names as they are, for
   * reading only: the assembler refuses them.
   *
   * @return the text, a {@code .params} line first if the code takes parameters, a line per
   *     instruction, and a label {@code L<index>:} before each jump target (last, alone, for a jump
   *     to the end of the code)
   */
  public String disassemble() {
    StringBuilder out = new StringBuilder();
    if (paramCount > 0) {
      out.append(".params ").append(String.join(" ", params())).append('\n');
    }
    boolean[] isTarget = new boolean[instructions.size() + 1];
    for (Instruction in : instructions) {
      if (in.opcode().isJump()) {
        isTarget[in.arg()] = true;
      }
    }
    for (int i = 0; i < instructions.size(); i++) {
      if (isTarget[i]) {
        out.append('L').append(i).append(":\n");
      }
      Instruction in = instructions.get(i);
      out.append("    ").append(in.opcode().name());
      String operand = operandText(in);
      if (!operand.isEmpty()) {
        out.append(' ').append(operand);
      }
      out.append('\n');
    }
    if (isTarget[instructions.size()]) { // an unreachable jump may target the end of the code
      out.append('L').append(instructions.size()).append(":\n");
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "Code{" + name + ", " + instructions.size() + " instructions}";
  }
}

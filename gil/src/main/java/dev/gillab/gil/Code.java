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

  /** A builder for code named {@code name} (the name errors print). */
  public static CodeBuilder builder(String name) {
    return new CodeBuilder(name);
  }

  public String name() {
    return name;
  }

  /** The parameters: the first {@code paramCount} locals, filled from the call's arguments. */
  public int paramCount() {
    return paramCount;
  }

  public List<String> params() {
    return localNames.subList(0, paramCount);
  }

  public ImmutableList<Instruction> instructions() {
    return instructions;
  }

  /** Constants as Java values; {@code null} is {@code None}. */
  public List<Object> constants() {
    return Collections.unmodifiableList(Arrays.asList(constants));
  }

  public ImmutableList<String> localNames() {
    return localNames;
  }

  public ImmutableList<String> globalNames() {
    return globalNames;
  }

  /** The builtin names {@link Opcode#CALL} instructions call, by {@code arg}. */
  public ImmutableList<String> callNames() {
    return callNames;
  }

  /** The attribute and module names {@link Opcode.Operand#NAME} operands index. */
  public ImmutableList<String> names() {
    return names;
  }

  /** The source file tracebacks name: set by the builder, else the code's name. */
  public String filename() {
    return filename;
  }

  /** The line the code starts at in its file ({@code def}'s line for a function), else 1. */
  public int firstLine() {
    return firstLine;
  }

  /** The codes among the constants (functions defined in this one), in constant order. */
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

  /** The deepest the value stack gets on any path (computed by the verifier). */
  public int maxStackDepth() {
    return maxStackDepth;
  }

  /**
   * The operand of instruction {@code i} as the assembler writes it (labels as {@code L<index>}).
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
   * The code as assembler text; {@link Assembler#assemble(String, String)} of it gives an
   * equivalent code (same instructions, lines renumbered).
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
    return out.toString();
  }

  @Override
  public String toString() {
    return "Code{" + name + ", " + instructions.size() + " instructions}";
  }
}

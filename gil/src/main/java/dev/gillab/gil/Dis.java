package dev.gillab.gil;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Strings;
import dev.gillab.gil.internal.Repr;
import java.util.List;

/**
 * Prints a {@link Code} in the layout of CPython's {@code dis} module, so that a learner can hold
 * gil-lab's bytecode beside CPython's: a line-number column that names the source line where a run
 * of instructions starts (a blank line before each new one), {@code >>} before jump targets, the
 * offset (two bytes an instruction, as CPython counts them), the opcode, its argument and, in
 * parentheses, what the argument means. Functions defined in the code follow, each under {@code
 * Disassembly of <code object f, file "x.py", line 3>:}.
 *
 * <p>Where gil-lab's argument is CPython's it prints CPython's number: {@code BINARY_OP 13 (+=)}
 * and {@code COMPARE_OP 4 (>)} read as they do in CPython 3.11, and jumps print their distance in
 * instructions and, in parentheses, the offset they go {@code to}. CPython's {@code RESUME}, {@code
 * PRECALL} and cache entries have no counterpart here, so offsets differ from CPython's while the
 * instructions that matter — a {@code LOAD}, a {@code BINARY_OP}, a {@code STORE}, and the switch
 * points between them — line up.
 *
 * <p>Stateless and thread-safe.
 */
public final class Dis {
  private static final int OPNAME_WIDTH = 20;
  private static final int OPARG_WIDTH = 5;

  /** CPython's {@code NB_*} numbers of the binary operators, by {@link BinaryOp} ordinal. */
  private static final int[] NB_NUMBERS = {0, 10, 5, 2, 6, 11, 13, 23, 18, 15, 19, 24};

  private Dis() {}

  /**
   * The disassembly of {@code code} and, after it, of every function defined in it, at any depth.
   *
   * @param code a code object, not null
   * @return the disassembly, each line ending with {@code \n}
   */
  public static String dis(Code code) {
    checkNotNull(code, "code");
    StringBuilder out = new StringBuilder();
    disRecursive(code, out);
    return out.toString();
  }

  /**
   * One instruction of {@code code} as {@link #dis} prints it, without the line, jump-target and
   * offset columns: the opcode, its argument and what the argument means, e.g. {@code LOAD_GLOBAL 0
   * (counter)}.
   *
   * @param code a code object
   * @param index the instruction's index (its offset is twice that)
   * @return the instruction's text
   */
  public static String instruction(Code code, int index) {
    checkNotNull(code, "code");
    Instruction in = code.instructions().get(index);
    StringBuilder row = new StringBuilder(Strings.padEnd(in.opcode().name(), OPNAME_WIDTH, ' '));
    String[] arg = argument(code, index, in);
    if (arg != null) {
      row.append(' ').append(Strings.padStart(arg[0], OPARG_WIDTH, ' '));
      if (!arg[1].isEmpty()) {
        row.append(' ').append('(').append(arg[1]).append(')');
      }
    }
    return stripTrailing(row);
  }

  private static void disRecursive(Code code, StringBuilder out) {
    disassemble(code, out);
    for (Code nested : code.nestedCodes()) {
      out.append('\n').append("Disassembly of ").append(codeRepr(nested)).append(":\n");
      disRecursive(nested, out);
    }
  }

  private static void disassemble(Code code, StringBuilder out) {
    List<Instruction> ins = code.instructions();
    int maxLine = ins.stream().mapToInt(Instruction::line).max().orElse(0);
    int lineWidth = maxLine >= 1000 ? Integer.toString(maxLine).length() : 3;
    int maxOffset = 2 * (ins.size() - 1);
    int offsetWidth = maxOffset >= 10000 ? Integer.toString(maxOffset).length() : 4;
    boolean[] target = new boolean[ins.size() + 1];
    for (Instruction in : ins) {
      if (in.opcode().isJump()) {
        target[in.arg()] = true;
      }
    }
    for (int i = 0; i < ins.size(); i++) {
      Instruction in = ins.get(i);
      boolean startsLine = i == 0 || ins.get(i - 1).line() != in.line();
      if (startsLine && i > 0) {
        out.append('\n');
      }
      StringBuilder row = new StringBuilder();
      row.append(
          startsLine
              ? Strings.padStart(Integer.toString(in.line()), lineWidth, ' ')
              : " ".repeat(lineWidth));
      row.append(' ').append("   ");
      row.append(' ').append(target[i] ? ">>" : "  ");
      row.append(' ').append(Strings.padStart(Integer.toString(2 * i), offsetWidth, ' '));
      row.append(' ').append(Strings.padEnd(in.opcode().name(), OPNAME_WIDTH, ' '));
      String[] arg = argument(code, i, in);
      if (arg != null) {
        row.append(' ').append(Strings.padStart(arg[0], OPARG_WIDTH, ' '));
        if (!arg[1].isEmpty()) {
          row.append(' ').append('(').append(arg[1]).append(')');
        }
      }
      out.append(stripTrailing(row)).append('\n');
    }
  }

  /** The argument and what it means, or null for an instruction without one. */
  private static String[] argument(Code code, int index, Instruction in) {
    switch (in.opcode().operand()) {
      case NONE -> {
        return null;
      }
      case CONSTANT -> {
        return pair(in.arg(), constantRepr(code.constants().get(in.arg())));
      }
      case LOCAL -> {
        return pair(in.arg(), code.localNames().get(in.arg()));
      }
      case GLOBAL -> {
        return pair(in.arg(), code.globalNames().get(in.arg()));
      }
      case NAME -> {
        return pair(in.arg(), code.names().get(in.arg()));
      }
      case BINARY_OP -> {
        return pair(NB_NUMBERS[in.arg()], BinaryOp.of(in.arg()).symbol());
      }
      case COMPARE_OP -> {
        return pair(in.arg(), CompareOp.of(in.arg()).symbol());
      }
      case LABEL -> {
        int distance = in.arg() > index ? in.arg() - index - 1 : index + 1 - in.arg();
        return pair(distance, "to " + 2 * in.arg());
      }
      case COUNT -> {
        return pair(in.arg(), "");
      }
      case CALL -> {
        return pair(in.argc(), code.callNames().get(in.arg()));
      }
    }
    throw new AssertionError(in);
  }

  private static String[] pair(int arg, String meaning) {
    return new String[] {Integer.toString(arg), meaning};
  }

  private static String constantRepr(Object value) {
    if (value instanceof Code code) {
      return codeRepr(code);
    }
    if (value instanceof String string) {
      return Repr.str(string);
    }
    if (value instanceof Double d) {
      return Repr.floatRepr(d);
    }
    if (value instanceof List) {
      List<?> items = (List<?>) value;
      StringBuilder out = new StringBuilder("(");
      for (int i = 0; i < items.size(); i++) {
        out.append(i > 0 ? ", " : "").append(constantRepr(items.get(i)));
      }
      return out.append(items.size() == 1 ? ",)" : ")").toString();
    }
    return Literals.format(value);
  }

  private static String codeRepr(Code code) {
    return "<code object "
        + code.name()
        + ", file \""
        + code.filename()
        + "\", line "
        + code.firstLine()
        + ">";
  }

  private static String stripTrailing(StringBuilder row) {
    int end = row.length();
    while (end > 0 && row.charAt(end - 1) == ' ') {
      end--;
    }
    return row.substring(0, end);
  }
}

package dev.gillab.gil;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.gillab.gil.internal.Echo;
import dev.gillab.gil.internal.Verifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link Code} from Java, one instruction per call, with named labels for jumps:
 *
 * <pre>{@code
 * Code countdown = Code.builder("countdown").params("n")
 *     .label("loop")
 *     .loadFast("n").loadConst(0L).compareOp(CompareOp.GT).popJumpIfFalse("end")
 *     .loadFast("n").loadConst(1L).binaryOp(BinaryOp.INPLACE_SUBTRACT).storeFast("n")
 *     .jumpBackward("loop")
 *     .label("end").loadNone().returnValue()
 *     .build();
 * }</pre>
 *
 * An instruction's line is the one set by {@link #line(int)}, or else its position (1-based).
 * {@link #build()} resolves the labels and runs the verifier; every fault is a {@link
 * VerifyException} naming the line. Not thread-safe: one builder per thread.
 */
public final class CodeBuilder {
  private static final Object NO_LABEL = new Object();

  private final String name;
  private final List<String> params = new ArrayList<>();
  private final List<Opcode> ops = new ArrayList<>();
  private final List<Integer> args = new ArrayList<>();
  private final List<Integer> argcs = new ArrayList<>();
  private final List<Object> targets = new ArrayList<>();
  private final List<Integer> lines = new ArrayList<>();
  private final Map<String, Integer> labels = new HashMap<>();
  private final Map<String, Integer> labelLines = new HashMap<>();
  private final Map<List<Object>, Integer> constantIndex = new HashMap<>();
  private final List<Object> constants = new ArrayList<>();
  private final Map<String, Integer> locals = new LinkedHashMap<>();
  private final Map<String, Integer> globals = new LinkedHashMap<>();
  private final Map<String, Integer> calls = new LinkedHashMap<>();
  private final Map<String, Integer> names = new LinkedHashMap<>();
  private String filename;
  private int firstLine = 1;
  private int line;
  private boolean built;

  CodeBuilder(String name) {
    this.name = checkNotNull(name, "name");
  }

  /**
   * Names the parameters: locals filled from the arguments, in order. Before any instruction.
   *
   * @param names the parameters' names
   * @return this builder
   * @throws IllegalStateException if an instruction or a parameter was already added, or {@code
   *     build()} was already called
   * @throws VerifyException if a name is given twice; the builder is then unchanged
   */
  @CanIgnoreReturnValue
  public CodeBuilder params(String... names) {
    checkNotBuilt();
    checkState(ops.isEmpty(), "params must come before any instruction");
    checkState(params.isEmpty(), "params were already named: %s", params);
    // Every name is checked before any is added, so a refused call leaves the builder as it was.
    Set<String> seen = new HashSet<>();
    for (String p : names) {
      checkNotNull(p, "param");
      if (!seen.add(p)) {
        throw new VerifyException(
            name, Math.max(line, 1), "parameter '" + Echo.of(p) + "' is named twice");
      }
    }
    for (String p : names) {
      locals.put(p, locals.size());
      params.add(p);
    }
    return this;
  }

  /**
   * The source file tracebacks name (default: the code's name).
   *
   * @param filename the file name, e.g. {@code counter.py}
   * @return this builder
   * @throws IllegalStateException if {@code build()} was already called
   */
  @CanIgnoreReturnValue
  public CodeBuilder filename(String filename) {
    checkNotBuilt();
    this.filename = checkNotNull(filename, "filename");
    return this;
  }

  /**
   * The line the code starts at in its file (a function's {@code def} line). Default 1.
   *
   * @param line the first line, 1-based
   * @return this builder
   * @throws IllegalArgumentException if {@code line} is not positive
   * @throws IllegalStateException if {@code build()} was already called
   */
  @CanIgnoreReturnValue
  public CodeBuilder firstLine(int line) {
    checkNotBuilt();
    checkArgument(line > 0, "line must be positive: %s", line);
    this.firstLine = line;
    return this;
  }

  /**
   * Sets the source line of the instructions and labels that follow (assemblers use it).
   *
   * @param line the line, 1-based
   * @return this builder
   * @throws IllegalArgumentException if {@code line} is not positive
   * @throws IllegalStateException if {@code build()} was already called
   */
  @CanIgnoreReturnValue
  public CodeBuilder line(int line) {
    checkNotBuilt();
    checkArgument(line > 0, "line must be positive: %s", line);
    this.line = line;
    return this;
  }

  /**
   * Places {@code label} before the next instruction. A label placed after the last instruction
   * points past the end, and the verifier refuses a jump there that can run.
   *
   * @param label the label's name, which jumps refer to
   * @return this builder
   * @throws IllegalStateException if {@code build()} was already called
   * @throws VerifyException if {@code label} was already placed
   */
  @CanIgnoreReturnValue
  public CodeBuilder label(String label) {
    checkNotNull(label, "label");
    checkNotBuilt();
    int at = currentLine();
    Integer first = labelLines.putIfAbsent(label, at);
    if (first != null) {
      throw new VerifyException(
          name,
          at,
          "label '" + Echo.of(label) + "' is defined twice (first at line " + first + ")");
    }
    labels.put(label, ops.size());
    return this;
  }

  /**
   * Pushes a constant: a {@code Long} or {@code Integer}, {@code Double}, {@code String}, {@code
   * Boolean}, {@code null} for None, a {@code List} of constants for a tuple, or a {@link Code} for
   * {@link Opcode#MAKE_FUNCTION}. Equal constants of the same type share one slot of the table.
   *
   * @param value the constant; an {@code Integer} is stored as a {@code Long}
   * @return this builder
   * @throws IllegalArgumentException if {@code value} (or an item of a list) is of another type
   */
  @CanIgnoreReturnValue
  public CodeBuilder loadConst(Object value) {
    Object v = constant(value);
    // Keyed by type too: 1, 1.0 and True are equal in Python but distinct constants.
    List<Object> key = List.of(v == null ? Void.class : v.getClass(), v == null ? "" : v);
    Integer index = constantIndex.get(key);
    if (index == null) {
      index = constants.size();
      constants.add(v);
      constantIndex.put(key, index);
    }
    return add(Opcode.LOAD_CONST, index, 0, NO_LABEL);
  }

  private static Object constant(Object value) {
    Object v = value instanceof Integer i ? Long.valueOf(i) : value;
    if (v instanceof List) {
      List<Object> items = new ArrayList<>();
      for (Object item : (List<?>) v) {
        items.add(constant(item));
      }
      return Collections.unmodifiableList(items);
    }
    checkArgument(
        v == null
            || v instanceof Long
            || v instanceof Double
            || v instanceof String
            || v instanceof Boolean
            || v instanceof Code,
        "a constant is an int, float, str, bool, None (null), tuple (List) or Code, not %s",
        v == null ? null : v.getClass().getName());
    return v;
  }

  /**
   * Pushes {@code None}: {@code loadConst(null)}.
   *
   * @return this builder
   */
  @CanIgnoreReturnValue
  public CodeBuilder loadNone() {
    return loadConst(null);
  }

  /**
   * Pushes a frame local ({@link Opcode#LOAD_FAST}). The verifier refuses a local that no {@code
   * STORE_FAST} assigns and that is not a parameter.
   *
   * @param local the local's name
   * @return this builder
   */
  @CanIgnoreReturnValue
  public CodeBuilder loadFast(String local) {
    return op(Opcode.LOAD_FAST, local);
  }

  /**
   * Pops into a frame local ({@link Opcode#STORE_FAST}).
   *
   * @param local the local's name
   * @return this builder
   */
  @CanIgnoreReturnValue
  public CodeBuilder storeFast(String local) {
    return op(Opcode.STORE_FAST, local);
  }

  /**
   * Pushes a global ({@link Opcode#LOAD_GLOBAL}).
   *
   * @param global the global's name
   * @return this builder
   */
  @CanIgnoreReturnValue
  public CodeBuilder loadGlobal(String global) {
    return op(Opcode.LOAD_GLOBAL, global);
  }

  /**
   * Pops into a global ({@link Opcode#STORE_GLOBAL}).
   *
   * @param global the global's name
   * @return this builder
   */
  @CanIgnoreReturnValue
  public CodeBuilder storeGlobal(String global) {
    return op(Opcode.STORE_GLOBAL, global);
  }

  /**
   * Pops right and left, pushes {@code left op right} ({@link Opcode#BINARY_OP}).
   *
   * @param op the operator
   * @return this builder
   */
  @CanIgnoreReturnValue
  @SuppressWarnings("EnumOrdinal") // BINARY_OP's argument is the operator's place in BinaryOp
  public CodeBuilder binaryOp(BinaryOp op) {
    return add(Opcode.BINARY_OP, checkNotNull(op, "op").ordinal(), 0, NO_LABEL);
  }

  /**
   * Pops right and left, pushes the bool {@code left op right} ({@link Opcode#COMPARE_OP}).
   *
   * @param op the comparison
   * @return this builder
   */
  @CanIgnoreReturnValue
  @SuppressWarnings("EnumOrdinal") // COMPARE_OP's argument is the operator's place in CompareOp
  public CodeBuilder compareOp(CompareOp op) {
    return add(Opcode.COMPARE_OP, checkNotNull(op, "op").ordinal(), 0, NO_LABEL);
  }

  /**
   * Pops a value and jumps forward to {@code label} if it is false ({@link
   * Opcode#POP_JUMP_IF_FALSE}). The label may be placed later; {@link #build()} resolves it.
   *
   * @param label the label to jump to
   * @return this builder
   */
  @CanIgnoreReturnValue
  public CodeBuilder popJumpIfFalse(String label) {
    return jump(Opcode.POP_JUMP_IF_FALSE, label);
  }

  /**
   * Jumps back to {@code label}, checking the eval breaker ({@link Opcode#JUMP_BACKWARD}): how a
   * loop closes.
   *
   * @param label the label to jump to
   * @return this builder
   */
  @CanIgnoreReturnValue
  public CodeBuilder jumpBackward(String label) {
    return jump(Opcode.JUMP_BACKWARD, label);
  }

  /**
   * Pops {@code argc} arguments, calls a builtin and pushes its result ({@link Opcode#CALL}). The
   * name is checked when an {@link Interpreter} loads the code, against that interpreter's
   * builtins.
   *
   * @param builtin the builtin's name, e.g. {@code print}
   * @param argc the argument count; the verifier refuses a negative one
   * @return this builder
   */
  @CanIgnoreReturnValue
  public CodeBuilder call(String builtin, int argc) {
    return add(Opcode.CALL, index(calls, builtin), argc, NO_LABEL);
  }

  /**
   * An instruction without an operand ({@link Opcode.Operand#NONE}), e.g. {@code GET_ITER}.
   *
   * @param op the opcode
   * @return this builder
   * @throws IllegalArgumentException if {@code op} takes an operand
   */
  @CanIgnoreReturnValue
  public CodeBuilder op(Opcode op) {
    checkArgument(op.operand() == Opcode.Operand.NONE, "%s takes an operand", op);
    return add(op, 0, 0, NO_LABEL);
  }

  /**
   * An instruction with a count ({@link Opcode.Operand#COUNT}), e.g. {@code BUILD_TUPLE 2}.
   *
   * @param op the opcode
   * @param count its operand; the verifier checks the range the opcode allows
   * @return this builder
   * @throws IllegalArgumentException if {@code op} does not take a count
   */
  @CanIgnoreReturnValue
  public CodeBuilder op(Opcode op, int count) {
    checkArgument(op.operand() == Opcode.Operand.COUNT, "%s takes no count", op);
    return add(op, count, 0, NO_LABEL);
  }

  /**
   * An instruction with a name: a local ({@code LOAD_FAST}, {@code STORE_FAST}, {@code
   * DELETE_FAST}), a global, or an attribute or module ({@code LOAD_ATTR}, {@code IMPORT_NAME}).
   *
   * @param op the opcode
   * @param name the local, global, attribute or module name
   * @return this builder
   * @throws IllegalArgumentException if {@code op} does not take a name
   */
  @CanIgnoreReturnValue
  public CodeBuilder op(Opcode op, String name) {
    return switch (op.operand()) {
      case LOCAL -> add(op, index(locals, name), 0, NO_LABEL);
      case GLOBAL -> add(op, index(globals, name), 0, NO_LABEL);
      case NAME -> add(op, index(names, name), 0, NO_LABEL);
      default -> throw new IllegalArgumentException(op + " takes no name");
    };
  }

  /**
   * A jump ({@link Opcode.Operand#LABEL}) to {@code label}, e.g. {@code FOR_ITER end}. The label
   * may be placed later; {@link #build()} resolves it.
   *
   * @param op the opcode
   * @param label the label to jump to
   * @return this builder
   * @throws IllegalArgumentException if {@code op} is not a jump
   */
  @CanIgnoreReturnValue
  public CodeBuilder jump(Opcode op, String label) {
    checkArgument(op.isJump(), "%s is not a jump", op);
    return add(op, -1, 0, checkNotNull(label, "label"));
  }

  /**
   * Whether {@code label} has been placed.
   *
   * @param label a label's name
   * @return true if {@link #label(String)} placed it
   */
  public boolean hasLabel(String label) {
    return labels.containsKey(label);
  }

  /**
   * Pops and discards the top value ({@link Opcode#POP_TOP}).
   *
   * @return this builder
   */
  @CanIgnoreReturnValue
  public CodeBuilder popTop() {
    return add(Opcode.POP_TOP, 0, 0, NO_LABEL);
  }

  /**
   * Pushes the {@code depth}-th value from the top again ({@link Opcode#COPY}); {@code copy(1)}
   * duplicates the top.
   *
   * @param depth the position from the top, 1-based; the verifier refuses one below 1 or deeper
   *     than the stack
   * @return this builder
   */
  @CanIgnoreReturnValue
  public CodeBuilder copy(int depth) {
    return add(Opcode.COPY, depth, 0, NO_LABEL);
  }

  /**
   * Pops the only value on the stack and returns it from the frame ({@link Opcode#RETURN_VALUE}).
   *
   * @return this builder
   */
  @CanIgnoreReturnValue
  public CodeBuilder returnValue() {
    return add(Opcode.RETURN_VALUE, 0, 0, NO_LABEL);
  }

  /**
   * Does nothing ({@link Opcode#NOP}).
   *
   * @return this builder
   */
  @CanIgnoreReturnValue
  public CodeBuilder nop() {
    return add(Opcode.NOP, 0, 0, NO_LABEL);
  }

  /**
   * Resolves labels and verifies. A builder builds once.
   *
   * @return the verified code
   * @throws IllegalStateException if {@code build()} was already called
   * @throws VerifyException naming the line of the first fault
   */
  public Code build() {
    checkNotBuilt();
    built = true;
    ImmutableList.Builder<Instruction> out = ImmutableList.builderWithExpectedSize(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      int arg = args.get(i);
      Object target = targets.get(i);
      if (target != NO_LABEL) {
        Integer at = labels.get((String) target);
        if (at == null) {
          throw new VerifyException(
              name, lines.get(i), "jump target '" + Echo.of((String) target) + "' is not defined");
        }
        arg = at;
      }
      out.add(new Instruction(ops.get(i), arg, argcs.get(i), lines.get(i)));
    }
    ImmutableList<Instruction> instructions = out.build();
    ImmutableList<String> localNames = ImmutableList.copyOf(locals.keySet());
    int maxDepth = Verifier.verify(name, params.size(), instructions, localNames);
    return new Code(
        name,
        params.size(),
        instructions,
        constants.toArray(),
        localNames,
        ImmutableList.copyOf(globals.keySet()),
        ImmutableList.copyOf(calls.keySet()),
        ImmutableList.copyOf(names.keySet()),
        filename != null ? filename : name,
        firstLine,
        maxDepth);
  }

  /** Every call refuses once {@link #build} has run: a builder builds once. */
  private void checkNotBuilt() {
    checkState(!built, "build() was already called");
  }

  private int currentLine() {
    return line > 0 ? line : ops.size() + 1;
  }

  private static int index(Map<String, Integer> table, String key) {
    checkNotNull(key, "name");
    return table.computeIfAbsent(key, k -> table.size());
  }

  private CodeBuilder add(Opcode op, int arg, int argc, Object target) {
    checkNotBuilt();
    lines.add(currentLine());
    ops.add(op);
    args.add(arg);
    argcs.add(argc);
    targets.add(target);
    return this;
  }
}

package dev.gillab.gil;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.gillab.gil.internal.Verifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
  private final Map<Object, Integer> constantIndex = new HashMap<>();
  private final List<Object> constants = new ArrayList<>();
  private final Map<String, Integer> locals = new LinkedHashMap<>();
  private final Map<String, Integer> globals = new LinkedHashMap<>();
  private final Map<String, Integer> calls = new LinkedHashMap<>();
  private int line;
  private boolean built;

  CodeBuilder(String name) {
    this.name = checkNotNull(name, "name");
  }

  /** Names the parameters: locals filled from the arguments, in order. Before any instruction. */
  @CanIgnoreReturnValue
  public CodeBuilder params(String... names) {
    checkState(ops.isEmpty() && locals.isEmpty(), "params must come before any instruction");
    for (String p : names) {
      checkNotNull(p, "param");
      if (locals.containsKey(p)) {
        throw new VerifyException(name, Math.max(line, 1), "parameter '" + p + "' is named twice");
      }
      locals.put(p, locals.size());
      params.add(p);
    }
    return this;
  }

  /** Sets the source line of the instructions and labels that follow (assemblers use it). */
  @CanIgnoreReturnValue
  public CodeBuilder line(int line) {
    checkArgument(line > 0, "line must be positive: %s", line);
    this.line = line;
    return this;
  }

  /** Places {@code label} before the next instruction. */
  @CanIgnoreReturnValue
  public CodeBuilder label(String label) {
    checkNotNull(label, "label");
    int at = currentLine();
    Integer first = labelLines.putIfAbsent(label, at);
    if (first != null) {
      throw new VerifyException(
          name, at, "label '" + label + "' is defined twice (first at line " + first + ")");
    }
    labels.put(label, ops.size());
    return this;
  }

  /** Pushes a constant: a {@code Long} or {@code Integer}, {@code String}, {@code Boolean}, or {@code null} for None. */
  @CanIgnoreReturnValue
  public CodeBuilder loadConst(Object value) {
    Object v = value instanceof Integer ? Long.valueOf((Integer) value) : value;
    checkArgument(
        v == null || v instanceof Long || v instanceof String || v instanceof Boolean,
        "a constant is an int, str, bool or None (null), not %s",
        v == null ? null : v.getClass().getName());
    Integer index = constantIndex.get(v);
    if (index == null) {
      index = constants.size();
      constants.add(v);
      constantIndex.put(v, index);
    }
    return add(Opcode.LOAD_CONST, index, 0, NO_LABEL);
  }

  @CanIgnoreReturnValue
  public CodeBuilder loadNone() {
    return loadConst(null);
  }

  @CanIgnoreReturnValue
  public CodeBuilder loadFast(String local) {
    return add(Opcode.LOAD_FAST, index(locals, local), 0, NO_LABEL);
  }

  @CanIgnoreReturnValue
  public CodeBuilder storeFast(String local) {
    return add(Opcode.STORE_FAST, index(locals, local), 0, NO_LABEL);
  }

  @CanIgnoreReturnValue
  public CodeBuilder loadGlobal(String global) {
    return add(Opcode.LOAD_GLOBAL, index(globals, global), 0, NO_LABEL);
  }

  @CanIgnoreReturnValue
  public CodeBuilder storeGlobal(String global) {
    return add(Opcode.STORE_GLOBAL, index(globals, global), 0, NO_LABEL);
  }

  @CanIgnoreReturnValue
  public CodeBuilder binaryOp(BinaryOp op) {
    return add(Opcode.BINARY_OP, checkNotNull(op, "op").ordinal(), 0, NO_LABEL);
  }

  @CanIgnoreReturnValue
  public CodeBuilder compareOp(CompareOp op) {
    return add(Opcode.COMPARE_OP, checkNotNull(op, "op").ordinal(), 0, NO_LABEL);
  }

  @CanIgnoreReturnValue
  public CodeBuilder popJumpIfFalse(String label) {
    return add(Opcode.POP_JUMP_IF_FALSE, -1, 0, checkNotNull(label, "label"));
  }

  @CanIgnoreReturnValue
  public CodeBuilder popJumpIfTrue(String label) {
    return add(Opcode.POP_JUMP_IF_TRUE, -1, 0, checkNotNull(label, "label"));
  }

  @CanIgnoreReturnValue
  public CodeBuilder jumpForward(String label) {
    return add(Opcode.JUMP_FORWARD, -1, 0, checkNotNull(label, "label"));
  }

  @CanIgnoreReturnValue
  public CodeBuilder jumpBackward(String label) {
    return add(Opcode.JUMP_BACKWARD, -1, 0, checkNotNull(label, "label"));
  }

  @CanIgnoreReturnValue
  public CodeBuilder buildList(int count) {
    return add(Opcode.BUILD_LIST, count, 0, NO_LABEL);
  }

  @CanIgnoreReturnValue
  public CodeBuilder listAppend(int depth) {
    return add(Opcode.LIST_APPEND, depth, 0, NO_LABEL);
  }

  @CanIgnoreReturnValue
  public CodeBuilder call(String builtin, int argc) {
    return add(Opcode.CALL, index(calls, builtin), argc, NO_LABEL);
  }

  @CanIgnoreReturnValue
  public CodeBuilder popTop() {
    return add(Opcode.POP_TOP, 0, 0, NO_LABEL);
  }

  @CanIgnoreReturnValue
  public CodeBuilder copy(int depth) {
    return add(Opcode.COPY, depth, 0, NO_LABEL);
  }

  @CanIgnoreReturnValue
  public CodeBuilder returnValue() {
    return add(Opcode.RETURN_VALUE, 0, 0, NO_LABEL);
  }

  @CanIgnoreReturnValue
  public CodeBuilder nop() {
    return add(Opcode.NOP, 0, 0, NO_LABEL);
  }

  /**
   * Resolves labels and verifies.
   *
   * @throws VerifyException naming the line of the first fault
   */
  public Code build() {
    checkState(!built, "build() was already called");
    built = true;
    ImmutableList.Builder<Instruction> out = ImmutableList.builderWithExpectedSize(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      int arg = args.get(i);
      Object target = targets.get(i);
      if (target != NO_LABEL) {
        Integer at = labels.get((String) target);
        if (at == null) {
          throw new VerifyException(
              name, lines.get(i), "jump target '" + target + "' is not defined");
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
        maxDepth);
  }

  private int currentLine() {
    return line > 0 ? line : ops.size() + 1;
  }

  private static int index(Map<String, Integer> table, String key) {
    checkNotNull(key, "name");
    return table.computeIfAbsent(key, k -> table.size());
  }

  private CodeBuilder add(Opcode op, int arg, int argc, Object target) {
    checkState(!built, "build() was already called");
    lines.add(currentLine());
    ops.add(op);
    args.add(arg);
    argcs.add(argc);
    targets.add(target);
    return this;
  }
}

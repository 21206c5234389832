package dev.gillab.gil;

/**
 * The instruction set, named after CPython's. Each instruction has at most two operands; what
 * they mean is listed here and in the module README.
 *
 * <p>Only {@link #JUMP_BACKWARD} jumps backward (as in CPython 3.12+, the conditional jumps go
 * forward only), so every loop passes an eval-breaker check. Immutable.
 */
public enum Opcode {
  /** Push a constant (int, str, {@code None}, {@code True}, {@code False}). */
  LOAD_CONST(Operand.CONSTANT),
  /** Push a frame local. */
  LOAD_FAST(Operand.LOCAL),
  /** Pop into a frame local. */
  STORE_FAST(Operand.LOCAL),
  /** Push a global (globals are shared by every thread of the interpreter). */
  LOAD_GLOBAL(Operand.GLOBAL),
  /** Pop into a global. */
  STORE_GLOBAL(Operand.GLOBAL),
  /** Pop right, pop left, push {@code left op right}. */
  BINARY_OP(Operand.BINARY_OP),
  /** Pop right, pop left, push the comparison's bool. */
  COMPARE_OP(Operand.COMPARE_OP),
  /** Pop; jump forward to the label if the value is false. */
  POP_JUMP_IF_FALSE(Operand.LABEL),
  /** Pop; jump forward to the label if the value is true. */
  POP_JUMP_IF_TRUE(Operand.LABEL),
  /** Jump forward to the label. */
  JUMP_FORWARD(Operand.LABEL),
  /** Jump backward to the label; checks the eval breaker. */
  JUMP_BACKWARD(Operand.LABEL),
  /** Pop n values, push a list of them in order. */
  BUILD_LIST(Operand.COUNT),
  /** Pop a value and append it to the list at stack position -i (counted after the pop). */
  LIST_APPEND(Operand.COUNT),
  /** Pop argc arguments, call the named builtin, push its result; checks the eval breaker. */
  CALL(Operand.CALL),
  /** Pop and discard. */
  POP_TOP(Operand.NONE),
  /** Push the i-th value from the top again (COPY 1 duplicates the top). */
  COPY(Operand.COUNT),
  /** Pop the only value on the stack and return it from the frame. */
  RETURN_VALUE(Operand.NONE),
  /** Do nothing. */
  NOP(Operand.NONE);

  /** What an opcode's operand is. */
  public enum Operand {
    NONE,
    CONSTANT,
    LOCAL,
    GLOBAL,
    BINARY_OP,
    COMPARE_OP,
    LABEL,
    COUNT,
    /** A builtin's name and an argument count. */
    CALL
  }

  private final Operand operand;

  Opcode(Operand operand) {
    this.operand = operand;
  }

  public Operand operand() {
    return operand;
  }

  /** Whether this instruction jumps to a label. */
  public boolean isJump() {
    return operand == Operand.LABEL;
  }
}

package dev.gillab.gil;

/**
 * The instruction set, named after CPython's. Each instruction has at most two operands; what they
 * mean is listed here and in the module README.
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
  NOP(Operand.NONE),

  // The instructions below serve the Python front end (dev.gillab.gil.python); the assembler
  // reads them too. Their stack effects are in the verifier.

  /** Unbind a frame local ({@code del x}); UnboundLocalError if it is not bound. */
  DELETE_FAST(Operand.LOCAL),
  /** Unbind a global ({@code del x} at module level); NameError if it is not bound. */
  DELETE_GLOBAL(Operand.GLOBAL),
  /** Pop x, push {@code -x}. */
  UNARY_NEGATIVE(Operand.NONE),
  /** Pop x, push {@code not x}. */
  UNARY_NOT(Operand.NONE),
  /** Pop index, pop container, push {@code container[index]}. */
  BINARY_SUBSCR(Operand.NONE),
  /** Pop index, pop container, pop value: {@code container[index] = value}. */
  STORE_SUBSCR(Operand.NONE),
  /** Pop index, pop container: {@code del container[index]}. */
  DELETE_SUBSCR(Operand.NONE),
  /** Pop n values, push a tuple of them in order. */
  BUILD_TUPLE(Operand.COUNT),
  /** Pop a sequence of exactly n items, push them so that the first item is on top. */
  UNPACK_SEQUENCE(Operand.COUNT),
  /** Swap the top with the i-th value from the top (i at least 2). */
  SWAP(Operand.COUNT),
  /** Pop two, push {@code left is right} (operand 0) or {@code is not} (operand 1). */
  IS_OP(Operand.COUNT),
  /** Pop container, pop item, push {@code item in container} (0) or {@code not in} (1). */
  CONTAINS_OP(Operand.COUNT),
  /** Pop an iterable, push an iterator over it. */
  GET_ITER(Operand.NONE),
  /**
   * With an iterator on top: push its next item, or, when it is exhausted, pop it and jump forward
   * to the label.
   */
  FOR_ITER(Operand.LABEL),
  /** Pop an object, push its attribute (a bound method for a method). */
  LOAD_ATTR(Operand.NAME),
  /** Push the module of that name ({@code sys}, {@code time}, {@code threading}). */
  IMPORT_NAME(Operand.NAME),
  /** Pop a code constant, push a function made of it. */
  MAKE_FUNCTION(Operand.NONE),
  /**
   * Pop argc arguments and the callable below them, call it, push the result; checks the eval
   * breaker.
   */
  CALL_FUNCTION(Operand.COUNT),
  /**
   * Pop a tuple of keyword names, then argc arguments (the last ones named by the tuple, in order)
   * and the callable below them; call; push the result. Checks the eval breaker.
   */
  CALL_FUNCTION_KW(Operand.COUNT),
  /**
   * Pop a context manager, push the callable that exits it (called with three Nones at the end of
   * the block, or by the unwinding when an error leaves the block), then push what entering it
   * returned.
   */
  BEFORE_WITH(Operand.NONE),
  /** Raise AssertionError, with the popped message if the operand is 1; no value for 0. */
  RAISE_ASSERTION(Operand.COUNT),
  /** Pop x, push {@code str(x)} (operand 0) or {@code repr(x)} (operand 1): f-string fields. */
  FORMAT_VALUE(Operand.COUNT),
  /** Pop n strs, push their concatenation in order. */
  BUILD_STRING(Operand.COUNT);

  /** What an opcode's operand is. */
  public enum Operand {
    /** No operand. */
    NONE,
    /** An index into the code's constants. */
    CONSTANT,
    /** A local's name: an index into the code's local names. */
    LOCAL,
    /** A global's name: an index into the code's global names. */
    GLOBAL,
    /** A {@link BinaryOp}. */
    BINARY_OP,
    /** A {@link CompareOp}. */
    COMPARE_OP,
    /** A label: the index of the instruction jumped to. */
    LABEL,
    /** A whole number: a count, a stack position or a 0/1 flag, as the opcode says. */
    COUNT,
    /** A builtin's name and an argument count. */
    CALL,
    /** A name from the code's name table: an attribute or a module. */
    NAME
  }

  private final Operand operand;

  Opcode(Operand operand) {
    this.operand = operand;
  }

  /** {@return what this instruction's operand is, {@link Operand#NONE} if it takes none} */
  public Operand operand() {
    return operand;
  }

  /**
   * Whether this instruction jumps to a label.
   *
   * @return true exactly when its operand is a {@link Operand#LABEL}
   */
  public boolean isJump() {
    return operand == Operand.LABEL;
  }
}

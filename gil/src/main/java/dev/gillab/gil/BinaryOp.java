package dev.gillab.gil;

import java.util.Optional;

/**
 * The operators of {@link Opcode#BINARY_OP}. The in-place forms behave as the plain ones, except on
 * a list: {@code +=} extends it and {@code *=} repeats it in place, the same list object, as they
 * do in CPython. Immutable.
 */
public enum BinaryOp {
  /**
   * {@code +}: addition of numbers (an int result that does not fit 64 bits is an OverflowError),
   * or concatenation of two strs, two lists or two tuples.
   */
  ADD("+"),
  /** {@code -}: subtraction of numbers. */
  SUBTRACT("-"),
  /** {@code *}: multiplication of numbers, or a sequence repeated an int number of times. */
  MULTIPLY("*"),
  /** {@code //}: floor division, rounded toward negative infinity as in Python. */
  FLOOR_DIVIDE("//"),
  /** {@code %}: the remainder of {@link #FLOOR_DIVIDE}, with the sign of the divisor. */
  REMAINDER("%"),
  /** {@code /}: true division, a float result (ints here are never divided in place). */
  TRUE_DIVIDE("/"),
  /**
   * {@code +=}: {@link #ADD}, except that a list on the left is extended in place by any iterable.
   */
  INPLACE_ADD("+="),
  /** {@code -=}: as {@link #SUBTRACT}. */
  INPLACE_SUBTRACT("-="),
  /** {@code *=}: {@link #MULTIPLY}, except that a list on the left is repeated in place. */
  INPLACE_MULTIPLY("*="),
  /** {@code //=}: as {@link #FLOOR_DIVIDE}. */
  INPLACE_FLOOR_DIVIDE("//="),
  /** {@code %=}: as {@link #REMAINDER}. */
  INPLACE_REMAINDER("%="),
  /** {@code /=}: as {@link #TRUE_DIVIDE}. */
  INPLACE_TRUE_DIVIDE("/=");

  private static final BinaryOp[] VALUES = values();

  private final String symbol;

  BinaryOp(String symbol) {
    this.symbol = symbol;
  }

  /**
   * As written in the assembler: {@code +}, {@code -=}, ...
   *
   * @return the operator's symbol, as in Python source
   */
  public String symbol() {
    return symbol;
  }

  /**
   * The plain operator of an in-place one, or this.
   *
   * @return {@link #ADD} for {@link #INPLACE_ADD} and so on; this operator if it is not in-place
   */
  @SuppressWarnings("EnumOrdinal") // the in-place operators follow the plain ones in their order
  public BinaryOp plain() {
    return ordinal() >= INPLACE_ADD.ordinal() ? VALUES[ordinal() - INPLACE_ADD.ordinal()] : this;
  }

  /**
   * The operator written {@code symbol}, as {@link #symbol()} writes it.
   *
   * @param symbol an operator such as {@code +} or {@code //=}
   * @return the operator, or empty if no operator is written that way
   */
  public static Optional<BinaryOp> ofSymbol(String symbol) {
    for (BinaryOp op : VALUES) {
      if (op.symbol.equals(symbol)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }

  static BinaryOp of(int ordinal) {
    return VALUES[ordinal];
  }
}

package dev.gillab.gil;

import java.util.Optional;

/**
 * The operators of {@link Opcode#BINARY_OP}. The in-place forms behave as the plain ones (ints and
 * strs are immutable), as they do in CPython. Immutable.
 */
public enum BinaryOp {
  ADD("+"),
  SUBTRACT("-"),
  MULTIPLY("*"),
  FLOOR_DIVIDE("//"),
  REMAINDER("%"),
  /** {@code /}: true division, a float result (ints here are never divided in place). */
  TRUE_DIVIDE("/"),
  INPLACE_ADD("+="),
  INPLACE_SUBTRACT("-="),
  INPLACE_MULTIPLY("*="),
  INPLACE_FLOOR_DIVIDE("//="),
  INPLACE_REMAINDER("%="),
  INPLACE_TRUE_DIVIDE("/=");

  private static final BinaryOp[] VALUES = values();

  private final String symbol;

  BinaryOp(String symbol) {
    this.symbol = symbol;
  }

  /** As written in the assembler: {@code +}, {@code -=}, ... */
  public String symbol() {
    return symbol;
  }

  /** The plain operator of an in-place one, or this. */
  @SuppressWarnings("EnumOrdinal") // the in-place operators follow the plain ones in their order
  public BinaryOp plain() {
    return ordinal() >= INPLACE_ADD.ordinal() ? VALUES[ordinal() - INPLACE_ADD.ordinal()] : this;
  }

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

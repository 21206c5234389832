package dev.gillab.gil;

import java.util.Optional;

/** The comparisons of {@link Opcode#COMPARE_OP}. Immutable. */
public enum CompareOp {
  /** {@code <}: less than. */
  LT("<"),
  /** {@code <=}: less than or equal. */
  LE("<="),
  /** {@code ==}: equal. */
  EQ("=="),
  /** {@code !=}: not equal. */
  NE("!="),
  /** {@code >}: greater than. */
  GT(">"),
  /** {@code >=}: greater than or equal. */
  GE(">=");

  private static final CompareOp[] VALUES = values();

  private final String symbol;

  CompareOp(String symbol) {
    this.symbol = symbol;
  }

  /** {@return the comparison's symbol, as the assembler and Python source write it} */
  public String symbol() {
    return symbol;
  }

  /**
   * The comparison written {@code symbol}, as {@link #symbol()} writes it.
   *
   * @param symbol a comparison such as {@code <=}
   * @return the comparison, or empty if none is written that way
   */
  public static Optional<CompareOp> ofSymbol(String symbol) {
    for (CompareOp op : VALUES) {
      if (op.symbol.equals(symbol)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }

  static CompareOp of(int ordinal) {
    return VALUES[ordinal];
  }
}

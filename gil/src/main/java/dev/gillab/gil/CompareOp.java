package dev.gillab.gil;

import java.util.Optional;

/** The comparisons of {@link Opcode#COMPARE_OP}. Immutable. */
public enum CompareOp {
  LT("<"),
  LE("<="),
  EQ("=="),
  NE("!="),
  GT(">"),
  GE(">=");

  private static final CompareOp[] VALUES = values();

  private final String symbol;

  CompareOp(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

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

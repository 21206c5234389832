package dev.gillab.gil.python.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * An expression of the subset, as the parser builds it: CPython's {@code expr} AST nodes that the
 * code generator can compile, plus {@link BinOp} and {@link Unary} keeping operators it refuses
 * ({@code **}, {@code |}, unary {@code +}, ...) so that precedence is parsed right and the refusal
 * names the operator. Each node has its 1-based line and 0-based column. Immutable.
 */
sealed interface Expr {
  int line();

  int col();

  /** The sub-expressions, for walks that must not recurse (the depth check). */
  List<Expr> children();

  /** A name in a load, store or delete position. */
  record Name(String id, int line, int col) implements Expr {
    @Override
    public List<Expr> children() {
      return List.of();
    }
  }

  /** An int literal; it may not fit 64 bits until a minus is folded into it. */
  record Int(BigInteger value, int line, int col) implements Expr {
    @Override
    public List<Expr> children() {
      return List.of();
    }
  }

  record FloatLit(double value, int line, int col) implements Expr {
    @Override
    public List<Expr> children() {
      return List.of();
    }
  }

  record Str(String value, int line, int col) implements Expr {
    @Override
    public List<Expr> children() {
      return List.of();
    }
  }

  /** {@code None}, {@code True} or {@code False}; {@code value} is null, TRUE or FALSE. */
  record Keyword(Boolean value, int line, int col) implements Expr {
    @Override
    public List<Expr> children() {
      return List.of();
    }
  }

  /** An f-string: {@link Str} and {@link Formatted} parts, adjacent texts merged. */
  record FString(List<Expr> parts, int line, int col) implements Expr {
    @Override
    public List<Expr> children() {
      return parts;
    }
  }

  /** One replacement field; {@code repr} for {@code !r} (and {@code =} without a conversion). */
  record Formatted(Expr value, boolean repr, int line, int col) implements Expr {
    @Override
    public List<Expr> children() {
      return List.of(value);
    }
  }

  record Tuple(List<Expr> elts, int line, int col) implements Expr {
    @Override
    public List<Expr> children() {
      return elts;
    }
  }

  record ListExpr(List<Expr> elts, int line, int col) implements Expr {
    @Override
    public List<Expr> children() {
      return elts;
    }
  }

  /** {@code op} as written: {@code + - * / // %} and the refused ones. */
  record BinOp(Expr left, String op, Expr right, int line, int col) implements Expr {
    @Override
    public List<Expr> children() {
      return List.of(left, right);
    }
  }

  /** {@code op} is {@code -}, {@code not}, or a refused {@code +} or {@code ~}. */
  record Unary(String op, Expr operand, int line, int col) implements Expr {
    @Override
    public List<Expr> children() {
      return List.of(operand);
    }
  }

  /** {@code a and b and c} ({@code and} true) or the same with {@code or}. */
  record BoolOp(boolean and, List<Expr> values, int line, int col) implements Expr {
    @Override
    public List<Expr> children() {
      return values;
    }
  }

  /** {@code left ops[0] comparators[0] ops[1] comparators[1] ...}; ops as written. */
  record Compare(Expr left, List<String> ops, List<Expr> comparators, int line, int col)
      implements Expr {
    @Override
    public List<Expr> children() {
      List<Expr> all = new ArrayList<>();
      all.add(left);
      all.addAll(comparators);
      return all;
    }
  }

  /** {@code body if test else orelse}. */
  record IfExp(Expr test, Expr body, Expr orelse, int line, int col) implements Expr {
    @Override
    public List<Expr> children() {
      return List.of(test, body, orelse);
    }
  }

  record Call(Expr func, List<Expr> args, List<KeywordArg> keywords, int line, int col)
      implements Expr {
    @Override
    public List<Expr> children() {
      List<Expr> all = new ArrayList<>();
      all.add(func);
      all.addAll(args);
      keywords.forEach(k -> all.add(k.value()));
      return all;
    }
  }

  /** {@code name=value} in a call. */
  record KeywordArg(String name, Expr value, int line, int col) {}

  record Attribute(Expr value, String attr, int line, int col) implements Expr {
    @Override
    public List<Expr> children() {
      return List.of(value);
    }
  }

  record Subscript(Expr value, Expr index, int line, int col) implements Expr {
    @Override
    public List<Expr> children() {
      return List.of(value, index);
    }
  }

  /**
   * What CPython calls this expression in "cannot assign to ..." and "cannot delete ..." (pegen's
   * _PyPegen_get_expr_name), for the kinds the parser can build.
   */
  static String describe(Expr e) {
    if (e instanceof Name) {
      return "name";
    } else if (e instanceof Keyword k) {
      return k.value() == null ? "None" : k.value() ? "True" : "False";
    } else if (e instanceof Int || e instanceof FloatLit || e instanceof Str) {
      return "literal";
    } else if (e instanceof FString || e instanceof Formatted) {
      return "f-string expression";
    } else if (e instanceof Tuple) {
      return "tuple";
    } else if (e instanceof ListExpr) {
      return "list";
    } else if (e instanceof Compare) {
      return "comparison";
    } else if (e instanceof IfExp) {
      return "conditional expression";
    } else if (e instanceof Call) {
      return "function call";
    } else if (e instanceof Attribute) {
      return "attribute";
    } else if (e instanceof Subscript) {
      return "subscript";
    }
    return "expression";
  }
}

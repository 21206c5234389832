package dev.gillab.gil.python.internal;

/**
 * What may be assigned to or deleted, checked after the parser read the target as an expression,
 * with CPython's messages: the first invalid part of a tuple or list target is the one named
 * ("cannot assign to literal").
 */
final class Targets {
  private Targets() {}

  static void checkStore(Expr target, String verb) {
    Expr bad = invalidPart(target);
    if (bad != null) {
      throw CompileError.syntax(
          "cannot " + verb + " " + Expr.describe(bad), bad.line(), bad.col() + 1);
    }
  }

  static void checkDelete(Expr target) {
    checkStore(target, "delete");
  }

  static boolean isValid(Expr target) {
    return invalidPart(target) == null;
  }

  /**
   * Whether CPython's invalid_named_expression applies: a {@code bitwise_or} that is not a list,
   * tuple, {@code True}, {@code False} or {@code None}, so that {@code e = v} reads as a mistyped
   * comparison.
   */
  static boolean isExpressionTarget(Expr e) {
    return !(e instanceof Expr.Tuple
        || e instanceof Expr.ListExpr
        || e instanceof Expr.Keyword
        || e instanceof Expr.Compare
        || e instanceof Expr.BoolOp
        || e instanceof Expr.IfExp
        || (e instanceof Expr.Unary u && u.op().equals("not")));
  }

  private static Expr invalidPart(Expr e) {
    if (e instanceof Expr.Name || e instanceof Expr.Subscript || e instanceof Expr.Attribute) {
      return null;
    }
    if (e instanceof Expr.Tuple || e instanceof Expr.ListExpr) {
      for (Expr elt : e.children()) {
        Expr bad = invalidPart(elt);
        if (bad != null) {
          return bad;
        }
      }
      return null;
    }
    return e;
  }
}

package dev.gillab.gil.python.internal;

import java.util.List;

/**
 * A statement of the subset, as CPython's {@code stmt} AST nodes. Each has the 1-based line and
 * 0-based column of its first token. Immutable.
 */
sealed interface Stmt {
  int line();

  int col();

  record ExprStmt(Expr value, int line, int col) implements Stmt {}

  /** {@code t1 = t2 = value}: targets in source order. */
  record Assign(List<Expr> targets, Expr value, int line, int col) implements Stmt {}

  /** {@code target op= value}; {@code op} is the plain operator, e.g. {@code +}. */
  record AugAssign(Expr target, String op, Expr value, int line, int col) implements Stmt {}

  record Pass(int line, int col) implements Stmt {}

  record Break(int line, int col) implements Stmt {}

  record Continue(int line, int col) implements Stmt {}

  /** {@code value} is null for a bare {@code return}. */
  record Return(Expr value, int line, int col) implements Stmt {}

  record Delete(List<Expr> targets, int line, int col) implements Stmt {}

  record Global(List<String> names, int line, int col) implements Stmt {}

  /** {@code import a, b as c}. */
  record Import(List<Alias> names, int line, int col) implements Stmt {}

  /** {@code from module import a, b as c}. */
  record ImportFrom(String module, List<Alias> names, int line, int col) implements Stmt {}

  /** {@code asname} is null when there is no {@code as}. */
  record Alias(String name, String asname) {
    String boundName() {
      return asname != null ? asname : name;
    }
  }

  /** {@code msg} is null without one. */
  record Assert(Expr test, Expr msg, int line, int col) implements Stmt {}

  record If(Expr test, List<Stmt> body, List<Stmt> orelse, int line, int col) implements Stmt {}

  record While(Expr test, List<Stmt> body, List<Stmt> orelse, int line, int col) implements Stmt {}

  record For(Expr target, Expr iter, List<Stmt> body, List<Stmt> orelse, int line, int col)
      implements Stmt {}

  /** {@code with a as x, b:} keeps its items; the generator nests them. */
  record With(List<WithItem> items, List<Stmt> body, int line, int col) implements Stmt {}

  /** {@code target} is null without {@code as}. */
  record WithItem(Expr context, Expr target) {}

  /** {@code params} with the 0-based columns of their names, for the duplicate check. */
  record FunctionDef(
      String name, List<String> params, List<Integer> paramCols, List<Stmt> body, int line, int col)
      implements Stmt {}
}

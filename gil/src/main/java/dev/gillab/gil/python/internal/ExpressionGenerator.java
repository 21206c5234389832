package dev.gillab.gil.python.internal;

import dev.gillab.gil.BinaryOp;
import dev.gillab.gil.CompareOp;
import dev.gillab.gil.Opcode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Emits expressions, names and targets in the shapes the contract fixes (see the package {@code
 * dev.gillab.gil.python}): values on the stack, {@code and}/{@code or} and chained comparisons with
 * COPY and conditional jumps, conditions that jump directly, negative literals and tuples of
 * constants folded into constants. Each instruction carries the line of the expression it comes
 * from.
 */
final class ExpressionGenerator {
  private static final long MIN = Long.MIN_VALUE;

  /** CPython's STACK_USE_GUIDELINE: longer displays are built item by item. */
  private static final int STACK_USE_GUIDELINE = 30;

  /** Stands for None inside an Optional; the constant itself is null. */
  private static final Object NONE = new Object();

  private final Emitter em;
  private final Scope scope;
  private final Set<String> neverStored;

  /**
   * {@code neverStored}: locals with no reachable store. A load of one cannot succeed, and the
   * verifier refuses LOAD_FAST of a local never stored, so such a load is {@code DELETE_FAST}
   * (which raises the same UnboundLocalError) with a placeholder push after it.
   */
  ExpressionGenerator(Emitter em, Scope scope, Set<String> neverStored) {
    this.em = em;
    this.scope = scope;
    this.neverStored = neverStored;
  }

  void expr(Expr e) {
    int outer = em.line();
    em.line(e.line());
    emit(e);
    em.line(outer);
  }

  private void emit(Expr e) {
    Optional<Object> constant = constant(e);
    if (constant.isPresent()) {
      em.loadConst(constant.get() == NONE ? null : constant.get());
    } else if (e instanceof Expr.Name n) {
      load(n.id());
    } else if (e instanceof Expr.Int i) {
      throw tooLarge(i);
    } else if (e instanceof Expr.FString f) {
      fstring(f);
    } else if (e instanceof Expr.Tuple t) {
      t.elts().forEach(this::expr);
      em.op(Opcode.BUILD_TUPLE, t.elts().size());
    } else if (e instanceof Expr.ListExpr l) {
      list(l);
    } else if (e instanceof Expr.BinOp b) {
      BinaryOp op = binaryOp(b.op(), b);
      expr(b.left());
      expr(b.right());
      em.binaryOp(op);
    } else if (e instanceof Expr.Unary u) {
      unary(u);
    } else if (e instanceof Expr.BoolOp b) {
      boolOp(b);
    } else if (e instanceof Expr.Compare c) {
      compare(c);
    } else if (e instanceof Expr.IfExp i) {
      String orelse = em.newLabel();
      String end = em.newLabel();
      jumpIf(i.test(), false, orelse);
      expr(i.body());
      em.jump(Opcode.JUMP_FORWARD, end);
      em.label(orelse);
      expr(i.orelse());
      em.label(end);
    } else if (e instanceof Expr.Call c) {
      call(c);
    } else if (e instanceof Expr.Attribute a) {
      expr(a.value());
      em.op(Opcode.LOAD_ATTR, a.attr());
    } else if (e instanceof Expr.Subscript s) {
      expr(s.value());
      expr(s.index());
      em.op(Opcode.BINARY_SUBSCR);
    } else {
      // Formatted appears only inside an FString; the other leaves are constants.
      throw new IllegalStateException("unexpected expression " + e);
    }
  }

  /**
   * {@code BUILD_LIST n}; a long list, as in CPython, starts empty and appends each item, so that
   * it never holds more than a few values on the stack.
   */
  private void list(Expr.ListExpr l) {
    List<Expr> elts = l.elts();
    if (elts.size() <= STACK_USE_GUIDELINE) {
      elts.forEach(this::expr);
      em.op(Opcode.BUILD_LIST, elts.size());
      return;
    }
    em.op(Opcode.BUILD_LIST, 0);
    for (Expr elt : elts) {
      expr(elt);
      em.line(l.line());
      em.op(Opcode.LIST_APPEND, 1);
    }
  }

  private void unary(Expr.Unary u) {
    Opcode op =
        switch (u.op()) {
          case "-" -> Opcode.UNARY_NEGATIVE;
          case "not" -> Opcode.UNARY_NOT;
          default ->
              throw CompileError.unsupported(
                  "the unary '" + u.op() + "' operator", u.line(), u.col() + 1);
        };
    expr(u.operand());
    em.op(op);
  }

  private void fstring(Expr.FString f) {
    for (Expr part : f.parts()) {
      if (part instanceof Expr.Formatted v) {
        expr(v.value());
        em.line(f.line());
        em.op(Opcode.FORMAT_VALUE, v.repr() ? 1 : 0);
      } else {
        expr(part);
      }
    }
    if (f.parts().isEmpty()) {
      em.loadConst("");
    } else if (f.parts().size() > 1) {
      em.op(Opcode.BUILD_STRING, f.parts().size());
    }
  }

  private void boolOp(Expr.BoolOp b) {
    String end = em.newLabel();
    List<Expr> values = b.values();
    for (int i = 0; i < values.size() - 1; i++) {
      expr(values.get(i));
      em.line(b.line());
      em.op(Opcode.COPY, 1);
      em.jump(b.and() ? Opcode.POP_JUMP_IF_FALSE : Opcode.POP_JUMP_IF_TRUE, end);
      em.op(Opcode.POP_TOP);
    }
    expr(values.get(values.size() - 1));
    em.label(end);
  }

  private void compare(Expr.Compare c) {
    expr(c.left());
    int n = c.ops().size();
    if (n == 1) {
      expr(c.comparators().get(0));
      em.line(c.line());
      compareOp(c.ops().get(0));
      return;
    }
    String cleanup = em.newLabel();
    String end = em.newLabel();
    for (int i = 0; i < n - 1; i++) {
      expr(c.comparators().get(i));
      em.line(c.line());
      em.op(Opcode.SWAP, 2);
      em.op(Opcode.COPY, 2);
      compareOp(c.ops().get(i));
      em.op(Opcode.COPY, 1);
      em.jump(Opcode.POP_JUMP_IF_FALSE, cleanup);
      em.op(Opcode.POP_TOP);
    }
    expr(c.comparators().get(n - 1));
    em.line(c.line());
    compareOp(c.ops().get(n - 1));
    em.jump(Opcode.JUMP_FORWARD, end);
    em.label(cleanup);
    em.op(Opcode.SWAP, 2);
    em.op(Opcode.POP_TOP);
    em.label(end);
  }

  private void compareOp(String op) {
    switch (op) {
      case "is" -> em.op(Opcode.IS_OP, 0);
      case "is not" -> em.op(Opcode.IS_OP, 1);
      case "in" -> em.op(Opcode.CONTAINS_OP, 0);
      case "not in" -> em.op(Opcode.CONTAINS_OP, 1);
      default -> em.compareOp(CompareOp.ofSymbol(op).orElseThrow());
    }
  }

  private void call(Expr.Call c) {
    expr(c.func());
    c.args().forEach(this::expr);
    List<Object> names = new ArrayList<>();
    for (Expr.KeywordArg k : c.keywords()) {
      expr(k.value());
      names.add(k.name());
    }
    em.line(c.line());
    int argc = c.args().size() + names.size();
    if (names.isEmpty()) {
      em.op(Opcode.CALL_FUNCTION, argc);
    } else {
      em.loadConst(names);
      em.op(Opcode.CALL_FUNCTION_KW, argc);
    }
  }

  /** Jumps to {@code label} if {@code e} is true ({@code ifTrue}) or false; else falls through. */
  void jumpIf(Expr e, boolean ifTrue, String label) {
    int outer = em.line();
    em.line(e.line());
    if (e instanceof Expr.Unary u && u.op().equals("not")) {
      jumpIf(u.operand(), !ifTrue, label);
    } else if (e instanceof Expr.BoolOp b) {
      List<Expr> values = b.values();
      Expr last = values.get(values.size() - 1);
      if (b.and() != ifTrue) {
        // and-false / or-true: any operand decides.
        for (Expr v : values) {
          jumpIf(v, ifTrue, label);
        }
      } else {
        String skip = em.newLabel();
        for (Expr v : values.subList(0, values.size() - 1)) {
          jumpIf(v, !ifTrue, skip);
        }
        jumpIf(last, ifTrue, label);
        em.label(skip);
      }
    } else {
      expr(e);
      em.jump(ifTrue ? Opcode.POP_JUMP_IF_TRUE : Opcode.POP_JUMP_IF_FALSE, label);
    }
    em.line(outer);
  }

  void load(String name) {
    if (!scope.isLocal(name)) {
      em.op(Opcode.LOAD_GLOBAL, name);
    } else if (neverStored.contains(name)) {
      em.op(Opcode.DELETE_FAST, name);
      em.loadConst(null);
    } else {
      em.op(Opcode.LOAD_FAST, name);
    }
  }

  void storeName(String name) {
    em.op(scope.isLocal(name) ? Opcode.STORE_FAST : Opcode.STORE_GLOBAL, name);
  }

  /** Pops the value on top of the stack into {@code target}. */
  void store(Expr target) {
    int outer = em.line();
    em.line(target.line());
    if (target instanceof Expr.Name n) {
      storeName(n.id());
    } else if (target instanceof Expr.Subscript s) {
      expr(s.value());
      expr(s.index());
      em.op(Opcode.STORE_SUBSCR);
    } else if (target instanceof Expr.Tuple || target instanceof Expr.ListExpr) {
      List<Expr> elts = target.children();
      em.op(Opcode.UNPACK_SEQUENCE, elts.size());
      elts.forEach(this::store);
    } else {
      throw CompileError.unsupported("attribute assignment", target.line(), target.col() + 1);
    }
    em.line(outer);
  }

  void delete(Expr target) {
    int outer = em.line();
    em.line(target.line());
    if (target instanceof Expr.Name n) {
      em.op(scope.isLocal(n.id()) ? Opcode.DELETE_FAST : Opcode.DELETE_GLOBAL, n.id());
    } else if (target instanceof Expr.Subscript s) {
      expr(s.value());
      expr(s.index());
      em.op(Opcode.DELETE_SUBSCR);
    } else if (target instanceof Expr.Tuple || target instanceof Expr.ListExpr) {
      target.children().forEach(this::delete);
    } else {
      throw CompileError.unsupported("attribute deletion", target.line(), target.col() + 1);
    }
    em.line(outer);
  }

  /** {@code target op= value}: the load, BINARY_OP and store window of the contract. */
  void augAssign(Expr target, String op, Expr value, int line, int col) {
    BinaryOp inplace = inplace(op, line, col);
    if (target instanceof Expr.Name n) {
      expr(n);
      expr(value);
      em.binaryOp(inplace);
      storeName(n.id());
    } else if (target instanceof Expr.Subscript s) {
      expr(s.value());
      expr(s.index());
      em.op(Opcode.COPY, 2);
      em.op(Opcode.COPY, 2);
      em.op(Opcode.BINARY_SUBSCR);
      expr(value);
      em.binaryOp(inplace);
      em.op(Opcode.SWAP, 3);
      em.op(Opcode.SWAP, 2);
      em.op(Opcode.STORE_SUBSCR);
    } else {
      throw CompileError.unsupported("attribute assignment", target.line(), target.col() + 1);
    }
  }

  private static BinaryOp binaryOp(String op, Expr at) {
    return BinaryOp.ofSymbol(op)
        .orElseThrow(
            () -> CompileError.unsupported("the '" + op + "' operator", at.line(), at.col() + 1));
  }

  private static BinaryOp inplace(String op, int line, int col) {
    return BinaryOp.ofSymbol(op + "=")
        .orElseThrow(() -> CompileError.unsupported("the '" + op + "=' operator", line, col + 1));
  }

  /**
   * The constant an expression folds to: literals, a minus applied to a numeric literal, and a
   * tuple whose items all fold (a tuple constant is a List).
   */
  static Optional<Object> constant(Expr e) {
    if (e instanceof Expr.Int i) {
      return fits(i.value()) ? Optional.of(i.value().longValue()) : Optional.empty();
    } else if (e instanceof Expr.FloatLit f) {
      return Optional.of(f.value());
    } else if (e instanceof Expr.Str s) {
      return Optional.of(s.value());
    } else if (e instanceof Expr.Keyword k) {
      return Optional.of(k.value() == null ? NONE : k.value());
    } else if (e instanceof Expr.Unary u && u.op().equals("-")) {
      if (u.operand() instanceof Expr.Int i) {
        BigInteger negated = i.value().negate();
        return fits(negated) ? Optional.of(negated.longValue()) : Optional.empty();
      }
      Optional<Object> inner = constant(u.operand());
      if (inner.isPresent() && inner.get() instanceof Long l && l != MIN) {
        return Optional.of(-l);
      }
      if (inner.isPresent() && inner.get() instanceof Double d) {
        return Optional.of(-d);
      }
      return Optional.empty();
    } else if (e instanceof Expr.Tuple t) {
      List<Object> items = new ArrayList<>();
      for (Expr elt : t.elts()) {
        Optional<Object> c = constant(elt);
        if (c.isEmpty()) {
          return Optional.empty();
        }
        items.add(c.get() == NONE ? null : c.get());
      }
      return Optional.of(items);
    }
    return Optional.empty();
  }

  private static boolean fits(BigInteger v) {
    return v.bitLength() < 64;
  }

  private static CompileError tooLarge(Expr.Int i) {
    return new CompileError(
        CompileError.NOT_IMPLEMENTED, "int literal too large for 64 bits", i.line(), i.col() + 1);
  }
}

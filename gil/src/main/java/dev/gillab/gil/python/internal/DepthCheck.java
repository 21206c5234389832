package dev.gillab.gil.python.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Refuses expression trees deeper than {@link ExpressionParser#MAX_NESTING} before anything
 * recurses over them. The parser bounds its own recursion, but left-leaning chains ({@code
 * 1+1+...}, {@code a.b.c...}, {@code f()()...}) are built by loops and can be arbitrarily deep;
 * CPython refuses them with a RecursionError too. Iterative, so it cannot overflow itself.
 */
final class DepthCheck {
  private DepthCheck() {}

  static void check(List<Stmt> body) {
    for (Stmt s : body) {
      for (Expr e : expressions(s)) {
        check(e, s);
      }
      for (List<Stmt> block : blocks(s)) {
        check(block);
      }
    }
  }

  private static void check(Expr root, Stmt s) {
    Deque<Expr> nodes = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    nodes.push(root);
    depths.push(1);
    while (!nodes.isEmpty()) {
      Expr e = nodes.pop();
      int depth = depths.pop();
      if (depth > ExpressionParser.MAX_NESTING) {
        throw ExpressionParser.tooDeep(s.line(), s.col());
      }
      for (Expr child : e.children()) {
        nodes.push(child);
        depths.push(depth + 1);
      }
    }
  }

  private static List<Expr> expressions(Stmt s) {
    List<Expr> out = new ArrayList<>();
    if (s instanceof Stmt.ExprStmt e) {
      out.add(e.value());
    } else if (s instanceof Stmt.Assign a) {
      out.addAll(a.targets());
      out.add(a.value());
    } else if (s instanceof Stmt.AugAssign a) {
      out.add(a.target());
      out.add(a.value());
    } else if (s instanceof Stmt.Return r && r.value() != null) {
      out.add(r.value());
    } else if (s instanceof Stmt.Delete d) {
      out.addAll(d.targets());
    } else if (s instanceof Stmt.Assert a) {
      out.add(a.test());
      if (a.msg() != null) {
        out.add(a.msg());
      }
    } else if (s instanceof Stmt.If i) {
      out.add(i.test());
    } else if (s instanceof Stmt.While w) {
      out.add(w.test());
    } else if (s instanceof Stmt.For f) {
      out.add(f.target());
      out.add(f.iter());
    } else if (s instanceof Stmt.With w) {
      for (Stmt.WithItem item : w.items()) {
        out.add(item.context());
        if (item.target() != null) {
          out.add(item.target());
        }
      }
    }
    return out;
  }

  private static List<List<Stmt>> blocks(Stmt s) {
    if (s instanceof Stmt.If i) {
      return List.of(i.body(), i.orelse());
    } else if (s instanceof Stmt.While w) {
      return List.of(w.body(), w.orelse());
    } else if (s instanceof Stmt.For f) {
      return List.of(f.body(), f.orelse());
    } else if (s instanceof Stmt.With w) {
      return List.of(w.body());
    } else if (s instanceof Stmt.FunctionDef f) {
      return List.of(f.body());
    }
    return List.of();
  }
}

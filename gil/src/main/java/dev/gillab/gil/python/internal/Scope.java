package dev.gillab.gil.python.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which names of a code are locals, found as CPython's symtable finds them: at module level every
 * name is a global; in a function, a name bound anywhere in the body (assignment, augmented
 * assignment, {@code for} and {@code with} targets, {@code del}, {@code import}) and not declared
 * {@code global} is a local, as are the parameters; every other name is a global.
 *
 * <p>The walk goes in source order, so a {@code global} statement can tell whether its name was
 * already used or bound, which CPython refuses with the messages below. Function bodies are
 * analysed when their {@code def} is reached, so errors come in CPython's order.
 */
final class Scope {
  private final Set<String> params = new HashSet<>();
  private final Set<String> bound = new HashSet<>();

  /** Bound by import: local, but not "assigned" for the global check (CPython's DEF_IMPORT). */
  private final Set<String> imported = new HashSet<>();

  private final Set<String> used = new HashSet<>();
  private final Set<String> globals = new HashSet<>();
  private final boolean function;

  private Scope(boolean function) {
    this.function = function;
  }

  /** Analyses a module; the map gets the scope of every function defined in it. */
  static Scope module(List<Stmt> body, Map<Stmt.FunctionDef, Scope> functions) {
    Scope scope = new Scope(false);
    scope.walk(body, functions);
    return scope;
  }

  static Map<Stmt.FunctionDef, Scope> newFunctionMap() {
    return new IdentityHashMap<>();
  }

  private static Scope function(Stmt.FunctionDef def) {
    Scope scope = new Scope(true);
    for (int i = 0; i < def.params().size(); i++) {
      String p = def.params().get(i);
      if (!scope.params.add(p)) {
        throw CompileError.syntax(
            "duplicate argument '" + p + "' in function definition",
            def.line(),
            def.paramCols().get(i) + 1);
      }
    }
    scope.walk(def.body(), null);
    return scope;
  }

  boolean isLocal(String name) {
    return function
        && (params.contains(name) || bound.contains(name) || imported.contains(name))
        && !globals.contains(name);
  }

  private void walk(List<Stmt> body, Map<Stmt.FunctionDef, Scope> functions) {
    for (Stmt s : body) {
      statement(s, functions);
    }
  }

  private void statement(Stmt s, Map<Stmt.FunctionDef, Scope> functions) {
    if (s instanceof Stmt.ExprStmt e) {
      use(e.value());
    } else if (s instanceof Stmt.Assign a) {
      a.targets().forEach(this::bind);
      use(a.value());
    } else if (s instanceof Stmt.AugAssign a) {
      bind(a.target());
      use(a.value());
    } else if (s instanceof Stmt.Return r) {
      if (r.value() != null) {
        use(r.value());
      }
    } else if (s instanceof Stmt.Delete d) {
      d.targets().forEach(this::bind);
    } else if (s instanceof Stmt.Global g) {
      for (String name : g.names()) {
        declareGlobal(name, g);
      }
    } else if (s instanceof Stmt.Import i) {
      i.names().forEach(alias -> imported.add(alias.boundName()));
    } else if (s instanceof Stmt.ImportFrom i) {
      i.names().forEach(alias -> imported.add(alias.boundName()));
    } else if (s instanceof Stmt.Assert a) {
      use(a.test());
      if (a.msg() != null) {
        use(a.msg());
      }
    } else if (s instanceof Stmt.If i) {
      use(i.test());
      walk(i.body(), functions);
      walk(i.orelse(), functions);
    } else if (s instanceof Stmt.While w) {
      use(w.test());
      walk(w.body(), functions);
      walk(w.orelse(), functions);
    } else if (s instanceof Stmt.For f) {
      bind(f.target());
      use(f.iter());
      walk(f.body(), functions);
      walk(f.orelse(), functions);
    } else if (s instanceof Stmt.With w) {
      for (Stmt.WithItem item : w.items()) {
        use(item.context());
        if (item.target() != null) {
          bind(item.target());
        }
      }
      walk(w.body(), functions);
    } else if (s instanceof Stmt.FunctionDef def) {
      if (functions == null) {
        throw CompileError.unsupported("nested functions", def.line(), def.col() + 1);
      }
      bound.add(def.name());
      functions.put(def, function(def));
    }
  }

  private void declareGlobal(String name, Stmt.Global g) {
    String problem = null;
    if (params.contains(name)) {
      problem = "name '" + name + "' is parameter and global";
    } else if (used.contains(name)) {
      problem = "name '" + name + "' is used prior to global declaration";
    } else if (bound.contains(name)) {
      problem = "name '" + name + "' is assigned to before global declaration";
    }
    if (problem != null) {
      throw CompileError.syntax(problem, g.line(), g.col() + 1);
    }
    globals.add(name);
  }

  /** Records a target's names as bound; names inside a subscript target are used. */
  private void bind(Expr target) {
    if (target instanceof Expr.Name n) {
      bound.add(n.id());
    } else if (target instanceof Expr.Tuple || target instanceof Expr.ListExpr) {
      target.children().forEach(this::bind);
    } else {
      use(target);
    }
  }

  /** Records every name read in {@code e}; iterative, as the tree may be deep. */
  private void use(Expr e) {
    Deque<Expr> work = new ArrayDeque<>();
    work.push(e);
    while (!work.isEmpty()) {
      Expr x = work.pop();
      if (x instanceof Expr.Name n) {
        used.add(n.id());
      }
      x.children().forEach(work::push);
    }
  }
}

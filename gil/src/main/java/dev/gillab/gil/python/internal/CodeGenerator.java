package dev.gillab.gil.python.internal;

import dev.gillab.gil.Code;
import dev.gillab.gil.CodeBuilder;
import dev.gillab.gil.Opcode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Emits the statements of one code (the module or a function) in the shapes the contract fixes. A
 * stack of enclosing blocks tells {@code break}, {@code continue} and {@code return} what they
 * leave: a {@code for} leaves its iterator on the value stack and a {@code with} its exit callable,
 * so leaving one pops the iterator or calls the exit first, and a return value is swapped under
 * them, because RETURN_VALUE needs exactly one value on the stack.
 */
final class CodeGenerator {
  private enum Kind {
    WHILE,
    FOR,
    WITH
  }

  /** An enclosing loop (its continue and break labels) or with-block. */
  private record Block(Kind kind, String top, String end) {}

  private final String filename;
  private final boolean function;
  private final Map<Stmt.FunctionDef, Scope> functions;
  private final Emitter em;
  private final ExpressionGenerator exprs;
  private final Deque<Block> blocks = new ArrayDeque<>();

  private CodeGenerator(
      String filename,
      boolean function,
      Map<Stmt.FunctionDef, Scope> functions,
      CodeBuilder builder,
      Scope scope,
      Set<String> neverStored) {
    this.filename = filename;
    this.function = function;
    this.functions = functions;
    this.em = new Emitter(builder);
    this.exprs = new ExpressionGenerator(em, scope, neverStored);
  }

  static Code module(
      List<Stmt> body, String filename, Scope scope, Map<Stmt.FunctionDef, Scope> functions) {
    CodeGenerator g =
        new CodeGenerator(
            filename,
            false,
            functions,
            Code.builder("<module>").filename(filename),
            scope,
            Set.of());
    g.body(body);
    g.em.loadConst(null);
    g.em.op(Opcode.RETURN_VALUE);
    return g.em.build();
  }

  private Code function(Stmt.FunctionDef def) {
    Scope scope = functions.get(def);
    Set<String> neverStored = Set.of();
    // Twice at most: the first pass finds locals that are read but never (reachably) stored.
    while (true) {
      CodeGenerator g =
          new CodeGenerator(
              filename,
              true,
              functions,
              Code.builder(def.name())
                  .filename(filename)
                  .firstLine(def.line())
                  .params(def.params().toArray(new String[0])),
              scope,
              neverStored);
      g.em.line(def.line());
      g.body(def.body());
      if (g.em.reachable()) {
        g.em.loadConst(null);
        g.em.op(Opcode.RETURN_VALUE);
      }
      Set<String> missing = g.em.loadedButNeverStored(def.params());
      if (missing.isEmpty()) {
        return g.em.build();
      }
      neverStored = missing;
    }
  }

  private void body(List<Stmt> body) {
    for (Stmt s : body) {
      statement(s);
    }
  }

  private void statement(Stmt s) {
    em.line(s.line());
    if (s instanceof Stmt.ExprStmt e) {
      if (ExpressionGenerator.constant(e.value()).isPresent()) {
        // A lone constant (a docstring, say) does nothing; CPython emits no load for it.
        em.op(Opcode.NOP);
      } else {
        exprs.expr(e.value());
        em.op(Opcode.POP_TOP);
      }
    } else if (s instanceof Stmt.Assign a) {
      exprs.expr(a.value());
      List<Expr> targets = a.targets();
      for (int i = 0; i < targets.size(); i++) {
        if (i < targets.size() - 1) {
          em.op(Opcode.COPY, 1);
        }
        exprs.store(targets.get(i));
      }
    } else if (s instanceof Stmt.AugAssign a) {
      exprs.augAssign(a.target(), a.op(), a.value(), a.line(), a.col());
    } else if (s instanceof Stmt.Pass) {
      em.op(Opcode.NOP);
    } else if (s instanceof Stmt.Break) {
      leaveLoop(s, "'break' outside loop", true);
    } else if (s instanceof Stmt.Continue) {
      leaveLoop(s, "'continue' not properly in loop", false);
    } else if (s instanceof Stmt.Return r) {
      returnStatement(r);
    } else if (s instanceof Stmt.Delete d) {
      d.targets().forEach(exprs::delete);
    } else if (s instanceof Stmt.Global) {
      // A declaration: the scope already knows; nothing runs.
      return;
    } else if (s instanceof Stmt.Import i) {
      for (Stmt.Alias alias : i.names()) {
        em.op(Opcode.IMPORT_NAME, alias.name());
        exprs.storeName(alias.boundName());
      }
    } else if (s instanceof Stmt.ImportFrom i) {
      for (Stmt.Alias alias : i.names()) {
        em.op(Opcode.IMPORT_NAME, i.module());
        em.op(Opcode.LOAD_ATTR, alias.name());
        exprs.storeName(alias.boundName());
      }
    } else if (s instanceof Stmt.Assert a) {
      String ok = em.newLabel();
      exprs.jumpIf(a.test(), true, ok);
      if (a.msg() != null) {
        exprs.expr(a.msg());
        em.op(Opcode.RAISE_ASSERTION, 1);
      } else {
        em.op(Opcode.RAISE_ASSERTION, 0);
      }
      em.label(ok);
    } else if (s instanceof Stmt.If i) {
      ifStatement(i);
    } else if (s instanceof Stmt.While w) {
      whileStatement(w);
    } else if (s instanceof Stmt.For f) {
      forStatement(f);
    } else if (s instanceof Stmt.With w) {
      with(w, 0);
    } else if (s instanceof Stmt.FunctionDef def) {
      Code code = function(def);
      em.line(def.line());
      em.loadConst(code);
      em.op(Opcode.MAKE_FUNCTION);
      exprs.storeName(def.name());
    }
  }

  private void ifStatement(Stmt.If i) {
    String orelse = em.newLabel();
    exprs.jumpIf(i.test(), false, orelse);
    body(i.body());
    if (i.orelse().isEmpty()) {
      em.label(orelse);
      return;
    }
    String end = em.newLabel();
    em.jump(Opcode.JUMP_FORWARD, end);
    em.label(orelse);
    body(i.orelse());
    em.label(end);
  }

  private void whileStatement(Stmt.While w) {
    String top = em.newLabel();
    String orelse = em.newLabel();
    String end = em.newLabel();
    em.label(top);
    exprs.jumpIf(w.test(), false, orelse);
    blocks.push(new Block(Kind.WHILE, top, end));
    body(w.body());
    blocks.pop();
    em.line(w.line());
    em.jump(Opcode.JUMP_BACKWARD, top);
    em.label(orelse);
    body(w.orelse());
    em.label(end);
  }

  private void forStatement(Stmt.For f) {
    String top = em.newLabel();
    String orelse = em.newLabel();
    String end = em.newLabel();
    exprs.expr(f.iter());
    em.line(f.line());
    em.op(Opcode.GET_ITER);
    em.label(top);
    em.jump(Opcode.FOR_ITER, orelse);
    exprs.store(f.target());
    blocks.push(new Block(Kind.FOR, top, end));
    body(f.body());
    blocks.pop();
    em.line(f.line());
    em.jump(Opcode.JUMP_BACKWARD, top);
    em.label(orelse);
    body(f.orelse());
    em.label(end);
  }

  /** {@code with a, b:} is {@code with a:} around {@code with b:}. */
  private void with(Stmt.With w, int item) {
    if (item == w.items().size()) {
      body(w.body());
      return;
    }
    Stmt.WithItem it = w.items().get(item);
    exprs.expr(it.context());
    em.line(w.line());
    em.op(Opcode.BEFORE_WITH);
    if (it.target() != null) {
      exprs.store(it.target());
    } else {
      em.op(Opcode.POP_TOP);
    }
    blocks.push(new Block(Kind.WITH, null, null));
    with(w, item + 1);
    blocks.pop();
    em.line(w.line());
    callExit();
  }

  /** Calls the exit callable on top of the stack with three Nones and drops its result. */
  private void callExit() {
    em.loadConst(null);
    em.loadConst(null);
    em.loadConst(null);
    em.op(Opcode.CALL_FUNCTION, 3);
    em.op(Opcode.POP_TOP);
  }

  private void leaveLoop(Stmt s, String outside, boolean isBreak) {
    Block loop = null;
    for (Block b : blocks) {
      if (b.kind() != Kind.WITH) {
        loop = b;
        break;
      }
    }
    if (loop == null) {
      throw CompileError.syntax(outside, s.line(), s.col() + 1);
    }
    for (Iterator<Block> it = blocks.iterator(); it.hasNext(); ) {
      Block b = it.next();
      if (b.equals(loop)) {
        break;
      }
      callExit();
    }
    if (isBreak) {
      if (loop.kind() == Kind.FOR) {
        em.op(Opcode.POP_TOP);
      }
      em.jump(Opcode.JUMP_FORWARD, loop.end());
    } else {
      em.jump(Opcode.JUMP_BACKWARD, loop.top());
    }
  }

  private void returnStatement(Stmt.Return r) {
    if (!function) {
      throw CompileError.syntax("'return' outside function", r.line(), r.col() + 1);
    }
    if (r.value() != null) {
      exprs.expr(r.value());
    } else {
      em.loadConst(null);
    }
    for (Block b : blocks) {
      if (b.kind() == Kind.FOR) {
        em.op(Opcode.SWAP, 2);
        em.op(Opcode.POP_TOP);
      } else if (b.kind() == Kind.WITH) {
        em.op(Opcode.SWAP, 2);
        callExit();
      }
    }
    em.op(Opcode.RETURN_VALUE);
  }
}

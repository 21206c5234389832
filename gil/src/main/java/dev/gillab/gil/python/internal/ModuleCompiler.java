package dev.gillab.gil.python.internal;

import dev.gillab.gil.Code;
import dev.gillab.gil.VerifyException;
import dev.gillab.gil.internal.Verifier;
import java.util.List;
import java.util.Map;

/**
 * The pipeline, in CPython's order of complaint: tokenize and parse the whole source (syntax
 * errors), analyse scopes (global declarations, duplicate parameters), then generate code ('return'
 * outside function, 'break' outside loop, constructs outside the subset found late).
 */
public final class ModuleCompiler {
  private ModuleCompiler() {}

  /**
   * Compiles a module whose newlines are already {@code \n}.
   *
   * @throws CompileError for any fault in the source
   */
  public static Code compile(String source, String filename) {
    int nul = source.indexOf('\0');
    if (nul >= 0) {
      int line = 1 + (int) source.substring(0, nul).chars().filter(c -> c == '\n').count();
      throw CompileError.syntax("source code string cannot contain null bytes", line, 1);
    }
    List<Stmt> module = new Parser(new Tokenizer(source, 1)).file();
    DepthCheck.check(module);
    Map<Stmt.FunctionDef, Scope> functions = Scope.newFunctionMap();
    Scope scope = Scope.module(module, functions);
    try {
      return CodeGenerator.module(module, filename, scope, functions);
    } catch (VerifyException e) {
      // The generator keeps every other rule by construction; the stack limit bounds how many
      // values one expression may hold at once (a list display of more than ~1000 items).
      if (e.detail().startsWith("stack depth exceeds")) {
        throw CompileError.unsupported(
            "expressions that need more than " + Verifier.STACK_LIMIT + " stack slots",
            e.line(),
            1);
      }
      throw e;
    }
  }
}

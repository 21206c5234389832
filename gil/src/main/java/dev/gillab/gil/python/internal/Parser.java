package dev.gillab.gil.python.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Recursive descent over CPython 3.11's statement grammar: a file is statements; a statement is a
 * compound statement or simple statements joined by {@code ;} on one logical line; a block is an
 * indented suite or simple statements after the colon. Targets (of {@code =}, {@code op=}, {@code
 * for}, {@code as}, {@code del}) are parsed as expressions and then checked, which is what gives
 * CPython's "cannot assign to ..." messages. Statements outside the subset are refused at their
 * keyword. Not thread-safe; one use.
 */
final class Parser {
  private static final Map<String, String> AUGMENTED =
      Map.ofEntries(
          Map.entry("+=", "+"),
          Map.entry("-=", "-"),
          Map.entry("*=", "*"),
          Map.entry("/=", "/"),
          Map.entry("//=", "//"),
          Map.entry("%=", "%"),
          Map.entry("**=", "**"),
          Map.entry("@=", "@"),
          Map.entry("&=", "&"),
          Map.entry("|=", "|"),
          Map.entry("^=", "^"),
          Map.entry("<<=", "<<"),
          Map.entry(">>=", ">>"));
  private static final Map<String, String> REFUSED =
      Map.of(
          "class", "class definitions",
          "try", "try statements",
          "raise", "raise statements",
          "nonlocal", "nonlocal declarations",
          "async", "async statements",
          "yield", "yield expressions",
          "lambda", "lambda expressions");

  private final TokenStream in;
  private final ExpressionParser expressions;

  Parser(Tokenizer tokenizer) {
    this.in = new TokenStream(tokenizer);
    this.expressions = new ExpressionParser(in, 0);
  }

  List<Stmt> file() {
    List<Stmt> body = new ArrayList<>();
    try {
      while (!in.at(Token.Kind.END)) {
        statement(body);
      }
    } catch (CompileError e) {
      throw in.preferTokenizerError(e);
    }
    return body;
  }

  private void statement(List<Stmt> out) {
    Token t = in.peek();
    if (t.kind() == Token.Kind.INDENT) {
      throw new CompileError(CompileError.INDENTATION, "unexpected indent", t.line(), t.col() + 1);
    }
    if (t.kind() == Token.Kind.NAME) {
      Stmt compound =
          switch (t.text()) {
            case "if" -> ifStatement(in.next(), "'if' statement");
            case "while" -> whileStatement(in.next());
            case "for" -> forStatement(in.next());
            case "with" -> withStatement(in.next());
            case "def" -> functionDef(in.next());
            default -> null;
          };
      if (compound != null) {
        out.add(compound);
        return;
      }
      if (t.text().equals("match") && looksLikeMatch()) {
        throw TokenStream.unsupportedAt(t, "match statements");
      }
    }
    if (t.is("@")) {
      in.next();
      if (!ExpressionParser.startsExpression(in.peek())) {
        throw in.invalidSyntax();
      }
      throw TokenStream.unsupportedAt(t, "decorators");
    }
    simpleStatements(out);
  }

  /** {@code match} is a soft keyword: a statement when its line ends in a colon. */
  private boolean looksLikeMatch() {
    Token after = in.peek(1);
    boolean assignsOrReads =
        after.kind() == Token.Kind.OP
            && (after.text().equals("=")
                || after.text().equals(".")
                || after.text().equals(":")
                || AUGMENTED.containsKey(after.text()));
    if (after.kind() == Token.Kind.NEWLINE || assignsOrReads) {
      return false;
    }
    for (int k = 1; ; k++) {
      Token t = in.peek(k);
      if (t.kind() == Token.Kind.NEWLINE || t.kind() == Token.Kind.END) {
        return in.peek(k - 1).is(":");
      }
    }
  }

  private void simpleStatements(List<Stmt> out) {
    while (true) {
      out.add(simpleStatement());
      if (in.at(";")) {
        in.next();
        if (in.at(Token.Kind.NEWLINE)) {
          break;
        }
        continue;
      }
      break;
    }
    if (!in.at(Token.Kind.NEWLINE)) {
      throw in.invalidSyntax();
    }
    in.next();
  }

  private Stmt simpleStatement() {
    Token t = in.peek();
    if (t.kind() == Token.Kind.NAME) {
      String refused = REFUSED.get(t.text());
      if (refused != null) {
        throw TokenStream.unsupportedAt(t, refused);
      }
      Stmt keyword =
          switch (t.text()) {
            case "pass" -> new Stmt.Pass(t.line(), t.col());
            case "break" -> new Stmt.Break(t.line(), t.col());
            case "continue" -> new Stmt.Continue(t.line(), t.col());
            default -> null;
          };
      if (keyword != null) {
        in.next();
        return keyword;
      }
      switch (t.text()) {
        case "return" -> {
          in.next();
          Expr value = endsSimpleStatement() ? null : expressions.starExpressions();
          return new Stmt.Return(value, t.line(), t.col());
        }
        case "del" -> {
          in.next();
          return delete(t);
        }
        case "global" -> {
          in.next();
          return global(t);
        }
        case "import" -> {
          in.next();
          return importStatement(t);
        }
        case "from" -> {
          in.next();
          return fromImport(t);
        }
        case "assert" -> {
          in.next();
          return assertStatement(t);
        }
        default -> {
          // an expression statement or an assignment
        }
      }
    }
    return expressionStatement(t);
  }

  private Stmt assertStatement(Token t) {
    Expr test = expressions.expression();
    Expr msg = null;
    if (in.at(",")) {
      in.next();
      msg = expressions.expression();
    }
    return new Stmt.Assert(test, msg, t.line(), t.col());
  }

  private boolean endsSimpleStatement() {
    return in.at(Token.Kind.NEWLINE) || in.at(";");
  }

  private Stmt expressionStatement(Token t) {
    Expr first = expressions.starExpressions();
    if (in.at("=")) {
      boolean mistyped = expressions.assignmentLooksLikeComparison();
      List<Expr> targets = new ArrayList<>();
      Expr value = first;
      while (in.at("=")) {
        in.next();
        if (in.at("yield")) {
          throw TokenStream.unsupportedAt(in.peek(), "yield expressions");
        }
        targets.add(value);
        value = expressions.starExpressions();
      }
      // An invalid statement: CPython's invalid_named_expression looks at the item next to
      // the first '=', so "f() = 1" reads as a mistyped comparison.
      if (mistyped && !targets.stream().allMatch(Targets::isValid)) {
        CompileError error = ExpressionParser.mistypedComparison(lastItem(first));
        if (error != null) {
          throw error;
        }
      }
      for (Expr target : targets) {
        Targets.checkStore(target, "assign to");
      }
      return new Stmt.Assign(targets, value, t.line(), t.col());
    }
    Token op = in.peek();
    if (op.kind() == Token.Kind.OP && AUGMENTED.containsKey(op.text())) {
      if (!(first instanceof Expr.Name
          || first instanceof Expr.Subscript
          || first instanceof Expr.Attribute)) {
        throw CompileError.syntax(
            "'" + Expr.describe(first) + "' is an illegal expression for augmented assignment",
            first.line(),
            first.col() + 1);
      }
      in.next();
      if (in.at("yield")) {
        throw TokenStream.unsupportedAt(in.peek(), "yield expressions");
      }
      Expr value = expressions.starExpressions();
      return new Stmt.AugAssign(first, AUGMENTED.get(op.text()), value, t.line(), t.col());
    }
    if (in.at(":")) {
      throw TokenStream.unsupportedAt(t, "annotated assignments");
    }
    return new Stmt.ExprStmt(first, t.line(), t.col());
  }

  /** The last item of an unparenthesized tuple, else the expression itself. */
  private static Expr lastItem(Expr e) {
    if (e instanceof Expr.Tuple t
        && !t.elts().isEmpty()
        && t.elts().get(0).line() == t.line()
        && t.elts().get(0).col() == t.col()) {
      return t.elts().get(t.elts().size() - 1);
    }
    return e;
  }

  private Stmt delete(Token t) {
    if (endsSimpleStatement()) {
      throw in.invalidSyntax();
    }
    List<Expr> targets = new ArrayList<>();
    while (true) {
      Expr target = expressions.expression();
      Targets.checkDelete(target);
      targets.add(target);
      if (!in.at(",")) {
        break;
      }
      in.next();
      if (endsSimpleStatement()) {
        break;
      }
    }
    return new Stmt.Delete(targets, t.line(), t.col());
  }

  private Stmt global(Token t) {
    List<String> names = new ArrayList<>();
    do {
      if (!names.isEmpty()) {
        in.next();
      }
      names.add(name());
    } while (in.at(","));
    return new Stmt.Global(names, t.line(), t.col());
  }

  private String name() {
    if (!in.peek().isName()) {
      throw in.invalidSyntax();
    }
    return in.next().text();
  }

  private String moduleName() {
    Token first = in.peek();
    String name = name();
    if (in.at(".")) {
      throw TokenStream.unsupportedAt(first, "dotted module names");
    }
    return name;
  }

  private Stmt importStatement(Token t) {
    List<Stmt.Alias> names = new ArrayList<>();
    do {
      if (!names.isEmpty()) {
        in.next();
      }
      String module = moduleName();
      String as = null;
      if (in.at("as")) {
        in.next();
        as = name();
      }
      names.add(new Stmt.Alias(module, as));
    } while (in.at(","));
    return new Stmt.Import(names, t.line(), t.col());
  }

  private Stmt fromImport(Token t) {
    if (in.at(".") || in.at("...")) {
      throw TokenStream.unsupportedAt(in.peek(), "relative imports");
    }
    String module = moduleName();
    in.expect("import");
    if (in.at("*")) {
      throw TokenStream.unsupportedAt(in.peek(), "from ... import *");
    }
    boolean parenthesized = in.at("(");
    if (parenthesized) {
      in.next();
    }
    List<Stmt.Alias> names = new ArrayList<>();
    while (true) {
      String name = name();
      String as = null;
      if (in.at("as")) {
        in.next();
        as = name();
      }
      names.add(new Stmt.Alias(name, as));
      if (!in.at(",")) {
        break;
      }
      in.next();
      if (parenthesized && in.at(")")) {
        break;
      }
      if (!parenthesized && in.at(Token.Kind.NEWLINE)) {
        throw TokenStream.errorAt(
            in.peek(), "trailing comma not allowed without surrounding parentheses");
      }
    }
    if (parenthesized) {
      in.expect(")");
    }
    return new Stmt.ImportFrom(module, names, t.line(), t.col());
  }

  /** An if with its elif chain, read by a loop: the chain nests, but may be long. */
  private Stmt ifStatement(Token keyword, String what) {
    List<Token> keywords = new ArrayList<>();
    List<Expr> tests = new ArrayList<>();
    List<List<Stmt>> bodies = new ArrayList<>();
    Token current = keyword;
    String currentWhat = what;
    while (true) {
      keywords.add(current);
      tests.add(condition());
      colon(false);
      bodies.add(block(currentWhat, current));
      if (!in.at("elif")) {
        break;
      }
      if (keywords.size() >= ExpressionParser.MAX_NESTING) {
        throw ExpressionParser.tooDeep(in.peek().line(), in.peek().col());
      }
      current = in.next();
      currentWhat = "'elif' statement";
    }
    List<Stmt> orelse = in.at("else") ? elseBlock() : List.of();
    for (int i = keywords.size() - 1; i >= 0; i--) {
      Token k = keywords.get(i);
      Stmt s = new Stmt.If(tests.get(i), bodies.get(i), orelse, k.line(), k.col());
      orelse = List.of(s);
    }
    return orelse.get(0);
  }

  private Stmt whileStatement(Token keyword) {
    Expr test = condition();
    colon(false);
    List<Stmt> body = block("'while' statement", keyword);
    List<Stmt> orelse = in.at("else") ? elseBlock() : List.of();
    return new Stmt.While(test, body, orelse, keyword.line(), keyword.col());
  }

  private Stmt forStatement(Token keyword) {
    Expr target = expressions.targetList();
    if (!in.at("in")) {
      throw in.invalidSyntax();
    }
    Targets.checkStore(target, "assign to");
    in.next();
    Expr iter = expressions.starExpressions();
    colon(false);
    List<Stmt> body = block("'for' statement", keyword);
    List<Stmt> orelse = in.at("else") ? elseBlock() : List.of();
    return new Stmt.For(target, iter, body, orelse, keyword.line(), keyword.col());
  }

  private Stmt withStatement(Token keyword) {
    List<Stmt.WithItem> items = parenthesizedWithItems();
    if (items == null) {
      items = withItems();
    }
    colon(false);
    List<Stmt> body = block("'with' statement", keyword);
    return new Stmt.With(items, body, keyword.line(), keyword.col());
  }

  /** {@code with (a as b, c):}, tried first and given up if it is not that form. */
  private List<Stmt.WithItem> parenthesizedWithItems() {
    if (!in.at("(")) {
      return null;
    }
    int mark = in.mark();
    try {
      in.next();
      List<Stmt.WithItem> items = new ArrayList<>();
      while (true) {
        items.add(withItem());
        if (!in.at(",")) {
          break;
        }
        in.next();
        if (in.at(")")) {
          break;
        }
      }
      in.expect(")");
      if (in.at(":")) {
        return items;
      }
    } catch (CompileError e) {
      // Not the parenthesized form; parse it as plain items.
    }
    in.reset(mark);
    return null;
  }

  private List<Stmt.WithItem> withItems() {
    List<Stmt.WithItem> items = new ArrayList<>();
    items.add(withItem());
    while (in.at(",")) {
      in.next();
      items.add(withItem());
    }
    return items;
  }

  private Stmt.WithItem withItem() {
    Expr context = expressions.expression();
    Expr target = null;
    if (in.at("as")) {
      in.next();
      target = expressions.target();
      Targets.checkStore(target, "assign to");
    }
    return new Stmt.WithItem(context, target);
  }

  private Stmt functionDef(Token keyword) {
    Token nameToken = in.peek();
    String name = name();
    if (!in.at("(")) {
      throw TokenStream.errorAt(in.peek(), "expected '('");
    }
    in.next();
    List<String> params = new ArrayList<>();
    List<Integer> cols = new ArrayList<>();
    while (!in.at(")")) {
      Token p = in.peek();
      if (p.is("*") || p.is("**") || p.is("/")) {
        throw TokenStream.unsupportedAt(
            p,
            p.is("*")
                ? "*args and keyword-only parameters"
                : p.is("**") ? "**kwargs parameters" : "positional-only parameters");
      }
      params.add(name());
      cols.add(p.col());
      if (in.at(":")) {
        throw TokenStream.unsupportedAt(in.peek(), "annotations");
      }
      if (in.at("=")) {
        throw TokenStream.unsupportedAt(in.peek(), "default parameter values");
      }
      if (!in.at(",")) {
        break;
      }
      in.next();
    }
    in.expect(")");
    if (in.at("->")) {
      throw TokenStream.unsupportedAt(in.peek(), "annotations");
    }
    colon(true);
    List<Stmt> body = block("function definition", keyword);
    return new Stmt.FunctionDef(name, params, cols, body, nameToken.line(), keyword.col());
  }

  private List<Stmt> elseBlock() {
    Token keyword = in.next();
    colon(true);
    return block("'else' statement", keyword);
  }

  /** An if/while condition: a named expression. */
  private Expr condition() {
    return expressions.namedExpression();
  }

  /**
   * The colon after a header. CPython insists on it ("expected ':'") after def and else; after the
   * others it says so only when the line ends there.
   */
  private void colon(boolean forced) {
    if (in.at(":")) {
      in.next();
      return;
    }
    if (forced || in.at(Token.Kind.NEWLINE)) {
      throw TokenStream.errorAt(in.peek(), "expected ':'");
    }
    throw in.invalidSyntax();
  }

  private List<Stmt> block(String what, Token keyword) {
    List<Stmt> body = new ArrayList<>();
    if (!in.at(Token.Kind.NEWLINE)) {
      simpleStatements(body);
      return body;
    }
    in.next();
    if (!in.at(Token.Kind.INDENT)) {
      Token t = in.peek();
      throw new CompileError(
          CompileError.INDENTATION,
          "expected an indented block after " + what + " on line " + keyword.line(),
          t.line(),
          t.col() + 1);
    }
    in.next();
    while (!in.at(Token.Kind.DEDENT) && !in.at(Token.Kind.END)) {
      statement(body);
    }
    in.next();
    return body;
  }
}

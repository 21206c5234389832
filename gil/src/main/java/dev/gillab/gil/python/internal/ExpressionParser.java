package dev.gillab.gil.python.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Recursive descent over CPython 3.11's expression grammar (Grammar/python.gram), one method per
 * precedence level: {@code if-else} &lt; {@code or} &lt; {@code and} &lt; {@code not} &lt;
 * comparisons &lt; {@code |} &lt; {@code ^} &lt; {@code &} &lt; shifts &lt; {@code + -} &lt; {@code
 * * / // % @} &lt; unary &lt; {@code **} &lt; primary (call, subscript, attribute) &lt; atom.
 * Operators outside the subset are parsed at their level and refused by the code generator;
 * constructs that need grammar of their own (lambda, comprehensions, dicts, slices, starred) are
 * refused where they start.
 *
 * <p>Where CPython's second, error-reporting pass has a specific message for a common mistake (a
 * missing comma between two expressions in brackets, Python 2's {@code print x}, {@code a if b}
 * without {@code else}) this parser gives it, by a bounded look-ahead at the point of failure.
 * Recursion is bounded ({@link #MAX_NESTING}) so that no input overflows the stack.
 */
final class ExpressionParser {
  /**
   * Deepest recursion of the parser, deepest expression tree and longest elif chain: where CPython
   * 3.11 gives up with "maximum recursion depth exceeded during compilation".
   */
  static final int MAX_NESTING = 2990;

  private static final Set<String> COMPARISONS = Set.of("<", ">", "==", ">=", "<=", "!=");
  private static final Set<String> EXPRESSION_KEYWORDS =
      Set.of("not", "lambda", "None", "True", "False");
  private static final Set<String> EXPRESSION_OPERATORS =
      Set.of("(", "[", "{", "-", "+", "~", "...");

  private final TokenStream in;
  private int nesting;
  private boolean speculating;

  ExpressionParser(TokenStream in, int nesting) {
    this.in = in;
    this.nesting = nesting;
  }

  private void enter() {
    if (++nesting > MAX_NESTING) {
      throw tooDeep(in.peek().line(), in.peek().col());
    }
  }

  static CompileError tooDeep(int line, int col) {
    return new CompileError(
        CompileError.RECURSION,
        "maximum recursion depth exceeded during compilation",
        line,
        col + 1);
  }

  /** Whether {@code t} can begin an expression. */
  static boolean startsExpression(Token t) {
    return switch (t.kind()) {
      case NUMBER, STRING -> true;
      case NAME -> !Keywords.isKeyword(t.text()) || EXPRESSION_KEYWORDS.contains(t.text());
      case OP -> EXPRESSION_OPERATORS.contains(t.text());
      default -> false;
    };
  }

  /** {@code a, b, c} (a tuple when there is a comma) or one expression. */
  Expr starExpressions() {
    return commaSeparated(this::starExpression, () -> !startsExpression(in.peek()) && !in.at("*"));
  }

  /** A for loop's targets: {@code a, b} without comparisons, so that {@code in} ends them. */
  Expr targetList() {
    return commaSeparated(this::target, () -> in.at("in"));
  }

  /**
   * {@code item (, item)*}: a tuple when there is a comma, else the one item. After a comma, what
   * {@code ended} accepts ends the tuple (a trailing comma).
   */
  private Expr commaSeparated(Supplier<Expr> item, BooleanSupplier ended) {
    Token first = in.peek();
    Expr e = item.get();
    if (!in.at(",")) {
      return e;
    }
    List<Expr> elts = new ArrayList<>();
    elts.add(e);
    while (in.at(",")) {
      in.next();
      if (ended.getAsBoolean()) {
        break;
      }
      elts.add(item.get());
    }
    return new Expr.Tuple(elts, first.line(), first.col());
  }

  /** One target (CPython's star_target), checked by {@link Targets} afterwards. */
  Expr target() {
    if (in.at("*")) {
      throw TokenStream.unsupportedAt(in.peek(), "starred assignment targets");
    }
    enter();
    try {
      return bitOr();
    } finally {
      nesting--;
    }
  }

  private Expr starExpression() {
    if (in.at("*")) {
      throw TokenStream.unsupportedAt(in.peek(), "starred expressions");
    }
    return expression();
  }

  /**
   * An expression where CPython allows {@code :=} (which the subset refuses): a condition, a
   * parenthesized or list item. {@code x = 1} there is CPython's "Maybe you meant '=='".
   */
  Expr namedExpression() {
    Expr e = expression();
    if (in.at(":=")) {
      throw TokenStream.unsupportedAt(in.peek(), "assignment expressions (:=)");
    }
    if (in.at("=")) {
      CompileError mistyped = assignmentLooksLikeComparison() ? mistypedComparison(e) : null;
      throw mistyped != null ? mistyped : in.invalidSyntax();
    }
    return e;
  }

  /**
   * Whether CPython's invalid_named_expression matches at the {@code =} under the cursor: a {@code
   * bitwise_or} follows it, and after that neither {@code =} nor {@code :=}.
   */
  boolean assignmentLooksLikeComparison() {
    int mark = in.mark();
    boolean wasSpeculating = speculating;
    speculating = true;
    try {
      in.next();
      if (!startsExpression(in.peek())) {
        return false;
      }
      bitOr();
      return !in.at("=") && !in.at(":=");
    } catch (CompileError e) {
      return false;
    } finally {
      speculating = wasSpeculating;
      in.reset(mark);
    }
  }

  /** The error for {@code e = ...} read as a mistyped comparison, or null if none applies. */
  static CompileError mistypedComparison(Expr e) {
    if (e instanceof Expr.Name) {
      return CompileError.syntax(
          "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", e.line(), e.col() + 1);
    }
    if (Targets.isExpressionTarget(e)) {
      return CompileError.syntax(
          "cannot assign to " + Expr.describe(e) + " here. Maybe you meant '==' instead of '='?",
          e.line(),
          e.col() + 1);
    }
    return null;
  }

  Expr expression() {
    enter();
    try {
      refuseLambda();
      int start = in.mark();
      Expr body = disjunction();
      if (!in.at("if")) {
        checkAdjacent(body, start);
        return body;
      }
      // The else branches chain to the right; a loop keeps the recursion flat.
      List<Expr> bodies = new ArrayList<>();
      List<Expr> tests = new ArrayList<>();
      Expr current = body;
      while (in.at("if")) {
        in.next();
        Expr test = disjunction();
        if (!in.at("else")) {
          if (in.at(":")) {
            throw in.invalidSyntax();
          }
          throw CompileError.syntax(
              "expected 'else' after 'if' expression", current.line(), current.col() + 1);
        }
        in.next();
        refuseLambda();
        bodies.add(current);
        tests.add(test);
        current = disjunction();
        if (bodies.size() > MAX_NESTING) {
          throw tooDeep(current.line(), current.col());
        }
      }
      Expr result = current;
      for (int i = bodies.size() - 1; i >= 0; i--) {
        Expr b = bodies.get(i);
        result = new Expr.IfExp(tests.get(i), b, result, b.line(), b.col());
      }
      return result;
    } finally {
      nesting--;
    }
  }

  private void refuseLambda() {
    if (in.at("lambda")) {
      throw TokenStream.unsupportedAt(in.peek(), "lambda expressions");
    }
    if (in.at("yield")) {
      throw TokenStream.unsupportedAt(in.peek(), "yield expressions");
    }
  }

  /**
   * CPython's invalid_expression and invalid_legacy_expression: an expression followed by another
   * one is Python 2's {@code print x}, or, inside brackets, a missing comma.
   */
  private void checkAdjacent(Expr a, int start) {
    if (speculating || !startsExpression(in.peek())) {
      return;
    }
    Token first = in.get(start);
    boolean single = in.mark() == start + 1;
    boolean legacy =
        single && a instanceof Expr.Name n && (n.id().equals("print") || n.id().equals("exec"));
    if (!legacy) {
      boolean nameThenString =
          single && first.kind() == Token.Kind.NAME && in.at(Token.Kind.STRING);
      boolean softKeyword =
          first.kind() == Token.Kind.NAME
              && (first.text().equals("match")
                  || first.text().equals("case")
                  || first.text().equals("_"));
      if (in.previous().level() == 0 || nameThenString || softKeyword) {
        return;
      }
    }
    int mark = in.mark();
    speculating = true;
    try {
      if (legacy) {
        starExpressions();
      } else {
        expression();
      }
    } catch (CompileError e) {
      return;
    } finally {
      speculating = false;
      in.reset(mark);
    }
    if (legacy) {
      String name = ((Expr.Name) a).id();
      throw CompileError.syntax(
          "Missing parentheses in call to '" + name + "'. Did you mean " + name + "(...)?",
          a.line(),
          a.col() + 1);
    }
    throw CompileError.syntax("invalid syntax. Perhaps you forgot a comma?", a.line(), a.col() + 1);
  }

  private Expr disjunction() {
    return boolOp("or", this::conjunction);
  }

  private Expr conjunction() {
    return boolOp("and", this::inversion);
  }

  /** {@code operand (keyword operand)*}, one {@code or} or {@code and} of all its operands. */
  private Expr boolOp(String keyword, Supplier<Expr> operand) {
    Expr first = operand.get();
    if (!in.at(keyword)) {
      return first;
    }
    List<Expr> values = new ArrayList<>();
    values.add(first);
    while (in.at(keyword)) {
      in.next();
      values.add(operand.get());
    }
    return new Expr.BoolOp(keyword.equals("and"), values, first.line(), first.col());
  }

  private Expr inversion() {
    if (!in.at("not")) {
      return comparison();
    }
    Token not = in.next();
    enter();
    try {
      return new Expr.Unary("not", inversion(), not.line(), not.col());
    } finally {
      nesting--;
    }
  }

  private Expr comparison() {
    Expr left = bitOr();
    List<String> ops = new ArrayList<>();
    List<Expr> comparators = new ArrayList<>();
    while (true) {
      Token t = in.peek();
      String op;
      if ((t.kind() == Token.Kind.OP && COMPARISONS.contains(t.text())) || t.is("in")) {
        op = t.text();
        in.next();
      } else if (t.is("not") && in.peek(1).is("in")) {
        op = "not in";
        in.next();
        in.next();
      } else if (t.is("is")) {
        in.next();
        op = "is";
        if (in.at("not")) {
          in.next();
          op = "is not";
        }
      } else {
        break;
      }
      ops.add(op);
      comparators.add(bitOr());
    }
    return ops.isEmpty() ? left : new Expr.Compare(left, ops, comparators, left.line(), left.col());
  }

  private Expr bitOr() {
    return leftToRight(this::bitXor, "|");
  }

  private Expr bitXor() {
    return leftToRight(this::bitAnd, "^");
  }

  private Expr bitAnd() {
    return leftToRight(this::shift, "&");
  }

  private Expr shift() {
    return leftToRight(this::sum, "<<", ">>");
  }

  private Expr sum() {
    return leftToRight(this::term, "+", "-");
  }

  private Expr term() {
    return leftToRight(this::factor, "*", "/", "//", "%", "@");
  }

  /** One level of left-associative binary operators: {@code operand (op operand)*}. */
  private Expr leftToRight(Supplier<Expr> operand, String... ops) {
    Expr left = operand.get();
    while (atAny(ops)) {
      String op = in.next().text();
      left = new Expr.BinOp(left, op, operand.get(), left.line(), left.col());
    }
    return left;
  }

  private boolean atAny(String... texts) {
    for (String t : texts) {
      if (in.at(t)) {
        return true;
      }
    }
    return false;
  }

  private Expr factor() {
    if (!atAny("-", "+", "~")) {
      return power();
    }
    Token op = in.next();
    enter();
    try {
      return new Expr.Unary(op.text(), factor(), op.line(), op.col());
    } finally {
      nesting--;
    }
  }

  private Expr power() {
    if (in.at("await")) {
      throw TokenStream.unsupportedAt(in.peek(), "await expressions");
    }
    Expr left = primary();
    if (in.at("**")) {
      in.next();
      enter();
      try {
        return new Expr.BinOp(left, "**", factor(), left.line(), left.col());
      } finally {
        nesting--;
      }
    }
    return left;
  }

  private Expr primary() {
    Expr e = atom();
    while (true) {
      Token t = in.peek();
      if (t.is(".")) {
        in.next();
        Token name = in.peek();
        if (!name.isName()) {
          throw in.invalidSyntax();
        }
        in.next();
        e = new Expr.Attribute(e, name.text(), e.line(), e.col());
      } else if (t.is("(")) {
        e = call(e);
      } else if (t.is("[")) {
        in.next();
        if (in.at("]")) {
          throw in.invalidSyntax();
        }
        Token first = in.peek();
        Expr index = slice();
        if (in.at(",")) {
          List<Expr> elts = new ArrayList<>();
          elts.add(index);
          while (in.at(",")) {
            in.next();
            if (in.at("]")) {
              break;
            }
            elts.add(slice());
          }
          index = new Expr.Tuple(elts, first.line(), first.col());
        }
        in.expect("]");
        e = new Expr.Subscript(e, index, e.line(), e.col());
      } else {
        return e;
      }
    }
  }

  private Expr slice() {
    if (in.at(":")) {
      throw TokenStream.unsupportedAt(in.peek(), "slices");
    }
    Expr e = starExpression();
    if (in.at(":")) {
      throw TokenStream.unsupportedAt(in.peek(), "slices");
    }
    if (in.at(":=")) {
      throw TokenStream.unsupportedAt(in.peek(), "assignment expressions (:=)");
    }
    return e;
  }

  private Expr call(Expr func) {
    Token open = in.expect("(");
    List<Expr> args = new ArrayList<>();
    List<Expr.KeywordArg> keywords = new ArrayList<>();
    Set<String> names = new HashSet<>();
    while (!in.at(")")) {
      Token t = in.peek();
      if (t.is("*") || t.is("**")) {
        throw TokenStream.unsupportedAt(t, (t.is("*") ? "*args" : "**kwargs") + " in calls");
      }
      if (t.isName() && in.peek(1).is("=")) {
        in.next();
        in.next();
        Expr value = expression();
        if (!names.add(t.text())) {
          throw TokenStream.errorAt(t, "keyword argument repeated: " + t.text());
        }
        keywords.add(new Expr.KeywordArg(t.text(), value, t.line(), t.col()));
      } else {
        Expr e = expression();
        if (in.at(":=")) {
          throw TokenStream.unsupportedAt(in.peek(), "assignment expressions (:=)");
        }
        if (in.at("=")) {
          throw CompileError.syntax(
              "expression cannot contain assignment, perhaps you meant \"==\"?",
              e.line(),
              e.col() + 1);
        }
        if (in.at("for") || in.at("async")) {
          throw TokenStream.unsupportedAt(t, "generator expressions");
        }
        if (!keywords.isEmpty()) {
          throw positionalAfterKeyword(open);
        }
        args.add(e);
      }
      if (!in.at(",")) {
        break;
      }
      in.next();
    }
    in.expect(")");
    return new Expr.Call(func, args, keywords, func.line(), func.col());
  }

  /** CPython reports this at the furthest token it read: the call's closing parenthesis. */
  private CompileError positionalAfterKeyword(Token open) {
    while (true) {
      Token t = in.peek();
      if ((t.is(")") && t.level() == open.level() - 1) || t.kind() == Token.Kind.END) {
        return TokenStream.errorAt(t, "positional argument follows keyword argument");
      }
      in.next();
    }
  }

  private Expr atom() {
    Token t = in.peek();
    switch (t.kind()) {
      case NAME -> {
        return name(t);
      }
      case NUMBER -> {
        in.next();
        return number(t);
      }
      case STRING -> {
        return strings();
      }
      case OP -> {
        return switch (t.text()) {
          case "(" -> group();
          case "[" -> list();
          case "{" -> throw TokenStream.unsupportedAt(t, "dict and set displays");
          case "..." -> throw TokenStream.unsupportedAt(t, "the Ellipsis literal (...)");
          default -> throw in.invalidSyntax();
        };
      }
      default -> throw in.invalidSyntax();
    }
  }

  private Expr name(Token t) {
    refuseLambda();
    Boolean value =
        switch (t.text()) {
          case "True" -> Boolean.TRUE;
          case "False" -> Boolean.FALSE;
          default -> null;
        };
    if (value != null || t.text().equals("None")) {
      in.next();
      return new Expr.Keyword(value, t.line(), t.col());
    }
    if (!t.isName()) {
      throw in.invalidSyntax();
    }
    in.next();
    return new Expr.Name(t.text(), t.line(), t.col());
  }

  private static Expr number(Token t) {
    String text = t.text().replace("_", "").toLowerCase(Locale.ROOT);
    if (text.endsWith("j")) {
      throw TokenStream.unsupportedAt(t, "complex literals");
    }
    if (text.startsWith("0x") || text.startsWith("0o") || text.startsWith("0b")) {
      int radix = text.charAt(1) == 'x' ? 16 : text.charAt(1) == 'o' ? 8 : 2;
      return new Expr.Int(new BigInteger(text.substring(2), radix), t.line(), t.col());
    }
    if (text.contains(".") || text.contains("e")) {
      return new Expr.FloatLit(Double.parseDouble(text), t.line(), t.col());
    }
    return new Expr.Int(new BigInteger(text), t.line(), t.col());
  }

  private Expr group() {
    Token open = in.next();
    if (in.at(")")) {
      in.next();
      return new Expr.Tuple(List.of(), open.line(), open.col());
    }
    refuseLambda();
    Expr first = in.at("*") ? starExpression() : namedExpression();
    if (in.at("for") || in.at("async")) {
      throw TokenStream.unsupportedAt(open, "generator expressions");
    }
    if (in.at(")")) {
      in.next();
      return first;
    }
    if (!in.at(",")) {
      throw in.invalidSyntax();
    }
    List<Expr> elts = new ArrayList<>();
    elts.add(first);
    while (in.at(",")) {
      in.next();
      if (in.at(")")) {
        break;
      }
      elts.add(in.at("*") ? starExpression() : namedExpression());
    }
    in.expect(")");
    return new Expr.Tuple(elts, open.line(), open.col());
  }

  private Expr list() {
    Token open = in.next();
    List<Expr> elts = new ArrayList<>();
    while (!in.at("]")) {
      elts.add(in.at("*") ? starExpression() : namedExpression());
      if (elts.size() == 1 && (in.at("for") || in.at("async"))) {
        throw TokenStream.unsupportedAt(open, "list comprehensions");
      }
      if (!in.at(",")) {
        break;
      }
      in.next();
    }
    in.expect("]");
    return new Expr.ListExpr(elts, open.line(), open.col());
  }

  /** Adjacent string literals, concatenated; an f-string among them makes an f-string. */
  private Expr strings() {
    Token first = in.peek();
    List<Object> parts = new ArrayList<>();
    boolean anyBytes = false;
    boolean anyText = false;
    boolean fstring = false;
    Token last = first;
    while (in.at(Token.Kind.STRING)) {
      last = in.next();
      StringLiterals.Decoded d = StringLiterals.decode(last);
      anyBytes |= d.bytes();
      anyText |= !d.bytes();
      fstring |= d.fstring();
      parts.addAll(d.parts());
    }
    if (anyBytes && anyText) {
      throw CompileError.syntax(
          "cannot mix bytes and nonbytes literals", last.endLine(), last.endCol() + 1);
    }
    if (anyBytes) {
      throw TokenStream.unsupportedAt(first, "bytes literals");
    }
    if (!fstring) {
      StringBuilder s = new StringBuilder();
      parts.forEach(s::append);
      return new Expr.Str(s.toString(), first.line(), first.col());
    }
    List<Expr> out = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof String s) {
        text.append(s);
        continue;
      }
      if (text.length() > 0) {
        out.add(new Expr.Str(text.toString(), first.line(), first.col()));
        text.setLength(0);
      }
      StringLiterals.Field f = (StringLiterals.Field) part;
      Expr value = field(f);
      out.add(new Expr.Formatted(value, f.conversion() == 'r', value.line(), value.col()));
    }
    if (text.length() > 0) {
      out.add(new Expr.Str(text.toString(), first.line(), first.col()));
    }
    return new Expr.FString(out, first.line(), first.col());
  }

  /** Parses a replacement field's expression as CPython 3.11 does: as {@code (text)}. */
  private Expr field(StringLiterals.Field f) {
    try {
      TokenStream sub = new TokenStream(new Tokenizer("(" + f.expression() + ")", f.line()));
      Expr e = new ExpressionParser(sub, nesting + 1).starExpressions();
      if (!sub.at(Token.Kind.NEWLINE)) {
        throw sub.invalidSyntax();
      }
      return e;
    } catch (CompileError e) {
      if (!e.kind().equals(CompileError.SYNTAX)) {
        throw e;
      }
      throw CompileError.syntax("f-string: " + e.detail(), e.line(), e.column());
    }
  }
}

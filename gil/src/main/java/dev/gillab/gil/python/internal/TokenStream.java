package dev.gillab.gil.python.internal;

import java.util.List;

/**
 * A cursor over the tokens of one source, shared by the statement and expression parsers. Looking
 * at the ERROR token that ends a failed tokenization raises the tokenizer's error.
 */
final class TokenStream {
  private final List<Token> tokens;
  private final CompileError tokenizerError;
  private final boolean unclosed;
  private int pos;

  TokenStream(Tokenizer tokenizer) {
    this.tokens = tokenizer.tokenize();
    this.tokenizerError = tokenizer.error();
    this.unclosed = tokenizer.unclosed();
  }

  Token peek() {
    return check(tokens.get(pos));
  }

  /** The token {@code k} ahead of the current one (the last token past the end). */
  Token peek(int k) {
    return check(tokens.get(Math.min(pos + k, tokens.size() - 1)));
  }

  private Token check(Token t) {
    if (t.kind() == Token.Kind.ERROR) {
      throw tokenizerError;
    }
    return t;
  }

  Token previous() {
    return tokens.get(Math.max(pos - 1, 0));
  }

  Token next() {
    Token t = peek();
    if (t.kind() != Token.Kind.END) {
      pos++;
    }
    return t;
  }

  /** Whether the current token is the operator or keyword {@code text}. */
  boolean at(String text) {
    return peek().is(text);
  }

  boolean at(Token.Kind kind) {
    return peek().kind() == kind;
  }

  Token expect(String text) {
    if (!at(text)) {
      throw invalidSyntax();
    }
    return next();
  }

  int mark() {
    return pos;
  }

  void reset(int mark) {
    pos = mark;
  }

  Token get(int index) {
    return tokens.get(index);
  }

  /**
   * The error to report for {@code e}, a refusal of a construct outside the subset: a source that
   * does not even tokenize is not Python, so the tokenizer's error comes first.
   */
  CompileError preferTokenizerError(CompileError e) {
    return e.kind().equals(CompileError.NOT_IMPLEMENTED) && tokenizerError != null
        ? tokenizerError
        : e;
  }

  /**
   * CPython's generic error, pointing at the current token. An error the tokenizer found further on
   * takes its place, as in CPython; so does a bracket never closed, if it was opened on an earlier
   * line than the one at fault.
   */
  CompileError invalidSyntax() {
    Token t = peek();
    if (tokenizerError != null && (!unclosed || tokenizerError.line() < t.line())) {
      return tokenizerError;
    }
    return errorAt(t, "invalid syntax");
  }

  static CompileError errorAt(Token t, String detail) {
    return CompileError.syntax(detail, t.line(), t.col() + 1);
  }

  static CompileError unsupportedAt(Token t, String what) {
    return CompileError.unsupported(what, t.line(), t.col() + 1);
  }
}

package dev.gillab.gil.python.internal;

/**
 * One token, as CPython's tokenizer makes them. Positions are 1-based lines and 0-based columns
 * (code units of the normalized source line); {@code text} is the source text, so a string keeps
 * its prefix and quotes and is decoded by the parser, which knows whether it is an f-string. {@code
 * level} is the bracket depth after the token, as CPython's {@code tok->level}.
 */
record Token(Kind kind, String text, int line, int col, int endLine, int endCol, int level) {

  enum Kind {
    NAME,
    NUMBER,
    STRING,
    /** An operator or delimiter; also a character no rule accepts ({@code $}, {@code ?}). */
    OP,
    NEWLINE,
    INDENT,
    DEDENT,
    END,
    /** Where the tokenizer failed; reading it raises the tokenizer's error. */
    ERROR
  }

  boolean is(String op) {
    return (kind == Kind.OP || kind == Kind.NAME) && text.equals(op);
  }

  boolean isName() {
    return kind == Kind.NAME && !Keywords.isKeyword(text);
  }
}

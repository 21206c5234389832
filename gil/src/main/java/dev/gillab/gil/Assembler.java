package dev.gillab.gil;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.gillab.gil.internal.Echo;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the assembler text format into a verified {@link Code}.
 *
 * <pre>
 * # countdown: while n &gt; 0: n -= 1
 * .params n                  # parameters: once, before the first instruction
 * loop:                      # a label names the next instruction
 *     LOAD_FAST n
 *     LOAD_CONST 0           # ints, "strings", None, True, False
 *     COMPARE_OP &gt;           # &lt; &lt;= == != &gt; &gt;=
 *     POP_JUMP_IF_FALSE end
 *     LOAD_FAST n
 *     LOAD_CONST 1
 *     BINARY_OP -=           # + - * // % and += -= *= //= %=
 *     STORE_FAST n
 *     JUMP_BACKWARD loop
 * end: LOAD_CONST None       # a label may share a line with its instruction
 *     RETURN_VALUE
 * </pre>
 *
 * One instruction per line; blank lines and {@code #} comments are ignored; {@code CALL} takes a
 * builtin name and an argument count ({@code CALL print 1}). Every fault, in the text or found by
 * the verifier, is a {@link VerifyException} naming the line. Stateless and thread-safe.
 */
public final class Assembler {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Assembler() {}

  /**
   * Assembles {@code source}; {@code name} is what errors call it.
   *
   * @param name the code's name, also the file name its tracebacks print
   * @param source the assembler text; lines end with {@code \n} or {@code \r\n}
   * @return the verified code
   * @throws VerifyException naming the line of the first fault in the text or found by the verifier
   */
  public static Code assemble(String name, String source) {
    checkNotNull(name, "name");
    checkNotNull(source, "source");
    CodeBuilder b = Code.builder(name);
    String[] lines = source.split("\r?\n", -1);
    boolean sawInstruction = false;
    boolean sawParams = false;
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      List<String> tokens = tokenize(name, lineNo, lines[i]);
      if (tokens.isEmpty()) {
        continue;
      }
      b.line(lineNo);
      String first = tokens.get(0);
      if (first.startsWith(".")) {
        if (!first.equals(".params")) {
          throw new VerifyException(name, lineNo, "unknown directive '" + Echo.of(first) + "'");
        }
        if (sawInstruction) {
          throw new VerifyException(name, lineNo, ".params must come before the first instruction");
        }
        if (sawParams) {
          throw new VerifyException(name, lineNo, ".params is given twice");
        }
        sawParams = true;
        List<String> params = tokens.subList(1, tokens.size());
        for (String p : params) {
          requireName(name, lineNo, p);
        }
        b.params(params.toArray(new String[0]));
        continue;
      }
      int at = 0;
      while (at < tokens.size()
          && tokens.get(at).endsWith(":")
          && !tokens.get(at).startsWith("\"")) {
        String label = tokens.get(at);
        label = label.substring(0, label.length() - 1);
        requireName(name, lineNo, label);
        b.label(label);
        at++;
      }
      if (at == tokens.size()) {
        continue;
      }
      sawInstruction = true;
      instruction(b, name, lineNo, tokens.subList(at, tokens.size()));
    }
    return b.build();
  }

  private static void instruction(CodeBuilder b, String name, int line, List<String> t) {
    String mnemonic = t.get(0);
    Opcode op;
    try {
      op = Opcode.valueOf(mnemonic);
    } catch (IllegalArgumentException e) {
      throw new VerifyException(name, line, "unknown instruction '" + Echo.of(mnemonic) + "'");
    }
    int operands =
        op.operand() == Opcode.Operand.NONE ? 0 : op.operand() == Opcode.Operand.CALL ? 2 : 1;
    if (t.size() - 1 != operands) {
      String want =
          operands == 0
              ? "takes no operand"
              : operands == 1 ? "takes 1 operand" : "takes a builtin name and an argument count";
      throw new VerifyException(name, line, op + " " + want + ", got " + (t.size() - 1));
    }
    String a = operands > 0 ? t.get(1) : "";
    switch (op.operand()) {
      case NONE -> b.op(op);
      case CONSTANT -> b.loadConst(constant(name, line, a));
      case LOCAL, GLOBAL, NAME -> {
        requireName(name, line, a);
        b.op(op, a);
      }
      case BINARY_OP ->
          b.binaryOp(
              BinaryOp.ofSymbol(a)
                  .orElseThrow(
                      () ->
                          new VerifyException(
                              name, line, "unknown binary operator '" + Echo.of(a) + "'")));
      case COMPARE_OP ->
          b.compareOp(
              CompareOp.ofSymbol(a)
                  .orElseThrow(
                      () ->
                          new VerifyException(
                              name, line, "unknown comparison '" + Echo.of(a) + "'")));
      case LABEL -> {
        requireName(name, line, a);
        b.jump(op, a);
      }
      case COUNT -> b.op(op, count(name, line, a));
      case CALL -> {
        requireName(name, line, a);
        b.call(a, count(name, line, t.get(2)));
      }
    }
  }

  private static Object constant(String name, int line, String text) {
    if (Literals.isKeyword(text)) {
      return Literals.keyword(text);
    }
    if (text.startsWith("\"")) {
      return text.substring(1); // the tokenizer already unescaped it and kept one quote as a tag
    }
    if (text.matches("-?[0-9]+")) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new VerifyException(name, line, "int constant out of 64-bit range: " + text);
      }
    }
    throw new VerifyException(name, line, "bad constant '" + Echo.of(text) + "'");
  }

  private static int count(String name, int line, String text) {
    if (!text.matches("-?[0-9]{1,9}")) {
      throw new VerifyException(name, line, "bad count '" + Echo.of(text) + "'");
    }
    return Integer.parseInt(text);
  }

  private static void requireName(String name, int line, String text) {
    if (!NAME.matcher(text).matches()) {
      throw new VerifyException(name, line, "'" + Echo.of(text) + "' is not a name");
    }
  }

  /** Splits a line into tokens; a string literal becomes one token: a quote, then its text. */
  private static List<String> tokenize(String name, int line, String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#') {
        break;
      } else if (c == '"') {
        StringBuilder s = new StringBuilder("\"");
        i++;
        boolean closed = false;
        while (i < n) {
          char d = text.charAt(i++);
          if (d == '"') {
            closed = true;
            break;
          }
          if (d == '\\') {
            if (i == n) {
              break;
            }
            char e = text.charAt(i++);
            switch (e) {
              case 'n' -> s.append('\n');
              case 't' -> s.append('\t');
              case '"', '\\' -> s.append(e);
              default ->
                  throw new VerifyException(
                      name, line, "bad escape '\\" + Echo.of(String.valueOf(e)) + "' in string");
            }
          } else {
            s.append(d);
          }
        }
        if (!closed) {
          throw new VerifyException(name, line, "unterminated string");
        }
        out.add(s.toString());
      } else {
        int start = i;
        while (i < n && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '#') {
          i++;
        }
        out.add(text.substring(start, i));
      }
    }
    return out;
  }
}

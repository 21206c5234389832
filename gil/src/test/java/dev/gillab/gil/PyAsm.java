package dev.gillab.gil;

import com.google.common.base.Splitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds test programs the way the Python compiler will emit them, from compact text: one
 * instruction per line, {@code label:} lines, {@code @N} to set the source line of what follows.
 * Constants: ints, floats ({@code 1.5}, {@code 1e16}), {@code "strings"} ({@code \"} {@code \\}
 * {@code \n} escapes), None/True/False, flat tuples {@code (1, "a")}, and {@code &name} for a
 * function body from {@code codes}.
 */
final class PyAsm {
  private PyAsm() {}

  static Code module(String src, Map<String, Code> codes) {
    return code("<module>", new String[0], 1, src, codes);
  }

  static Code module(String src) {
    return module(src, Map.of());
  }

  static Code function(
      String name, String params, int firstLine, String src, Map<String, Code> codes) {
    String[] p = params.isBlank() ? new String[0] : params.trim().split("\\s*,\\s*");
    return code(name, p, firstLine, src, codes);
  }

  static Code function(String name, String params, int firstLine, String src) {
    return function(name, params, firstLine, src, Map.of());
  }

  private static Code code(
      String name, String[] params, int firstLine, String src, Map<String, Code> codes) {
    CodeBuilder b = Code.builder(name).filename("prog.py").firstLine(firstLine).params(params);
    b.line(firstLine);
    for (String raw : Splitter.on('\n').split(src)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("@")) {
        b.line(Integer.parseInt(line.substring(1)));
        continue;
      }
      if (line.endsWith(":") && !line.contains(" ")) {
        b.label(line.substring(0, line.length() - 1));
        continue;
      }
      int sp = line.indexOf(' ');
      Opcode op = Opcode.valueOf(sp < 0 ? line : line.substring(0, sp));
      String arg = sp < 0 ? "" : line.substring(sp + 1).strip();
      switch (op.operand()) {
        case NONE -> b.op(op);
        case CONSTANT -> b.loadConst(constant(arg, codes));
        case LOCAL, GLOBAL, NAME -> b.op(op, arg);
        case BINARY_OP -> b.binaryOp(BinaryOp.ofSymbol(arg).orElseThrow());
        case COMPARE_OP -> b.compareOp(CompareOp.ofSymbol(arg).orElseThrow());
        case LABEL -> b.jump(op, arg);
        case COUNT -> b.op(op, Integer.parseInt(arg));
        case CALL -> {
          List<String> t = Splitter.on(' ').splitToList(arg);
          b.call(t.get(0), Integer.parseInt(t.get(1)));
        }
      }
    }
    return b.build();
  }

  private static Object constant(String text, Map<String, Code> codes) {
    String t = text.strip();
    if (Literals.isKeyword(t)) {
      return Literals.keyword(t);
    }
    if (t.startsWith("&")) {
      Code c = codes.get(t.substring(1));
      if (c == null) {
        throw new IllegalArgumentException("no code " + t);
      }
      return c;
    }
    if (t.startsWith("\"")) {
      StringBuilder s = new StringBuilder();
      for (int i = 1; i < t.length() - 1; i++) {
        char c = t.charAt(i);
        if (c == '\\') {
          char e = t.charAt(++i);
          s.append(e == 'n' ? '\n' : e);
        } else {
          s.append(c);
        }
      }
      return s.toString();
    }
    if (t.startsWith("(")) {
      List<Object> items = new ArrayList<>();
      String body = t.substring(1, t.length() - 1).strip();
      for (String part : Splitter.on(',').split(body)) {
        if (!part.isBlank()) {
          items.add(constant(part, codes));
        }
      }
      return items;
    }
    if (t.matches("-?[0-9]+")) {
      return Long.parseLong(t);
    }
    return Double.parseDouble(t);
  }
}

package dev.gillab.gil.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gillab.gil.Code;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 10,000 sources from a fixed seed (mutated valid programs, deep nesting, random text) each end in
 * a {@link Code} or a {@link PythonSyntaxError}: no other exception, no hang, no stack overflow.
 */
class CompileFuzzTest {
  private static final long SEED = 0x9E3779B97F4A7C15L;
  private static final int SOURCES = 10_000;

  private static final List<String> PROGRAMS =
      List.of(
          """
          def countdown(n):
              while n > 0:
                  n -= 1
              return n

          print(countdown(10))
          """,
          """
          import threading, time as t
          from threading import Thread, Lock as L
          counter = 0
          lock = L()

          def work(k):
              global counter
              for i in range(k):
                  with lock:
                      counter += 1

          ts = [Thread(target=work, args=(1000,)) for _ in range(2)]
          """,
          """
          xs = [1, 2, 3]
          for i, x in [(0, 1), (1, 2)]:
              if x % 2 == 0 and i:
                  continue
              elif not x:
                  break
              xs[i] += x
          else:
              print(f"done {xs!r} {len(xs)}", sep='', end='\\n')
          """,
          """
          def f(a, b):
              assert a < b <= 10, 'order'
              c = a if a is not None else b
              del c
              return (a, -b, 'x' "y", r'\\d', 1.5e-3, 0x_ff, 0o7, 0b1)
          """,
          """
          s = \"""multi
          line\""" + "\\t\\x41\\u00e9"
          x = s.upper().split()[0]
          while True:
              x = x + 1; y = x // 2
              if y in [1, 2] or y not in (3,):
                  break
          """,
          """
          def g(xs):
              total = 0
              for x in xs:
                  with m as (p, q):
                      if x:
                          return total
                      total /= x
              return -total
          """,
          """
          if a:
              pass
          elif b:
              x = [
                  1,
                  2,
              ]
          else:
              y = f(1,
                    k=2)  # comment
          """,
          """
          import sys
          sys.setswitchinterval(0.001)
          print(sys.getrefcount([]) - 1)
          """);

  private static final String[] TOKENS = {
    "if",
    "else",
    "elif",
    "while",
    "for",
    "in",
    "not",
    "and",
    "or",
    "is",
    "def",
    "return",
    "global",
    "with",
    "as",
    "del",
    "lambda",
    "class",
    "yield",
    "import",
    "from",
    "pass",
    "break",
    "continue",
    ":",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ";",
    "=",
    "==",
    "+=",
    "-",
    "*",
    "**",
    "//",
    "/",
    "%",
    ".",
    "'",
    "\"",
    "'''",
    "f'{",
    "}'",
    "\\",
    "\n",
    "\t",
    "    ",
    "#",
    "0x",
    "1_",
    "9" + "9".repeat(30),
    "1e",
    "@",
    ":=",
    "->",
    "$",
    "!",
    "\u20ac",
    "\u00a0",
    "\r",
    "\f",
    "\0",
    "\ud800",
    "\uD83D\uDE00"
  };

  private final Random random = new Random(SEED);

  @Test
  void everySourceEndsInCodeOrPythonSyntaxError() {
    int codes = 0;
    int errors = 0;
    for (int i = 0; i < SOURCES; i++) {
      String source = source(i);
      Object outcome =
          assertTimeoutPreemptively(
              Duration.ofSeconds(5), () -> compile(source), () -> "hangs: " + show(source));
      if (outcome instanceof Code) {
        codes++;
      } else {
        errors++;
      }
    }
    assertEquals(SOURCES, codes + errors);
    // Both outcomes occur often, or the generator tests little.
    if (codes < SOURCES / 20 || errors < SOURCES / 20) {
      fail("codes " + codes + ", errors " + errors);
    }
  }

  private static Object compile(String source) {
    try {
      Code code = PythonCompiler.compile(source, "fuzz.py");
      code.disassemble();
      code.nestedCodes().forEach(Code::disassemble);
      return code;
    } catch (PythonSyntaxError e) {
      e.format();
      return e;
    } catch (RuntimeException | Error e) {
      throw new AssertionError("compiling " + show(source) + " threw " + e, e);
    }
  }

  private static String show(String source) {
    String s = source.length() > 300 ? source.substring(0, 300) + "..." : source;
    return "\"" + s.replace("\n", "\\n") + "\"";
  }

  private String source(int i) {
    switch (i % 10) {
      case 0 -> {
        return i % 20 == 0 ? deep() : randomText();
      }
      case 1 -> {
        return randomText();
      }
      case 2 -> {
        return PROGRAMS.get(random.nextInt(PROGRAMS.size()));
      }
      default -> {
        String s = PROGRAMS.get(random.nextInt(PROGRAMS.size()));
        int mutations = 1 + random.nextInt(i % 10 == 3 ? 8 : 3);
        for (int m = 0; m < mutations; m++) {
          s = mutate(s);
        }
        return s;
      }
    }
  }

  private String mutate(String s) {
    int at = s.isEmpty() ? 0 : random.nextInt(s.length());
    return switch (random.nextInt(8)) {
      case 0 -> s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + random.nextInt(4)));
      case 1 -> s.substring(0, at) + TOKENS[random.nextInt(TOKENS.length)] + s.substring(at);
      case 2 -> s.substring(0, at) + (char) random.nextInt(0x3000) + s.substring(at);
      case 3 -> swapChars(s, at);
      case 4 -> swapWords(s);
      case 5 -> {
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        int line = random.nextInt(lines.size());
        if (random.nextBoolean()) {
          lines.remove(line);
        } else {
          lines.add(line, lines.get(random.nextInt(lines.size())));
        }
        yield String.join("\n", lines);
      }
      case 6 -> {
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        int line = random.nextInt(lines.size());
        String indent = random.nextBoolean() ? " ".repeat(random.nextInt(9)) : "\t";
        lines.set(line, indent + lines.get(line).stripLeading());
        yield String.join("\n", lines);
      }
      default ->
          s.substring(0, at) + s.substring(at).replaceFirst("[0-9]+", "99999999999999999999");
    };
  }

  private String swapChars(String s, int at) {
    int other = s.isEmpty() ? 0 : random.nextInt(s.length());
    if (s.isEmpty() || at == other) {
      return s;
    }
    char[] chars = s.toCharArray();
    char c = chars[at];
    chars[at] = chars[other];
    chars[other] = c;
    return new String(chars);
  }

  private String swapWords(String s) {
    String[] words = s.split(" ", -1);
    if (words.length < 2) {
      return s;
    }
    int a = random.nextInt(words.length);
    int b = random.nextInt(words.length);
    String w = words[a];
    words[a] = words[b];
    words[b] = w;
    return String.join(" ", words);
  }

  private String randomText() {
    StringBuilder out = new StringBuilder();
    int n = random.nextInt(200);
    for (int k = 0; k < n; k++) {
      int kind = random.nextInt(4);
      if (kind == 0) {
        out.append(TOKENS[random.nextInt(TOKENS.length)]).append(' ');
      } else if (kind == 1) {
        out.appendCodePoint(random.nextInt(0x11000));
      } else {
        out.append((char) (32 + random.nextInt(95)));
      }
    }
    return out.toString();
  }

  /** Nesting at and past every limit: brackets, unary chains, elif chains, indentation. */
  private String deep() {
    // Past the limits a quarter of the time: deep sources cost the most to compile.
    int n = random.nextInt(random.nextInt(4) == 0 ? 3200 : 300);
    return switch (random.nextInt(12)) {
      case 0 -> "x = " + "(".repeat(n) + "1" + ")".repeat(n);
      case 1 -> "x = " + "-".repeat(n) + "1";
      case 2 -> "x = " + "not ".repeat(n) + "y";
      case 3 -> "x = 1" + "+1".repeat(n);
      case 4 -> "x = " + "1 if y else ".repeat(n) + "2";
      case 5 -> "if x: pass\n" + "elif x: pass\n".repeat(n);
      case 6 -> {
        StringBuilder s = new StringBuilder();
        for (int d = 0; d < Math.min(n, 130); d++) {
          s.append(" ".repeat(d)).append("if x:\n");
        }
        yield s.append(" ".repeat(Math.min(n, 130))).append("pass\n").toString();
      }
      case 7 -> "x = a" + ".b".repeat(n) + "()".repeat(n % 50) + "[0]".repeat(n % 70);
      case 8 -> "x = " + "[f(-(".repeat(n / 3) + "1" + "))]".repeat(n / 3);
      case 9 -> "def f():\n    return " + "(a and not ".repeat(n) + "b" + ")".repeat(n);
      case 10 -> "x = [" + "1, ".repeat(n) + "]\ny = (" + "a, ".repeat(n) + ")\n";
      default -> "x = f'{" + "f\"{".repeat(2) + "x" + "}\"".repeat(2) + "}'" + "\n".repeat(n % 5);
    };
  }
}

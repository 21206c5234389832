package dev.gillab.gil.python;

import dev.gillab.gil.Captured;
import dev.gillab.gil.Code;
import dev.gillab.gil.Interpreter;
import dev.gillab.gil.InterpreterError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Python programs the tests run, and what their files say: the oracle corpus ({@code
 * python/corpus}: {@code NNN_what_it_shows.py} beside CPython 3.11's stdout {@code .out} and, for a
 * program that ends in an uncaught error, CPython's last stderr line {@code .err}), and the racy
 * programs ({@code python/racy}: no expected output, a header line {@code # invariant: LOW <= what
 * <= HIGH} instead).
 */
final class CorpusFiles {
  /** {@code NNN_what_it_shows.py}: three digits, then lower-case words joined by '_'. */
  static final Pattern PROGRAM_NAME = Pattern.compile("\\d{3}_[a-z0-9]+(_[a-z0-9]+)*\\.py");

  private static final Pattern INVARIANT =
      Pattern.compile("^#\\s*invariant:\\s*(.+?)\\s*<=\\s*(.+?)\\s*<=\\s*(.+?)\\s*$");
  private static final Pattern CONSTANT = Pattern.compile("^([A-Z][A-Z0-9_]*) = (-?\\d+)\\s*$");

  private CorpusFiles() {}

  static Path corpusDir() {
    return resourceDir("python/corpus");
  }

  static Path racyDir() {
    return resourceDir("python/racy");
  }

  /**
   * The directory on the test class path (target/test-classes), or the source tree's if the class
   * path has none (a run from the module directory without copied resources).
   */
  private static Path resourceDir(String name) {
    URL url = CorpusFiles.class.getClassLoader().getResource(name);
    if (url != null && "file".equals(url.getProtocol())) {
      try {
        return Path.of(url.toURI());
      } catch (URISyntaxException e) {
        throw new IllegalStateException("bad resource URL " + url, e);
      }
    }
    Path source = Path.of("src", "test", "resources").resolve(name);
    if (Files.isDirectory(source)) {
      return source;
    }
    throw new IllegalStateException(
        "no directory " + name + " on the test class path or in " + source.toAbsolutePath());
  }

  /** The {@code .py} files of a directory, sorted by name. */
  static List<Path> programs(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".py"))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file of a directory, sorted by name. */
  static List<Path> allFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String source(Path program) {
    return readString(program);
  }

  /** The file beside {@code program} with the same stem and another extension. */
  static Path sibling(Path program, String extension) {
    String name = program.getFileName().toString();
    return program.resolveSibling(name.substring(0, name.length() - ".py".length()) + extension);
  }

  /** CPython's stdout for the program, byte for byte. */
  static byte[] expectedOut(Path program) {
    try {
      return Files.readAllBytes(sibling(program, ".out"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * CPython's last stderr line, e.g. {@code ZeroDivisionError: integer division or modulo by zero},
   * if the program ends in an uncaught error; empty if it runs to its end.
   */
  static Optional<String> expectedErr(Path program) {
    Path err = sibling(program, ".err");
    if (!Files.exists(err)) {
      return Optional.empty();
    }
    return Optional.of(stripNewline(readString(err)));
  }

  /**
   * The last line CPython prints for an uncaught error: the exception type, then {@code ": "} and
   * the message unless the message is empty (a bare {@code assert} prints just {@code
   * AssertionError}).
   */
  static String lastErrorLine(String kind, String detail) {
    return detail == null || detail.isEmpty() ? kind : kind + ": " + detail;
  }

  static String stripNewline(String s) {
    String t = s;
    while (t.endsWith("\n") || t.endsWith("\r")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  /** The last non-blank line of a program's output, without its line end; "" if none. */
  static String lastLine(String output) {
    String[] lines = output.split("\n", -1);
    for (int i = lines.length - 1; i >= 0; i--) {
      String line = stripNewline(lines[i]).trim();
      if (!line.isEmpty()) {
        return line;
      }
    }
    return "";
  }

  static String readString(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A racy program's header {@code # invariant: LOW <= what <= HIGH}. LOW and HIGH are integer
   * expressions of literals and the program's top-level upper-case constants ({@code N = 20000}),
   * with {@code + - *} and the usual precedence; {@code what} names the value the program prints on
   * its last line.
   */
  record Invariant(String low, String what, String high, long lowValue, long highValue) {

    static Invariant of(Path program) {
      String source = source(program);
      Map<String, Long> constants = new HashMap<>();
      Invariant found = null;
      String[] lines = source.split("\n", -1);
      for (String raw : lines) {
        String line = stripNewline(raw);
        Matcher c = CONSTANT.matcher(line);
        if (c.matches()) {
          constants.put(c.group(1), Long.parseLong(c.group(2)));
        }
      }
      for (String raw : lines) {
        Matcher m = INVARIANT.matcher(stripNewline(raw));
        if (m.matches()) {
          if (found != null) {
            throw new IllegalArgumentException(program.getFileName() + " has two invariants");
          }
          found =
              new Invariant(
                  m.group(1),
                  m.group(2),
                  m.group(3),
                  new Expr(m.group(1), constants).parse(),
                  new Expr(m.group(3), constants).parse());
        }
      }
      if (found == null) {
        throw new IllegalArgumentException(
            program.getFileName() + " has no '# invariant: LOW <= what <= HIGH' line");
      }
      return found;
    }

    boolean holds(long value) {
      return lowValue <= value && value <= highValue;
    }

    @Override
    public String toString() {
      return low + " <= " + what + " <= " + high + " (" + lowValue + " <= " + what + " <= "
          + highValue + ")";
    }
  }

  /** expr := term (('+'|'-') term)*; term := atom ('*' atom)*; atom := ['-'] (int | NAME). */
  private static final class Expr {
    private final List<String> tokens = new ArrayList<>();
    private final Map<String, Long> constants;
    private final String text;
    private int pos;

    Expr(String text, Map<String, Long> constants) {
      this.text = text;
      this.constants = constants;
      Matcher m = Pattern.compile("\\s*(\\d+|[A-Za-z_][A-Za-z0-9_]*|[-+*])").matcher(text);
      int at = 0;
      while (at < text.length()) {
        if (!m.find(at) || m.start() != at) {
          if (text.substring(at).isBlank()) {
            break;
          }
          throw new IllegalArgumentException("cannot read invariant bound '" + text + "'");
        }
        tokens.add(m.group(1));
        at = m.end();
      }
    }

    long parse() {
      long v = sum();
      if (pos != tokens.size()) {
        throw new IllegalArgumentException("cannot read invariant bound '" + text + "'");
      }
      return v;
    }

    private long sum() {
      long v = product();
      while (pos < tokens.size() && (peek("+") || peek("-"))) {
        boolean plus = tokens.get(pos++).equals("+");
        long w = product();
        v = plus ? Math.addExact(v, w) : Math.subtractExact(v, w);
      }
      return v;
    }

    private long product() {
      long v = atom();
      while (pos < tokens.size() && peek("*")) {
        pos++;
        v = Math.multiplyExact(v, atom());
      }
      return v;
    }

    private long atom() {
      if (pos >= tokens.size()) {
        throw new IllegalArgumentException("invariant bound '" + text + "' ends too early");
      }
      String t = tokens.get(pos++);
      if (t.equals("-")) {
        return Math.negateExact(atom());
      }
      if (Character.isDigit(t.charAt(0))) {
        return Long.parseLong(t);
      }
      Long v = constants.get(t);
      if (v == null) {
        throw new IllegalArgumentException(
            "invariant bound '"
                + text
                + "' names '"
                + t
                + "', which the program does not set"
                + " as a top-level constant (NAME = integer)");
      }
      return v;
    }

    private boolean peek(String s) {
      return tokens.get(pos).equals(s);
    }
  }

  /**
   * A program's run: its interpreter, closed; what it printed on standard output (as text and as
   * bytes) and on standard error; and the error it ended in, or null.
   */
  record Ran(
      Interpreter interpreter,
      String out,
      // The bytes as printed, only read; a Ran is never compared or hashed.
      @SuppressWarnings("ArrayRecordComponent") byte[] outBytes,
      String err,
      InterpreterError raised) {}

  /**
   * Runs module code on an interpreter from {@code builder}, whose {@code out} and {@code err} are
   * caught here, and closes it.
   */
  static Ran run(Interpreter.Builder builder, Code code) {
    Captured out = new Captured();
    Captured err = new Captured();
    Interpreter interpreter = builder.out(out.stream()).err(err.stream()).build();
    InterpreterError raised = null;
    try {
      interpreter.exec(code);
    } catch (InterpreterError e) {
      raised = e;
    } finally {
      interpreter.close();
    }
    return new Ran(interpreter, out.text(), out.bytes(), err.text(), raised);
  }
}

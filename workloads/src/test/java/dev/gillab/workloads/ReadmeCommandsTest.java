package dev.gillab.workloads;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.common.base.Splitter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Every shell command in a fenced block of every README is checked against the code, so that a
 * renamed class, option, subcommand, file, module or profile fails the build instead of leaving a
 * reader with a command that no longer works.
 *
 * <p>A fenced line starting with {@code mvn}, {@code java}, {@code cd}, {@code mkdir} or {@code
 * for} is a command line; {@code &&}, {@code ;}, {@code ||} and {@code |} split it into commands, a
 * trailing backslash continues it on the next line. Each command is checked:
 *
 * <ul>
 *   <li>{@code java -jar .../gil-lab.jar ARGS}: the jar path is the one the workloads pom's shade
 *       plugin builds, seen from where the command runs; ARGS parse against the real command
 *       (picocli's {@code parseArgs}: nothing runs); a program file given to {@code run} or {@code
 *       dis}, and any argument that names a repository file, exists. Documented {@code run} and
 *       {@code dis} commands are also run in-process and must exit 0 and print the lines the README
 *       shows after them.
 *   <li>{@code java -cp .../gil-lab.jar CLASS}: CLASS is a main class of a module (the jar holds no
 *       test classes), loads, and has {@code public static void main(String[])}.
 *   <li>{@code mvn}: every option is one Maven has, every goal a lifecycle phase or a goal of a
 *       plugin a pom declares, {@code -pl} names modules of the root pom, {@code -P} profiles that
 *       exist; {@code exec:java} runs in a module that lets it ({@code exec.skip=false}) a main
 *       class whose source is there (a test class only with {@code -Dexec.classpathScope=test}) and
 *       whose file arguments exist; {@code -Pbench} reaches the phase JMH is bound to, in a module
 *       whose benchmarks run ({@code jmh.skip=false}), and every benchmark pattern of {@code
 *       jmh.args} matches a benchmark.
 *   <li>{@code cd} and {@code mkdir}: a folder is entered only if it exists or an earlier {@code
 *       mkdir} of the same block made it; later paths resolve from there.
 * </ul>
 *
 * <p>Placeholders are stood in for, so that the rest of the command is still checked: {@code $(seq
 * A B)} and a {@code for} loop's variable stand for the first value, {@code $(ls GLOB)} for the
 * glob with {@code *} as {@code 1}, and {@code <...>}, {@code FILE}, {@code DIR}, {@code N} and the
 * like for {@code 1}, which parses as any option's value. A stood-in argument is parsed but not
 * looked for on disk, and a command with one is not run. A main class written {@code pkg.<Lesson>}
 * is checked for its package only: it must hold a main class.
 *
 * <p>The {@code gil-lab [...]} usage synopsis is checked too: each option is one of the command (or
 * of the subcommand it follows), each lower-case word a subcommand. A fenced line that looks like
 * any other command fails unless {@link #ALLOWED} lists it. Nothing is written anywhere: {@code
 * mkdir} and {@code cd} are only followed, never done; no child process, no network.
 */
class ReadmeCommandsTest {
  /** The repository root: tests run in the workloads module's folder. */
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /**
   * Fenced lines that look like a command but are not one this test can check, keyed by README and
   * the start of the line (not its number, which edits above it would move). Each entry says why it
   * is here; an entry that matches nothing fails the test, so none outlives its line.
   */
  private static final Map<String, String> ALLOWED =
      Map.of(
          "workloads/README.md|gil-lab on ",
          "the first line of the suite's printed output, shown as an example: output, not a command",
          "workloads/README.md|echo round trip beside ",
          "rows of compare's printed output, whose shape names start like the shell's echo");

  /** The words a checked command line starts with. */
  private static final Set<String> CHECKED = Set.of("mvn", "java", "cd", "mkdir", "for");

  /** Words that start a line which looks like a command this test has no check for. */
  private static final Set<String> LOOKS_LIKE_A_COMMAND =
      Set.of(
          "gil-lab", "sh", "bash", "zsh", "python", "python3", "pip", "git", "curl", "wget",
          "docker", "export", "sudo", "make", "gradle", "mvnw", "javac", "jshell", "jar", "jmh",
          "seq", "ls", "cat", "echo", "rm", "cp", "mv", "chmod", "kill", "tee", "sort", "xargs",
          "while", "if", "$");

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private static final Splitter WORDS = Splitter.on(WHITESPACE).omitEmptyStrings();

  /** Fence info strings whose blocks hold commands (and their output); others hold code. */
  private static final Set<String> SHELL_FENCES = Set.of("", "sh", "bash", "shell", "console");

  private static final List<String> PHASES =
      List.of(
          "pre-clean",
          "clean",
          "post-clean",
          "validate",
          "initialize",
          "generate-sources",
          "process-sources",
          "generate-resources",
          "process-resources",
          "compile",
          "process-classes",
          "generate-test-sources",
          "process-test-sources",
          "generate-test-resources",
          "process-test-resources",
          "test-compile",
          "process-test-classes",
          "test",
          "prepare-package",
          "package",
          "pre-integration-test",
          "integration-test",
          "post-integration-test",
          "verify",
          "install",
          "deploy",
          "pre-site",
          "site",
          "post-site",
          "site-deploy");

  /** Plugin prefixes Maven resolves without a pom declaring the plugin. */
  private static final Set<String> BUILT_IN_PREFIXES = Set.of("clean", "help", "dependency");

  /** Maven options without a value, and those with one (the next word, or glued on). */
  private static final Set<String> MVN_FLAGS =
      Set.of(
          "-B",
          "--batch-mode",
          "-q",
          "--quiet",
          "-o",
          "--offline",
          "-e",
          "--errors",
          "-X",
          "--debug",
          "-U",
          "--update-snapshots",
          "-am",
          "--also-make",
          "-amd",
          "--also-make-dependents",
          "-ntp",
          "--no-transfer-progress",
          "-fae",
          "--fail-at-end",
          "-ff",
          "--fail-fast",
          "-N",
          "--non-recursive",
          "-V",
          "--show-version");

  private static final Set<String> MVN_VALUED =
      Set.of(
          "-pl",
          "--projects",
          "-P",
          "--activate-profiles",
          "-D",
          "--define",
          "-T",
          "--threads",
          "-f",
          "--file",
          "-rf",
          "--resume-from",
          "-s",
          "--settings");

  /** gil-lab options whose values are outputs, not files to find. */
  private static final Set<String> OUTPUT_OPTIONS = Set.of("--json", "--report");

  /** JMH options that take no value; every other one takes the next word. */
  private static final Set<String> JMH_FLAGS = Set.of("-h", "-l", "-lp", "-lprof", "-lrf");

  /** A program run in-process: a main class's {@code run(args, out, err)}. */
  @FunctionalInterface
  interface Program {
    int run(String[] args, PrintStream out, PrintStream err) throws Exception;
  }

  /**
   * Main classes that {@code mvn exec:java} commands name and that are cheap to run here: they take
   * a small example file, run no child JVM and write nothing.
   */
  private static final Map<String, Program> RUNNABLE_MAINS =
      Map.of("dev.gillab.gil.Main", dev.gillab.gil.Main::run);

  /**
   * gil-lab subcommands run in-process when a README shows them: bounded by the small example
   * program they are given. The suite and its experiments take minutes, serve serves until stopped,
   * bands reads files an earlier command wrote, compare needs a Python: those are parsed only.
   */
  private static final Set<String> RUNNABLE_SUBCOMMANDS = Set.of("run", "dis");

  private final Repo repo = Repo.read(ROOT);
  private final List<String> broken = new ArrayList<>();
  private final List<InProcess> runs = new ArrayList<>();
  private final Set<String> allowedUsed = new HashSet<>();

  /** README -> commands checked, commands run in-process. */
  private final Map<String, int[]> counts = new TreeMap<>();

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void everyCommandInEveryReadmeStillWorks() throws Exception {
    List<Path> readmes = readmes();
    assertTrue(readmes.contains(ROOT.resolve("README.md")), "no README.md at " + ROOT);
    for (Path readme : readmes) {
      String name = ROOT.relativize(readme).toString().replace('\\', '/');
      counts.put(name, new int[2]);
      for (Fence fence : fences(Files.readAllLines(readme, StandardCharsets.UTF_8))) {
        if (SHELL_FENCES.contains(fence.info)) {
          checkFence(name, fence);
        }
      }
    }
    for (InProcess run : runs) {
      run.check();
    }
    // The top command's own help, the cheapest run there is: the command can start at all.
    Cli help = Cli.run("--help");
    if (help.exit() != 0 || !help.out().contains("Usage: gil-lab")) {
      broken.add("gil-lab --help: exited " + help.exit() + ": " + help.firstErrLine());
    }
    for (String key : ALLOWED.keySet()) {
      if (!allowedUsed.contains(key)) {
        broken.add(key + ": allow-list entry matches no line any more: remove it");
      }
    }
    if (counts.values().stream().mapToInt(c -> c[0]).sum() == 0) {
      broken.add("no README has a command this test found: is the fence reader broken?");
    }
    if (!broken.isEmpty()) {
      fail(
          broken.size()
              + " README command(s) broken:\n"
              + String.join("\n", broken)
              + "\n(commands checked, of them run here: "
              + counts.entrySet().stream()
                  .map(e -> e.getKey() + " " + e.getValue()[0] + ", " + e.getValue()[1])
                  .collect(Collectors.joining("; "))
              + ")");
    }
  }

  /** Every README.md in the repository, the root's first; build output and hidden folders aside. */
  private static List<Path> readmes() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files
          .filter(p -> p.getFileName().toString().equals("README.md"))
          .filter(
              p -> {
                for (Path part : ROOT.relativize(p)) {
                  String s = part.toString();
                  if (s.equals("target") || s.equals("node_modules") || s.startsWith(".")) {
                    return false;
                  }
                }
                return true;
              })
          .sorted(
              (a, b) ->
                  a.getNameCount() != b.getNameCount()
                      ? Integer.compare(a.getNameCount(), b.getNameCount())
                      : a.compareTo(b))
          .collect(Collectors.toList());
    }
  }

  // ---------------------------------------------------------------- the README's blocks

  /** A fenced block: its info string and its lines, each with its number in the README. */
  record Fence(String info, List<Line> lines) {}

  record Line(int number, String text) {}

  private static final Pattern FENCE = Pattern.compile("^(\\s*)(`{3,}|~{3,})\\s*([^`\\s]*).*$");

  static List<Fence> fences(List<String> lines) {
    List<Fence> fences = new ArrayList<>();
    String marker = null;
    int indent = 0;
    String info = "";
    List<Line> body = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i);
      Matcher m = FENCE.matcher(text);
      if (marker == null) {
        if (m.matches()) {
          marker = m.group(2);
          indent = m.group(1).length();
          info = m.group(3).toLowerCase(java.util.Locale.ROOT);
          body = new ArrayList<>();
        }
      } else if (m.matches()
          && m.group(2).charAt(0) == marker.charAt(0)
          && m.group(2).length() >= marker.length()
          && text.trim().equals(m.group(2))) {
        fences.add(new Fence(info, body));
        marker = null;
      } else {
        int cut = 0;
        while (cut < indent && cut < text.length() && text.charAt(cut) == ' ') {
          cut++;
        }
        body.add(new Line(i + 1, text.substring(cut)));
      }
    }
    return fences;
  }

  /** A shell's state along one block: where it is, the folders it made, its loop variables. */
  static final class Shell {
    Path cwd = ROOT;
    final Set<Path> made = new HashSet<>();
    final Map<String, String> vars = new HashMap<>();
  }

  private void checkFence(String readme, Fence fence) {
    Shell shell = new Shell();
    InProcess showing = null; // the run whose printed lines the block shows next
    List<Line> lines = fence.lines;
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      String text = line.text.strip();
      while (text.endsWith("\\") && i + 1 < lines.size()) {
        text = text.substring(0, text.length() - 1).strip() + " " + lines.get(++i).text.strip();
      }
      String first = text.isEmpty() ? "" : WHITESPACE.split(text, 2)[0];
      Where where = new Where(readme, line.number, text);
      if (CHECKED.contains(first)) {
        showing = null;
        int before = runs.size();
        commandLine(where, text, shell);
        if (runs.size() > before) {
          showing = runs.get(runs.size() - 1);
        }
      } else if (text.startsWith("gil-lab [")) {
        showing = null;
        List<Line> synopsis = new ArrayList<>(List.of(line));
        while (i + 1 < lines.size()
            && !lines.get(i + 1).text.isBlank()
            && Character.isWhitespace(lines.get(i + 1).text.charAt(0))) {
          synopsis.add(lines.get(++i));
        }
        counts.get(readme)[0]++;
        synopsis(readme, synopsis);
      } else if (LOOKS_LIKE_A_COMMAND.contains(first)
          || first.startsWith("./")
          || first.startsWith("../")) {
        showing = null;
        uncheckable(where, text, "looks like a command, but this test has no check for it");
      } else if (showing != null) {
        showing.shown.add(line.text.stripTrailing());
      }
    }
  }

  /** Where a command stands: README, line, and the command as written. */
  record Where(String readme, int line, String command) {
    Where with(String part) {
      return new Where(readme, line, part);
    }
  }

  private void broken(Where w, String why) {
    broken.add(w.readme + ":" + w.line + ": " + w.command + ": " + why);
  }

  private void uncheckable(Where w, String text, String why) {
    for (String key : ALLOWED.keySet()) {
      int bar = key.indexOf('|');
      if (key.substring(0, bar).equals(w.readme) && text.startsWith(key.substring(bar + 1))) {
        allowedUsed.add(key);
        return;
      }
    }
    broken(w.with(text), why);
  }

  // ---------------------------------------------------------------- command lines

  private static final Pattern FOR =
      Pattern.compile("^for\\s+(\\w+)\\s+in\\s+(.+?)\\s*;\\s*do\\s+(.+?)\\s*;?\\s*done$");

  private void commandLine(Where where, String text, Shell shell) {
    if (text.startsWith("for ")) {
      Matcher m = FOR.matcher(text);
      if (!m.matches()) {
        broken(where, "a for loop this test cannot read (for V in LIST; do ...; done)");
        return;
      }
      List<Word> values = words(m.group(2), shell);
      if (values == null || values.isEmpty()) {
        broken(where, "cannot stand in for the loop's values '" + m.group(2) + "'");
        return;
      }
      shell.vars.put(m.group(1), values.get(0).text);
      commandLine(where, m.group(3), shell);
      shell.vars.remove(m.group(1));
      return;
    }
    for (String command : split(text)) {
      Where w = where.with(command);
      List<Word> words = words(command, shell);
      if (words == null) {
        broken(w, "a $(...) or $VARIABLE this test cannot stand in for");
        continue;
      }
      words = withoutRedirections(words);
      if (words.isEmpty()) {
        continue;
      }
      String head = words.get(0).text;
      switch (head) {
        case "mvn" -> {
          counts.get(w.readme)[0]++;
          mvn(w, words.subList(1, words.size()), shell);
        }
        case "java" -> {
          counts.get(w.readme)[0]++;
          java(w, words.subList(1, words.size()), shell);
        }
        case "cd" -> {
          counts.get(w.readme)[0]++;
          cd(w, words, shell);
        }
        case "mkdir" -> {
          counts.get(w.readme)[0]++;
          for (Word d : words.subList(1, words.size())) {
            if (!d.text.startsWith("-")) {
              shell.made.add(shell.cwd.resolve(d.text).normalize());
            }
          }
        }
        default -> uncheckable(w, command, "a command this test has no check for");
      }
    }
  }

  private void cd(Where w, List<Word> words, Shell shell) {
    if (words.size() != 2) {
      broken(w, "cd with other than one folder");
      return;
    }
    Path to = shell.cwd.resolve(words.get(1).text).normalize();
    if (!to.startsWith(ROOT)) {
      broken(w, "leaves the repository");
    } else if (!Files.isDirectory(to) && !shell.made.contains(to)) {
      broken(w, "no folder " + ROOT.relativize(to) + " (nor made by an earlier mkdir)");
    }
    shell.cwd = to;
  }

  /** Splits a command line at {@code && || ; |} outside quotes and {@code $(...)}. */
  static List<String> split(String line) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    int depth = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(') {
        depth++;
      } else if (c == ')' && depth > 0) {
        depth--;
      } else if (depth == 0
          && (c == ';'
              || c == '|'
              || (c == '&' && i + 1 < line.length() && line.charAt(i + 1) == '&'))) {
        if (i + 1 < line.length() && line.charAt(i + 1) == c) {
          i++;
        }
        parts.add(cur.toString().strip());
        cur.setLength(0);
        continue;
      }
      cur.append(c);
    }
    parts.add(cur.toString().strip());
    parts.removeIf(String::isEmpty);
    return parts;
  }

  /** A word of a command, quotes removed; substituted if a placeholder stood there. */
  record Word(String text, boolean substituted) {}

  /** The placeholders the READMEs write for a value the reader chooses. */
  private static final Pattern PLACEHOLDER =
      Pattern.compile("<[^>]+>|(FILE|DIR|N|TIME|POLICY|ADDRESS|PATH|SIZE|COUNTS|ARG)(\\.\\.\\.)?");

  /** The words of a command with substitutions made; null if one cannot be stood in for. */
  static @Nullable List<Word> words(String command, Shell shell) {
    List<Word> words = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    boolean substituted = false;
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (c == '$' && i + 1 < command.length() && command.charAt(i + 1) == '(') {
        int depth = 0;
        int end = i;
        for (; end < command.length(); end++) {
          if (command.charAt(end) == '(') {
            depth++;
          } else if (command.charAt(end) == ')' && --depth == 0) {
            break;
          }
        }
        String value =
            commandSubstitution(command.substring(i + 2, Math.min(end, command.length())).strip());
        if (value == null) {
          return null;
        }
        cur.append(value);
        inWord = true;
        substituted = true;
        i = end;
      } else if (c == '$') {
        Matcher m =
            Pattern.compile("\\$(?:\\{(\\w+)}|(\\w+))")
                .matcher(command)
                .region(i, command.length());
        if (!m.lookingAt()) {
          return null;
        }
        String name = m.group(1) != null ? m.group(1) : m.group(2);
        String value = shell.vars.get(name);
        if (value == null) {
          return null;
        }
        cur.append(value);
        inWord = true;
        substituted = true;
        i = m.end() - 1;
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(new Word(cur.toString(), substituted));
        }
        cur.setLength(0);
        inWord = false;
        substituted = false;
      } else {
        cur.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(new Word(cur.toString(), substituted));
    }
    return words;
  }

  /** What a {@code $(...)} stands for here: the first value of a seq, a glob's one file. */
  private static @Nullable String commandSubstitution(String inner) {
    List<String> w = WORDS.splitToList(inner);
    if (w.size() >= 2 && w.get(0).equals("seq")) {
      return w.size() == 2 ? "1" : w.get(1);
    }
    if (!w.isEmpty() && w.get(0).equals("ls")) {
      for (String s : w) {
        if (s.contains("*")) {
          return s.replace("*", "1");
        }
      }
    }
    return null;
  }

  /** The words without shell redirections ({@code > f}, {@code 2>&1}, {@code < f}). */
  static List<Word> withoutRedirections(List<Word> words) {
    List<Word> kept = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String t = words.get(i).text;
      if (t.matches("\\d*(>>?|<)(&\\d+)?")) {
        if (!t.contains("&")) {
          i++; // and its target
        }
      } else if (!t.matches("\\d*(>>?|<)\\S+")) {
        kept.add(words.get(i));
      }
    }
    return kept;
  }

  /** Whether a word names a file to find: a path with a folder, or a program by its suffix. */
  private static boolean looksLikeAFile(String s) {
    return !s.startsWith("-")
        && !s.contains("://")
        && (s.contains("/") || s.endsWith(".py") || s.endsWith(".gasm"));
  }

  private void mustExist(Where w, Shell shell, String file, String what) {
    Path p = shell.cwd.resolve(file).normalize();
    if (!Files.exists(p)) {
      broken(w, what + " " + file + " does not exist (from " + shown(shell.cwd) + ")");
    }
  }

  private static String shown(Path dir) {
    String r = ROOT.relativize(dir).toString();
    return r.isEmpty() ? "the repository root" : r + "/";
  }

  // ---------------------------------------------------------------- java

  private void java(Where w, List<Word> args, Shell shell) {
    if (args.size() < 2
        || !(args.get(0).text.equals("-jar")
            || args.get(0).text.equals("-cp")
            || args.get(0).text.equals("-classpath"))) {
      uncheckable(w, w.command, "a java command other than -jar or -cp with gil-lab's jar");
      return;
    }
    Path jar = shell.cwd.resolve(args.get(1).text).normalize();
    if (!jar.equals(repo.jar)) {
      broken(
          w,
          "the jar is "
              + ROOT.relativize(repo.jar)
              + " (the workloads pom's shade"
              + " finalName), not "
              + ROOT.relativize(jar));
      return;
    }
    if (args.get(0).text.equals("-jar")) {
      gilLab(w, args.subList(2, args.size()), shell);
    } else {
      mainClassInJar(w, args.subList(2, args.size()), shell);
    }
  }

  private void mainClassInJar(Where w, List<Word> args, Shell shell) {
    if (args.isEmpty()) {
      broken(w, "no main class after -cp");
      return;
    }
    String name = args.get(0).text;
    if (repo.sources(name).stream().noneMatch(s -> s.scope.equals("main"))) {
      broken(w, name + " is not a main class of any module (the jar holds no test classes)");
      return;
    }
    try {
      Method main = Class.forName(name).getMethod("main", String[].class);
      if (!Modifier.isStatic(main.getModifiers()) || !Modifier.isPublic(main.getModifiers())) {
        broken(w, name + " has no public static main(String[])");
      }
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      broken(w, name + " does not load with a main(String[]): " + e);
    }
    for (Word a : args.subList(1, args.size())) {
      if (!a.substituted && looksLikeAFile(a.text)) {
        mustExist(w, shell, a.text, "the file");
      }
    }
  }

  private void gilLab(Where w, List<Word> words, Shell shell) {
    String[] args = new String[words.size()];
    boolean[] stoodIn = new boolean[args.length];
    boolean substituted = false;
    for (int i = 0; i < args.length; i++) {
      Word word = words.get(i);
      // A placeholder parses as "1": an int, a duration in ms, a file name; never looked for.
      boolean placeholder = PLACEHOLDER.matcher(word.text).matches();
      args[i] = placeholder ? "1" : word.text;
      stoodIn[i] = placeholder || word.substituted;
      substituted |= stoodIn[i];
    }
    ParseResult parsed;
    try {
      parsed = new CommandLine(new GilLab()).parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      broken(w, "gil-lab refuses it: " + e.getMessage());
      return;
    }
    boolean writes = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (OUTPUT_OPTIONS.contains(a)) {
        writes = true;
        i++; // its value is an output
      } else if (OUTPUT_OPTIONS.stream().anyMatch(o -> a.startsWith(o + "="))) {
        writes = true;
      } else if (!stoodIn[i] && looksLikeAFile(a)) {
        mustExist(w, shell, a, "the file");
      }
    }
    ParseResult sub = parsed.subcommand();
    if (sub == null) {
      return;
    }
    String name = sub.commandSpec().name();
    String file = null;
    if (RUNNABLE_SUBCOMMANDS.contains(name) && sub.hasMatchedPositional(0)) {
      file = sub.matchedPositional(0).stringValues().get(0);
      if (!stoodIn[indexOf(args, file)] && !looksLikeAFile(file)) { // else looked for above
        mustExist(w, shell, file, "the program");
      }
    }
    if (file == null
        || substituted
        || writes
        || sub.isUsageHelpRequested()
        || !Files.isRegularFile(shell.cwd.resolve(file))) {
      return;
    }
    // Run it in this JVM (whose folder is workloads/) with the file's absolute path, and show
    // the path in its output as the README wrote it.
    String absolute = shell.cwd.resolve(file).normalize().toString();
    String[] real = args.clone();
    real[indexOf(args, file)] = absolute;
    runs.add(new InProcess(w, GilLab::run, real, Map.of(absolute, file)));
  }

  private static int indexOf(String[] args, String value) {
    for (int i = args.length - 1; i >= 0; i--) {
      if (args[i].equals(value)) {
        return i;
      }
    }
    throw new IllegalStateException(value);
  }

  /**
   * The usage synopsis, over one or more lines: its options exist where it puts them (on the
   * command, or on the subcommand they follow), its lower-case words are subcommands.
   */
  private void synopsis(String readme, List<Line> lines) {
    CommandSpec top = new CommandLine(new GilLab()).getCommandSpec();
    CommandSpec current = top;
    List<Line> words = new ArrayList<>();
    for (Line line : lines) {
      for (String word : WORDS.split(line.text.replaceAll("[\\[\\]|]", " "))) {
        words.add(new Line(line.number, word));
      }
    }
    for (Line at : words) {
      String word = at.text;
      Where w = new Where(readme, at.number, "the gil-lab synopsis");
      if (word.equals("gil-lab") || word.isEmpty()) {
        continue;
      }
      if (word.startsWith("-")) {
        String option = word.split("=", 2)[0];
        if (top.findOption(option) == null && current.findOption(option) == null) {
          broken(
              w,
              "the synopsis names "
                  + option
                  + ", which gil-lab"
                  + (current == top ? "" : " " + current.name())
                  + " does not have");
        }
      } else if (word.matches("[a-z][a-z0-9-]*")) {
        CommandLine sub = top.subcommands().get(word);
        if (sub == null) {
          broken(w, "the synopsis names subcommand " + word + ", which gil-lab does not have");
        } else {
          current = sub.getCommandSpec();
        }
      }
    }
  }

  // ---------------------------------------------------------------- mvn

  private void mvn(Where w, List<Word> words, Shell shell) {
    List<String> goals = new ArrayList<>();
    List<String> modules = new ArrayList<>();
    List<String> profiles = new ArrayList<>();
    Map<String, String> props = new LinkedHashMap<>();
    boolean misnamedGoal = false;
    for (int i = 0; i < words.size(); i++) {
      String t = words.get(i).text;
      String option = t;
      String value = null;
      for (String glued : List.of("-D", "-P")) {
        if (t.startsWith(glued) && t.length() > 2) {
          option = glued;
          value = t.substring(2);
        }
      }
      if (value == null && MVN_VALUED.contains(option)) {
        if (i + 1 >= words.size()) {
          broken(w, option + " without its value");
          return;
        }
        value = words.get(++i).text;
      }
      if (MVN_FLAGS.contains(option)) {
        continue;
      }
      switch (option) {
        case "-pl", "--projects" -> modules.addAll(List.of(value.split(",", -1)));
        case "-P", "--activate-profiles" -> {
          for (String p : value.split(",", -1)) {
            profiles.add(p.replaceFirst("^[!-]", ""));
          }
        }
        case "-D", "--define" -> {
          String[] kv = value.split("=", 2);
          props.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        case "-f", "--file" -> mustExist(w, shell, value, "the pom");
        case "-T", "--threads", "-rf", "--resume-from", "-s", "--settings" -> {}
        default -> {
          if (t.startsWith("-")) {
            broken(w, "mvn option " + t + " is not one this test knows");
          } else if (t.contains(":")) {
            String prefix = t.substring(0, t.indexOf(':'));
            if (!repo.pluginPrefixes.contains(prefix) && !BUILT_IN_PREFIXES.contains(prefix)) {
              broken(w, "goal " + t + ": no pom declares a plugin with prefix " + prefix);
              misnamedGoal = true;
            }
            goals.add(t);
          } else if (!PHASES.contains(t)) {
            broken(w, t + " is not a lifecycle phase");
            misnamedGoal = true;
          } else {
            goals.add(t);
          }
        }
      }
    }
    if (goals.isEmpty()) {
      if (!misnamedGoal) {
        broken(w, "mvn with no phase or goal");
      }
      return;
    }
    List<Pom> selected = new ArrayList<>();
    if (!shell.cwd.equals(ROOT)) {
      Pom here = repo.moduleAt(shell.cwd);
      if (here == null || !modules.isEmpty()) {
        broken(w, "mvn runs in " + shown(shell.cwd) + ", which is not the root or a module");
        return;
      }
      selected.add(here);
    }
    for (String m : modules) {
      Pom pom = repo.module(m);
      if (pom == null) {
        broken(w, "-pl " + m + ": not a module of the root pom (" + repo.root.modules + ")");
        return;
      }
      selected.add(pom);
    }
    List<Pom> scope = selected.isEmpty() ? repo.modules() : selected;
    for (String p : profiles) {
      if (!repo.root.profiles.contains(p)
          && scope.stream().noneMatch(m -> m.profiles.contains(p))) {
        broken(w, "-P " + p + ": no such profile in the root pom or " + names(scope));
      }
    }
    if (goals.stream().anyMatch(g -> g.startsWith("exec:"))) {
      if (selected.size() != 1) {
        broken(w, "exec: needs one module (-pl), to know which classpath runs");
      } else {
        exec(w, selected.get(0), props, shell);
      }
    }
    if (profiles.contains("bench")) {
      bench(w, goals, selected.isEmpty() ? repo.modules() : selected, props);
    }
  }

  private static String names(List<Pom> poms) {
    return poms.stream().map(p -> p.artifactId).collect(Collectors.joining(", "));
  }

  private void exec(Where w, Pom module, Map<String, String> props, Shell shell) {
    if (!"false".equals(repo.property(module, props, "exec.skip"))) {
      broken(
          w,
          "exec is skipped in "
              + module.artifactId
              + " (its pom does not set"
              + " exec.skip=false): nothing would run");
    }
    String mainClass = repo.property(module, props, "exec.mainClass");
    if (mainClass == null) {
      broken(w, "no -Dexec.mainClass and no exec.mainClass in " + module.artifactId + "'s pom");
      return;
    }
    boolean testScope = "test".equals(props.get("exec.classpathScope"));
    Set<String> reach = repo.reach(module);
    if (mainClass.contains("<")) {
      // A placeholder (pkg.<Lesson>): the package must hold a main class the module can run.
      String pkg = mainClass.substring(0, mainClass.indexOf('<'));
      boolean any =
          repo.sourcesByName.values().stream()
              .flatMap(List::stream)
              .anyMatch(
                  s ->
                      s.name.startsWith(pkg)
                          && s.name.indexOf('.', pkg.length()) < 0
                          && runnable(s, module, reach, testScope)
                          && s.hasMain());
      if (!any) {
        broken(w, "no main class in package " + pkg + " that " + module.artifactId + " can run");
      }
    } else {
      List<SourceFile> found = repo.sources(mainClass);
      if (found.isEmpty()) {
        broken(w, mainClass + ": no such class in any module's sources");
        return;
      }
      List<SourceFile> reachable =
          found.stream()
              .filter(s -> runnable(s, module, reach, testScope))
              .collect(Collectors.toList());
      if (reachable.isEmpty()) {
        SourceFile s = found.get(0);
        broken(
            w,
            mainClass
                + " is a "
                + s.scope
                + " class of "
                + s.module
                + ", which "
                + module.artifactId
                + "'s exec:java cannot see"
                + (s.scope.equals("test") && s.module.equals(module.artifactId)
                    ? " without -Dexec.classpathScope=test"
                    : ""));
        return;
      }
      if (reachable.stream().noneMatch(SourceFile::hasMain)) {
        broken(w, mainClass + " has no static void main(String[])");
      }
    }
    String execArgs = props.get("exec.args");
    List<Word> args = execArgs == null ? List.of() : words(execArgs, shell);
    if (args == null) {
      broken(w, "exec.args with a substitution this test cannot stand in for");
      return;
    }
    String[] real = new String[args.size()];
    Map<String, String> shownAs = new HashMap<>();
    boolean runnable = RUNNABLE_MAINS.containsKey(mainClass);
    for (int i = 0; i < real.length; i++) {
      Word a = args.get(i);
      real[i] = a.text;
      runnable &= !a.substituted;
      if (!a.substituted && looksLikeAFile(a.text)) {
        mustExist(w, shell, a.text, "exec.args file");
        Path p = shell.cwd.resolve(a.text).normalize();
        real[i] = p.toString();
        shownAs.put(p.toString(), a.text);
        runnable &= Files.isRegularFile(p);
      }
    }
    if (runnable) {
      runs.add(new InProcess(w, RUNNABLE_MAINS.get(mainClass), real, shownAs));
    }
  }

  /** Whether exec:java in {@code module} can load {@code s} with the scope given. */
  private static boolean runnable(SourceFile s, Pom module, Set<String> reach, boolean testScope) {
    if (s.module.equals(module.artifactId)) {
      return s.scope.equals("main") || testScope;
    }
    return s.scope.equals("main") && reach.contains(s.module);
  }

  private void bench(Where w, List<String> goals, List<Pom> modules, Map<String, String> props) {
    int jmhPhase = PHASES.indexOf("integration-test");
    if (goals.stream().noneMatch(g -> PHASES.indexOf(g) >= jmhPhase)) {
      broken(w, "-Pbench runs JMH in integration-test; " + goals + " stops before it");
    }
    for (Pom m : modules) {
      if (!"false".equals(repo.property(m, props, "jmh.skip"))) {
        broken(w, m.artifactId + " does not set jmh.skip=false: its benchmarks would not run");
        continue;
      }
      String jmhArgs = repo.property(m, props, "jmh.args");
      List<String> benchmarks = repo.benchmarks(m);
      List<String> patterns = jmhPatterns(jmhArgs == null ? "" : jmhArgs);
      if (patterns.isEmpty() && benchmarks.isEmpty()) {
        broken(w, m.artifactId + " has no benchmarks");
      }
      for (String pattern : patterns) {
        for (String alternative : alternatives(pattern)) {
          try {
            Pattern p = Pattern.compile(alternative);
            if (benchmarks.stream().noneMatch(b -> p.matcher(b).find())) {
              broken(
                  w,
                  "jmh.args pattern " + alternative + " matches no benchmark of " + m.artifactId);
            }
          } catch (PatternSyntaxException e) {
            broken(w, "jmh.args pattern " + pattern + " is not a regular expression");
          }
        }
      }
    }
  }

  /** The benchmark patterns of JMH's arguments: every word that is no option or its value. */
  static List<String> jmhPatterns(String jmhArgs) {
    List<String> patterns = new ArrayList<>();
    List<String> w = WORDS.splitToList(jmhArgs);
    for (int i = 0; i < w.size(); i++) {
      if (w.get(i).startsWith("-")) {
        if (!JMH_FLAGS.contains(w.get(i))) {
          i++;
        }
      } else {
        patterns.add(w.get(i));
      }
    }
    return patterns;
  }

  /**
   * A pattern's alternatives, one per branch of each group with {@code |} and of a top-level {@code
   * |}: {@code A.(b|c)} is {@code A.(b)} and {@code A.(c)}, so a renamed {@code b} fails although
   * {@code c} still matches.
   */
  static List<String> alternatives(String pattern) {
    Matcher m = Pattern.compile("\\(([^()]*\\|[^()]*)\\)").matcher(pattern);
    if (m.find()) {
      List<String> out = new ArrayList<>();
      for (String branch : m.group(1).split("\\|", -1)) {
        out.addAll(
            alternatives(
                pattern.substring(0, m.start()) + "(" + branch + ")" + pattern.substring(m.end())));
      }
      return out;
    }
    if (pattern.contains("|") && !pattern.contains("(")) {
      return List.of(pattern.split("\\|", -1));
    }
    return List.of(pattern);
  }

  // ---------------------------------------------------------------- in-process runs

  /** A command this test runs here: exit 0, and it prints the lines the README shows after it. */
  final class InProcess {
    final Where where;
    final Program program;
    final String[] args;
    final Map<String, String> shownAs;
    final List<String> shown = new ArrayList<>();

    InProcess(Where where, Program program, String[] args, Map<String, String> shownAs) {
      this.where = where;
      this.program = program;
      this.args = args;
      this.shownAs = shownAs;
    }

    void check() throws Exception {
      counts.get(where.readme)[1]++;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int exit;
      try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
          PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
        exit = program.run(args, o, e);
      }
      String printed = out.toString(StandardCharsets.UTF_8);
      for (Map.Entry<String, String> e : shownAs.entrySet()) {
        printed = printed.replace(e.getKey(), e.getValue());
      }
      if (exit != 0) {
        broken(
            where,
            "exited "
                + exit
                + ": "
                + err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse(""));
        return;
      }
      List<String> expected = trimmed(shown);
      List<String> actual = trimmed(printed.lines().collect(Collectors.toList()));
      if (!expected.isEmpty() && !matches(expected, 0, actual, 0)) {
        String missing =
            expected.stream()
                .filter(l -> !l.equals("...") && !actual.contains(l))
                .findFirst()
                .orElse(null);
        broken(
            where,
            "printed other lines than the README shows after it: "
                + (missing != null
                    ? "it printed no line '" + missing + "'"
                    : "the lines come in another order or with others between them"));
      }
    }
  }

  private static List<String> trimmed(List<String> lines) {
    List<String> out = lines.stream().map(String::stripTrailing).collect(Collectors.toList());
    while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  /** Line-by-line equality where a shown {@code ...} stands for any lines, none included. */
  static boolean matches(List<String> shown, int i, List<String> actual, int j) {
    if (i == shown.size()) {
      return j == actual.size();
    }
    if (shown.get(i).equals("...")) {
      for (int k = j; k <= actual.size(); k++) {
        if (matches(shown, i + 1, actual, k)) {
          return true;
        }
      }
      return false;
    }
    return j < actual.size()
        && shown.get(i).equals(actual.get(j))
        && matches(shown, i + 1, actual, j + 1);
  }

  // ---------------------------------------------------------------- the repository

  /** A Java source file: its class name, module, and scope (main or test). */
  record SourceFile(String name, String module, String scope, Path path) {
    /** Whether it declares {@code static void main(String[])} (or {@code String...}). */
    boolean hasMain() {
      try {
        return MAIN.matcher(Files.readString(path)).find();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static final Pattern MAIN =
      Pattern.compile("static\\s+void\\s+main\\s*\\(\\s*(final\\s+)?String\\s*(\\[\\]|\\.\\.\\.)");

  /** What the test needs of a pom. */
  record Pom(
      Path dir,
      String artifactId,
      List<String> modules,
      Set<String> profiles,
      Map<String, String> properties,
      List<String> dependencies,
      Set<String> plugins,
      @Nullable String finalName) {
    static Pom read(Path dir) {
      try {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(dir.resolve("pom.xml").toFile());
        Element project = doc.getDocumentElement();
        Map<String, String> props = new HashMap<>();
        for (Element p : children(child(project, "properties"))) {
          props.put(p.getTagName(), p.getTextContent().strip());
        }
        List<String> modules = new ArrayList<>();
        for (Element m : children(child(project, "modules"))) {
          modules.add(m.getTextContent().strip());
        }
        Set<String> profiles = new LinkedHashSet<>();
        for (Element p : children(child(project, "profiles"))) {
          Element id = child(p, "id");
          if (id != null) {
            profiles.add(id.getTextContent().strip());
          }
        }
        List<String> deps = new ArrayList<>();
        for (Element d : children(child(project, "dependencies"))) {
          Element g = child(d, "groupId");
          if (g != null && g.getTextContent().strip().equals("dev.gillab")) {
            deps.add(text(d, "artifactId"));
          }
        }
        Set<String> plugins = new HashSet<>();
        NodeList all = doc.getElementsByTagName("plugin");
        for (int i = 0; i < all.getLength(); i++) {
          plugins.add(text((Element) all.item(i), "artifactId"));
        }
        NodeList finalNames = doc.getElementsByTagName("finalName");
        String finalName =
            finalNames.getLength() == 0 ? null : finalNames.item(0).getTextContent().strip();
        return new Pom(
            dir, text(project, "artifactId"), modules, profiles, props, deps, plugins, finalName);
      } catch (Exception e) {
        throw new IllegalStateException("cannot read " + dir.resolve("pom.xml"), e);
      }
    }
  }

  private static @Nullable Element child(@Nullable Element parent, String name) {
    for (Element e : children(parent)) {
      if (e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static List<Element> children(@Nullable Element parent) {
    List<Element> out = new ArrayList<>();
    if (parent != null) {
      for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e) {
          out.add(e);
        }
      }
    }
    return out;
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? "" : e.getTextContent().strip();
  }

  /** The root pom, its modules' poms, their sources, and the jar the build makes. */
  static final class Repo {
    final Pom root;
    final Map<String, Pom> byDir = new LinkedHashMap<>();
    final Map<String, Pom> byArtifact = new HashMap<>();
    final Map<String, List<SourceFile>> sourcesByName = new HashMap<>();
    final Set<String> pluginPrefixes = new HashSet<>();
    final Path jar;

    private Repo(Path rootDir) throws IOException {
      root = Pom.read(rootDir);
      Pom shaded = null;
      for (String m : root.modules) {
        Pom pom = Pom.read(rootDir.resolve(m));
        byDir.put(m, pom);
        byArtifact.put(pom.artifactId, pom);
        if (pom.finalName != null && pom.plugins.contains("maven-shade-plugin")) {
          shaded = pom;
        }
        for (String scope : List.of("main", "test")) {
          Path src = rootDir.resolve(m).resolve("src").resolve(scope).resolve("java");
          if (!Files.isDirectory(src)) {
            continue;
          }
          try (Stream<Path> files = Files.walk(src)) {
            for (Path p :
                (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
              String rel = src.relativize(p).toString().replace('\\', '/');
              String name = rel.substring(0, rel.length() - ".java".length()).replace('/', '.');
              sourcesByName
                  .computeIfAbsent(name, k -> new ArrayList<>())
                  .add(new SourceFile(name, pom.artifactId, scope, p));
            }
          }
        }
      }
      for (Pom pom : modules()) {
        addPrefixes(pom);
      }
      addPrefixes(root);
      if (shaded == null) {
        throw new IllegalStateException("no module's pom shades a jar with a finalName");
      }
      jar = shaded.dir.resolve("target").resolve(shaded.finalName + ".jar");
    }

    static Repo read(Path rootDir) {
      try {
        return new Repo(rootDir);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    private void addPrefixes(Pom pom) {
      for (String a : pom.plugins) {
        Matcher m = Pattern.compile("maven-(.+)-plugin|(.+)-maven-plugin").matcher(a);
        if (m.matches()) {
          pluginPrefixes.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
      }
    }

    List<Pom> modules() {
      return new ArrayList<>(byDir.values());
    }

    @Nullable Pom module(String selector) {
      String s = selector.replaceFirst("^\\./", "").replaceFirst("/$", "");
      if (s.contains(":")) {
        return byArtifact.get(s.substring(s.lastIndexOf(':') + 1));
      }
      return byDir.get(s);
    }

    @Nullable Pom moduleAt(Path dir) {
      return byDir.values().stream().filter(p -> p.dir.equals(dir)).findFirst().orElse(null);
    }

    List<SourceFile> sources(String className) {
      return sourcesByName.getOrDefault(className, List.of());
    }

    /** A property as the build sees it: the command line's, else the module's, else the root's. */
    @Nullable String property(Pom module, Map<String, String> commandLine, String name) {
      if (commandLine.containsKey(name)) {
        return commandLine.get(name);
      }
      if (module.properties.containsKey(name)) {
        return module.properties.get(name);
      }
      return root.properties.get(name);
    }

    /** The modules {@code module} depends on, directly or not. */
    Set<String> reach(Pom module) {
      Set<String> seen = new HashSet<>();
      Deque<String> todo = new ArrayDeque<>(module.dependencies);
      while (!todo.isEmpty()) {
        String a = todo.pop();
        Pom p = byArtifact.get(a);
        if (seen.add(a) && p != null) {
          todo.addAll(p.dependencies);
        }
      }
      return seen;
    }

    private final Map<String, List<String>> benchmarks = new HashMap<>();

    /** The module's JMH benchmarks, as JMH names them: package.Class.method. */
    List<String> benchmarks(Pom module) {
      return benchmarks.computeIfAbsent(module.artifactId, a -> findBenchmarks(module));
    }

    private List<String> findBenchmarks(Pom module) {
      List<String> out = new ArrayList<>();
      for (List<SourceFile> files : sourcesByName.values()) {
        for (SourceFile s : files) {
          if (!s.module.equals(module.artifactId)) {
            continue;
          }
          List<String> lines;
          try {
            lines = Files.readAllLines(s.path, StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
          for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().matches("@Benchmark(\\(.*)?")) {
              continue;
            }
            for (int j = i + 1; j < lines.size(); j++) {
              String l = lines.get(j).strip();
              if (l.startsWith("@") || l.isEmpty()) {
                continue;
              }
              Matcher m = Pattern.compile("(\\w+)\\s*\\(").matcher(l);
              if (m.find()) {
                out.add(s.name + "." + m.group(1));
              }
              break;
            }
          }
        }
      }
      return out;
    }
  }
}

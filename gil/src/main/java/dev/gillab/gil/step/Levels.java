package dev.gillab.gil.step;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import dev.gillab.gil.SwitchingPolicy;
import dev.gillab.gil.python.PythonCompiler;
import dev.gillab.refcount.CountStrategy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The built-in levels, each a Python file under {@code dev/gillab/gil/step/levels/} whose leading
 * comment holds its metadata, one {@code # key: value} line each:
 *
 * <pre>
 * # title: Lose an update without a GIL
 * # text: Two threads each add 1 to counter. Make counter end at 1.
 * # policy: none
 * # granularity: SWITCH_POINT
 * # goal: globalEquals counter 1
 * # solvable: yes
 * </pre>
 *
 * and, optionally, {@code # counts: PLAIN} (default {@code ATOMIC}; see {@link
 * Stepper.Builder#counts}). A level that plays another level's program under another policy or goal
 * names that level's file in a {@code # program: 01_lost_update_no_gil.py} line instead of holding
 * a copy, and has no program of its own: its source is its own header, without the {@code program}
 * line, followed by the named file's program (all after that file's header), so it reads and runs
 * as if written out in full.
 *
 * <p>A level's id is its file name without the number and the {@code .py}, dashed. Policies read
 * {@code interval}, {@code ioPriority}, {@code ticks(N)} and {@code none}; goals {@code
 * assertionFails}, {@code raises KIND}, {@code deadlock}, {@code globalEquals NAME REPR}, {@code
 * starves THREAD STEPS}, {@code usesFreed} and {@code leaks}. Read once; immutable.
 */
public final class Levels {
  private static final String DIR = "levels/";

  /** The level files, in play order. */
  private static final List<String> FILES =
      List.of(
          "01_lost_update_no_gil.py",
          "02_lost_update_every_instruction.py",
          "03_gil_keeps_plus_equals_whole.py",
          "04_read_call_write.py",
          "05_check_then_act.py",
          "06_publish_too_early.py",
          "07_opposite_order.py",
          "08_release_on_one_path.py",
          "09_join_holding_the_lock.py",
          "10_dining_philosophers.py",
          "11_greedy_thread.py",
          "12_io_thread_waits.py",
          "13_lock_makes_it_whole.py",
          "14_free_while_in_use.py",
          "15_gil_keeps_counts_whole.py",
          "16_lose_a_release.py",
          "17_gil_keeps_releases_whole.py");

  private static final ImmutableList<Level> ALL = load();

  private Levels() {}

  /**
   * Every built-in level, in play order.
   *
   * @return the levels
   */
  public static List<Level> all() {
    return ALL;
  }

  /**
   * The level with id {@code id}.
   *
   * @param id a level's slug
   * @return the level
   * @throws NoSuchElementException if there is none
   */
  public static Level byId(String id) {
    checkNotNull(id, "id");
    for (Level l : ALL) {
      if (l.id().equals(id)) {
        return l;
      }
    }
    throw new NoSuchElementException("no level '" + id + "'");
  }

  private static ImmutableList<Level> load() {
    ImmutableList.Builder<Level> out = ImmutableList.builder();
    for (String file : FILES) {
      out.add(parse(file, name -> PythonCompiler.resourceText(Levels.class, DIR + name)));
    }
    return out.build();
  }

  /**
   * A level from its file name, reading its text, and the text of the level file its {@code
   * program} line names if it has one, with {@code files}; the header's keys are checked.
   */
  static Level parse(String file, Function<String, String> files) {
    String text = files.apply(file);
    String header = header(text);
    Map<String, String> meta = new HashMap<>();
    StringBuilder withoutProgram = new StringBuilder();
    for (String line : header.lines().toList()) {
      int colon = line.indexOf(':');
      String key = colon > 0 ? line.substring(1, colon).trim() : "";
      if (colon > 0) {
        meta.put(key, line.substring(colon + 1).trim());
      }
      if (!key.equals("program")) {
        withoutProgram.append(line).append('\n');
      }
    }
    String program = meta.get("program");
    String source = text;
    if (program != null) {
      checkArgument(
          text.substring(header.length()).isBlank(),
          "level %s names the program of %s and has a program of its own",
          file,
          program);
      String named = files.apply(program);
      String namedHeader = header(named);
      checkArgument(
          !namedHeader.contains("# program:"),
          "level %s names the program of %s, which names another's",
          file,
          program);
      source = withoutProgram + named.substring(namedHeader.length());
    }
    String id =
        file.substring(file.indexOf('_') + 1, file.length() - ".py".length()).replace('_', '-');
    return new Level(
        id,
        required(meta, file, "title"),
        required(meta, file, "text"),
        file,
        source,
        policy(required(meta, file, "policy")),
        Granularity.valueOf(required(meta, file, "granularity")),
        CountStrategy.valueOf(meta.getOrDefault("counts", "ATOMIC")),
        goal(required(meta, file, "goal")),
        required(meta, file, "solvable").equals("yes"));
  }

  /** The leading comment of {@code text}: its lines up to the first that is not a comment. */
  private static String header(String text) {
    int end = 0;
    while (text.startsWith("#", end)) {
      int newline = text.indexOf('\n', end);
      end = newline < 0 ? text.length() : newline + 1;
    }
    return text.substring(0, end);
  }

  private static String required(Map<String, String> meta, String file, String key) {
    String v = meta.get(key);
    checkArgument(v != null && !v.isEmpty(), "level %s has no '%s' line", file, key);
    return v;
  }

  static SwitchingPolicy policy(String text) {
    if (text.equals("interval")) {
      return SwitchingPolicy.interval();
    }
    if (text.equals("ioPriority")) {
      return SwitchingPolicy.ioPriority();
    }
    if (text.equals("none")) {
      return SwitchingPolicy.none();
    }
    if (text.startsWith("ticks(") && text.endsWith(")")) {
      return SwitchingPolicy.ticks(Integer.parseInt(text.substring(6, text.length() - 1)));
    }
    throw new IllegalArgumentException("unknown policy '" + text + "'");
  }

  static Goal goal(String text) {
    List<String> w = Splitter.on(' ').omitEmptyStrings().splitToList(text);
    return switch (w.get(0)) {
      case "assertionFails" -> Goal.assertionFails();
      case "raises" -> Goal.raises(w.get(1));
      case "deadlock" -> Goal.deadlock();
      case "globalEquals" -> Goal.globalEquals(w.get(1), String.join(" ", w.subList(2, w.size())));
      case "starves" -> Goal.starves(Integer.parseInt(w.get(1)), Integer.parseInt(w.get(2)));
      case "usesFreed" -> Goal.usesFreed();
      case "leaks" -> Goal.leaks();
      default -> throw new IllegalArgumentException("unknown goal '" + text + "'");
    };
  }
}

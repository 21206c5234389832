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
 * Stepper.Builder#counts}).
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
      out.add(parse(file, PythonCompiler.resourceText(Levels.class, DIR + file)));
    }
    return out.build();
  }

  /** A level from its file name and text; the header's keys are checked. */
  static Level parse(String file, String source) {
    Map<String, String> meta = new HashMap<>();
    for (String line : Splitter.on('\n').split(source)) {
      if (!line.startsWith("#")) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        meta.put(line.substring(1, colon).trim(), line.substring(colon + 1).trim());
      }
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

package dev.gillab.workloads.internal;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Lists;
import dev.gillab.gil.Code;
import dev.gillab.gil.Interpreter;
import dev.gillab.gil.InterpreterThread;
import dev.gillab.workloads.Adaptive;
import dev.gillab.workloads.ExperimentFailedException;
import dev.gillab.workloads.Median;
import dev.gillab.workloads.MedianInterval;
import dev.gillab.workloads.ResultRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Warm-up, repeats, medians, and joining interpreter threads with a bound. Stateless. */
public final class Runs {
  /** No run of any experiment may take longer than this; past it, the run failed. */
  public static final Duration LIMIT = Duration.ofMinutes(5);

  private Runs() {}

  /** Runs {@code run} {@code warmups} times untimed, then {@code repeats} times. */
  public static List<Sample> repeat(
      String what, int warmups, int repeats, Consumer<String> progress, Callable<Sample> run) {
    return repeat(what, warmups, repeats, null, progress, run);
  }

  /**
   * Runs {@code run} {@code warmups} times untimed, then {@code repeats} times, then, with {@code
   * adaptive}, again until its median is tight or the cap is reached.
   */
  public static List<Sample> repeat(
      String what,
      int warmups,
      int repeats,
      @Nullable Adaptive adaptive,
      Consumer<String> progress,
      Callable<Sample> run) {
    return interleaved(
            what, warmups, repeats, adaptive, false, progress, Map.of(what, run), k -> "")
        .get(what);
  }

  /**
   * Runs several modes taking turns, round by round: every mode's warm-ups first (so the JIT has
   * seen all of them before anything is timed: a mode timed first, on code compiled for it alone,
   * would be flattered), then the timed rounds, each mode once per round, so that all of them see
   * the same machine load. The timed rounds alternate direction (A B C, C B A, A B C, ...): a mode
   * that leaves the machine busy for a moment after it (worker JVMs compiling or collecting, a core
   * still waking) would otherwise always burden the same next mode, and a machine that drifts
   * within a round would always favour the same end of it. Answers each mode's samples, in the
   * order given; {@code label} names a mode in the progress lines.
   */
  public static <K> Map<K, List<Sample>> interleaved(
      String what,
      int warmups,
      int repeats,
      Consumer<String> progress,
      Map<K, Callable<Sample>> modes,
      Function<K, String> label) {
    return interleaved(what, warmups, repeats, null, false, progress, modes, label);
  }

  /**
   * {@link #interleaved(String, int, int, Consumer, Map, Function)}, then, with {@code adaptive},
   * more rounds until every mode's median is tight or the cap is reached; the progress says how
   * many runs it took and why it stopped. With {@code untilJitSettles}, warm-up goes on past {@code
   * warmups} rounds while a round still compiled {@value Jit#QUIET_MILLIS} ms or more (at most
   * {@value Jit#MAX_EXTRA_ROUNDS} more rounds): for CPU-bound modes, whose times the compiler
   * changes; a mode that mostly sleeps or waits on a socket does not need it.
   */
  public static <K> Map<K, List<Sample>> interleaved(
      String what,
      int warmups,
      int repeats,
      @Nullable Adaptive adaptive,
      boolean untilJitSettles,
      Consumer<String> progress,
      Map<K, Callable<Sample>> modes,
      Function<K, String> label) {
    int most = untilJitSettles ? warmups + Jit.MAX_EXTRA_ROUNDS : warmups;
    for (int i = 0; i < most; i++) {
      long jitBefore = Jit.compileMillis();
      for (Map.Entry<K, Callable<Sample>> m : modes.entrySet()) {
        progress.accept(
            name(what, label.apply(m.getKey()))
                + ": warm-up "
                + (i + 1)
                + (i < warmups ? "/" + warmups : " (the JIT was still compiling)"));
        call(name(what, label.apply(m.getKey())), m.getValue());
      }
      if (untilJitSettles) {
        long compiled = Jit.compileMillis() - jitBefore;
        progress.accept(
            String.format(
                java.util.Locale.ROOT,
                "%s: warm-up %d: the JIT compiled %d ms",
                what,
                i + 1,
                compiled));
        if (i + 1 >= warmups && compiled < Jit.QUIET_MILLIS) {
          break;
        }
      }
    }
    Map<K, List<Sample>> samples = new LinkedHashMap<>();
    modes.keySet().forEach(k -> samples.put(k, new ArrayList<>()));
    List<Map.Entry<K, Callable<Sample>>> forward = List.copyOf(modes.entrySet());
    List<Map.Entry<K, Callable<Sample>>> backward = Lists.reverse(forward);
    long start = System.nanoTime();
    int round = 0;
    while (round < repeats
        || (adaptive != null
            && adaptive.goOn(seconds(samples.values()), round, System.nanoTime() - start))) {
      round++;
      for (Map.Entry<K, Callable<Sample>> m : round % 2 == 1 ? forward : backward) {
        String name = name(what, label.apply(m.getKey()));
        Sample s = call(name, m.getValue());
        progress.accept(
            String.format(
                java.util.Locale.ROOT,
                "%s: run %d%s %.3f s",
                name,
                round,
                round <= repeats ? "/" + repeats : " (adaptive)",
                s.seconds()));
        samples.get(m.getKey()).add(s);
      }
    }
    if (adaptive != null) {
      boolean tight = !adaptive.goOn(seconds(samples.values()), 0, 0);
      progress.accept(
          String.format(
              java.util.Locale.ROOT,
              "%s: adaptive: %d run%s per mode, %s",
              what,
              round,
              round == 1 ? "" : "s",
              tight
                  ? "every median's 95 % interval within 5 %"
                  : round >= Adaptive.MAX_RUNS
                      ? "stopped at " + Adaptive.MAX_RUNS + " runs"
                      : "stopped at the " + adaptive.capLabel() + " cap"));
    }
    Map<K, List<Sample>> out = new LinkedHashMap<>();
    samples.forEach((k, v) -> out.put(k, ImmutableList.copyOf(v)));
    return out;
  }

  private static String name(String what, String label) {
    return label.isEmpty() ? what : what + " " + label;
  }

  private static List<double[]> seconds(Iterable<List<Sample>> samples) {
    List<double[]> out = new ArrayList<>();
    samples.forEach(ss -> out.add(ss.stream().mapToDouble(Sample::seconds).toArray()));
    return out;
  }

  private static Sample call(String what, Callable<Sample> run) {
    try {
      return run.call();
    } catch (ExperimentFailedException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExperimentFailedException(what + ": interrupted", e);
    } catch (Exception e) {
      throw new ExperimentFailedException(what + ": " + describe(e), e);
    }
  }

  /**
   * A table row from samples: median seconds, switches and wait percent, how many runs, and the
   * median's 95 % interval where there are enough runs for one.
   */
  public static ResultRow row(
      String experiment,
      String mode,
      String policy,
      int workers,
      List<Sample> samples,
      double sequentialSeconds) {
    double[] all = samples.stream().mapToDouble(Sample::seconds).toArray();
    double seconds = Median.of(all);
    Optional<MedianInterval.Interval> ci = MedianInterval.of(all);
    @Nullable Long switches =
        samples.stream().anyMatch(s -> s.switches() == null)
            ? null
            : Math.round(Median.of(samples.stream().mapToDouble(Sample::switches).toArray()));
    @Nullable Double wait =
        samples.stream().anyMatch(s -> s.waitPercent() == null)
            ? null
            : Median.of(samples.stream().mapToDouble(Sample::waitPercent).toArray());
    double speedup = seconds > 0 ? sequentialSeconds / seconds : 0;
    return new ResultRow(
        experiment,
        mode,
        policy,
        workers,
        seconds,
        speedup,
        switches,
        wait,
        samples.size(),
        ci.map(MedianInterval.Interval::low).orElse(null),
        ci.map(MedianInterval.Interval::high).orElse(null));
  }

  /** Waits for every thread (bounded) and checks none failed. */
  public static void joinAll(String what, List<InterpreterThread> threads)
      throws InterruptedException {
    joinAll(what, threads, LIMIT);
  }

  /** Waits for every thread at most {@code limit} in all, and checks none failed. */
  public static void joinAll(String what, List<InterpreterThread> threads, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    for (InterpreterThread t : threads) {
      long left = Math.max(1, deadline - System.nanoTime());
      if (!t.join(Duration.ofNanos(left))) {
        StringBuilder others = new StringBuilder();
        for (InterpreterThread o : threads) {
          if (o != t && o.error().isPresent()) {
            others
                .append("; ")
                .append(o.name())
                .append(" failed: ")
                .append(describe(o.error().get()));
          }
        }
        throw new ExperimentFailedException(
            what + ": thread " + t.name() + " did not finish within " + seconds(limit) + others);
      }
    }
    for (InterpreterThread t : threads) {
      if (t.error().isPresent()) {
        throw new ExperimentFailedException(
            what + ": " + t.name() + " failed: " + describe(t.error().get()), t.error().get());
      }
    }
  }

  /** Starts {@code code(arg)} on {@code count} interpreter threads of {@code in}. */
  public static List<InterpreterThread> start(Interpreter in, int count, Code code, long arg) {
    List<InterpreterThread> ts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ts.add(in.start(code, arg));
    }
    return ts;
  }

  /**
   * Runs {@code code(arg)} {@code workers} times one after another on one new thread, with {@code
   * in}'s GIL figures over that time ({@code hasGil} false for a free-threaded policy). Failures
   * name {@code experiment} and the mode, {@code sequential}.
   */
  public static Sample sequential(
      String experiment, Interpreter in, boolean hasGil, int workers, Code code, long arg)
      throws InterruptedException {
    long before = in.gil().switchNumber();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < workers; i++) {
                  in.run(code, arg);
                }
              } catch (RuntimeException e) {
                failure.set(e);
              }
            },
            "sequential");
    long start = System.nanoTime();
    t.start();
    t.join(LIMIT.toMillis());
    double seconds = since(start);
    if (t.isAlive()) {
      throw new ExperimentFailedException(
          experiment + " sequential: did not finish within " + LIMIT);
    }
    if (failure.get() != null) {
      throw new ExperimentFailedException(
          experiment + " sequential: " + describe(failure.get()), failure.get());
    }
    return GilFigures.of(in, before, Thread.currentThread().getId()).sample(seconds, hasGil);
  }

  /** An exception as one line: its message, or its type where it has none. */
  public static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /** {@code 300 s}. */
  public static String seconds(Duration d) {
    return d.toSeconds() + " s";
  }

  /** Seconds since {@code startNanos}. */
  public static double since(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}

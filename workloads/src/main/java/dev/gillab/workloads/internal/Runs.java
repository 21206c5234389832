package dev.gillab.workloads.internal;

import com.google.common.collect.ImmutableList;
import dev.gillab.gil.Code;
import dev.gillab.gil.Interpreter;
import dev.gillab.gil.InterpreterThread;
import dev.gillab.workloads.ExperimentFailedException;
import dev.gillab.workloads.Median;
import dev.gillab.workloads.Mode;
import dev.gillab.workloads.ResultRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
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
    for (int i = 0; i < warmups; i++) {
      progress.accept(what + ": warm-up " + (i + 1) + "/" + warmups);
      call(what, run);
    }
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < repeats; i++) {
      Sample s = call(what, run);
      progress.accept(
          String.format(java.util.Locale.ROOT, "%s: run %d/%d %.3f s", what, i + 1, repeats,
              s.seconds()));
      samples.add(s);
    }
    return ImmutableList.copyOf(samples);
  }

  /**
   * Runs several modes taking turns, round by round: every mode's warm-ups first (so the JIT has
   * seen all of them before anything is timed: a mode timed first, on code compiled for it alone,
   * would be flattered), then the timed rounds, each mode once per round, so that all of them
   * see the same machine load. Answers each mode's samples, in the order given; {@code label}
   * names a mode in the progress lines.
   */
  public static <K> Map<K, List<Sample>> interleaved(
      String what, int warmups, int repeats, Consumer<String> progress,
      Map<K, Callable<Sample>> modes, Function<K, String> label) {
    for (int i = 0; i < warmups; i++) {
      for (Map.Entry<K, Callable<Sample>> m : modes.entrySet()) {
        progress.accept(what + " " + label.apply(m.getKey()) + ": warm-up " + (i + 1) + "/"
            + warmups);
        call(what + " " + label.apply(m.getKey()), m.getValue());
      }
    }
    Map<K, List<Sample>> samples = new LinkedHashMap<>();
    modes.keySet().forEach(k -> samples.put(k, new ArrayList<>()));
    for (int i = 0; i < repeats; i++) {
      for (Map.Entry<K, Callable<Sample>> m : modes.entrySet()) {
        String name = what + " " + label.apply(m.getKey());
        Sample s = call(name, m.getValue());
        progress.accept(String.format(java.util.Locale.ROOT, "%s: run %d/%d %.3f s", name,
            i + 1, repeats, s.seconds()));
        samples.get(m.getKey()).add(s);
      }
    }
    Map<K, List<Sample>> out = new LinkedHashMap<>();
    samples.forEach((k, v) -> out.put(k, ImmutableList.copyOf(v)));
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

  /** A table row from samples: median seconds, switches and wait percent. */
  public static ResultRow row(
      String experiment, String mode, String policy, int workers, List<Sample> samples,
      double sequentialSeconds) {
    double seconds = Median.of(samples.stream().mapToDouble(Sample::seconds).toArray());
    @Nullable Long switches =
        samples.stream().anyMatch(s -> s.switches() == null)
            ? null
            : Math.round(Median.of(samples.stream().mapToDouble(Sample::switches).toArray()));
    @Nullable Double wait =
        samples.stream().anyMatch(s -> s.waitPercent() == null)
            ? null
            : Median.of(samples.stream().mapToDouble(Sample::waitPercent).toArray());
    double speedup = seconds > 0 ? sequentialSeconds / seconds : 0;
    return new ResultRow(experiment, mode, policy, workers, seconds, speedup, switches, wait);
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
            others.append("; ").append(o.name()).append(" failed: ").append(describe(o.error().get()));
          }
        }
        throw new ExperimentFailedException(
            what + ": thread " + t.name() + " did not finish within " + seconds(limit) + others);
      }
    }
    for (InterpreterThread t : threads) {
      if (t.error().isPresent()) {
        throw new ExperimentFailedException(
            what + ": " + t.name() + " failed: " + describe(t.error().get()),
            t.error().get());
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
      throw new ExperimentFailedException(experiment + " sequential: did not finish within " + LIMIT);
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

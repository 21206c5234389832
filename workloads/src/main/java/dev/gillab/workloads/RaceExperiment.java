package dev.gillab.workloads;

import com.google.common.base.Throwables;
import com.google.common.collect.ImmutableList;
import dev.gillab.gil.Interpreter;
import dev.gillab.gil.InterpreterThread;
import dev.gillab.refcount.CountStrategy;
import dev.gillab.refcount.IllegalRefCountException;
import dev.gillab.workloads.internal.Programs;
import dev.gillab.workloads.internal.Runs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reference counts under fire: two threads append to, alias and measure one shared list, and the
 * heap reports what went wrong — uses of freed objects it refused, objects that outlived the
 * interpreter. Under the GIL every count strategy is clean (even {@code PLAIN}: the GIL is what
 * makes plain counts safe). Free-threaded with {@code PLAIN} counts is where the damage shows;
 * it needs the {@code none} policy of the gil module's part 2 and is skipped, with that reason,
 * until then.
 *
 * <p>Not thread-safe to share a run; every call makes its own interpreters.
 */
public final class RaceExperiment {
  public static final String NAME = "race";

  private static final int THREADS = 2;

  private RaceExperiment() {}

  /** What a run produced: a row per policy and count strategy, and what was skipped. */
  public record Outcome(List<RaceRow> rows, List<SkippedRow> skipped) {
    public Outcome {
      rows = ImmutableList.copyOf(rows);
      skipped = ImmutableList.copyOf(skipped);
    }
  }

  public static Outcome run(Settings s) {
    List<RaceRow> rows = new ArrayList<>();
    List<SkippedRow> skipped = new ArrayList<>();
    Optional<String> noFreeThreading = PolicyChoice.freeThreadingUnavailableReason();
    if (noFreeThreading.isPresent()) {
      skipped.add(new SkippedRow(NAME, "threads-nogil-plain", "none", noFreeThreading.get()));
      s.say(NAME + " threads-nogil-plain: skipped, " + noFreeThreading.get());
    } else {
      // Free-threaded with PLAIN counts must be asked for explicitly in gil part 2; it plugs in here.
      skipped.add(
          new SkippedRow(NAME, "threads-nogil-plain", "none",
              "free-threaded PLAIN counts are not wired into workloads yet"));
    }
    for (CountStrategy counts :
        List.of(CountStrategy.PLAIN, CountStrategy.ATOMIC, CountStrategy.BIASED)) {
      s.say(NAME + " threads-gil " + counts + ": " + THREADS + " threads x "
          + s.sizes().raceAppends() + " appends");
      rows.add(hammer(s.policy(), counts, s.sizes().raceAppends()));
    }
    return new Outcome(rows, skipped);
  }

  /** Two threads hammer one list in an interpreter with {@code counts} under {@code policy}. */
  public static RaceRow hammer(PolicyChoice policy, CountStrategy counts, int appends) {
    List<String> leakReports = new ArrayList<>();
    long useAfterFree = 0;
    long length;
    Interpreter in =
        Interpreter.builder()
            .name("race-" + counts.name().toLowerCase(java.util.Locale.ROOT))
            .policy(policy.create())
            .countStrategy(counts)
            .leakSink(leakReports::add)
            .build();
    try {
      in.setGlobal("xs", List.of());
      List<InterpreterThread> ts = Runs.start(in, THREADS, Programs.HAMMER_LIST, appends);
      for (InterpreterThread t : ts) {
        if (!t.join(Runs.LIMIT)) {
          throw new ExperimentFailedException(NAME + ": thread " + t.name() + " did not finish");
        }
      }
      for (InterpreterThread t : ts) {
        Optional<Throwable> e = t.error();
        if (e.isEmpty()) {
          continue;
        }
        if (Throwables.getCausalChain(e.get()).stream()
            .anyMatch(c -> c instanceof IllegalRefCountException)) {
          useAfterFree++;
        } else {
          throw new ExperimentFailedException(
              NAME + " " + counts + ": thread " + t.name() + " failed: " + Runs.describe(e.get()),
              e.get());
        }
      }
      Object xs = in.globals().get("xs");
      length = xs instanceof List ? ((List<?>) xs).size() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExperimentFailedException(NAME + ": interrupted", e);
    } finally {
      in.close();
    }
    long leaks = in.heap().stats().live();
    long expected = (long) THREADS * appends;
    return new RaceRow(
        Mode.THREADS_GIL.label(), policy.label(), counts.name(), THREADS, expected, length,
        useAfterFree, leaks, length == expected && useAfterFree == 0 && leaks == 0);
  }
}

package dev.gillab.workloads;

import com.google.common.base.Throwables;
import dev.gillab.gil.Interpreter;
import dev.gillab.gil.InterpreterThread;
import dev.gillab.refcount.CountStrategy;
import dev.gillab.refcount.IllegalRefCountException;
import dev.gillab.workloads.internal.Programs;
import dev.gillab.workloads.internal.Runs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reference counts under fire: two threads append to, alias and measure one shared list, and the
 * heap reports what went wrong — uses of freed objects it refused, objects that outlived the
 * interpreter. Under the GIL every count strategy is clean (even {@code PLAIN}: the GIL is what
 * makes plain counts safe). Free-threaded ({@code none}) with {@code PLAIN} counts, run on purpose
 * ({@code allowUnsafePlainCounts}), is where the damage shows: the row counts the uses of freed
 * objects the heap refused (including a double free at close) and the objects that leaked.
 * Free-threaded with {@code ATOMIC} or {@code BIASED} counts is clean again: safe counts, and the
 * list's own lock around each append (PEP 703 needs both). That run is bounded: an instruction
 * budget stops a thread that corrupted state sends astray, and every join has a limit.
 *
 * <p>Not thread-safe to share a run; every call makes its own interpreters.
 */
public final class RaceExperiment {
  /** The experiment's name, as the command and the tables give it. */
  public static final String NAME = "race";

  private static final int THREADS = 2;

  /** The mode label of the free-threaded run with {@code PLAIN} counts. */
  public static final String FREE_THREADED_PLAIN = "threads-nogil-plain";

  private static final Duration MEETING_LIMIT = Duration.ofSeconds(30);

  /** Instructions one iteration of the hammer loop takes, with room to spare. */
  private static final long INSTRUCTIONS_PER_APPEND = 32;

  private RaceExperiment() {}

  /**
   * Runs it: a row per policy and count strategy, and what was skipped. The free-threaded rows run
   * under {@code none} with each count strategy ({@code PLAIN} deliberately unsafe); the GIL rows
   * run under the chosen policy, or the default one when that is {@code none}.
   *
   * @param s the sizes ({@link Sizes#raceAppends()}), the policy and where progress goes
   * @return the six rows, free-threaded first; nothing is skipped
   * @throws ExperimentFailedException if a thread does not finish in time, a thread of a safe run
   *     fails with an error the heap did not catch, or the calling thread is interrupted
   */
  public static Outcome<RaceRow> run(Settings s) {
    List<RaceRow> rows = new ArrayList<>();
    int appends = s.sizes().raceAppends();
    PolicyChoice none = PolicyChoice.of("none", s.policy().interval());
    // Free-threaded PLAIN on purpose; ATOMIC and BIASED are clean, as each list also has a lock.
    for (CountStrategy counts :
        List.of(CountStrategy.PLAIN, CountStrategy.ATOMIC, CountStrategy.BIASED)) {
      say(s, none, counts, appends);
      rows.add(hammer(none, counts, appends));
    }
    // The GIL rows need a GIL: under --policy none they use the default policy.
    PolicyChoice gil = s.policy().isFreeThreaded() ? PolicyChoice.defaultPolicy() : s.policy();
    for (CountStrategy counts :
        List.of(CountStrategy.PLAIN, CountStrategy.ATOMIC, CountStrategy.BIASED)) {
      say(s, gil, counts, appends);
      rows.add(hammer(gil, counts, appends));
    }
    return new Outcome<>(rows, List.of());
  }

  /** A row's progress line: its mode and counts as the table shows them, e.g. threads-gil PLAIN. */
  private static void say(Settings s, PolicyChoice policy, CountStrategy counts, int appends) {
    s.say(
        NAME
            + " "
            + mode(policy, counts)
            + " "
            + counts.name()
            + ": "
            + THREADS
            + " threads x "
            + appends
            + " appends");
  }

  /** The row's mode: {@code threads-gil}, or {@code threads-nogil-} and the counts. */
  private static String mode(PolicyChoice policy, CountStrategy counts) {
    return policy.isFreeThreaded()
        ? "threads-nogil-" + counts.name().toLowerCase(java.util.Locale.ROOT)
        : Mode.THREADS_GIL.label();
  }

  /**
   * Two threads hammer one list in an interpreter with {@code counts} under {@code policy}; under
   * {@code none} with {@code PLAIN} counts, deliberately unsafe.
   *
   * @param policy the switching policy; {@code none} runs free-threaded
   * @param counts the heap's count strategy
   * @param appends appends each of the two threads makes
   * @return what the heap caught, and whether the run was clean
   * @throws ExperimentFailedException if a thread does not finish in time, a thread of a safe run
   *     fails with an error the heap did not catch, or the calling thread is interrupted
   */
  // A close that fails for a reason the race does not explain is the error to report.
  @SuppressWarnings("Finally")
  public static RaceRow hammer(PolicyChoice policy, CountStrategy counts, int appends) {
    boolean unsafe = policy.isFreeThreaded() && counts == CountStrategy.PLAIN;
    CyclicBarrier meeting = new CyclicBarrier(THREADS);
    long useAfterFree = 0;
    long damaged = 0;
    long length;
    Interpreter in =
        policy
            .configure(
                Interpreter.builder()
                    .name("race-" + counts.name().toLowerCase(java.util.Locale.ROOT)))
            .countStrategy(counts)
            .allowUnsafePlainCounts(unsafe)
            .instructionBudget(INSTRUCTIONS_PER_APPEND * appends + 1_000)
            // The row counts the leaks from the heap's stats; the reports would only clutter
            // standard error, and an unsafe run's are expected.
            .leakSink(report -> {})
            // Both threads start hammering together (a GIL-releasing wait, bounded).
            .releasingBuiltin("rendezvous", 0, args -> meet(meeting))
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
        if (caughtByHeap(e.get())) {
          useAfterFree++;
        } else if (unsafe) {
          // Damage the heap did not name (a corrupted list, a runaway loop): not clean either.
          damaged++;
        } else {
          throw new ExperimentFailedException(
              NAME + " " + counts + ": thread " + t.name() + " failed: " + Runs.describe(e.get()),
              e.get());
        }
      }
      length = length(in, unsafe);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExperimentFailedException(NAME + ": interrupted", e);
    } finally {
      try {
        in.close();
      } catch (RuntimeException e) {
        if (!unsafe || !caughtByHeap(e)) {
          throw e;
        }
        useAfterFree++; // a double free at close
      }
    }
    // Racing PLAIN counts can free one object twice, each free counted: more frees than
    // allocations is damage to report as use after free, never a negative number of leaks.
    long live = in.heap().stats().live();
    long leaks = Math.max(0, live);
    useAfterFree += Math.max(0, -live);
    long expected = (long) THREADS * appends;
    return new RaceRow(
        mode(policy, counts),
        policy.label(),
        counts.name(),
        THREADS,
        expected,
        length,
        useAfterFree,
        leaks,
        length == expected && useAfterFree == 0 && leaks == 0 && damaged == 0);
  }

  /** The shared list's length; -1 where an unsafe run left it unreadable. */
  private static long length(Interpreter in, boolean unsafe) {
    try {
      Object xs = in.globals().get("xs");
      return xs instanceof List ? ((List<?>) xs).size() : -1;
    } catch (RuntimeException e) {
      if (!unsafe) {
        throw e;
      }
      return -1;
    }
  }

  private static boolean meet(CyclicBarrier meeting) throws InterruptedException {
    try {
      meeting.await(MEETING_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | BrokenBarrierException e) {
      return false;
    }
  }

  private static boolean caughtByHeap(Throwable e) {
    return Throwables.getCausalChain(e).stream()
        .anyMatch(c -> c instanceof IllegalRefCountException);
  }
}

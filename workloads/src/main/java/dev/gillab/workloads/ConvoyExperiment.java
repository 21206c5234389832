package dev.gillab.workloads;

import com.google.common.collect.ImmutableList;
import dev.gillab.gil.Interpreter;
import dev.gillab.gil.InterpreterThread;
import dev.gillab.workloads.internal.BusyCore;
import dev.gillab.workloads.internal.IoHost;
import dev.gillab.workloads.internal.Programs;
import dev.gillab.workloads.internal.Runs;
import dev.gillab.workloads.internal.Sample;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The convoy effect: echo round trips from one interpreter thread, timed alone and beside 1..k
 * CPU-bound threads of the same interpreter (the runs taking turns), for each switching policy:
 * {@code interval}, {@code ticks}, {@code io-priority}, and {@code none} (no GIL: the contrast).
 * Under {@code interval} each round trip gives the GIL away and then waits up to a whole switch
 * interval to get it back, so a round trip of tens of microseconds takes milliseconds; {@code
 * io-priority} hands the GIL to the thread back from IO at the holder's next check.
 *
 * <p>Not thread-safe to share a run; every call makes its own server and interpreters.
 */
public final class ConvoyExperiment {
  public static final String NAME = "convoy";

  /** Instructions of countdown between two {@code keep_going()} checks of a CPU-bound thread. */
  private static final long CHUNK = 100_000;

  private static final String ALONE = "alone";

  private ConvoyExperiment() {}

  /** What a run produced: a row per policy and CPU-thread count, and the policies skipped. */
  public record Outcome(List<ConvoyRow> rows, List<SkippedRow> skipped) {
    public Outcome {
      rows = ImmutableList.copyOf(rows);
      skipped = ImmutableList.copyOf(skipped);
    }
  }

  public static Outcome run(Settings s) {
    List<ConvoyRow> rows = new ArrayList<>();
    List<SkippedRow> skipped = new ArrayList<>();
    try (EchoServer server = EchoServer.start()) {
      for (String name : PolicyChoice.NAMES) {
        PolicyChoice policy =
            name.equals(s.policy().name()) ? s.policy() : PolicyChoice.of(name, s.policy().interval());
        rows.addAll(policyRows(s, policy, server));
      }
    } catch (IOException e) {
      throw new ExperimentFailedException(NAME + ": the echo server did not start: " + e, e);
    }
    return new Outcome(rows, skipped);
  }

  private static List<ConvoyRow> policyRows(Settings s, PolicyChoice policy, EchoServer server) {
    Sizes z = s.sizes();
    String label = policy.label();
    AtomicBoolean keepGoing = new AtomicBoolean();
    Set<String> spinning = ConcurrentHashMap.newKeySet();
    EchoBudget budget = new EchoBudget();
    List<ConvoyRow> rows = new ArrayList<>();
    try (IoHost io = new IoHost(server.port(), 0, 0, false);
        Interpreter in =
            policy
                .configure(io.install(Interpreter.builder().name("convoy")))
                .builtin(
                    "keep_going",
                    0,
                    args -> {
                      spinning.add(Thread.currentThread().getName());
                      return keepGoing.get();
                    })
                .builtin("mark", 0, args -> budget.mark())
                .builtin("more", 0, args -> budget.more())
                .build()) {
      // Alone and beside each count of CPU-bound threads take turns, round by round, so that
      // each row's two figures see the same machine: a loopback round trip alone varies from
      // run to run with how awake the cores are (about 15 us busy, 35-70 us idle, here).
      Map<String, List<Double>> micros = new LinkedHashMap<>();
      Map<String, Callable<Sample>> runs = new LinkedHashMap<>();
      micros.put(ALONE, new ArrayList<>());
      runs.put(ALONE, () -> {
        try (BusyCore busy = BusyCore.startIfSpare()) {
          return roundTrips(in, z.convoyRoundTripsAlone(), null, budget, micros.get(ALONE));
        }
      });
      for (int c = 1; c <= z.convoyCpuThreads(); c++) {
        int cpu = c;
        String key = "beside " + c + " CPU";
        micros.put(key, new ArrayList<>());
        runs.put(key, () -> besideCpu(in, cpu, z, keepGoing, spinning, budget, micros.get(key)));
      }
      Runs.interleaved(NAME + " " + label, z.warmups(), z.repeats(), s.progress(), runs, k -> k);
      double alone = medianOfTimed(micros.get(ALONE), z.repeats());
      for (int c = 1; c <= z.convoyCpuThreads(); c++) {
        double beside = medianOfTimed(micros.get("beside " + c + " CPU"), z.repeats());
        rows.add(ConvoyRow.of(label, c, alone, beside));
      }
    }
    return rows;
  }

  /** The median of the last {@code timed} figures: the runs before them were warm-ups. */
  private static double medianOfTimed(List<Double> micros, int timed) {
    return Median.of(
        micros.subList(micros.size() - timed, micros.size()).stream()
            .mapToDouble(Double::doubleValue)
            .toArray());
  }

  /**
   * Round trips until {@code n} are done or {@code time} has passed (null: no time limit),
   * timed between the program's two {@code mark()}s: the thread's start (which, beside CPU-bound
   * threads, waits for the GIL like any newcomer) and its first connection are not part of a
   * round trip. Adds the microseconds per round trip to {@code micros}.
   */
  private static Sample roundTrips(
      Interpreter in, int n, @Nullable Duration time, EchoBudget budget, List<Double> micros)
      throws InterruptedException {
    budget.reset(n, time);
    InterpreterThread t = in.start(Programs.ECHO_LOOP);
    Runs.joinAll(NAME + " round trips", List.of(t));
    long nanos = budget.markedNanos();
    micros.add(nanos / 1e3 / budget.roundTrips());
    return new Sample(nanos / 1e9, null, null);
  }

  private static Sample besideCpu(
      Interpreter in, int cpu, Sizes z, AtomicBoolean keepGoing, Set<String> spinning,
      EchoBudget budget, List<Double> micros) throws InterruptedException {
    keepGoing.set(true);
    spinning.clear();
    List<InterpreterThread> spinners = new ArrayList<>();
    try {
      for (int i = 0; i < cpu; i++) {
        spinners.add(in.start(Programs.SPIN_UNTIL_STOPPED, CHUNK));
      }
      // Time the round trips only once every CPU-bound thread is running bytecode.
      long deadline = System.nanoTime() + Runs.LIMIT.toNanos();
      while (spinning.size() < cpu) {
        if (System.nanoTime() > deadline || spinners.stream().anyMatch(t -> !t.isAlive())) {
          throw new ExperimentFailedException(NAME + ": the CPU-bound threads did not start");
        }
        TimeUnit.MILLISECONDS.sleep(1);
      }
      return roundTrips(in, z.convoyRoundTripsBeside(), z.convoyBesideFor(), budget, micros);
    } finally {
      keepGoing.set(false);
      Runs.joinAll(NAME + " CPU-bound threads", spinners);
    }
  }

  /**
   * Answers the echo loop's {@code more()} and records its {@code mark()}s. Only the echo thread
   * calls in while a run is on (holding the GIL, or attached under {@code none}); the experiment's
   * thread resets it before the run and reads it after joining that thread, so the join orders
   * every access.
   */
  private static final class EchoBudget {
    private final List<Long> marks = new ArrayList<>();
    private int limit;
    private @Nullable Duration time;
    /** When {@code more()} starts saying no; set at the first mark. */
    private long deadline;
    private int done;

    void reset(int n, @Nullable Duration time) {
      this.limit = n;
      this.time = time;
      this.done = 0;
      marks.clear();
    }

    @Nullable Object mark() {
      long now = System.nanoTime();
      if (marks.isEmpty()) {
        deadline = time == null ? Long.MAX_VALUE : now + time.toNanos();
      }
      marks.add(now);
      return null;
    }

    /** Yes to the first round trip always, so a run has one even if the thread was held up. */
    boolean more() {
      if (done > 0
          && (done >= limit || (time != null && System.nanoTime() - deadline >= 0))) {
        return false;
      }
      done++;
      return true;
    }

    int roundTrips() {
      return done;
    }

    long markedNanos() {
      if (marks.size() != 2 || done == 0) {
        throw new ExperimentFailedException(
            NAME + ": expected 2 marks around at least one round trip, got " + marks.size()
                + " marks and " + done + " round trips");
      }
      return marks.get(1) - marks.get(0);
    }
  }
}

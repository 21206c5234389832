package dev.gillab.workloads;

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
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The convoy effect: echo round trips from one interpreter thread, timed beside 1..k CPU-bound
 * threads of the same interpreter for each switching policy ({@code interval}, {@code ticks},
 * {@code io-priority}, and {@code none}: no GIL, the contrast), and alone: one baseline for every
 * row, all the runs taking turns round by round. Under {@code interval} each round trip gives the
 * GIL away and then waits up to a whole switch interval to get it back, so a round trip of tens of
 * microseconds takes milliseconds; {@code io-priority} hands the GIL to the thread back from IO at
 * the holder's next check.
 *
 * <p>Not thread-safe to share a run; every call makes its own server and interpreters.
 */
public final class ConvoyExperiment {
  /**
   * The experiment's name, as its subcommand has it: the start of its progress lines and failure
   * messages.
   */
  public static final String NAME = "convoy";

  /** Instructions of countdown between two {@code keep_going()} checks of a CPU-bound thread. */
  private static final long CHUNK = 100_000;

  private static final String ALONE = "alone";

  private ConvoyExperiment() {}

  /**
   * Runs it: a row per policy and CPU-thread count (no policy is ever skipped).
   *
   * @param s the sizes and progress sink to run with; the chosen policy is used as it is, and its
   *     switch interval for the other policies
   * @return a row per policy of {@link PolicyChoice#NAMES}, in that order, and per CPU-thread count
   *     from 1 up, all beside the same baseline
   * @throws ExperimentFailedException if the echo server did not start, the CPU-bound threads did
   *     not start, a thread failed or did not end within 5 minutes, or the run was interrupted
   */
  @SuppressWarnings("try") // a BusyCore does its work by being open: the block never reads it
  public static Outcome<ConvoyRow> run(Settings s) {
    Sizes z = s.sizes();
    List<ConvoyRow> rows = new ArrayList<>();
    List<PolicyRig> rigs = new ArrayList<>();
    try (EchoServer server = EchoServer.start()) {
      try {
        for (String name : PolicyChoice.NAMES) {
          rigs.add(
              new PolicyRig(
                  name.equals(s.policy().name())
                      ? s.policy()
                      : PolicyChoice.of(name, s.policy().interval()),
                  server));
        }
        // One baseline for every policy's rows, taking turns with them round by round, so that
        // each row's two figures see the same machine: a loopback round trip alone varies from
        // run to run with how awake the cores are (about 15 us busy, 35-70 us idle, here), and
        // a baseline per policy moved from 20 to 71 us within one run. The baseline runs on the
        // chosen policy's interpreter; alone, every policy takes a free GIL the same way.
        Map<String, List<Double>> micros = new LinkedHashMap<>();
        Map<String, Callable<Sample>> runs = new LinkedHashMap<>();
        PolicyRig chosen =
            rigs.stream()
                .filter(r -> r.policy.name().equals(s.policy().name()))
                .findFirst()
                .orElse(rigs.get(0));
        micros.put(ALONE, new ArrayList<>());
        runs.put(
            ALONE,
            () -> {
              try (BusyCore busy = BusyCore.startIfSpare()) {
                return chosen.roundTrips(z.convoyRoundTripsAlone(), null, micros.get(ALONE));
              }
            });
        for (PolicyRig rig : rigs) {
          for (int c = 1; c <= z.convoyCpuThreads(); c++) {
            int cpu = c;
            String key = key(rig, c);
            micros.put(key, new ArrayList<>());
            runs.put(key, () -> rig.besideCpu(cpu, z, micros.get(key)));
          }
        }
        Runs.interleaved(NAME, z.warmups(), z.convoyRepeats(), s.progress(), runs, k -> k);
        double alone = medianOfTimed(micros.get(ALONE), z.convoyRepeats());
        for (PolicyRig rig : rigs) {
          for (int c = 1; c <= z.convoyCpuThreads(); c++) {
            double beside = medianOfTimed(micros.get(key(rig, c)), z.convoyRepeats());
            rows.add(ConvoyRow.of(rig.policy.label(), c, alone, beside));
          }
        }
      } finally {
        rigs.forEach(PolicyRig::close);
      }
    } catch (IOException e) {
      throw new ExperimentFailedException(NAME + ": the echo server did not start: " + e, e);
    }
    return new Outcome<>(rows, List.of());
  }

  private static String key(PolicyRig rig, int cpuThreads) {
    return rig.policy.label() + " beside " + cpuThreads + " CPU";
  }

  /** The median of the last {@code timed} figures: the runs before them were warm-ups. */
  private static double medianOfTimed(List<Double> micros, int timed) {
    return Median.of(
        micros.subList(micros.size() - timed, micros.size()).stream()
            .mapToDouble(Double::doubleValue)
            .toArray());
  }

  /**
   * One policy's interpreter, with its echo connections and the builtins its programs call: {@code
   * keep_going()} for the CPU-bound threads, {@code mark()} and {@code more()} for the echo loop.
   */
  private static final class PolicyRig implements AutoCloseable {
    final PolicyChoice policy;
    private final IoHost io;
    private final Interpreter in;
    private final AtomicBoolean keepGoing = new AtomicBoolean();
    private final Set<String> spinning = ConcurrentHashMap.newKeySet();
    private final EchoBudget budget = new EchoBudget();

    PolicyRig(PolicyChoice policy, EchoServer server) {
      this.policy = policy;
      this.io = new IoHost(server.port(), 0, 0, false);
      this.in =
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
              .build();
    }

    /**
     * Round trips until {@code n} are done or {@code time} has passed (null: no time limit), timed
     * between the program's two {@code mark()}s: the thread's start (which, beside CPU-bound
     * threads, waits for the GIL like any newcomer) and its first connection are not part of a
     * round trip. Adds the microseconds per round trip to {@code micros}.
     */
    Sample roundTrips(int n, @Nullable Duration time, List<Double> micros)
        throws InterruptedException {
      budget.reset(n, time);
      InterpreterThread t = in.start(Programs.ECHO_LOOP);
      Runs.joinAll(NAME + " round trips", List.of(t));
      long nanos = budget.markedNanos();
      micros.add(nanos / 1e3 / budget.roundTrips());
      return new Sample(nanos / 1e9, null, null);
    }

    Sample besideCpu(int cpu, Sizes z, List<Double> micros) throws InterruptedException {
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
        return roundTrips(z.convoyRoundTripsBeside(), z.convoyBesideFor(), micros);
      } finally {
        keepGoing.set(false);
        Runs.joinAll(NAME + " CPU-bound threads", spinners);
      }
    }

    @Override
    public void close() {
      in.close();
      io.close();
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
      if (done > 0 && (done >= limit || (time != null && System.nanoTime() - deadline >= 0))) {
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
            NAME
                + ": expected 2 marks around at least one round trip, got "
                + marks.size()
                + " marks and "
                + done
                + " round trips");
      }
      return marks.get(1) - marks.get(0);
    }
  }
}

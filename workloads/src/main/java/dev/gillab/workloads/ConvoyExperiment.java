package dev.gillab.workloads;

import com.google.common.collect.ImmutableList;
import dev.gillab.gil.Interpreter;
import dev.gillab.gil.InterpreterThread;
import dev.gillab.workloads.internal.IoHost;
import dev.gillab.workloads.internal.Programs;
import dev.gillab.workloads.internal.Runs;
import dev.gillab.workloads.internal.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The convoy effect: echo round trips from one interpreter thread, timed alone, then beside 1..k
 * CPU-bound threads of the same interpreter, for each switching policy: {@code interval}, {@code
 * ticks}, {@code io-priority}, and {@code none} (no GIL: the contrast). Under {@code interval}
 * each round trip gives the GIL away and then waits up to a whole switch interval to get it back,
 * so a round trip of tens of microseconds takes milliseconds; {@code io-priority} hands the GIL
 * to the thread back from IO at the holder's next check.
 *
 * <p>Not thread-safe to share a run; every call makes its own server and interpreters.
 */
public final class ConvoyExperiment {
  public static final String NAME = "convoy";

  /** Instructions of countdown between two {@code keep_going()} checks of a CPU-bound thread. */
  private static final long CHUNK = 100_000;

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
    List<Long> marks = new CopyOnWriteArrayList<>();
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
                .builtin(
                    "mark",
                    0,
                    args -> {
                      marks.add(System.nanoTime());
                      return null;
                    })
                .build()) {
      double alone =
          medianMicros(
              Runs.repeat(NAME + " " + label + " alone", z.warmups(), z.repeats(), s.progress(),
                  () -> roundTrips(in, z.convoyRoundTripsAlone(), marks)),
              z.convoyRoundTripsAlone());
      for (int c = 1; c <= z.convoyCpuThreads(); c++) {
        int cpu = c;
        double beside =
            medianMicros(
                Runs.repeat(NAME + " " + label + " beside " + c + " CPU", 0, z.repeats(),
                    s.progress(),
                    () -> besideCpu(in, cpu, z.convoyRoundTripsBeside(), keepGoing, spinning, marks)),
                z.convoyRoundTripsBeside());
        rows.add(ConvoyRow.of(label, c, alone, beside));
      }
    }
    return rows;
  }

  /** Microseconds per round trip: the median run's seconds over its {@code n} round trips. */
  private static double medianMicros(List<Sample> samples, int n) {
    return Median.of(samples.stream().mapToDouble(Sample::seconds).toArray()) * 1e6 / n;
  }

  /**
   * Seconds for {@code n} round trips, between the program's two {@code mark()}s: the thread's
   * start (which, beside CPU-bound threads, waits for the GIL like any newcomer) and its first
   * connection are not part of a round trip.
   */
  private static Sample roundTrips(Interpreter in, int n, List<Long> marks)
      throws InterruptedException {
    marks.clear();
    InterpreterThread t = in.start(Programs.ECHO_LOOP, (long) n);
    Runs.joinAll(NAME + " round trips", List.of(t));
    if (marks.size() != 2) {
      throw new ExperimentFailedException(
          NAME + ": expected 2 marks around the round trips, got " + marks.size());
    }
    return new Sample((marks.get(1) - marks.get(0)) / 1e9, null, null);
  }

  private static Sample besideCpu(
      Interpreter in, int cpu, int n, AtomicBoolean keepGoing, Set<String> spinning,
      List<Long> marks) throws InterruptedException {
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
      return roundTrips(in, n, marks);
    } finally {
      keepGoing.set(false);
      Runs.joinAll(NAME + " CPU-bound threads", spinners);
    }
  }
}

package dev.gillab.workloads.report;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.gillab.gil.GilStats;
import dev.gillab.gil.Interpreter;
import dev.gillab.gil.InterpreterThread;
import dev.gillab.refcount.CountStrategy;
import dev.gillab.workloads.ExperimentFailedException;
import dev.gillab.workloads.PolicyChoice;
import dev.gillab.workloads.internal.IoHost;
import dev.gillab.workloads.internal.Programs;
import dev.gillab.workloads.internal.Runs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The short run the timeline draws: 2 CPU-bound threads (countdown(n)) and 1 IO-bound thread
 * ({@code naps(rounds)} of {@code naps.py}: {@code nap()} a few times, a GIL-releasing sleep) in
 * one interpreter with the GIL's event ring on. Threads are named {@code cpu-1}, {@code cpu-2},
 * {@code io-1} in the order they start.
 *
 * @param countdown n of each CPU thread's countdown
 * @param ioRounds naps of the IO thread
 * @param nap how long each nap sleeps
 * @param capacity events the ring keeps (the newest)
 */
public record TracedRun(long countdown, int ioRounds, Duration nap, int capacity) {
  private static final List<String> NAMES = List.of("cpu-1", "cpu-2", "io-1");

  /**
   * Checks the sizes: {@code countdown} not negative, at least 1 nap, a ring of at least 16 events.
   *
   * @param countdown n of each CPU thread's countdown
   * @param ioRounds naps of the IO thread
   * @param nap how long each nap sleeps
   * @param capacity events the ring keeps (the newest)
   * @throws IllegalArgumentException if a size is out of bounds
   * @throws NullPointerException if {@code nap} is null
   */
  public TracedRun {
    checkNotNull(nap, "nap");
    checkArgument(countdown >= 0 && ioRounds >= 1 && capacity >= 16, "bad traced-run sizes");
  }

  /** {@return the report's run: a few switch intervals long under the default 5 ms} */
  public static TracedRun defaults() {
    // ticks(100) records about 200,000 events here: room for all of them, so no lane is cut.
    return new TracedRun(600_000, 6, Duration.ofMillis(3), 400_000);
  }

  /** {@return a tiny run, for tests} */
  public static TracedRun tiny() {
    return new TracedRun(20_000, 2, Duration.ofMillis(1), 50_000);
  }

  /**
   * Runs it under {@code policy}; the events as lanes.
   *
   * @param policy the switching policy, with its switch interval where it has one
   * @return the run's events, as lanes labelled with the policy's label
   * @throws InterruptedException if interrupted while waiting for the threads
   * @throws dev.gillab.workloads.ExperimentFailedException if a thread does not finish in time
   * @throws dev.gillab.gil.InterpreterError if a thread's program raised an error
   */
  public Timeline run(PolicyChoice policy) throws InterruptedException {
    AtomicInteger n = new AtomicInteger();
    try (IoHost io = new IoHost(0, nap.toNanos(), 0, false)) {
      Interpreter.Builder b =
          io.install(Interpreter.builder())
              .name("timeline")
              .policy(policy.create())
              .traceEvents(capacity)
              .threadFactory(
                  r -> {
                    int i = n.getAndIncrement();
                    Thread t =
                        new Thread(
                            null,
                            r,
                            i < NAMES.size() ? NAMES.get(i) : "thread-" + (i + 1),
                            16L << 20);
                    t.setDaemon(true);
                    return t;
                  });
      if (policy.isFreeThreaded()) {
        b.countStrategy(CountStrategy.ATOMIC);
      }
      try (Interpreter in = b.build()) {
        List<InterpreterThread> ts = new ArrayList<>();
        ts.add(in.start(Programs.COUNTDOWN, countdown));
        ts.add(in.start(Programs.COUNTDOWN, countdown));
        ts.add(in.start(Programs.NAPS, (long) ioRounds));
        for (InterpreterThread t : ts) {
          if (!t.join(Runs.LIMIT)) {
            throw new ExperimentFailedException(
                "timeline: " + t.name() + " did not finish within " + Runs.LIMIT);
          }
          t.result(); // a failure in the program fails the run
        }
        GilStats stats = in.gilStats();
        return Timeline.of(policy.label(), in.gilEvents(), stats);
      }
    }
  }
}

package dev.gillab.workloads.internal;

import dev.gillab.gil.Code;
import dev.gillab.gil.Interpreter;
import dev.gillab.gil.InterpreterThread;
import dev.gillab.process.TaskModule;
import dev.gillab.process.TaskRegistry;
import dev.gillab.workloads.EchoClient;
import dev.gillab.workloads.PolicyChoice;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * The tasks a pool worker runs for the {@code processes} mode: each makes its own interpreter (and
 * so its own GIL) in the worker's JVM, runs one program on one interpreter thread, and answers a
 * {@link TaskReport}. Registered by name; the parent only ever sends names and {@link Params}.
 * Stateless.
 */
public final class WorkerTasks implements TaskModule {
  /** countdown(n); payload {@code n, policy, interval, rendezvousPort}. */
  public static final String COUNTDOWN = "workloads.countdown";

  /**
   * io_rounds(rounds); payload {@code rounds, napNanos, echoDelayMicros, echoPort, policy,
   * interval}.
   */
  public static final String IO = "workloads.io";

  private static final Duration JOIN_LIMIT = Duration.ofMinutes(10);

  public WorkerTasks() {}

  @Override
  public void register(TaskRegistry.Builder tasks) {
    tasks.add(COUNTDOWN, WorkerTasks::countdown);
    tasks.add(IO, WorkerTasks::io);
  }

  private static byte[] countdown(byte[] payload) throws Exception {
    Params p = Params.decode(payload);
    long start = TaskReport.nowMicros();
    long jitBefore = Jit.ownMillis();
    GilFigures gil;
    try (Interpreter in = interpreter(p, Interpreter.builder().name("countdown"))) {
      long before = in.gil().switchNumber();
      runOne(in, Programs.COUNTDOWN, p.getLong("n"));
      gil = GilFigures.of(in, before, Thread.currentThread().getId());
    }
    int port = (int) p.getLong("rendezvousPort");
    if (port > 0) {
      // Meet the other workers: the parent's server answers once every task is here.
      try (EchoClient c = EchoClient.connect(port)) {
        c.roundTrip(0);
      }
    }
    return report(start, gil, Jit.ownMillis() - jitBefore);
  }

  private static byte[] io(byte[] payload) throws Exception {
    Params p = Params.decode(payload);
    long start = TaskReport.nowMicros();
    long jitBefore = Jit.ownMillis();
    GilFigures gil;
    try (IoHost host =
            new IoHost(
                (int) p.getLong("echoPort"),
                p.getLong("napNanos"),
                p.getLong("echoDelayMicros"),
                false);
        Interpreter in = interpreter(p, host.install(Interpreter.builder().name("io")))) {
      long before = in.gil().switchNumber();
      runOne(in, Programs.IO_ROUNDS, p.getLong("rounds"));
      gil = GilFigures.of(in, before, Thread.currentThread().getId());
    }
    return report(start, gil, Jit.ownMillis() - jitBefore);
  }

  private static Interpreter interpreter(Params p, Interpreter.Builder b) {
    PolicyChoice policy = PolicyChoice.of(p.get("policy"), Duration.ofNanos(p.getLong("interval")));
    return policy.configure(b).threadFactory(Executors.defaultThreadFactory()).build();
  }

  private static void runOne(Interpreter in, Code code, long arg) throws InterruptedException {
    InterpreterThread t = in.start(code, arg);
    if (!t.join(JOIN_LIMIT)) {
      throw new IllegalStateException("the interpreter thread did not finish in " + JOIN_LIMIT);
    }
    t.result();
  }

  private static byte[] report(long start, GilFigures gil, long jitMillis) {
    return new TaskReport(
            ProcessHandle.current().pid(),
            start,
            TaskReport.nowMicros(),
            gil.switches(),
            gil.heldNanos(),
            gil.waitingNanos(),
            gil.instructions(),
            jitMillis)
        .encode();
  }
}

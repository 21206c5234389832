package dev.gillab.workloads;

import dev.gillab.gil.Interpreter;
import dev.gillab.gil.InterpreterThread;
import dev.gillab.process.ProcessPool;
import dev.gillab.refcount.CountStrategy;
import dev.gillab.workloads.internal.GilFigures;
import dev.gillab.workloads.internal.Jit;
import dev.gillab.workloads.internal.MachineMeter;
import dev.gillab.workloads.internal.Params;
import dev.gillab.workloads.internal.Programs;
import dev.gillab.workloads.internal.Runs;
import dev.gillab.workloads.internal.Sample;
import dev.gillab.workloads.internal.TaskReport;
import dev.gillab.workloads.internal.WorkerTasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The CPU-bound experiment: W workers each run countdown(n) in bytecode, in every mode — one after
 * another ({@code sequential}), as threads of one interpreter under its GIL ({@code threads-gil}),
 * free-threaded ({@code threads-nogil-atomic}, {@code threads-nogil-biased}), as pool worker
 * processes each with its own interpreter ({@code processes}), and as interpreters side by side in
 * one JVM ({@code subinterpreters}). Each mode warms up, repeats, and reports its median; speed-ups
 * are over {@code sequential}.
 *
 * <p>Not thread-safe to share a run; every call makes its own interpreters and pool.
 */
public final class CpuExperiment {
  /**
   * The experiment's name, as its subcommand has it: the {@code experiment} of its rows, and the
   * start of its progress lines and failure messages.
   */
  public static final String NAME = "cpu";

  private static final Duration POOL_READY = Duration.ofSeconds(60);

  private CpuExperiment() {}

  /**
   * Runs every mode: the table rows and the worker tasks of the last timed {@code processes} run.
   *
   * @param s the sizes, policy, progress sink and adaptive mode to run with
   * @return a row per mode, in the order above, with speed-ups over {@code sequential}; no mode is
   *     skipped
   * @throws ExperimentFailedException if a mode cannot finish: a program raised an error, a thread
   *     or worker task did not end within 5 minutes, a worker JVM crashed or was not ready within
   *     60 s, or the run was interrupted
   */
  public static Outcome<ResultRow> run(Settings s) {
    return run(s, 0);
  }

  /**
   * Runs every mode. With {@code rendezvousPort} above 0, each worker task of {@code processes}
   * ends with one round trip to the echo server on that port (a test's {@link
   * EchoServer#holdingReplies} server, so the tasks provably run at once).
   *
   * @param s the sizes, policy, progress sink and adaptive mode to run with
   * @param rendezvousPort the port of the echo server every {@code processes} task meets at, or 0
   *     for none
   * @return a row per mode and the worker tasks of the last timed {@code processes} run; no mode is
   *     skipped
   * @throws ExperimentFailedException if a mode cannot finish: a program raised an error, a thread
   *     or worker task did not end within 5 minutes, a worker JVM crashed or was not ready within
   *     60 s, or the run was interrupted
   */
  public static Outcome<ResultRow> run(Settings s, int rendezvousPort) {
    Sizes z = s.sizes();
    int w = z.cpuWorkers();
    String policy = s.policy().label();
    List<ResultRow> rows = new ArrayList<>();

    PolicyChoice none = PolicyChoice.of("none", s.policy().interval());
    List<TaskReport> tasks = new ArrayList<>();
    withWorkers(
        NAME,
        s,
        w,
        pool -> {
          AtomicReference<List<TaskReport>> last = new AtomicReference<>(List.of());
          Map<Mode, Callable<Sample>> modes = new LinkedHashMap<>();
          modes.put(Mode.SEQUENTIAL, () -> sequential(s));
          modes.put(Mode.THREADS_GIL, () -> threads(s.policy(), null, w, z.countdown()));
          modes.put(
              Mode.THREADS_NOGIL_ATOMIC,
              () -> threads(none, CountStrategy.ATOMIC, w, z.countdown()));
          modes.put(
              Mode.THREADS_NOGIL_BIASED,
              () -> threads(none, CountStrategy.BIASED, w, z.countdown()));
          modes.put(
              Mode.PROCESSES,
              () -> processes(pool, s.policy(), w, z.countdown(), rendezvousPort, last));
          modes.put(Mode.SUBINTERPRETERS, () -> subinterpreters(s.policy(), w, z.countdown()));

          Map<Mode, List<Sample>> samples =
              Runs.interleaved(
                  NAME,
                  z.warmups(),
                  z.cpuRepeats(),
                  s.adaptive(),
                  true,
                  s.progress(),
                  modes,
                  Mode::label);
          double base =
              Runs.row(NAME, "", policy, w, samples.get(Mode.SEQUENTIAL), 1).medianSeconds();
          samples.forEach(
              (m, ss) ->
                  rows.add(
                      Runs.row(
                          NAME,
                          m.label(),
                          m == Mode.THREADS_NOGIL_ATOMIC || m == Mode.THREADS_NOGIL_BIASED
                              ? none.label()
                              : policy,
                          w,
                          ss,
                          base)));
          tasks.addAll(last.get());
        });
    // No cpu mode needs more of the JVM than the lab requires (io's virtual threads do): none is
    // skipped.
    return new Outcome<>(rows, List.of(), tasks);
  }

  /**
   * Starts {@code w} worker JVMs for {@code experiment}'s {@code processes} mode, runs {@code body}
   * on the pool once every worker is ready, notes the workers' CPU time while they still live, and
   * closes the pool.
   */
  static void withWorkers(String experiment, Settings s, int w, Consumer<ProcessPool> body) {
    s.say(experiment + " processes: starting " + w + " worker JVMs");
    try (ProcessPool pool =
        ProcessPool.builder().workers(w).taskModule(WorkerTasks.class).build()) {
      if (!pool.awaitReady(POOL_READY)) {
        throw new ExperimentFailedException(
            experiment + " processes: the worker JVMs were not ready within " + POOL_READY);
      }
      body.accept(pool);
      // The worker JVMs' CPU time can be read only while they live.
      MachineMeter.noteChildren();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExperimentFailedException(experiment + " processes: interrupted", e);
    }
  }

  /** The W countdowns one after another on one thread of one interpreter. */
  static Sample sequential(Settings s) throws Exception {
    Sizes z = s.sizes();
    try (Interpreter in = gilInterpreter(s.policy(), null)) {
      return Runs.sequential(
          NAME,
          in,
          !s.policy().isFreeThreaded(),
          z.cpuWorkers(),
          Programs.COUNTDOWN,
          z.countdown());
    }
  }

  /**
   * W interpreter threads of one interpreter, each running countdown(n); {@code counts} null for
   * the policy's own ({@link PolicyChoice#configure}).
   */
  static Sample threads(PolicyChoice policy, @Nullable CountStrategy counts, int w, long n)
      throws Exception {
    try (Interpreter in = gilInterpreter(policy, counts)) {
      long before = in.gil().switchNumber();
      long start = System.nanoTime();
      List<InterpreterThread> ts = Runs.start(in, w, Programs.COUNTDOWN, n);
      Runs.joinAll(NAME + " threads", ts);
      double seconds = Runs.since(start);
      return GilFigures.of(in, before, Thread.currentThread().getId())
          .sample(seconds, !policy.isFreeThreaded());
    }
  }

  /** W interpreters in this JVM, each with its own GIL and one thread running countdown(n). */
  static Sample subinterpreters(PolicyChoice policy, int w, long n) throws Exception {
    List<Interpreter> ins = new ArrayList<>();
    try {
      for (int i = 0; i < w; i++) {
        ins.add(policy.configure(Interpreter.builder().name("sub-" + (i + 1))).build());
      }
      long[] before = ins.stream().mapToLong(in -> in.gil().switchNumber()).toArray();
      long start = System.nanoTime();
      List<InterpreterThread> ts = new ArrayList<>();
      for (Interpreter in : ins) {
        ts.add(in.start(Programs.COUNTDOWN, n));
      }
      Runs.joinAll(NAME + " subinterpreters", ts);
      double seconds = Runs.since(start);
      GilFigures gil = GilFigures.ZERO;
      for (int i = 0; i < w; i++) {
        gil = gil.plus(GilFigures.of(ins.get(i), before[i], Thread.currentThread().getId()));
      }
      return gil.sample(seconds, !policy.isFreeThreaded());
    } finally {
      ins.forEach(Interpreter::close);
    }
  }

  /** W tasks on the pool's W worker JVMs, each running countdown(n) in its own interpreter. */
  static Sample processes(
      ProcessPool pool,
      PolicyChoice policy,
      int w,
      long n,
      int rendezvousPort,
      AtomicReference<List<TaskReport>> reports)
      throws Exception {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("n", n);
    p.put("policy", policy.spec());
    p.put("interval", policy.interval().toNanos());
    p.put("rendezvousPort", rendezvousPort);
    byte[] payload = Params.of(p).encode();
    return runTasks(pool, WorkerTasks.COUNTDOWN, payload, w, policy, reports);
  }

  /**
   * Submits {@code task} with {@code payload} {@code w} times to {@code pool}, waits for every
   * report (each within {@link Runs#LIMIT}), keeps them in {@code reports}, and sums them up over
   * the time from the first submission to the last report.
   */
  static Sample runTasks(
      ProcessPool pool,
      String task,
      byte[] payload,
      int w,
      PolicyChoice policy,
      AtomicReference<List<TaskReport>> reports)
      throws Exception {
    long start = System.nanoTime();
    List<CompletableFuture<byte[]>> fs = new ArrayList<>();
    for (int i = 0; i < w; i++) {
      fs.add(pool.submit(task, payload));
    }
    List<TaskReport> rs = new ArrayList<>();
    for (CompletableFuture<byte[]> f : fs) {
      rs.add(TaskReport.decode(f.get(Runs.LIMIT.toSeconds(), TimeUnit.SECONDS)));
    }
    double seconds = Runs.since(start);
    reports.set(rs);
    return aggregate(seconds, rs, policy);
  }

  /** A sample from worker reports: their GIL figures added up across processes. */
  static Sample aggregate(double seconds, List<TaskReport> rs, PolicyChoice policy) {
    GilFigures gil = GilFigures.ZERO;
    for (TaskReport r : rs) {
      gil = gil.plus(r.gil());
      Jit.noteWorker(r.jitMillis());
    }
    return gil.sample(seconds, !policy.isFreeThreaded());
  }

  /** An interpreter under {@code policy}, with {@code counts} unless null. */
  static Interpreter gilInterpreter(PolicyChoice policy, @Nullable CountStrategy counts) {
    AtomicInteger n = new AtomicInteger();
    Interpreter.Builder b =
        policy
            .configure(Interpreter.builder().name("cpu"))
            .threadFactory(
                r -> {
                  Thread t = new Thread(r, "cpu-thread-" + n.incrementAndGet());
                  t.setDaemon(true);
                  return t;
                });
    if (counts != null) {
      b.countStrategy(counts);
    }
    return b.build();
  }

  /**
   * What the probe saw: how many threads were ever inside the eval loop at once, how many different
   * threads were inside, and the GIL switches.
   *
   * @param maxInside the most threads inside the probe at once: 1 under a GIL
   * @param threadsSeen the different threads that were inside it
   * @param switches the GIL switches during the run
   */
  public record Probe(int maxInside, int threadsSeen, long switches) {}

  /**
   * Runs {@code workers} threads of one interpreter under {@code policy}, each calling a
   * GIL-holding probe builtin in a loop until every thread has been inside it; the probe counts the
   * threads inside at once. Under a GIL the answer is one, whatever the schedule.
   *
   * @param policy the policy to run under; {@code none} lets threads in together
   * @param workers how many threads to start
   * @return what the probe saw
   * @throws InterruptedException if interrupted while waiting for the threads
   * @throws ExperimentFailedException if a thread failed or did not end within 5 minutes
   */
  public static Probe probeEvalLoop(PolicyChoice policy, int workers) throws InterruptedException {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    try (Interpreter in =
        policy
            .configure(Interpreter.builder().name("probe"))
            .builtin(
                "probe",
                0,
                args -> {
                  max.accumulateAndGet(inside.incrementAndGet(), Math::max);
                  for (int i = 0; i < 100; i++) {
                    Thread.onSpinWait();
                  }
                  seen.add(Thread.currentThread().getName());
                  inside.decrementAndGet();
                  return seen.size() >= workers;
                })
            .build()) {
      long before = in.gil().switchNumber();
      List<InterpreterThread> ts = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        ts.add(in.start(Programs.PROBE_LOOP));
      }
      Runs.joinAll("probe", ts);
      return new Probe(max.get(), seen.size(), in.gil().switchNumber() - before);
    }
  }
}

package dev.gillab.workloads;

import dev.gillab.gil.Interpreter;
import dev.gillab.gil.InterpreterThread;
import dev.gillab.process.ProcessPool;
import dev.gillab.workloads.internal.GilFigures;
import dev.gillab.workloads.internal.IoHost;
import dev.gillab.workloads.internal.Params;
import dev.gillab.workloads.internal.Programs;
import dev.gillab.workloads.internal.Runs;
import dev.gillab.workloads.internal.Sample;
import dev.gillab.workloads.internal.TaskReport;
import dev.gillab.workloads.internal.VirtualThreads;
import dev.gillab.workloads.internal.WorkerTasks;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The IO-bound experiment: W workers each do rounds of blocking IO — a sleep, then a round trip to
 * an in-process loopback {@link EchoServer} that waits before it replies — all through
 * GIL-releasing host functions. Modes: {@code sequential}, {@code threads-gil}, {@code processes},
 * and {@code virtual-threads} where the running JDK has them. Under the GIL the threads' waits
 * overlap, so the speed-up approaches W.
 *
 * <p>Not thread-safe to share a run; every call makes its own server, interpreters and pool.
 */
public final class IoExperiment {
  /**
   * The experiment's name, as its subcommand has it: the {@code experiment} of its rows, and the
   * start of its progress lines and failure messages.
   */
  public static final String NAME = "io";

  private IoExperiment() {}

  /**
   * Runs every mode against a fresh echo server: rows, skipped modes, and the last {@code
   * processes} tasks.
   *
   * @param s the sizes, policy, progress sink and adaptive mode to run with
   * @return a row per mode run, with speed-ups over {@code sequential}; {@code virtual-threads}
   *     skipped, with the reason, on a JDK without virtual threads
   * @throws ExperimentFailedException if the echo server did not start or a mode cannot finish: a
   *     program raised an error, a thread or worker task did not end within 5 minutes, a worker JVM
   *     crashed or was not ready within 60 s, or the run was interrupted
   */
  public static Outcome<ResultRow> run(Settings s) {
    try (EchoServer server = EchoServer.start()) {
      return run(s, server);
    } catch (IOException e) {
      throw new ExperimentFailedException(NAME + ": the echo server did not start: " + e, e);
    }
  }

  static Outcome<ResultRow> run(Settings s, EchoServer server) {
    Sizes z = s.sizes();
    int w = z.ioWorkers();
    String policy = s.policy().label();
    List<ResultRow> rows = new ArrayList<>();
    List<SkippedRow> skipped = new ArrayList<>();

    List<Sample> seq = repeat(s, Mode.SEQUENTIAL, () -> sequential(s, server));
    double base = Runs.row(NAME, "", policy, w, seq, 1).medianSeconds();
    rows.add(Runs.row(NAME, Mode.SEQUENTIAL.label(), policy, w, seq, base));
    rows.add(
        Runs.row(
            NAME,
            Mode.THREADS_GIL.label(),
            policy,
            w,
            repeat(s, Mode.THREADS_GIL, () -> threads(s, server, false, null).sample()),
            base));

    List<TaskReport> tasks = new ArrayList<>();
    CpuExperiment.withWorkers(
        NAME,
        s,
        w,
        pool -> {
          AtomicReference<List<TaskReport>> last = new AtomicReference<>(List.of());
          List<Sample> ps = repeat(s, Mode.PROCESSES, () -> processes(pool, s, server, last));
          tasks.addAll(last.get());
          rows.add(Runs.row(NAME, Mode.PROCESSES.label(), policy, w, ps, base));
        });

    Optional<String> noVirtual = VirtualThreads.unavailableReason();
    if (noVirtual.isPresent()) {
      skipped.add(new SkippedRow(NAME, Mode.VIRTUAL_THREADS.label(), policy, noVirtual.get()));
      s.say(NAME + " virtual-threads: skipped, " + noVirtual.get());
    } else {
      ThreadFactory virtual = VirtualThreads.factory("io-virtual-").orElseThrow();
      rows.add(
          Runs.row(
              NAME,
              Mode.VIRTUAL_THREADS.label(),
              policy,
              w,
              repeat(s, Mode.VIRTUAL_THREADS, () -> threads(s, server, false, virtual).sample()),
              base));
    }
    return new Outcome<>(rows, skipped, tasks);
  }

  private static List<Sample> repeat(
      Settings s, Mode m, java.util.concurrent.Callable<Sample> run) {
    return Runs.repeat(
        NAME + " " + m.label(),
        s.sizes().warmups(),
        s.sizes().repeats(),
        s.adaptive(),
        s.progress(),
        run);
  }

  private static IoHost host(Sizes z, EchoServer server, boolean recordWaits) {
    return new IoHost(
        server.port(),
        z.ioDelay().toNanos(),
        TimeUnit.NANOSECONDS.toMicros(z.ioDelay().toNanos()),
        recordWaits);
  }

  /** Every worker's rounds one after another on one thread. */
  static Sample sequential(Settings s, EchoServer server) throws Exception {
    Sizes z = s.sizes();
    try (IoHost io = host(z, server, false);
        Interpreter in =
            s.policy().configure(io.install(Interpreter.builder().name("io"))).build()) {
      return Runs.sequential(
          NAME, in, !s.policy().isFreeThreaded(), z.ioWorkers(), Programs.IO_ROUNDS, z.ioRounds());
    }
  }

  /**
   * A threads run's sample and, if asked for, every wait its threads made.
   *
   * @param sample the run's time and GIL figures
   * @param waits every sleep and round trip the threads made, with when each started and ended;
   *     empty unless recorded
   */
  public record ThreadsRun(Sample sample, List<IoHost.Wait> waits) {}

  /**
   * W interpreter threads of one interpreter doing their rounds against {@code server}; platform
   * threads, or those of {@code factory} (virtual threads) when it is given.
   *
   * @param s the sizes (workers, rounds, delay) and policy to run with
   * @param server the echo server the round trips go to
   * @param recordWaits whether to record every wait in {@link ThreadsRun#waits()}
   * @param factory makes the interpreter's threads, or null for daemon platform threads
   * @return the run's sample and waits
   * @throws ExperimentFailedException if a thread failed (a round trip's IO error included) or did
   *     not end within 5 minutes
   * @throws InterruptedException if interrupted while waiting for the threads
   */
  public static ThreadsRun threads(
      Settings s, EchoServer server, boolean recordWaits, @Nullable ThreadFactory factory)
      throws InterruptedException {
    Sizes z = s.sizes();
    AtomicInteger n = new AtomicInteger();
    ThreadFactory base =
        factory != null
            ? factory
            : r -> {
              Thread t = new Thread(r, "io-thread-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            };
    try (IoHost io = host(z, server, recordWaits);
        Interpreter in =
            s.policy()
                .configure(io.install(Interpreter.builder().name("io")))
                .threadFactory(base)
                .build()) {
      long before = in.gil().switchNumber();
      long start = System.nanoTime();
      List<InterpreterThread> ts = Runs.start(in, z.ioWorkers(), Programs.IO_ROUNDS, z.ioRounds());
      Runs.joinAll(NAME + " threads", ts);
      double seconds = Runs.since(start);
      return new ThreadsRun(
          GilFigures.of(in, before, Thread.currentThread().getId())
              .sample(seconds, !s.policy().isFreeThreaded()),
          io.waits());
    }
  }

  /** W tasks on the pool's W worker JVMs, each doing its rounds in its own interpreter. */
  static Sample processes(
      ProcessPool pool, Settings s, EchoServer server, AtomicReference<List<TaskReport>> reports)
      throws Exception {
    Sizes z = s.sizes();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("rounds", z.ioRounds());
    p.put("napNanos", z.ioDelay().toNanos());
    p.put("echoDelayMicros", TimeUnit.NANOSECONDS.toMicros(z.ioDelay().toNanos()));
    p.put("echoPort", server.port());
    p.put("policy", s.policy().spec());
    p.put("interval", s.policy().interval().toNanos());
    byte[] payload = Params.of(p).encode();
    return CpuExperiment.runTasks(
        pool, WorkerTasks.IO, payload, z.ioWorkers(), s.policy(), reports);
  }
}

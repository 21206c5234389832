package dev.gillab.workloads;

import dev.gillab.workloads.internal.Cpython;
import dev.gillab.workloads.internal.MachineMeter;
import dev.gillab.workloads.internal.Runs;
import dev.gillab.workloads.internal.Sample;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gil-lab compare}: the shapes the model claims, measured on the model and on the machine's
 * CPython, with the same sizes and against the same echo server, printed in adjacent columns: two
 * CPU-bound threads against one after another, two processes, sixteen threads sleeping and echoing,
 * and the convoy beside one and two CPU-bound threads, all under {@code interval}; and, on
 * gil-lab's side only, two CPU-bound threads under {@code ticks(100)}: the old GIL's multicore
 * shape (Beazley, 2010), which CPython 3 no longer has. Without a Python 3 the CPython column says
 * why it is empty.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "The published shapes side by side: gil-lab's figures and the same experiments"
            + " on the machine's CPython (python3).")
final class CompareCommand extends Subcommand {
  private static final String TICKS = "ticks";

  @Option(
      names = "--python",
      paramLabel = "PATH",
      description = "The CPython to compare with (default: python3 on the PATH).")
  String python = "python3";

  @Option(names = "--quick", description = "Tiny sizes and one timed run: a smoke test.")
  boolean quick;

  @Option(names = "--repeats", paramLabel = "N", description = "Timed runs per mode (default 3).")
  @Nullable Integer repeats;

  @Override
  public Integer call() throws IOException, InterruptedException {
    refuseTheTopOptions();
    PrintStream out = parent.out;
    PrintStream err = parent.err;
    Sizes z = quick ? Sizes.quick() : Sizes.defaults();
    if (repeats != null) {
      if (repeats < 1 || repeats > 100) {
        throw usageError("--repeats must be 1 to 100, was " + repeats);
      }
      z = z.withRepeats(repeats);
    }
    PolicyChoice interval = PolicyChoice.defaultPolicy();
    Settings s = new Settings(z, interval, line -> err.println("  " + line));
    String missing = Cpython.unavailableReason(python);

    MachineSample before = MachineMeter.sample();
    List<ResultRow> cpu = CpuExperiment.run(s).rows();
    double ticks = ticksSpeedup(s.withPolicy(PolicyChoice.of(TICKS, interval.interval())));
    List<Row> rows = new ArrayList<>();
    List<ConvoyRow> convoy;
    Cpython.@Nullable Figures cp = null;
    try (EchoServer server = EchoServer.start()) {
      double io = ioSpeedup(s, server);
      convoy = ConvoyExperiment.run(s).rows();
      MachineSample after = MachineMeter.sample();
      MachineRow machine =
          Trust.judge(
                  Runtime.getRuntime().availableProcessors(),
                  before,
                  List.of(new Trust.Span("compare", before, after)))
              .get(0);
      if (missing.isEmpty()) {
        err.println("  cpython: " + python);
        cp = Cpython.run(python, z, server.port(), interval.interval(), line -> err.println(line));
      }
      String n = String.format(Locale.ROOT, "countdown(%,d)", z.countdown());
      int w = z.cpuWorkers();
      rows.add(
          Row.speedup(
              n + " on " + w + " threads vs one after another",
              speedup(cpu, Mode.THREADS_GIL),
              cp == null ? null : ratio(cp.cpu(), "sequential", "threads-gil")));
      rows.add(
          Row.speedup(
              n + " on " + w + " processes vs one after another",
              speedup(cpu, Mode.PROCESSES),
              cp == null ? null : ratio(cp.cpu(), "sequential", "processes")));
      rows.add(
          Row.speedup(
              z.ioWorkers() + " threads sleeping and echoing vs one after another",
              io,
              cp == null ? null : ratio(cp.io(), "sequential", "threads-gil")));
      for (ConvoyRow r : convoy) {
        if (r.policy().equals(interval.label())) {
          rows.add(
              Row.slowdown(
                  "echo round trip beside "
                      + r.cpuThreads()
                      + " CPU-bound thread"
                      + (r.cpuThreads() == 1 ? "" : "s")
                      + " vs alone",
                  r.slowdown(),
                  cp == null ? null : ratio(cp.convoy(), "beside " + r.cpuThreads(), "alone")));
        }
      }
      rows.add(
          Row.speedup(
              n + " on " + w + " threads under ticks(100) vs one after another", ticks, null));
      out.println(
          "compare — gil-lab under "
              + interval.label()
              + " beside "
              + (cp == null
                  ? "no CPython (" + missing + ")"
                  : "CPython " + cp.version() + " (" + python + ")")
              + ", same sizes, same echo server; median of "
              + z.repeats()
              + (z.repeats() == 1 ? " run" : " runs")
              + " after warm-up"
              + " (gil-lab: until the JIT settled)");
      out.print(render(rows));
      out.println(
          "ticks(100) is Python 2's GIL: on more than one core two CPU-bound threads ran"
              + " slower than one after another (Beazley, 2010); CPython 3 has no ticks.");
      out.println(machine.line());
      if (machine.busy() != null) {
        out.println("figures from a busy machine: " + machine.busy() + "; read them as such");
      }
    }
    return 0;
  }

  /** One line of the comparison: what, gil-lab's figure, CPython's (null: none). */
  record Row(String shape, double gilLab, @Nullable Double cpython, String format) {
    static Row speedup(String shape, double gilLab, @Nullable Double cpython) {
      return new Row(shape, gilLab, cpython, "%.2fx");
    }

    static Row slowdown(String shape, double gilLab, @Nullable Double cpython) {
      return new Row(shape, gilLab, cpython, "%.1fx");
    }
  }

  static String render(List<Row> rows) {
    String[][] cells = new String[rows.size() + 1][];
    cells[0] = new String[] {"shape", "gil-lab", "CPython"};
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      cells[i + 1] =
          new String[] {
            r.shape(),
            String.format(Locale.ROOT, r.format(), r.gilLab()),
            r.cpython() == null ? "-" : String.format(Locale.ROOT, r.format(), r.cpython())
          };
    }
    return ResultTable.columns(cells, 1);
  }

  private static double speedup(List<ResultRow> rows, Mode m) {
    return rows.stream()
        .filter(r -> r.mode().equals(m.label()))
        .findFirst()
        .map(ResultRow::speedup)
        .orElseThrow(() -> new ExperimentFailedException("compare: no " + m.label() + " row"));
  }

  /** {@code figures[num] / figures[den]}. */
  private static double ratio(Map<String, Double> figures, String num, String den) {
    return figures.get(num) / figures.get(den);
  }

  /** Two countdowns on two threads under ticks, against one after another, taking turns. */
  private static double ticksSpeedup(Settings s) {
    Sizes z = s.sizes();
    Map<Mode, Callable<Sample>> modes = new LinkedHashMap<>();
    modes.put(Mode.SEQUENTIAL, () -> CpuExperiment.sequential(s));
    modes.put(
        Mode.THREADS_GIL,
        () -> CpuExperiment.threads(s.policy(), null, z.cpuWorkers(), z.countdown()));
    Map<Mode, List<Sample>> samples =
        Runs.interleaved(
            "compare " + s.policy().label(),
            z.warmups(),
            z.repeats(),
            null,
            true,
            s.progress(),
            modes,
            Mode::label);
    return median(samples.get(Mode.SEQUENTIAL)) / median(samples.get(Mode.THREADS_GIL));
  }

  /** The io workers on threads, against one after another, taking turns. */
  private static double ioSpeedup(Settings s, EchoServer server) {
    Map<Mode, Callable<Sample>> modes = new LinkedHashMap<>();
    modes.put(Mode.SEQUENTIAL, () -> IoExperiment.sequential(s, server));
    modes.put(Mode.THREADS_GIL, () -> IoExperiment.threads(s, server, false, null).sample());
    Map<Mode, List<Sample>> samples =
        Runs.interleaved(
            "compare io",
            s.sizes().warmups(),
            s.sizes().repeats(),
            s.progress(),
            modes,
            Mode::label);
    return median(samples.get(Mode.SEQUENTIAL)) / median(samples.get(Mode.THREADS_GIL));
  }

  private static double median(List<Sample> samples) {
    return Median.of(samples.stream().mapToDouble(Sample::seconds).toArray());
  }
}

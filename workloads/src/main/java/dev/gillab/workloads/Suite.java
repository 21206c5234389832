package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.gillab.gil.UserInput;
import dev.gillab.workloads.internal.MachineMeter;
import dev.gillab.workloads.internal.Runs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Runs a list of experiments, collects everything into one {@link SuiteResult}, writes it as JSON
 * if asked, and prints a table per experiment on {@code out}, each followed by the machine line
 * (load average before and after, the cores this JVM and its worker JVMs had). An experiment that
 * fails is reported on {@code err} and the others still run; the exit code is then 1.
 *
 * <p>The tables go to {@code out} when the run ends, not as each experiment finishes: whether the
 * figures can be trusted ({@link Trust}) is known only then, and when they cannot, that is the
 * first line, before any figure a reader might take for a finding. Progress goes to {@code err} as
 * it happens. Not thread-safe: one run at a time.
 */
public final class Suite {
  /** The experiments, in the order the whole suite runs them. */
  public enum Experiment {
    /** CPU-bound workers in every mode ({@link CpuExperiment}). */
    CPU,
    /** IO-bound workers: sleeps and echo round trips ({@link IoExperiment}). */
    IO,
    /** Echo round trips beside CPU-bound threads, per policy ({@link ConvoyExperiment}). */
    CONVOY,
    /** Reference counts under two threads hammering one list ({@link RaceExperiment}). */
    RACE,
    /** Two threads taking two locks in opposite order ({@link DeadlockExperiment}). */
    DEADLOCK;

    /** {@return the name the command and the tables give the experiment, e.g. {@code cpu}} */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Settings settings;
  private final PrintStream out;

  /** The tables, kept until the verdict is known. */
  private final ByteArrayOutputStream tablesBytes = new ByteArrayOutputStream();

  private final PrintStream tables = new PrintStream(tablesBytes, true, StandardCharsets.UTF_8);
  private final PrintStream err;
  private final List<ResultRow> results = new ArrayList<>();
  private final List<ConvoyRow> convoy = new ArrayList<>();
  private final List<RaceRow> race = new ArrayList<>();
  private final List<DeadlockRow> deadlock = new ArrayList<>();
  private final List<SkippedRow> skipped = new ArrayList<>();
  private int failedExperiments;
  private boolean jsonFailed;
  private final List<Trust.Span> spans = new ArrayList<>();
  private List<MachineRow> machine = List.of();

  /**
   * A suite that has run nothing yet.
   *
   * @param settings what every experiment runs with
   * @param out where the tables go, all at once when {@link #run} ends
   * @param err where the suite's own progress lines (each experiment's start, the JSON file
   *     written) and failures go, as they happen; the experiments' progress lines go to the
   *     settings' progress sink
   */
  public Suite(Settings settings, PrintStream out, PrintStream err) {
    this.settings = checkNotNull(settings, "settings");
    this.out = checkNotNull(out, "out");
    this.err = checkNotNull(err, "err");
  }

  /**
   * Runs {@code experiments}; answers the exit code: 0 all ran, 1 one or more failed.
   *
   * @param experiments the experiments to run, in this order
   * @param json where to write the results as JSON, or null for no file
   * @return 0 if every experiment ran and the JSON file, if asked for, was written; 1 otherwise
   */
  public int run(List<Experiment> experiments, @Nullable Path json) {
    int cores = Runtime.getRuntime().availableProcessors();
    MachineSample runStart = MachineMeter.sample();
    for (Experiment e : experiments) {
      err.println("gil-lab: running " + e.label());
      MachineSample before = MachineMeter.sample();
      try {
        runOne(e);
      } catch (ExperimentFailedException | IllegalStateException | IllegalArgumentException x) {
        String line = "experiment " + e.label() + " failed: " + Runs.describe(x);
        failedExperiments++;
        err.println("gil-lab: " + line);
      }
      spans.add(new Trust.Span(e.label(), before, MachineMeter.sample()));
      machine = Trust.judge(cores, runStart, spans);
      tables.println(machine.get(machine.size() - 1).line());
      tables.println();
    }
    String busy = Trust.verdict(machine);
    if (busy != null) {
      out.println(busy);
    }
    out.println(
        "gil-lab on "
            + SuiteResult.javaDescription()
            + ", "
            + cores
            + " cores, policy "
            + settings.policy().label());
    out.println();
    out.print(tablesBytes.toString(StandardCharsets.UTF_8));
    out.flush();
    if (json != null) {
      String shown = UserInput.echo(json.toString());
      try {
        JsonResults.write(result(), json);
        err.println("gil-lab: wrote " + shown);
      } catch (IOException x) {
        String line =
            "could not write " + shown + ": " + UserInput.echo(String.valueOf(x.getMessage()));
        jsonFailed = true;
        err.println("gil-lab: " + line);
      }
    }
    return failedExperiments == 0 && !jsonFailed ? 0 : 1;
  }

  /**
   * {@return everything measured so far, as the document {@code --json} writes; a snapshot that
   * later runs do not change}
   */
  public SuiteResult result() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new SuiteResult(
        SuiteResult.javaDescription(),
        cores,
        results,
        convoy,
        race,
        deadlock,
        skipped,
        machine,
        Trust.verdict(machine));
  }

  /** {@return how many experiments failed so far; a JSON file not written is not one of them} */
  public int failedExperiments() {
    return failedExperiments;
  }

  /** {@return whether the JSON file was asked for and could not be written} */
  public boolean jsonFailed() {
    return jsonFailed;
  }

  private void runOne(Experiment e) {
    Sizes z = settings.sizes();
    switch (e) {
      case CPU -> {
        Outcome<ResultRow> o = CpuExperiment.run(settings);
        keep(
            o,
            ResultTable.render(
                    String.format(
                        Locale.ROOT,
                        "cpu — countdown(%,d) on each of %d workers; %s",
                        z.countdown(),
                        z.cpuWorkers(),
                        runs(o.rows(), "warm-up until the JIT settled")),
                    o.rows())
                + adaptiveMisses(o.rows()),
            results);
      }
      case IO -> {
        Outcome<ResultRow> o = IoExperiment.run(settings);
        keep(
            o,
            ResultTable.render(
                    String.format(
                        Locale.ROOT,
                        "io — %d workers x %d round%s of sleep(%d ms) + echo round trip (%d ms reply delay); %s",
                        z.ioWorkers(),
                        z.ioRounds(),
                        z.ioRounds() == 1 ? "" : "s",
                        z.ioDelay().toMillis(),
                        z.ioDelay().toMillis(),
                        runs(o.rows(), z.warmups() + " warm-up")),
                    o.rows())
                + adaptiveMisses(o.rows()),
            results);
      }
      case CONVOY -> {
        Outcome<ConvoyRow> o = ConvoyExperiment.run(settings);
        keep(o, ResultTable.renderConvoy(o.rows()), convoy);
      }
      case RACE -> {
        Outcome<RaceRow> o = RaceExperiment.run(settings);
        keep(o, ResultTable.renderRace(o.rows()), race);
      }
      case DEADLOCK -> {
        Outcome<DeadlockRow> o = DeadlockExperiment.run(settings);
        keep(o, ResultTable.renderDeadlock(o.rows()), deadlock);
      }
    }
  }

  /** Prints an experiment's {@code table} and skipped modes; keeps its rows in {@code into}. */
  private <R> void keep(Outcome<R> o, String table, List<R> into) {
    tables.print(table);
    tables.print(ResultTable.renderSkipped(o.skipped()));
    into.addAll(o.rows());
    skipped.addAll(o.skipped());
  }

  /**
   * {@code median of 3 runs after 1 warm-up}; in the adaptive mode the runs it took, e.g. {@code
   * median of 6-9 runs (adaptive: until its 95 % interval is within 5 %, at most 60 s) after 1
   * warm-up}; {@code warmup} says what came before them.
   */
  private String runs(List<ResultRow> rows, String warmup) {
    int lo = rows.stream().mapToInt(ResultRow::runs).min().orElse(settings.sizes().repeats());
    int hi = rows.stream().mapToInt(ResultRow::runs).max().orElse(lo);
    Adaptive a = settings.adaptive();
    return String.format(
        Locale.ROOT,
        "median of %s run%s%s after %s",
        lo == hi ? String.valueOf(lo) : lo + "-" + hi,
        hi == 1 ? "" : "s",
        a == null
            ? ""
            : " (adaptive: until its 95 % interval is within 5 %, at most " + a.capLabel() + ")",
        warmup);
  }

  /** In the adaptive mode, a line naming the modes whose median did not get tight, if any. */
  private String adaptiveMisses(List<ResultRow> rows) {
    if (settings.adaptive() == null) {
      return "";
    }
    List<String> misses = new ArrayList<>();
    for (ResultRow r : rows) {
      if (r.ciLowSeconds() == null || r.ciHighSeconds() == null) {
        misses.add(r.mode() + " (too few runs for an interval)");
      } else {
        MedianInterval.Interval i =
            new MedianInterval.Interval(r.ciLowSeconds(), r.medianSeconds(), r.ciHighSeconds());
        if (!i.within(Adaptive.WITHIN)) {
          misses.add(
              String.format(Locale.ROOT, "%s (±%.1f %%)", r.mode(), 100 * i.halfWidthShare()));
        }
      }
    }
    return misses.isEmpty()
        ? "adaptive: every median's 95 % interval is within 5 %" + System.lineSeparator()
        : "adaptive: not within 5 % at the cap: "
            + String.join(", ", misses)
            + System.lineSeparator();
  }
}

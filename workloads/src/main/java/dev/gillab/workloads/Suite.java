package dev.gillab.workloads;

import dev.gillab.workloads.internal.Runs;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Runs a list of experiments, prints a table per experiment on {@code out} as each finishes,
 * collects everything into one {@link SuiteResult}, and writes it as JSON if asked. An experiment
 * that fails is reported on {@code err} and the others still run; the exit code is then 1.
 * Not thread-safe: one run at a time.
 */
public final class Suite {
  /** The experiments, in the order the whole suite runs them. */
  public enum Experiment {
    CPU, IO, CONVOY, RACE, DEADLOCK;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Settings settings;
  private final PrintStream out;
  private final PrintStream err;
  private final List<ResultRow> results = new ArrayList<>();
  private final List<ConvoyRow> convoy = new ArrayList<>();
  private final List<RaceRow> race = new ArrayList<>();
  private final List<DeadlockRow> deadlock = new ArrayList<>();
  private final List<SkippedRow> skipped = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  public Suite(Settings settings, PrintStream out, PrintStream err) {
    this.settings = settings;
    this.out = out;
    this.err = err;
  }

  /** Runs {@code experiments}; answers the exit code: 0 all ran, 1 one or more failed. */
  public int run(List<Experiment> experiments, @Nullable Path json) {
    out.println("gil-lab on " + SuiteResult.javaDescription() + ", "
        + Runtime.getRuntime().availableProcessors() + " cores, policy "
        + settings.policy().label());
    out.println();
    for (Experiment e : experiments) {
      err.println("gil-lab: running " + e.label());
      try {
        runOne(e);
      } catch (ExperimentFailedException | IllegalStateException | IllegalArgumentException x) {
        String line = "experiment " + e.label() + " failed: " + Runs.describe(x);
        failures.add(line);
        err.println("gil-lab: " + line);
      }
      out.flush();
    }
    if (json != null) {
      try {
        JsonResults.write(result(), json);
        err.println("gil-lab: wrote " + json);
      } catch (IOException x) {
        failures.add("could not write " + json + ": " + x.getMessage());
        err.println("gil-lab: could not write " + json + ": " + x.getMessage());
      }
    }
    return failures.isEmpty() ? 0 : 1;
  }

  public SuiteResult result() {
    return SuiteResult.ofThisMachine(results, convoy, race, deadlock, skipped);
  }

  public List<String> failures() {
    return List.copyOf(failures);
  }

  private void runOne(Experiment e) {
    Sizes z = settings.sizes();
    String runs = String.format(Locale.ROOT, "median of %d run%s after %d warm-up",
        z.repeats(), z.repeats() == 1 ? "" : "s", z.warmups());
    switch (e) {
      case CPU -> {
        CpuExperiment.Outcome o = CpuExperiment.run(settings);
        print(ResultTable.render(String.format(Locale.ROOT,
            "cpu — countdown(%,d) on each of %d workers; %s", z.countdown(), z.cpuWorkers(), runs),
            o.rows()), o.skipped());
        results.addAll(o.rows());
        skipped.addAll(o.skipped());
      }
      case IO -> {
        IoExperiment.Outcome o = IoExperiment.run(settings);
        print(ResultTable.render(String.format(Locale.ROOT,
            "io — %d workers x %d round%s of sleep(%d ms) + echo round trip (%d ms reply delay); %s",
            z.ioWorkers(), z.ioRounds(), z.ioRounds() == 1 ? "" : "s", z.ioDelay().toMillis(),
            z.ioDelay().toMillis(), runs), o.rows()), o.skipped());
        results.addAll(o.rows());
        skipped.addAll(o.skipped());
      }
      case CONVOY -> {
        ConvoyExperiment.Outcome o = ConvoyExperiment.run(settings);
        print(ResultTable.renderConvoy(o.rows()), o.skipped());
        convoy.addAll(o.rows());
        skipped.addAll(o.skipped());
      }
      case RACE -> {
        RaceExperiment.Outcome o = RaceExperiment.run(settings);
        print(ResultTable.renderRace(o.rows()), o.skipped());
        race.addAll(o.rows());
        skipped.addAll(o.skipped());
      }
      case DEADLOCK -> {
        DeadlockExperiment.Outcome o = DeadlockExperiment.run(settings);
        print(ResultTable.renderDeadlock(o.rows()), List.of());
        deadlock.addAll(o.rows());
      }
    }
  }

  private void print(String table, List<SkippedRow> skippedHere) {
    out.print(table);
    out.print(ResultTable.renderSkipped(skippedHere));
    out.println();
  }
}

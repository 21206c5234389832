package dev.gillab.workloads;

import dev.gillab.workloads.Suite.Experiment;
import dev.gillab.workloads.internal.OutputPath;
import dev.gillab.workloads.report.Report;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code gil-lab} command: with no arguments it runs the whole suite (cpu, io, convoy, race,
 * deadlock) and prints a table per experiment; subcommands run one experiment or a program, or
 * serve the page where a learner schedules a program's threads ({@code serve}). Exit codes: 0 it
 * ran, 2 a usage error (one line, then the usage) or an output path that cannot be written (one
 * line, before any work), 1 an experiment failed or its {@code --json} or {@code --report} output
 * could not be written (the last line says which).
 *
 * <p>{@link #run(String[], PrintStream, PrintStream)} is the entry point without {@code
 * System.exit}, for tests and for embedding. Not thread-safe: one run per instance.
 */
@Command(
    name = "gil-lab",
    mixinStandardHelpOptions = true,
    versionProvider = GilLab.Version.class,
    sortOptions = false,
    description = {
      "IO-bound versus CPU-bound work under a Global Interpreter Lock, measured side by side"
          + " with the ways out: processes, subinterpreters, free-threading.",
      "With no subcommand it runs the whole suite: tables on stdout, progress on stderr."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:it ran",
      "1:an experiment failed, or its --json or --report output could not be written (the"
          + " message says which)",
      "2:a usage error, or a --json or --report path that cannot be written"
    },
    subcommands = {
      GilLab.Cpu.class,
      GilLab.Io.class,
      GilLab.Convoy.class,
      GilLab.Race.class,
      GilLab.Deadlock.class,
      RunCommand.class,
      DisCommand.class,
      CompareCommand.class,
      BandsCommand.class,
      ServeCommand.class
    })
public final class GilLab implements Callable<Integer> {
  @Mixin CommonOptions options = new CommonOptions();

  @Spec CommandSpec spec;

  PrintStream out = System.out;
  PrintStream err = System.err;

  /** What {@code serve} watches for its end; null to serve until stopped otherwise. */
  @Nullable InputStream in;

  /**
   * Runs the command on the standard streams and exits the JVM with its exit code. Unless standard
   * input and output are both a terminal, {@code serve} stops when standard input ends; at a
   * terminal, Ctrl-C stops it.
   *
   * @param args the command line, e.g. {@code cpu --workers 4}
   */
  public static void main(String[] args) {
    // A terminal's input ends only when the user says so; Ctrl-C stops serve there.
    System.exit(run(args, interactive() ? null : System.in, System.out, System.err));
  }

  /**
   * Whether standard input and output are a terminal. Before JDK 22 that is a console at all; from
   * 22 on there is always one, and {@code Console.isTerminal()} (found at run time: this compiles
   * for 17) says.
   */
  @SuppressWarnings("SystemConsoleNull") // the JDK 22 case is handled below
  static boolean interactive() {
    java.io.Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true; // before JDK 22: a console is a terminal
    }
  }

  /**
   * Runs the command with {@code args}, printing to {@code out} and {@code err}; the exit code.
   * {@code serve} serves until stopped by {@code --for} (or the JVM's end).
   *
   * @param args the command line, e.g. {@code cpu --workers 4}
   * @param out where tables, help and the version go
   * @param err where progress lines and errors go
   * @return the exit code: 0 it ran, 1 something failed (an experiment or its {@code --json} or
   *     {@code --report} output, or the program {@code run} ran raised an error), 2 a usage error
   *     or something that could not start (an output path that cannot be written, a program that
   *     does not compile, an address {@code serve} cannot listen on)
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, null, out, err);
  }

  /**
   * {@link #run(String[], PrintStream, PrintStream)}, with {@code serve} stopping when {@code in}
   * ends (if not null).
   *
   * @param args the command line, e.g. {@code cpu --workers 4}
   * @param in what {@code serve} watches for its end, or null to serve until stopped otherwise
   * @param out where tables, help and the version go
   * @param err where progress lines and errors go
   * @return the exit code: 0 it ran, 1 something failed (an experiment or its {@code --json} or
   *     {@code --report} output, or the program {@code run} ran raised an error), 2 a usage error
   *     or something that could not start (an output path that cannot be written, a program that
   *     does not compile, an address {@code serve} cannot listen on)
   */
  public static int run(String[] args, @Nullable InputStream in, PrintStream out, PrintStream err) {
    GilLab app = new GilLab();
    app.in = in;
    app.out = out;
    app.err = err;
    CommandLine cl = new CommandLine(app);
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cl.setExecutionExceptionHandler(
        (e, commandLine, parsed) -> {
          // Never a stack trace: one line saying what failed.
          if (e instanceof OutputPath.Refused) {
            // A path that cannot be written is not the syntax's fault: no usage after it.
            commandLine.getErr().println("gil-lab: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
          }
          String m = e.getMessage();
          commandLine.getErr().println("gil-lab: failed: " + (m == null ? e.toString() : m));
          return 1;
        });
    return cl.execute(args);
  }

  @Override
  public Integer call() {
    return runExperiments(spec, options, List.of(Experiment.values()), out, err);
  }

  /** Options every experiment uses. */
  private static final Set<String> EVERY_EXPERIMENT =
      Set.of("--policy", "--switch-interval", "--json", "--report");

  /** Options only some experiments use: the sizes each one has. */
  private static final Map<Experiment, Set<String>> SIZING =
      Map.of(
          Experiment.CPU, Set.of("--workers", "--quick", "--repeats", "--adaptive", "--max-time"),
          Experiment.IO, Set.of("--workers", "--quick", "--repeats", "--adaptive", "--max-time"),
          Experiment.CONVOY, Set.of("--workers", "--quick", "--repeats"),
          Experiment.RACE, Set.of("--quick"),
          Experiment.DEADLOCK, Set.of());

  /**
   * Checks the options (usage errors throw) and the output paths ({@link OutputPath.Refused}), then
   * runs {@code experiments}.
   */
  static int runExperiments(
      CommandSpec spec,
      CommonOptions o,
      List<Experiment> experiments,
      PrintStream out,
      PrintStream err) {
    Set<String> used = new HashSet<>(EVERY_EXPERIMENT);
    experiments.forEach(e -> used.addAll(SIZING.get(e)));
    o.refuseAllBut(used, spec, experiments.size() == 1 ? experiments.get(0).label() : "the suite");
    Settings settings = settings(spec, o, err);
    if (o.json != null) {
      OutputPath.checkFile("--json", o.json);
    }
    if (o.report != null) {
      Report.checkFolder("--report", o.report);
    }
    Suite suite = new Suite(settings, out, err);
    int code = suite.run(experiments, o.json);
    boolean reportFailed =
        o.report != null
            && Report.writeSuite(
                    o.report,
                    "gil-lab "
                        + experiments.stream()
                            .map(Experiment::label)
                            .collect(Collectors.joining(" "))
                        + ", policy "
                        + settings.policy().label(),
                    suite.result(),
                    settings.policy().interval(),
                    err)
                != 0;
    if (code != 0 || reportFailed) {
      // The experiments and the files they are written to fail apart: say which did.
      List<String> failed = new ArrayList<>();
      if (suite.failedExperiments() > 0) {
        failed.add(
            suite.failedExperiments() + " of " + experiments.size() + " experiment(s) failed");
      }
      if (suite.jsonFailed()) {
        failed.add("the --json file was not written");
      }
      if (reportFailed) {
        failed.add("the --report folder was not written");
      }
      err.println("gil-lab: " + String.join(", ", failed) + "; see above");
      return 1;
    }
    return 0;
  }

  /** The settings the options ask for, or a usage error. */
  static Settings settings(CommandSpec spec, CommonOptions o, PrintStream err) {
    PolicyChoice policy = policy(spec, o.policy, o.switchInterval);
    Sizes sizes = Boolean.TRUE.equals(o.quick) ? Sizes.quick() : Sizes.defaults();
    if (o.workers != null) {
      if (o.workers < 1 || o.workers > 64) {
        throw new ParameterException(
            spec.commandLine(), "--workers must be 1 to 64, was " + o.workers);
      }
      sizes = sizes.withWorkers(o.workers);
    }
    if (o.repeats != null) {
      if (o.repeats < 1 || o.repeats > 100) {
        throw new ParameterException(
            spec.commandLine(), "--repeats must be 1 to 100, was " + o.repeats);
      }
      sizes = sizes.withRepeats(o.repeats);
    }
    Adaptive adaptive = null;
    if (Boolean.TRUE.equals(o.adaptive)) {
      Duration cap = Adaptive.DEFAULT_MAX_TIME;
      if (o.maxTime != null) {
        try {
          cap = Durations.parse(o.maxTime, "s", Duration.ofHours(1), "--max-time");
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), e.getMessage());
        }
      }
      adaptive = new Adaptive(cap);
    } else if (o.maxTime != null) {
      throw new ParameterException(spec.commandLine(), "--max-time applies only with --adaptive");
    }
    return new Settings(sizes, policy, line -> err.println("  " + line), adaptive);
  }

  /**
   * The policy named, with the interval given; a usage error if unknown, or if an interval is given
   * for a policy that has none ({@code ticks}, {@code none}).
   */
  static PolicyChoice policy(CommandSpec spec, @Nullable String name, @Nullable String interval) {
    PolicyChoice p;
    try {
      Duration d =
          interval == null ? PolicyChoice.defaultPolicy().interval() : Durations.parse(interval);
      p = PolicyChoice.of(name == null ? "interval" : name, d);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (interval != null && !p.hasSwitchInterval()) {
      throw new ParameterException(
          spec.commandLine(),
          "--switch-interval does not apply to policy "
              + p.label()
              + ": only interval and io-priority have a switch interval");
    }
    return p;
  }

  /** The base of the experiment subcommands: its own options over the top command's. */
  abstract static class ExperimentCommand extends Subcommand {
    @Mixin CommonOptions options = new CommonOptions();

    abstract Experiment experiment();

    @Override
    public Integer call() {
      return runExperiments(
          spec, options.mergedOver(parent.options), List.of(experiment()), parent.out, parent.err);
    }
  }

  @Command(
      name = "cpu",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description =
          "countdown(n) on W workers: sequential, threads under the GIL, free-threaded,"
              + " processes, subinterpreters.")
  static final class Cpu extends ExperimentCommand {
    @Override
    Experiment experiment() {
      return Experiment.CPU;
    }
  }

  @Command(
      name = "io",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description =
          "W workers doing sleeps and loopback echo round trips through GIL-releasing"
              + " host functions: sequential, threads under the GIL, processes, virtual threads.")
  static final class Io extends ExperimentCommand {
    @Override
    Experiment experiment() {
      return Experiment.IO;
    }
  }

  @Command(
      name = "convoy",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = "Echo round trips alone, then beside 1..k CPU-bound threads, per policy.")
  static final class Convoy extends ExperimentCommand {
    @Override
    Experiment experiment() {
      return Experiment.CONVOY;
    }
  }

  @Command(
      name = "race",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description =
          "A shared list hammered by 2 threads: what the heap caught, per count strategy.")
  static final class Race extends ExperimentCommand {
    @Override
    Experiment experiment() {
      return Experiment.RACE;
    }
  }

  @Command(
      name = "deadlock",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = "Opposite-order lock acquisition: detected, the cycle named, the run recovers.")
  static final class Deadlock extends ExperimentCommand {
    @Override
    Experiment experiment() {
      return Experiment.DEADLOCK;
    }
  }

  /** The version from the build, e.g. {@code gil-lab 0.1.0-SNAPSHOT}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties p = new Properties();
      try (InputStream in = GilLab.class.getResourceAsStream("gil-lab.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        // fall through to "unknown"
      }
      return new String[] {
        "gil-lab " + p.getProperty("version", "unknown"),
        "running on " + SuiteResult.javaDescription()
      };
    }
  }
}

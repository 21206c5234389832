package dev.gillab.workloads;

import dev.gillab.gil.ByteSizes;
import dev.gillab.gil.Interpreter;
import dev.gillab.gil.ProgramRunner;
import dev.gillab.refcount.CountStrategy;
import dev.gillab.workloads.internal.Runs;
import dev.gillab.workloads.report.Report;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gil-lab run FILE [ARG...]} (also {@code exec}): runs a Python program ({@code .py}) or an
 * assembler program under {@code --policy}, through gil's {@link ProgramRunner}, so its exit status
 * is the runner's: 0 it ran, 1 it raised an error it did not catch (the traceback on standard
 * error), 2 it could not run (a usage error, an unreadable file, a compile error). The program's
 * output goes to standard output; a summary (time, GIL switches, policy) to standard error, and
 * with {@code --trace} the GIL's events and a line per thread. {@code --budget} and {@code
 * --max-memory} bound a hostile program: it ends as a Python error (exit 1), not as a run without
 * end or a JVM out of memory. Not thread-safe: one run per instance.
 */
@Command(
    name = "run",
    aliases = "exec",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run a Python program (FILE.py) or an assembler program under a GIL policy.",
      "Exit status: 0 it ran; 1 it raised an uncaught error (traceback on stderr);"
          + " 2 it could not run (usage, file, compile error)."
    })
final class RunCommand extends Subcommand {
  /** Events the ring keeps for {@code --trace}: the newest this many. */
  static final int TRACE_CAPACITY = 10_000;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "A Python program (.py) or an assembler program (any other name).")
  Path file;

  @Parameters(
      index = "1..*",
      paramLabel = "ARG",
      description = "An assembler program's parameters: integers, True, False, None, or strings.")
  List<String> args = new ArrayList<>();

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Interpreter threads running an assembler program at once (default 1);"
              + " a Python program starts its own.")
  @Nullable Integer threads;

  @Option(names = "--policy", paramLabel = "POLICY", description = CommonOptions.POLICY_HELP)
  @Nullable String policy;

  @Option(
      names = "--switch-interval",
      paramLabel = "TIME",
      description = "The switch interval: 5ms (default), 500us, 1s; a bare number is milliseconds.")
  @Nullable String switchInterval;

  @Option(
      names = "--count-strategy",
      paramLabel = "COUNTS",
      description =
          "Reference counts: PLAIN (default under a GIL), ATOMIC (default under none),"
              + " BIASED.")
  @Nullable String countStrategy;

  @Option(
      names = "--budget",
      paramLabel = "N",
      description =
          "Stop each thread after about N instructions with BudgetExceeded (exit 1);"
              + " the work one instruction does on its operands counts too (one per item copied,"
              + " compared or scanned, one per 64 chars).")
  @Nullable Long budget;

  @Option(
      names = "--max-memory",
      paramLabel = "SIZE",
      description =
          "The heap's byte budget: 512m (default), 64MiB, 1g; at least 1m. An"
              + " allocation past it raises MemoryError (exit 1).")
  @Nullable String maxMemory;

  @Option(
      names = "--trace",
      description =
          "After the run, print the GIL's events (the last "
              + TRACE_CAPACITY
              + ") to standard error, then a summary per thread.")
  boolean trace;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description =
          "Also write an HTML report of this run to DIR: the GIL timeline of the"
              + " program's threads and their GIL statistics.")
  @Nullable Path report;

  /** The top command's options a program run uses; the experiments' others are refused. */
  static final Set<String> USED = Set.of("--policy", "--switch-interval", "--report");

  @Override
  public Integer call() throws InterruptedException {
    parent.options.refuseAllBut(USED, spec, spec.name());
    PolicyChoice p =
        GilLab.policy(
            spec,
            policy != null ? policy : parent.options.policy,
            switchInterval != null ? switchInterval : parent.options.switchInterval);
    CountStrategy counts = counts();
    if (counts == CountStrategy.PLAIN && p.isFreeThreaded()) {
      throw usageError("--count-strategy PLAIN needs a GIL: policy none takes ATOMIC or BIASED");
    }
    if (budget != null && budget < 1) {
      throw usageError("--budget must be positive, was " + budget);
    }
    long memory;
    try {
      memory =
          maxMemory == null
              ? Interpreter.DEFAULT_MAX_MEMORY
              : ByteSizes.maxMemory("--max-memory", maxMemory);
    } catch (IllegalArgumentException e) {
      throw usageError(e.getMessage());
    }
    if (threads != null && (threads < 1 || threads > 256)) {
      throw usageError("--threads must be 1 to 256, was " + threads);
    }
    if (threads != null && ProgramRunner.isPython(file)) {
      throw usageError(
          "--threads is for assembler programs: a Python program starts its own threads");
    }
    Path reportDir = report != null ? report : parent.options.report;
    if (reportDir != null) {
      Report.checkFolder("--report", reportDir);
    }
    AtomicInteger n = new AtomicInteger();
    long start = System.nanoTime();
    long[] switches = {0};
    boolean[] reportFailed = {false};
    int status =
        ProgramRunner.builder()
            .out(parent.out)
            .err(parent.err)
            .threads(threads == null ? 1 : threads)
            .interpreters(
                () -> {
                  Interpreter.Builder b =
                      p.configure(Interpreter.builder().name(String.valueOf(file.getFileName())))
                          .maxMemory(memory);
                  if (counts != null) {
                    b.countStrategy(counts);
                  }
                  if (budget != null) {
                    b.instructionBudget(budget);
                  }
                  if (trace) {
                    b.traceEvents(TRACE_CAPACITY);
                  } else if (reportDir != null) {
                    b.traceEvents(Report.EXEC_EVENTS);
                  }
                  return b.threadFactory(
                      r -> {
                        Thread t = new Thread(null, r, "thread-" + n.incrementAndGet(), 16L << 20);
                        t.setDaemon(true);
                        return t;
                      });
                })
            .afterRun(
                in -> {
                  switches[0] = in.gil().switchNumber();
                  if (trace) {
                    GilTrace.print(in.gilEvents(), in.gilStats(), parent.err);
                  }
                  if (reportDir != null
                      && Report.writeExec(
                              reportDir, "gil-lab run " + file, p.label(), in, parent.err)
                          != 0) {
                    parent.err.println("gil-lab: the report could not be written");
                    reportFailed[0] = true;
                  }
                })
            .build()
            .run(file, args);
    if (status != ProgramRunner.CANNOT_RUN) {
      parent.err.printf(
          Locale.ROOT,
          "gil-lab: %.3f s, %d GIL switches, policy %s%n",
          Runs.since(start),
          switches[0],
          p.label());
    }
    // A report that could not be written fails the run, as a suite's output does; a program that
    // raised has failed already.
    return status == ProgramRunner.OK && reportFailed[0] ? 1 : status;
  }

  private @Nullable CountStrategy counts() {
    if (countStrategy == null) {
      return null;
    }
    try {
      CountStrategy s = CountStrategy.valueOf(countStrategy.toUpperCase(Locale.ROOT));
      if (s == CountStrategy.IMMORTAL) {
        throw new IllegalArgumentException();
      }
      return s;
    } catch (IllegalArgumentException e) {
      throw usageError(
          "--count-strategy must be PLAIN, ATOMIC or BIASED, was '" + countStrategy + "'");
    }
  }
}

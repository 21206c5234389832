package dev.gillab.workloads;

import dev.gillab.gil.Assembler;
import dev.gillab.gil.Code;
import dev.gillab.gil.Interpreter;
import dev.gillab.gil.InterpreterError;
import dev.gillab.gil.InterpreterThread;
import dev.gillab.gil.VerifyException;
import dev.gillab.workloads.internal.Runs;
import dev.gillab.workloads.report.Report;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gil-lab exec FILE [ARG...]}: assembles and verifies an assembler program, then runs it on
 * {@code --threads} interpreter threads of one interpreter under {@code --policy}. The program's
 * {@code print} goes to standard output, then each thread's return value; a summary (time, GIL
 * switches) goes to standard error. A file that does not assemble or verify gets the verifier's
 * line-numbered message and exit 2; an error the program raises, exit 1. Not thread-safe: one run
 * per instance.
 */
@Command(
    name = "exec",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Run an assembler program (see the gil module's README for the format).")
final class ExecCommand implements Callable<Integer> {
  @ParentCommand GilLab parent;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The assembler program.")
  Path file;

  @Parameters(index = "1..*", paramLabel = "ARG",
      description = "The program's parameters: integers, True, False, None, or strings.")
  List<String> args = new ArrayList<>();

  @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
      description = "Interpreter threads running the program at once (default 1).")
  int threads;

  @Option(names = "--policy", paramLabel = "POLICY",
      description = "GIL switching policy: interval (default), ticks, io-priority, none.")
  String policy;

  @Option(names = "--switch-interval", paramLabel = "TIME",
      description = "The switch interval: 5ms (default), 500us, 1s; a bare number is milliseconds.")
  String switchInterval;

  @Option(names = "--trace",
      description = "After the run, print the GIL's events (the last " + TRACE_CAPACITY
          + ") to standard error, then a summary per thread.")
  boolean trace;

  @Option(names = "--report", paramLabel = "DIR",
      description = "Also write an HTML report of this run to DIR: the GIL timeline of the"
          + " program's threads, their GIL statistics, the raw events as CSV.")
  Path report;

  /** Events the ring keeps for {@code --trace}: the newest this many. */
  static final int TRACE_CAPACITY = 10_000;

  @Override
  public Integer call() throws InterruptedException {
    if (threads < 1 || threads > 256) {
      throw new ParameterException(spec.commandLine(), "--threads must be 1 to 256, was " + threads);
    }
    PolicyChoice p =
        GilLab.policy(
            spec,
            policy != null ? policy : parent.options.policy,
            switchInterval != null ? switchInterval : parent.options.switchInterval);
    Code code;
    try {
      code = Assembler.assemble(file);
    } catch (NoSuchFileException e) {
      throw new ParameterException(spec.commandLine(), "no such file: " + file);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "cannot read " + file + ": " + e.getMessage());
    } catch (VerifyException e) {
      parent.err.println("gil-lab: " + e.getMessage());
      return 2;
    }
    if (args.size() != code.paramCount()) {
      throw new ParameterException(
          spec.commandLine(),
          String.format(Locale.ROOT, "%s takes %d argument(s), got %d",
              file.getFileName(), code.paramCount(), args.size()));
    }
    Object[] values = args.stream().map(ExecCommand::value).toArray();
    AtomicInteger n = new AtomicInteger();
    long start = System.nanoTime();
    Interpreter.Builder builder = p.configure(Interpreter.builder().name(file.getFileName().toString()));
    if (trace) {
      builder.traceEvents(TRACE_CAPACITY);
    }
    try (Interpreter in =
        builder
            .out(parent.out)
            .threadFactory(
                r -> {
                  Thread t = new Thread(null, r, "thread-" + n.incrementAndGet(), 16L << 20);
                  t.setDaemon(true);
                  return t;
                })
            .build()) {
      Path reportDir = report != null ? report : parent.options.report;
      if (reportDir != null) {
        in.traceEvents(Report.EXEC_EVENTS);
      }
      long before = in.gil().switchNumber();
      List<InterpreterThread> ts = new ArrayList<>();
      try {
        for (int i = 0; i < threads; i++) {
          ts.add(in.start(code, values));
        }
      } catch (VerifyException e) {
        parent.err.println("gil-lab: " + e.getMessage());
        return 2;
      }
      int failed = 0;
      for (InterpreterThread t : ts) {
        if (!t.join(Runs.LIMIT)) {
          parent.err.println("gil-lab: " + t.name() + " did not finish within " + Runs.LIMIT);
          return 1;
        }
      }
      for (InterpreterThread t : ts) {
        try {
          parent.out.println(t.name() + " returned " + repr(t.result()));
        } catch (InterpreterError | IllegalStateException e) {
          parent.err.println("gil-lab: " + t.name() + " failed: " + Runs.describe(e));
          failed++;
        }
      }
      parent.err.printf(Locale.ROOT, "gil-lab: %d thread(s), %.3f s, %d GIL switches, policy %s%n",
          threads, Runs.since(start), in.gil().switchNumber() - before, p.label());
      if (trace) {
        GilTrace.print(in.gilEvents(), in.gilStats(), parent.err);
      }
      if (reportDir != null
          && Report.writeExec(reportDir, "gil-lab exec " + file, p.label(), in, parent.err) != 0) {
        return 1;
      }
      return failed == 0 ? 0 : 1;
    }
  }

  static Object value(String text) {
    switch (text) {
      case "None":
        return null;
      case "True":
        return Boolean.TRUE;
      case "False":
        return Boolean.FALSE;
      default:
        try {
          return Long.parseLong(text);
        } catch (NumberFormatException e) {
          return text;
        }
    }
  }

  static String repr(Object v) {
    if (v == null) {
      return "None";
    }
    if (v instanceof Boolean) {
      return ((Boolean) v) ? "True" : "False";
    }
    if (v instanceof String) {
      return "'" + v + "'";
    }
    return String.valueOf(v);
  }

}

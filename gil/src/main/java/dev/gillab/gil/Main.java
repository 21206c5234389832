package dev.gillab.gil;

import static com.google.common.base.Preconditions.checkArgument;

import dev.gillab.gil.internal.Echo;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a program file on a fresh interpreter, for readers of this module alone (the {@code gil-lab}
 * command of the workloads module does the same with every option):
 *
 * <pre>
 * Main [--dis] [--budget N] [--max-memory SIZE] [--every-instruction] [--threads K] FILE [ARG...]
 * </pre>
 *
 * {@code FILE} is Python ({@code .py}) or gil assembler; {@code --dis} prints its bytecode as
 * CPython's {@code dis} does instead of running it. {@code --budget} bounds each thread's
 * instructions (and the work they do on their operands) to a positive {@code N}, none without it;
 * {@code --max-memory} the heap's bytes ({@code 512m} unless given; {@link ByteSizes}). The work
 * and the exit status are {@link ProgramRunner}'s: 0 it ran, 1 it raised an uncaught error, 2 it
 * could not run (a usage error too). Stateless; each call makes its own interpreter.
 */
public final class Main {
  private static final String USAGE =
      "usage: Main [--dis] [--budget N] [--max-memory SIZE] [--every-instruction] [--threads K]"
          + " FILE [ARG...]";

  private Main() {}

  /**
   * Runs the command on the JVM's standard streams and, unless the status is 0, ends the JVM with
   * it.
   *
   * @param args the options, then {@code FILE} and the program's arguments
   * @throws InterruptedException if the main thread is interrupted while it waits for an assembler
   *     program's threads
   */
  public static void main(String[] args) throws InterruptedException {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * The whole command, with its streams; answers the exit status. A usage error prints the usage
   * line and what is wrong to {@code err}.
   *
   * @param args the options, then {@code FILE} and the program's arguments
   * @param out the program's output, and the disassembly under {@code --dis}
   * @param err where usage errors, tracebacks and why a program could not run go
   * @return the exit status: {@link ProgramRunner#OK}, {@link ProgramRunner#UNCAUGHT_ERROR} or
   *     {@link ProgramRunner#CANNOT_RUN}
   * @throws InterruptedException if the calling thread is interrupted while it waits for an
   *     assembler program's threads
   */
  public static int run(String[] args, PrintStream out, PrintStream err)
      throws InterruptedException {
    long budget = 0; // none, unless --budget gives one
    long maxMemory = Interpreter.DEFAULT_MAX_MEMORY;
    boolean every = false;
    boolean dis = false;
    int threads = 1;
    int i = 0;
    try {
      while (i < args.length && args[i].startsWith("--")) {
        switch (args[i]) {
          case "--dis" -> dis = true;
          case "--budget" -> {
            // Checked here, where a 0 given differs from the 0 that stands for no budget.
            budget = Long.parseLong(value(args, ++i));
            checkArgument(budget > 0, "--budget must be positive, got %s", budget);
          }
          case "--max-memory" -> maxMemory = ByteSizes.maxMemory("--max-memory", value(args, ++i));
          case "--every-instruction" -> every = true;
          case "--threads" -> threads = Integer.parseInt(value(args, ++i));
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
        i++;
      }
      if (i >= args.length) {
        throw new IllegalArgumentException("no file given");
      }
      checkArgument(threads >= 1 && threads <= 256, "--threads must be 1 to 256, got %s", threads);
    } catch (IllegalArgumentException e) {
      err.println(USAGE);
      err.println(Echo.of(String.valueOf(e.getMessage())));
      return ProgramRunner.CANNOT_RUN;
    }
    long b = budget;
    long memory = maxMemory;
    boolean e = every;
    ProgramRunner runner =
        ProgramRunner.builder()
            .out(out)
            .err(err)
            .threads(threads)
            .interpreters(
                () -> {
                  Interpreter.Builder builder =
                      Interpreter.builder().checkEveryInstruction(e).maxMemory(memory);
                  return b > 0 ? builder.instructionBudget(b) : builder;
                })
            .build();
    Path file;
    try {
      file = Path.of(args[i]);
    } catch (InvalidPathException ex) {
      err.println(Echo.of(args[i]) + ": not a file name");
      return ProgramRunner.CANNOT_RUN;
    }
    List<String> rest = Arrays.asList(args).subList(i + 1, args.length);
    return dis ? runner.dis(file) : runner.run(file, rest);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }
}

package dev.gillab.gil;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an assembler file on a fresh interpreter:
 *
 * <pre>
 * Main [--budget N] [--every-instruction] [--threads K] FILE [ARG...]
 * </pre>
 *
 * Arguments that look like ints are passed as ints, the rest as strs. With {@code --threads K}
 * the program runs on K interpreter threads at once (sharing one GIL). Exit status: 0 when the
 * program ends, 1 when it does not assemble or verify, 2 when it raises an error, 64 for a usage
 * error. Stateless; each call makes its own interpreter.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** The whole command, with its streams; answers the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err)
      throws InterruptedException {
    long budget = 0;
    boolean every = false;
    int threads = 1;
    int i = 0;
    try {
      while (i < args.length && args[i].startsWith("--")) {
        switch (args[i]) {
          case "--budget":
            budget = Long.parseLong(args[++i]);
            break;
          case "--every-instruction":
            every = true;
            break;
          case "--threads":
            threads = Integer.parseInt(args[++i]);
            break;
          default:
            throw new IllegalArgumentException("unknown option " + args[i]);
        }
        i++;
      }
      if (i >= args.length || threads < 1) {
        throw new IllegalArgumentException("no file given");
      }
    } catch (RuntimeException e) {
      err.println("usage: Main [--budget N] [--every-instruction] [--threads K] FILE [ARG...]");
      err.println(e.getMessage());
      return 64;
    }
    Code code;
    try {
      code = Assembler.assemble(Path.of(args[i]));
    } catch (IOException e) {
      err.println("cannot read " + args[i] + ": " + e);
      return 1;
    } catch (VerifyException e) {
      err.println(e.getMessage());
      return 1;
    }
    List<Object> params = new ArrayList<>();
    for (int a = i + 1; a < args.length; a++) {
      params.add(args[a].matches("-?\\d{1,18}") ? (Object) Long.parseLong(args[a]) : args[a]);
    }
    Interpreter.Builder b = Interpreter.builder().out(out).checkEveryInstruction(every);
    if (budget > 0) {
      b.instructionBudget(budget);
    }
    try (Interpreter in = b.build()) {
      List<InterpreterThread> started = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        started.add(in.start(code, params.toArray()));
      }
      int status = 0;
      for (InterpreterThread t : started) {
        t.thread().join();
        try {
          t.result();
        } catch (InterpreterError e) {
          err.println(e.getMessage());
          status = 2;
        }
      }
      return status;
    } catch (VerifyException e) {
      err.println(e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 64;
    }
  }
}

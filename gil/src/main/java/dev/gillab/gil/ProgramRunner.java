package dev.gillab.gil;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.gillab.gil.python.PythonCompiler;
import dev.gillab.gil.python.PythonSyntaxError;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a program file on a fresh interpreter: Python source ({@code .py}, compiled by {@link
 * PythonCompiler}) or gil assembler (any other name, read by {@link Assembler}). It is the one
 * runner behind gil's {@link Main} and the {@code gil-lab run}, {@code exec} and {@code dis}
 * commands, so every entry answers with the same exit status:
 *
 * <ul>
 *   <li>{@value #OK}: the program ran to its end;
 *   <li>{@value #UNCAUGHT_ERROR}: it raised an error it did not catch — the traceback, in CPython's
 *       format, is on the error stream;
 *   <li>{@value #CANNOT_RUN}: it could not run — an unreadable or oversized file, a compile or
 *       verify error (the position, the line and a caret), wrong arguments — one message, nothing
 *       executed.
 * </ul>
 *
 * <p>A Python program runs as module code on the calling thread ({@link Interpreter#exec}), which
 * also waits for the threads the program started. An assembler program takes its parameters from
 * the arguments (ints, {@code True}, {@code False}, {@code None}, else strs) and may run on several
 * interpreter threads at once; its {@code print}s are its output.
 *
 * <p>Ctrl-C (or any other end of the JVM) while a program runs stops it as CPython's {@code
 * KeyboardInterrupt} does at the top level: the error stream gets {@code KeyboardInterrupt} and the
 * GIL's counters so far ({@link GilStats#table()}), then what {@link Builder#afterRun} does after
 * any run (a trace, a report); the JVM then ends with the signal's status (130 for Ctrl-C), as
 * {@code python3} does. The program's threads are not unwound: the JVM is ending.
 *
 * <p>Immutable once built, and thread-safe: each call makes its own interpreter.
 */
public final class ProgramRunner {
  /** Exit status: the program ran to its end. */
  public static final int OK = 0;

  /** Exit status: the program raised an error it did not catch. */
  public static final int UNCAUGHT_ERROR = 1;

  /** Exit status: the program could not run (file, compile error, arguments). */
  public static final int CANNOT_RUN = 2;

  private final Supplier<Interpreter.Builder> interpreters;
  private final PrintStream out;
  private final PrintStream err;
  private final long maxSourceBytes;
  private final int threads;
  private final Consumer<Interpreter> afterRun;

  private ProgramRunner(Builder b) {
    this.interpreters = b.interpreters;
    this.out = b.out;
    this.err = b.err;
    this.maxSourceBytes = b.maxSourceBytes;
    this.threads = b.threads;
    this.afterRun = b.afterRun;
  }

  /** {@return a new builder, set to every default} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return whether {@code file} is read as Python source (by its name: {@code .py})}
   *
   * @param file a program file, not null
   */
  public static boolean isPython(Path file) {
    return file.getFileName() != null && file.getFileName().toString().endsWith(".py");
  }

  /**
   * Compiles or assembles {@code file} and runs it; answers the exit status. Why the program could
   * not run, or its traceback, goes to the error stream.
   *
   * @param file the program file, not null
   * @param args the program's arguments: none for a Python program, one per parameter for an
   *     assembler program
   * @return {@link #OK}, {@link #UNCAUGHT_ERROR} or {@link #CANNOT_RUN}
   * @throws InterruptedException if the calling thread is interrupted while it waits for an
   *     assembler program's threads
   */
  public int run(Path file, List<String> args) throws InterruptedException {
    checkNotNull(file, "file");
    checkNotNull(args, "args");
    SourceFile source;
    Code code;
    try {
      source = SourceFile.read(file, maxSourceBytes);
      code = compile(source);
    } catch (CannotRun e) {
      err.println(e.getMessage());
      return CANNOT_RUN;
    }
    boolean python = isPython(file);
    if (python && !args.isEmpty()) {
      err.println(
          source.displayName() + ": a Python program takes no arguments here, got " + args.size());
      return CANNOT_RUN;
    }
    if (python && threads != 1) {
      err.println(
          source.displayName()
              + ": a Python program starts its own threads (threading.Thread);"
              + " --threads is for assembler programs");
      return CANNOT_RUN;
    }
    if (!python && args.size() != code.paramCount()) {
      err.println(
          source.displayName()
              + ": the program takes "
              + code.paramCount()
              + " argument(s), got "
              + args.size());
      return CANNOT_RUN;
    }
    Interpreter.Builder b = interpreters.get().out(out).err(err);
    Interpreter interpreter = b.build();
    AtomicBoolean ended = new AtomicBoolean();
    Thread onInterrupt = new Thread(() -> interrupted(interpreter, ended), "KeyboardInterrupt");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try {
      return python
          ? runModule(interpreter, code, source)
          : runThreads(interpreter, code, args, source);
    } catch (VerifyException e) {
      err.println(e.getMessage());
      return CANNOT_RUN;
    } finally {
      // Unless the JVM is ending under the program, whose hook reported it and owns the end.
      if (ended.compareAndSet(false, true)) {
        removeHook(onInterrupt);
        afterRun.accept(interpreter);
        // Daemon threads the program left running end with the JVM, as CPython's do at exit;
        // the interpreter refuses to close under them, so it is left to them.
        if (interpreter.runningThreads() == 0) {
          interpreter.close();
        }
      }
    }
  }

  /** The JVM is ending while the program runs (Ctrl-C): report it, once, as CPython would. */
  private void interrupted(Interpreter interpreter, AtomicBoolean ended) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    err.println("KeyboardInterrupt");
    err.print(interpreter.gilStats().table());
    afterRun.accept(interpreter);
    err.flush();
    out.flush();
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM began to end just as the program did: the hook finds it ended and does nothing.
    }
  }

  /**
   * Prints {@code file}'s bytecode as CPython's {@code dis} lays it out ({@link Dis}) to the output
   * stream; answers the exit status. Nothing of the program runs.
   *
   * @param file the program file, not null
   * @return {@link #OK}, or {@link #CANNOT_RUN} with the reason on the error stream
   */
  public int dis(Path file) {
    checkNotNull(file, "file");
    try {
      out.print(Dis.dis(compile(SourceFile.read(file, maxSourceBytes))));
      return OK;
    } catch (CannotRun e) {
      err.println(e.getMessage());
      return CANNOT_RUN;
    }
  }

  private static Code compile(SourceFile source) throws CannotRun {
    try {
      if (isPython(source.path())) {
        return PythonCompiler.compile(source.text(), source.displayName());
      }
      return Assembler.assemble(source.displayName(), source.text());
    } catch (PythonSyntaxError e) {
      throw new CannotRun(e.format());
    } catch (VerifyException e) {
      throw new CannotRun(e.getMessage());
    }
  }

  private int runModule(Interpreter interpreter, Code module, SourceFile source) {
    try {
      interpreter.exec(module);
      return OK;
    } catch (InterpreterError e) {
      err.print(Traceback.format(e, source));
      return UNCAUGHT_ERROR;
    }
  }

  private int runThreads(Interpreter interpreter, Code code, List<String> args, SourceFile source)
      throws InterruptedException {
    Object[] values = args.stream().map(ProgramRunner::argument).toArray();
    List<InterpreterThread> started = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      started.add(interpreter.start(code, values));
    }
    int status = OK;
    for (InterpreterThread t : started) {
      t.thread().join();
      try {
        t.result();
      } catch (InterpreterError e) {
        err.print(Traceback.format(e, source));
        status = UNCAUGHT_ERROR;
      }
    }
    return status;
  }

  /** An argument of an assembler program: an int, True, False, None, or else a str. */
  static Object argument(String text) {
    if (Literals.isKeyword(text)) {
      return Literals.keyword(text);
    }
    return text.matches("-?[0-9]{1,18}") ? Long.parseLong(text) : text;
  }

  /** Why a program cannot run; the message is the one line (or caret block) the user reads. */
  static final class CannotRun extends Exception {
    private static final long serialVersionUID = 1L;

    CannotRun(String message) {
      super(message, null, false, false);
    }
  }

  /** Configures a {@link ProgramRunner}. Not thread-safe. */
  public static final class Builder extends ProgramStreams<Builder> {
    private Supplier<Interpreter.Builder> interpreters = Interpreter::builder;
    private long maxSourceBytes = SourceFile.DEFAULT_MAX_BYTES;
    private int threads = 1;
    private Consumer<Interpreter> afterRun = i -> {};

    private Builder() {}

    /**
     * Where each run gets its interpreter's builder, configured (policy, counts, budget, ...); the
     * runner sets its {@code out} and {@code err}. Default {@link Interpreter#builder()}.
     *
     * @param interpreters called once per run for the builder of that run's interpreter, not null
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder interpreters(Supplier<Interpreter.Builder> interpreters) {
      this.interpreters = checkNotNull(interpreters, "interpreters");
      return this;
    }

    /**
     * The largest source file read, in bytes; a larger one cannot run. Default 16 MiB.
     *
     * @param bytes the limit, positive
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    @CanIgnoreReturnValue
    public Builder maxSourceBytes(long bytes) {
      checkArgument(bytes > 0, "maxSourceBytes must be positive, got %s", bytes);
      this.maxSourceBytes = bytes;
      return this;
    }

    /**
     * Interpreter threads running an assembler program at once, 1 to 256; a Python program with
     * more than one cannot run. Default 1.
     *
     * @param threads the thread count
     * @return this builder
     * @throws IllegalArgumentException if {@code threads} is not between 1 and 256
     */
    @CanIgnoreReturnValue
    public Builder threads(int threads) {
      checkArgument(threads >= 1 && threads <= 256, "threads must be 1 to 256, got %s", threads);
      this.threads = threads;
      return this;
    }

    /**
     * Called with the interpreter after the program ended, before it closes (traces, stats), and
     * also when the JVM ends while the program runs. Default: nothing.
     *
     * @param afterRun what to do, not null
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder afterRun(Consumer<Interpreter> afterRun) {
      this.afterRun = checkNotNull(afterRun, "afterRun");
      return this;
    }

    /**
     * {@return a runner with this builder's settings; later changes to the builder do not reach it}
     */
    public ProgramRunner build() {
      return new ProgramRunner(this);
    }
  }
}

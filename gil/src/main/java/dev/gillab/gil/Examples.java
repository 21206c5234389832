package dev.gillab.gil;

import dev.gillab.gil.python.PythonCompiler;

/**
 * The small programs the chapter keeps coming back to, in one place: each is a Python file among
 * this module's resources ({@code dev/gillab/gil/programs/*.py}), and lessons, tests, benchmarks
 * and the workloads module load them from there rather than spelling them out again. {@link
 * #source} gives a program's text, {@link #module} its compiled module, and the accessors below the
 * functions the experiments call.
 *
 * <p>Stateless and thread-safe: each accessor's {@code Code} is compiled once, when the class
 * loads, while {@link #module} and {@link #function} compile the program anew on every call. A
 * {@code Code} is immutable either way, so one instance can run on any number of interpreters and
 * threads (each interpreter links it for itself).
 */
public final class Examples {
  private static final Code COUNTDOWN = function("countdown.py", "countdown");
  private static final Code ECHO_LOOP = function("echo_loop.py", "echo_loop");
  private static final Code PROBE_LOOP = function("probe_loop.py", "probe_loop");
  private static final Code NAP = function("nap.py", "nap");
  private static final Code SPIN = function("spin.py", "spin");

  private Examples() {}

  /**
   * {@code countdown(n)}: {@code while n > 0: n -= 1}, then returns {@code n} (so 0 for any {@code
   * n >= 0}). The CPU-bound loop of Beazley's GIL talks: no calls, no IO, only the interpreter's
   * own work and an eval-breaker check at each backward jump. It compiles to the same nine loop
   * instructions as the hand-written assembler once did.
   *
   * @return the function's code, of one parameter, {@code n}
   */
  public static Code countdown() {
    return COUNTDOWN;
  }

  /**
   * {@code echo_loop(n)}: {@code n} calls of {@code echo()}, then returns {@code None}. IO-bound
   * when the host registers {@code echo} (no arguments) as a GIL-releasing builtin that makes one
   * round trip; without one, the first call raises NameError.
   *
   * @return the function's code, of one parameter, {@code n}
   */
  public static Code echoLoop() {
    return ECHO_LOOP;
  }

  /**
   * {@code probe_loop()}: calls {@code probe()} until it answers True, then returns {@code None}.
   * Nothing but eval-breaker checks (a call and a backward jump each turn) around a builtin the
   * host registers holding the GIL — to count who is inside the eval loop, or to keep a thread busy
   * until told to stop.
   *
   * @return the function's code, of no parameters
   */
  public static Code probeLoop() {
    return PROBE_LOOP;
  }

  /**
   * {@code nap(ms)}: {@code time.sleep(ms / 1000)}, then returns {@code None}. The GIL is released
   * for the whole sleep, so any number of nappers sleep at once; an interrupted nap raises
   * KeyboardInterrupt. Needs no builtin from the host.
   *
   * @return the function's code, of one parameter, {@code ms}
   */
  public static Code nap() {
    return NAP;
  }

  /**
   * {@code spin(chunk)}: counts {@code chunk} down to zero again and again while {@code
   * keep_going()} answers True, then returns {@code None}. CPU-bound for as long as the host wants:
   * the host registers {@code keep_going} (no arguments, holding the GIL), which can also count the
   * chunks done.
   *
   * @return the function's code, of one parameter, {@code chunk}
   */
  public static Code spin() {
    return SPIN;
  }

  /**
   * The text of a program.
   *
   * @param file the program's file name ({@code "seed.py"}, {@code "racing_counter.py"}, ...)
   * @return the program's source text
   * @throws IllegalStateException if there is no program of that name
   */
  public static String source(String file) {
    return PythonCompiler.resourceText(Examples.class, "programs/" + file);
  }

  /**
   * Program {@code file}, compiled: the module code that {@link Interpreter#exec} runs. Each call
   * compiles it anew.
   *
   * @param file the program's file name, such as {@code "seed.py"}
   * @return the module code
   * @throws IllegalStateException if there is no program of that name or it does not compile
   */
  public static Code module(String file) {
    return PythonCompiler.compileResource(Examples.class, "programs/" + file);
  }

  /**
   * The function {@code name} that program {@code file} defines at its top level, compiled. Each
   * call compiles the program anew.
   *
   * @param file the program's file name, such as {@code "countdown.py"}
   * @param name the function's name
   * @return the function's code
   * @throws IllegalStateException if there is no program of that name or it does not compile
   * @throws IllegalArgumentException if the program defines no function of that name
   */
  public static Code function(String file, String name) {
    return module(file).nestedCode(name);
  }
}

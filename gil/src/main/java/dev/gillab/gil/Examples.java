package dev.gillab.gil;

/**
 * The small programs the chapter keeps coming back to, in one place: lessons, tests, benchmarks
 * and the workloads module run these rather than each spelling them out again. Each comes as its
 * assembler source (to print or to read) and as the assembled {@link Code}.
 *
 * <p>Stateless and thread-safe: the sources are constants and each {@code Code} is assembled once
 * and is immutable, so one instance can run on any number of interpreters and threads (each
 * interpreter links it for itself).
 */
public final class Examples {
  /**
   * {@code countdown(n)}: {@code while n > 0: n -= 1}, then returns {@code n} (so 0 for any
   * {@code n >= 0}). The CPU-bound loop of Beazley's GIL talks: no calls, no IO, only the
   * interpreter's own work and an eval-breaker check at each backward jump.
   */
  public static final String COUNTDOWN_SOURCE =
      String.join(
          "\n",
          "# countdown(n): while n > 0: n -= 1",
          ".params n",
          "loop:",
          "    LOAD_FAST n",
          "    LOAD_CONST 0",
          "    COMPARE_OP >",
          "    POP_JUMP_IF_FALSE end",
          "    LOAD_FAST n",
          "    LOAD_CONST 1",
          "    BINARY_OP -=",
          "    STORE_FAST n",
          "    JUMP_BACKWARD loop",
          "end: LOAD_FAST n",
          "    RETURN_VALUE");

  /**
   * {@code echo_loop(n)}: {@code for _ in range(n): echo()}, then returns {@code None}. IO-bound
   * when the host registers {@code echo} (no arguments) as a GIL-releasing builtin that makes one
   * round trip; an interpreter without an {@code echo} builtin refuses to load it.
   */
  public static final String ECHO_LOOP_SOURCE =
      String.join(
          "\n",
          "# echo_loop(n): for _ in range(n): echo()",
          ".params n",
          "loop: LOAD_FAST n",
          "    LOAD_CONST 0",
          "    COMPARE_OP >",
          "    POP_JUMP_IF_FALSE end",
          "    CALL echo 0",
          "    POP_TOP",
          "    LOAD_FAST n",
          "    LOAD_CONST 1",
          "    BINARY_OP -=",
          "    STORE_FAST n",
          "    JUMP_BACKWARD loop",
          "end: LOAD_CONST None",
          "    RETURN_VALUE");

  private static final Code COUNTDOWN = Assembler.assemble("countdown", COUNTDOWN_SOURCE);
  private static final Code ECHO_LOOP = Assembler.assemble("echo_loop", ECHO_LOOP_SOURCE);

  private Examples() {}

  /** {@link #COUNTDOWN_SOURCE} assembled, named {@code countdown}; one argument, {@code n}. */
  public static Code countdown() {
    return COUNTDOWN;
  }

  /** {@link #ECHO_LOOP_SOURCE} assembled, named {@code echo_loop}; one argument, {@code n}. */
  public static Code echoLoop() {
    return ECHO_LOOP;
  }
}

package dev.gillab.workloads.internal;

import dev.gillab.gil.Assembler;
import dev.gillab.gil.Code;
import dev.gillab.gil.Examples;

/**
 * The assembler programs the experiments run; the ones the gil chapter shares come from {@link
 * Examples}. Immutable constants.
 */
public final class Programs {
  private Programs() {}

  /** {@code while n > 0: n -= 1} — the CPU-bound loop of Beazley's talks and the seed. */
  public static final Code COUNTDOWN = Examples.countdown();

  /** {@code for _ in range(rounds): nap(); echo()} — blocking IO, every call releasing the GIL. */
  public static final Code IO_ROUNDS =
      Assembler.assemble(
          "io_rounds",
          String.join(
              "\n",
              ".params rounds",
              "loop: LOAD_FAST rounds",
              "    LOAD_CONST 0",
              "    COMPARE_OP >",
              "    POP_JUMP_IF_FALSE end",
              "    CALL nap 0",
              "    POP_TOP",
              "    CALL echo 0",
              "    POP_TOP",
              "    LOAD_FAST rounds",
              "    LOAD_CONST 1",
              "    BINARY_OP -=",
              "    STORE_FAST rounds",
              "    JUMP_BACKWARD loop",
              "end: LOAD_CONST None",
              "    RETURN_VALUE"));

  /**
   * {@code echo(); mark(); while more(): echo(); mark()} — timed round trips for as long as
   * {@code more()} says. The first, untimed round trip connects and settles the GIL, so the two
   * {@code mark()}s bracket only the round trips, not the thread's start. {@code mark} and {@code
   * more} are GIL-holding builtins the caller provides; {@code more} decides how many round trips
   * there are (a count, a time, or both).
   */
  public static final Code ECHO_LOOP =
      Assembler.assemble(
          "echo_loop",
          String.join(
              "\n",
              "    CALL echo 0",
              "    POP_TOP",
              "    CALL mark 0",
              "    POP_TOP",
              "loop: CALL more 0",
              "    POP_JUMP_IF_FALSE end",
              "    CALL echo 0",
              "    POP_TOP",
              "    JUMP_BACKWARD loop",
              "end: CALL mark 0",
              "    POP_TOP",
              "    LOAD_CONST None",
              "    RETURN_VALUE"));

  /**
   * CPU-bound until told to stop: countdown(chunk) again and again while {@code keep_going()}
   * (a GIL-holding builtin) answers True.
   */
  public static final Code SPIN_UNTIL_STOPPED =
      Assembler.assemble(
          "spin",
          String.join(
              "\n",
              ".params chunk",
              "outer: LOAD_FAST chunk",
              "    STORE_FAST n",
              "inner: LOAD_FAST n",
              "    LOAD_CONST 0",
              "    COMPARE_OP >",
              "    POP_JUMP_IF_FALSE check",
              "    LOAD_FAST n",
              "    LOAD_CONST 1",
              "    BINARY_OP -=",
              "    STORE_FAST n",
              "    JUMP_BACKWARD inner",
              "check: CALL keep_going 0",
              "    POP_JUMP_IF_FALSE end",
              "    JUMP_BACKWARD outer",
              "end: LOAD_CONST None",
              "    RETURN_VALUE"));

  /**
   * Hammers the shared global list {@code xs}: n times, append n, take an alias of the list and
   * drop it, read its length. Every step changes reference counts of shared objects.
   */
  public static final Code HAMMER_LIST =
      Assembler.assemble(
          "hammer",
          String.join(
              "\n",
              ".params n",
              "    CALL rendezvous 0",
              "    POP_TOP",
              "loop: LOAD_FAST n",
              "    LOAD_CONST 0",
              "    COMPARE_OP >",
              "    POP_JUMP_IF_FALSE end",
              "    LOAD_GLOBAL xs",
              "    LOAD_FAST n",
              "    LIST_APPEND 1",
              "    STORE_FAST alias",
              "    LOAD_FAST alias",
              "    CALL len 1",
              "    POP_TOP",
              "    LOAD_FAST n",
              "    LOAD_CONST 1",
              "    BINARY_OP -=",
              "    STORE_FAST n",
              "    JUMP_BACKWARD loop",
              "end: LOAD_CONST None",
              "    RETURN_VALUE"));

  /**
   * Takes two locks, the first then the second, meeting the other thread in between, then lets
   * go of both: with the other thread passing them the other way round, a deadlock.
   */
  public static final Code TWO_LOCKS =
      Assembler.assemble(
          "two_locks",
          String.join(
              "\n",
              ".params first second",
              "    LOAD_FAST first",
              "    CALL take 1",
              "    POP_TOP",
              "    CALL meet 0",
              "    POP_TOP",
              "    LOAD_FAST second",
              "    CALL take 1",
              "    POP_TOP",
              "    LOAD_FAST second",
              "    CALL give 1",
              "    POP_TOP",
              "    LOAD_FAST first",
              "    CALL give 1",
              "    POP_TOP",
              "    LOAD_CONST None",
              "    RETURN_VALUE"));

  /** Calls {@code probe()} until it answers True. */
  public static final Code PROBE_LOOP =
      Assembler.assemble(
          "probe_loop",
          String.join(
              "\n",
              "loop: CALL probe 0",
              "    POP_JUMP_IF_TRUE end",
              "    JUMP_BACKWARD loop",
              "end: LOAD_CONST None",
              "    RETURN_VALUE"));
}

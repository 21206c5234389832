package dev.gillab.workloads.internal;

import dev.gillab.gil.Code;
import dev.gillab.gil.Examples;
import dev.gillab.gil.python.PythonCompiler;

/**
 * The programs the experiments run: Python files among this module's resources ({@code
 * dev/gillab/workloads/programs/*.py}), each defining one function; the ones the gil chapter shares
 * come from {@link Examples}. The builtins they call ({@code echo}, {@code nap}, {@code
 * keep_going}, ...) are host functions each experiment registers on its interpreters. Immutable
 * constants.
 */
public final class Programs {
  private Programs() {}

  /** {@code while n > 0: n -= 1} — the CPU-bound loop of Beazley's talks and the seed. */
  public static final Code COUNTDOWN = Examples.countdown();

  /**
   * {@code io_rounds(rounds)}: nap(), then echo(), {@code rounds} times — every call releasing the
   * GIL.
   */
  public static final Code IO_ROUNDS = function("io_rounds.py", "io_rounds");

  /**
   * {@code timed_echoes()}: one untimed echo(), then mark(), echo() while more(), mark() — timed
   * round trips for as long as {@code more()} says (a count, a time, or both).
   */
  public static final Code ECHO_LOOP = function("timed_echoes.py", "timed_echoes");

  /** {@code spin(chunk)}: countdown(chunk) again and again while {@code keep_going()}. */
  public static final Code SPIN_UNTIL_STOPPED = Examples.spin();

  /**
   * {@code hammer(n)}: n times, append to the shared global list {@code xs}, take an alias of it
   * and drop it, read its length — every step changes reference counts of shared objects.
   */
  public static final Code HAMMER_LIST = function("hammer.py", "hammer");

  /**
   * {@code two_locks(first, second)}: take the first, meet the other thread, take the second, let
   * go of both; with the other thread passing them the other way round, a deadlock.
   */
  public static final Code TWO_LOCKS = function("two_locks.py", "two_locks");

  /** {@code naps(rounds)}: nap(), {@code rounds} times — the traced run's IO-bound thread. */
  public static final Code NAPS = function("naps.py", "naps");

  /** {@code probe_loop()}: calls {@code probe()} until it answers True. */
  public static final Code PROBE_LOOP = Examples.probeLoop();

  private static Code function(String file, String name) {
    return PythonCompiler.compileResource(Programs.class, "/dev/gillab/workloads/programs/" + file)
        .nestedCode(name);
  }
}

package dev.gillab.workloads.internal;

import com.google.errorprone.annotations.Immutable;
import dev.gillab.gil.GilStats;
import dev.gillab.gil.GilThreadStats;
import dev.gillab.gil.Interpreter;

/**
 * What the GIL's own counters ({@link Interpreter#gilStats()}) say about a run: the switches since
 * a starting point, and how long the interpreter's threads held the GIL and waited for it; with the
 * instructions the threads ran ({@link Interpreter#instructionsExecuted()}), the same in every mode
 * of one experiment when the modes are fair to each other. The thread that built the interpreter
 * (construction takes the GIL) is left out: it is not one of the run's threads. Figures of several
 * interpreters (subinterpreters, processes) add up. Immutable.
 */
@Immutable
public record GilFigures(long switches, long heldNanos, long waitingNanos, long instructions) {
  /** Nothing yet: the start of a sum. */
  public static final GilFigures ZERO = new GilFigures(0, 0, 0, 0);

  /**
   * {@code in}'s figures now: switches since {@code switchesBefore}, held and waiting time of every
   * thread but {@code builderThreadId}, instructions since it was built.
   */
  public static GilFigures of(Interpreter in, long switchesBefore, long builderThreadId) {
    GilStats stats = in.gilStats();
    long held = 0;
    long waiting = 0;
    for (GilThreadStats t : stats.threads()) {
      if (t.threadId() != builderThreadId) {
        held += t.heldNanos();
        waiting += t.waitingNanos();
      }
    }
    return new GilFigures(
        stats.switches() - switchesBefore, held, waiting, in.instructionsExecuted());
  }

  public GilFigures plus(GilFigures o) {
    return new GilFigures(
        switches + o.switches,
        heldNanos + o.heldNanos,
        waitingNanos + o.waitingNanos,
        instructions + o.instructions);
  }

  /** Waiting over holding plus waiting, in percent (0 when nobody held it). */
  public double waitPercent() {
    long total = heldNanos + waitingNanos;
    return total <= 0 ? 0 : 100.0 * waitingNanos / total;
  }

  /** A sample of {@code seconds} with these figures, or with none where there is no GIL. */
  public Sample sample(double seconds, boolean hasGil) {
    return hasGil
        ? new Sample(seconds, switches, waitPercent(), instructions)
        : new Sample(seconds, null, null, instructions);
  }
}

package dev.gillab.threads.lessons;

import dev.gillab.threads.tally.Expect;
import dev.gillab.threads.tally.OutcomeTally;
import dev.gillab.threads.tally.TallyResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Broken: {@code count++} from several threads, with no lock, loses updates.
 *
 * <h2>The idea</h2>
 *
 * {@code count++} looks like one step but is three: read {@code count}, add one, write it back.
 * When two threads read the same value before either writes, both write that value plus one, and
 * one increment vanishes. Four threads each increment a shared counter a million times; the total
 * comes out short, by a different amount every run.
 *
 * <p>The counter is {@code volatile} only so that the JIT compiler cannot fold a thread's whole
 * loop into one {@code count += 1_000_000} (which would hide the race inside a single write).
 * {@code volatile} makes every read and write real and visible; it does not make the three steps
 * one, so updates are still lost. {@link Threads_03_Fixed} shows what does.
 *
 * <p>The second part shrinks the race to its core with an outcome tally: a fresh {@code x = 0}, two
 * threads each do {@code x++} once, and the tally counts how often the result was 2 and how often 1
 * (both read 0). How often 1 shows up depends on the machine and its load, and on some runs it may
 * not show up at all: a tally shows what happened, not what can happen.
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl thread-model exec:java -Dexec.mainClass=dev.gillab.threads.lessons.Threads_02_LostUpdate
 * </pre>
 *
 * <h2>Output</h2>
 *
 * (figures vary from run to run)
 *
 * <pre>
 * 4 threads each do count++ 1,000,000 times on one shared counter, without a lock
 * expected: 4,000,000
 * observed: 2,534,773
 * lost:     1,465,227 (36.6%)
 * count++ is read, add, write: two threads that read the same value both write value+1.
 *
 * The race in miniature: x = 0, two threads each do x++ once; 20,000 rounds
 * x++ by two threads: 20,000 rounds in 52 ms, stopped by the round bound
 * RESULT  SAMPLES    FREQ  EXPECT                  DESCRIPTION
 * 2        19,790  98.95%  ACCEPTABLE              both increments landed
 * 1           210   1.05%  ACCEPTABLE_INTERESTING  both read 0: one increment lost
 * </pre>
 *
 * <p>Thread-safety: deliberately not thread-safe (that is the lesson); run one at a time, as {@code
 * main} resets the counter.
 */
public final class Threads_02_LostUpdate {

  static final int THREADS = 4;
  static final int INCREMENTS = 1_000_000;
  static final int ROUNDS = 20_000;

  // Deliberately unguarded: this lesson is the race.
  static volatile int count;

  private Threads_02_LostUpdate() {}

  /** One round's state for the miniature: a plain int both actors increment. */
  static final class Counter {
    int x;
  }

  public static void main(String[] args) throws InterruptedException {
    run(System.out);
  }

  @SuppressWarnings("NonAtomicVolatileUpdate") // the non-atomic update is the lesson
  static void run(PrintStream out) throws InterruptedException {
    count = 0;
    StartTogether.run(
        THREADS,
        "adder",
        () -> {
          for (int i = 0; i < INCREMENTS; i++) {
            count++;
          }
        });
    long expected = (long) THREADS * INCREMENTS;
    long observed = count;
    long lost = expected - observed;
    out.printf(
        Locale.ROOT,
        "%d threads each do count++ %,d times on one shared counter, without a lock%n",
        THREADS,
        INCREMENTS);
    out.printf(Locale.ROOT, "expected: %,d%n", expected);
    out.printf(Locale.ROOT, "observed: %,d%n", observed);
    out.printf(Locale.ROOT, "lost:     %,d (%.1f%%)%n", lost, 100.0 * lost / expected);
    out.println(
        lost > 0
            ? "count++ is read, add, write: two threads that read the same value both write"
                + " value+1."
            : "No update lost this time: the threads happened not to overlap. Run it again.");

    out.println();
    out.printf(
        Locale.ROOT,
        "The race in miniature: x = 0, two threads each do x++ once; %,d rounds%n",
        ROUNDS);
    out.print(miniature(ROUNDS, Duration.ofSeconds(2)));
  }

  /**
   * The race in miniature: each round a fresh {@code x = 0}, two threads each do {@code x++} once,
   * and the tally counts how often the result was 2 and how often 1.
   */
  static TallyResult<Integer> miniature(long rounds, Duration timeLimit) {
    return OutcomeTally.builder(Counter::new, c -> c.x)
        .name("x++ by two threads")
        .actor("left", c -> c.x++)
        .actor("right", c -> c.x++)
        .expect(2, Expect.ACCEPTABLE, "both increments landed")
        .expect(1, Expect.ACCEPTABLE_INTERESTING, "both read 0: one increment lost")
        .rounds(rounds)
        .timeLimit(timeLimit)
        .run();
  }
}

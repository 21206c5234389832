package dev.gillab.threads.lessons;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.gillab.threads.tally.Expect;
import dev.gillab.threads.tally.OutcomeTally;
import dev.gillab.threads.tally.TallyResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fixed: the same increments, made exact with {@code synchronized}, with atomics, and with a lock.
 *
 * <h2>The idea</h2>
 *
 * The lost update of {@link Threads_02_LostUpdate} happens because another thread can slip in
 * between the read and the write of {@code count++}. Any of these closes that gap:
 *
 * <ul>
 *   <li>{@code synchronized}: one thread at a time runs the increment, holding the monitor of a
 *       lock object; the next holder sees what the previous one wrote.
 *   <li>An atomic: {@code AtomicInteger.incrementAndGet()} does read, add and write as one
 *       indivisible step (a compare-and-set in hardware). {@code LongAdder} spreads the counts over
 *       cells so threads rarely collide, and sums them when asked: the fastest under contention,
 *       but its sum is only exact once the adders have stopped.
 *   <li>A {@code ReentrantLock}: the same mutual exclusion as {@code synchronized}, as an object
 *       you can try with a timeout or interrupt; always unlock in {@code finally}.
 * </ul>
 *
 * Each counter gets the same four threads and million increments per thread as before, and each
 * comes out exact, every run. The tally of the miniature race, now with the increment under a lock,
 * grades 1 as forbidden: it is never seen.
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl thread-model exec:java -Dexec.mainClass=dev.gillab.threads.lessons.Threads_03_Fixed
 * </pre>
 *
 * <h2>Output</h2>
 *
 * (the tally's time varies)
 *
 * <pre>
 * 4 threads each add 1 to a shared counter 1,000,000 times; expected 4,000,000
 * synchronized (LOCK) { count++; }           4,000,000  exact
 * AtomicInteger.incrementAndGet()            4,000,000  exact
 * LongAdder.increment()                      4,000,000  exact
 * lock.lock(); count++; finally unlock()     4,000,000  exact
 *
 * The miniature again, x++ inside synchronized; 20,000 rounds
 * synchronized x++ by two threads: 20,000 rounds in 60 ms, stopped by the round bound
 * RESULT  SAMPLES     FREQ  EXPECT      DESCRIPTION
 * 2        20,000  100.00%  ACCEPTABLE  both increments landed
 * 1             0    0.00%  FORBIDDEN   a lost update: the lock did not hold
 * </pre>
 *
 * <p>Thread-safety: every counter here is thread-safe; run the lesson one at a time all the same,
 * as {@code main} resets the counters before it counts.
 */
public final class Threads_03_Fixed {

  static final int THREADS = Threads_02_LostUpdate.THREADS;
  static final int INCREMENTS = Threads_02_LostUpdate.INCREMENTS;
  static final int ROUNDS = Threads_02_LostUpdate.ROUNDS;

  private static final Object LOCK = new Object();
  private static final ReentrantLock REENTRANT = new ReentrantLock();

  @GuardedBy("LOCK")
  private static int synchronizedCount;

  @GuardedBy("REENTRANT")
  private static int lockedCount;

  private Threads_03_Fixed() {}

  /** One round's state for the miniature: an int guarded by the state's own monitor. */
  static final class Counter {
    @GuardedBy("this")
    int x;

    synchronized void increment() {
      x++;
    }

    synchronized int get() {
      return x;
    }
  }

  public static void main(String[] args) throws InterruptedException {
    run(System.out);
  }

  static void run(PrintStream out) throws InterruptedException {
    long expected = (long) THREADS * INCREMENTS;
    out.printf(
        Locale.ROOT,
        "%d threads each add 1 to a shared counter %,d times; expected %,d%n",
        THREADS,
        INCREMENTS,
        expected);

    synchronized (LOCK) {
      synchronizedCount = 0;
    }
    hammer(
        () -> {
          synchronized (LOCK) {
            synchronizedCount++;
          }
        });
    long viaSynchronized;
    synchronized (LOCK) {
      viaSynchronized = synchronizedCount;
    }
    report(out, "synchronized (LOCK) { count++; }", viaSynchronized, expected);

    AtomicInteger atomic = new AtomicInteger();
    hammer(atomic::incrementAndGet);
    report(out, "AtomicInteger.incrementAndGet()", atomic.get(), expected);

    LongAdder adder = new LongAdder();
    hammer(adder::increment);
    report(out, "LongAdder.increment()", adder.sum(), expected);

    REENTRANT.lock();
    try {
      lockedCount = 0;
    } finally {
      REENTRANT.unlock();
    }
    hammer(
        () -> {
          REENTRANT.lock();
          try {
            lockedCount++;
          } finally {
            REENTRANT.unlock();
          }
        });
    long viaLock;
    REENTRANT.lock();
    try {
      viaLock = lockedCount;
    } finally {
      REENTRANT.unlock();
    }
    report(out, "lock.lock(); count++; finally unlock()", viaLock, expected);

    out.println();
    out.printf(Locale.ROOT, "The miniature again, x++ inside synchronized; %,d rounds%n", ROUNDS);
    TallyResult<Integer> tally =
        OutcomeTally.builder(Counter::new, Counter::get)
            .name("synchronized x++ by two threads")
            .actor("left", Counter::increment)
            .actor("right", Counter::increment)
            .expect(2, Expect.ACCEPTABLE, "both increments landed")
            .expect(1, Expect.FORBIDDEN, "a lost update: the lock did not hold")
            .rounds(ROUNDS)
            .timeLimit(Duration.ofSeconds(2))
            .run();
    out.print(tally);
  }

  /** Every thread runs {@code increment} {@link #INCREMENTS} times, all started together. */
  private static void hammer(Runnable increment) throws InterruptedException {
    StartTogether.run(
        THREADS,
        "adder",
        () -> {
          for (int i = 0; i < INCREMENTS; i++) {
            increment.run();
          }
        });
  }

  private static void report(PrintStream out, String how, long observed, long expected) {
    out.printf(
        Locale.ROOT,
        "%-40s %,11d  %s%n",
        how,
        observed,
        observed == expected ? "exact" : "WRONG, expected " + expected);
  }
}

package dev.gillab.workloads.bench;

import dev.gillab.testing.Xorshift;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongUnaryOperator;

/**
 * Whether the machine gives two threads two cores' worth right now: plain Java loops (no
 * interpreter, no GIL, nothing shared) timed on one thread, then on two at once, each doing the
 * same work. On a machine whose two cores are really two the ratio is 2. Two loops, each round: one
 * that stays in registers (a xorshift generator), and one shaped like an interpreter (an array of
 * opcodes, a switch, a count in a field of a heap object that every turn loads or stores). Where
 * the machine's cores slow down now and then for loads, stores and branches, and not for arithmetic
 * in registers, the first holds near 2 and the second moves from round to round as the cpu
 * experiment's two-worker figures do. Args: rounds (default 3). Prints one line per round.
 *
 * <p>Run: {@code mvn -B -q install -DskipTests && mvn -B -q -pl workloads exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.gillab.workloads.bench.TwoCores}
 */
public final class TwoCores {
  private static final long WORK = 200_000_000L;
  private static final long DISPATCHED = 100_000_000L;
  private static volatile long sink;
  private static volatile Counter published;

  private TwoCores() {}

  public static void main(String[] args) throws InterruptedException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    for (int i = 0; i < 3; i++) { // warm-up: the loops compiled before any round is timed
      time(1, WORK / 4, TwoCores::registers);
      time(2, WORK / 4, TwoCores::registers);
      time(1, DISPATCHED / 4, TwoCores::dispatched);
      time(2, DISPATCHED / 4, TwoCores::dispatched);
    }
    for (int r = 0; r < rounds; r++) {
      double one = time(1, WORK, TwoCores::registers);
      double two = time(2, WORK, TwoCores::registers);
      double oneDispatched = time(1, DISPATCHED, TwoCores::dispatched);
      double twoDispatched = time(2, DISPATCHED, TwoCores::dispatched);
      if (published.value != 0) {
        throw new AssertionError("the dispatch loop stopped before its count reached 0");
      }
      System.out.printf(
          "registers: one thread %.3f s, two %.3f s, %.2fx; dispatch loop: one thread %.3f s,"
              + " two %.3f s, %.2fx%n",
          one, two, 2 * one / two, oneDispatched, twoDispatched, 2 * oneDispatched / twoDispatched);
    }
  }

  /** The xorshift loop; never 0 from a non-zero seed, so a 0 says the loop did not run. */
  private static long registers(long work) {
    return Xorshift.spin(0x9E3779B97F4A7C15L, work);
  }

  /**
   * countdown({@code n}) through a switch on an array of opcodes, the count in a field of a heap
   * object this thread made and published (so the JIT keeps it on the heap); answers the turns it
   * dispatched, never 0.
   */
  private static long dispatched(long n) {
    Counter c = new Counter();
    c.value = n;
    published = c;
    int[] program = {0, 1, 2, 3, 4}; // load, compare and jump, decrement, jump back, return
    long turns = 0;
    long loaded = 0;
    int pc = 0;
    while (true) {
      turns++;
      switch (program[pc]) {
        case 0 -> {
          loaded = c.value;
          pc++;
        }
        case 1 -> pc = loaded > 0 ? pc + 1 : 4;
        case 2 -> {
          c.value = loaded - 1;
          pc++;
        }
        case 3 -> pc = 0;
        default -> {
          return turns;
        }
      }
    }
  }

  /** The count of {@link #dispatched}: a heap object, as the interpreter's int is. */
  private static final class Counter {
    long value;
  }

  /**
   * Seconds for {@code threads} threads, started together, each to run {@code loop} for {@code
   * work}.
   */
  private static double time(int threads, long work, LongUnaryOperator loop)
      throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    Thread[] ts = new Thread[threads];
    for (int i = 0; i < threads; i++) {
      ts[i] =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                sink = loop.applyAsLong(work); // a volatile write keeps the loop
              });
      ts[i].start();
    }
    long start = System.nanoTime();
    go.countDown();
    for (Thread t : ts) {
      t.join(60_000);
      if (t.isAlive()) {
        throw new IllegalStateException("a thread took more than 60 s: " + t.getName());
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (sink == 0) { // never, from a non-zero seed: the loop ran
      throw new AssertionError("a loop answered 0: it did not run");
    }
    return seconds;
  }
}

package dev.gillab.workloads.bench;

import dev.gillab.testing.Xorshift;
import java.util.concurrent.CountDownLatch;

/**
 * Whether the machine gives two threads two cores' worth right now: a plain Java loop (no
 * interpreter, no GIL, nothing shared) timed on one thread, then on two at once, each doing the
 * same work. The ratio is the speed-up any two-worker figure of the cpu experiment can reach at
 * best; on a machine whose two cores are really two it is 2. Args: rounds (default 3). Prints one
 * line per round.
 *
 * <p>Run: {@code mvn -B -q install -DskipTests && mvn -B -q -pl workloads exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.gillab.workloads.bench.TwoCores}
 */
public final class TwoCores {
  private static final long WORK = 200_000_000L;
  private static volatile long sink;

  private TwoCores() {}

  public static void main(String[] args) throws InterruptedException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    for (int i = 0; i < 3; i++) { // warm-up: the loop compiled before any round is timed
      time(1, WORK / 4);
      time(2, WORK / 4);
    }
    for (int r = 0; r < rounds; r++) {
      double one = time(1, WORK);
      double two = time(2, WORK);
      System.out.printf(
          "one thread %.3f s, two threads %.3f s: two threads ran at %.2fx one%n",
          one, two, 2 * one / two);
    }
  }

  /** Seconds for {@code threads} threads, started together, each to do {@code work} turns. */
  private static double time(int threads, long work) throws InterruptedException {
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
                sink = Xorshift.spin(0x9E3779B97F4A7C15L, work); // a volatile write keeps the loop
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
      throw new AssertionError("the xorshift loop answered 0");
    }
    return seconds;
  }
}

package dev.gillab.locks.lessons;

import dev.gillab.locks.DeadlockReport;
import dev.gillab.locks.LockSet;
import dev.gillab.locks.OwnedLock;
import dev.gillab.locks.Policy;
import dev.gillab.locks.PotentialDeadlockException;
import java.util.ArrayList;
import java.util.List;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * A deadlock needs bad timing; the mistake that allows it does not. worker-1 takes A then B and
 * finishes; only afterwards worker-2 takes B then A. Nothing ever waits, so nothing deadlocks, and
 * a test would pass. The lock-order checker remembers "A before B" from worker-1, so worker-2's "B
 * before A" closes a cycle in the order graph: it warns, with the stack that first established A ->
 * B. Each edge is reported once and validated edges are cached, so the learned order costs a lookup
 * from then on. With THROW the offending acquisition is refused before the lock is taken.
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl locks exec:java -Dexec.mainClass=dev.gillab.locks.lessons.Deadlock_04_PotentialDeadlock
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * == 1. WARN: worker-1 takes A then B; later worker-2 takes B then A
 * worker-1: took A then B, no wait, no deadlock
 * worker-2: took B then A, no wait, no deadlock
 * warnings: 1
 * potential deadlock: worker-2 acquires A while holding B, but A -&gt; B was established before; lock-order cycle: B -&gt; A -&gt; B
 *   B -&gt; A attempted now by worker-2 at:
 *   A -&gt; B first established by worker-1 at:
 * after 20,000 more nestings in both orders: warnings 1
 * == 2. THROW: the same mistake is refused before the lock is taken
 * worker-1: took A then B, no wait, no deadlock
 * worker-2: PotentialDeadlockException: potential deadlock: worker-2 acquires A while holding B, but A -&gt; B was established before; lock-order cycle: B -&gt; A -&gt; B; A taken: false
 * </pre>
 */
public final class Deadlock_04_PotentialDeadlock {
  private Deadlock_04_PotentialDeadlock() {}

  public static void main(String[] args) throws InterruptedException {
    Thread.currentThread().setName("main"); // as under plain java; exec:java names its own thread
    System.out.println("== 1. WARN: worker-1 takes A then B; later worker-2 takes B then A");
    List<DeadlockReport> warnings = new ArrayList<>();
    LockSet warn =
        LockSet.builder()
            .waitFor(Policy.THROW)
            .order(Policy.WARN)
            .listener(
                r -> {
                  synchronized (warnings) {
                    warnings.add(r);
                  }
                })
            .build();
    OwnedLock a = warn.newLock("A");
    OwnedLock b = warn.newLock("B");
    System.out.println("worker-1: " + Lock_01_OneHolder.onThread("worker-1", () -> nest(a, b)));
    System.out.println("worker-2: " + Lock_01_OneHolder.onThread("worker-2", () -> nest(b, a)));
    synchronized (warnings) {
      DeadlockReport first = warnings.get(0);
      System.out.println("warnings: " + warnings.size());
      System.out.println(first.summary());
      String[] details = first.details().split("\n", -1);
      for (String line : details) {
        if (line.startsWith("  ") && !line.startsWith("      ")) {
          System.out.println(line);
        }
      }
    }
    for (int i = 0; i < 10_000; i++) {
      nest(a, b);
      nest(b, a);
    }
    synchronized (warnings) {
      System.out.println("after 20,000 more nestings in both orders: warnings " + warnings.size());
    }

    System.out.println("== 2. THROW: the same mistake is refused before the lock is taken");
    LockSet strict = LockSet.builder().order(Policy.THROW).build();
    OwnedLock c = strict.newLock("A");
    OwnedLock d = strict.newLock("B");
    System.out.println("worker-1: " + Lock_01_OneHolder.onThread("worker-1", () -> nest(c, d)));
    System.out.println(
        "worker-2: "
            + Lock_01_OneHolder.onThread(
                "worker-2",
                () -> {
                  try {
                    return nest(d, c);
                  } catch (PotentialDeadlockException e) {
                    return "PotentialDeadlockException: "
                        + e.report().summary()
                        + "; A taken: "
                        + c.isLocked();
                  }
                }));
  }

  private static String nest(OwnedLock outer, OwnedLock inner) throws InterruptedException {
    outer.acquire();
    try {
      inner.acquire();
      inner.release();
      return "took " + outer.name() + " then " + inner.name() + ", no wait, no deadlock";
    } finally {
      outer.release();
    }
  }
}

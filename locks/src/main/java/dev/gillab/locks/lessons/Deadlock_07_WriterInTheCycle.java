package dev.gillab.locks.lessons;

import dev.gillab.locks.DeadlockException;
import dev.gillab.locks.DeadlockReport;
import dev.gillab.locks.Hold;
import dev.gillab.locks.LockSet;
import dev.gillab.locks.OwnedReadWriteLock;
import dev.gillab.locks.Policy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * Which opposite orders of read/write locks can deadlock? Linux lockdep's answer: a cycle is a
 * deadlock unless some lock on it is read on both sides, taken by a read on one edge and held by a
 * read on the next, where two threads meet that never wait for each other. So a write anywhere on
 * the cycle is not enough; it must keep every lock of the cycle from being read on both sides. The
 * lock-order checker applies that rule to four pairs of nestings, each run by worker-1 and then by
 * worker-2, one after the other, so nothing ever waits: two are reported, two not. Then real
 * threads run the first reported pair: worker-1 reads A and wants to write B (worker-2 reads it),
 * worker-2 reads B and wants to write A (worker-1 reads it); a writer waits for every reader, so
 * that is a real wait-for cycle, and with THROW the wait that would close it is refused.
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl locks exec:java -Dexec.mainClass=dev.gillab.locks.lessons.Deadlock_07_WriterInTheCycle
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * == 1. The order checker: worker-1 nests first, worker-2 later; nothing waits
 * worker-1 read A, read B; worker-2 read B, read A: not reported
 * worker-1 read A, write B; worker-2 read B, write A: reported
 * worker-1 write A, write B; worker-2 write B, write A: reported
 * worker-1 read A, read B; worker-2 write B, read A: not reported (A is read on both sides)
 * the first report: potential deadlock: worker-2 acquires A (write) while holding B (read), but A (read) -&gt; B (write) was established before; lock-order cycle: B (read) -&gt; A (write), A (read) -&gt; B (write)
 * == 2. Real threads, wait-for THROW: worker-1 reads A then writes B, worker-2 reads B then writes A
 * worker-2: DeadlockException: deadlock: worker-1 holds A (read) and waits for B (write); worker-2 holds B (read) and waits for A (write)
 * worker-2 released B; worker-1 wrote B and finished
 * </pre>
 */
public final class Deadlock_07_WriterInTheCycle {
  private Deadlock_07_WriterInTheCycle() {}

  /** How a nesting takes a lock. */
  enum Mode {
    READ,
    WRITE;

    /** Takes {@code lock} on this side, as a hold that gives it back when closed. */
    Hold hold(OwnedReadWriteLock lock) throws InterruptedException {
      return this == READ ? lock.holdRead() : lock.holdWrite();
    }

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static void main(String[] args) throws InterruptedException {
    Thread.currentThread().setName("main"); // as under plain java; exec:java names its own thread
    System.out.println(
        "== 1. The order checker: worker-1 nests first, worker-2 later; nothing " + "waits");
    List<DeadlockReport> first = pair(Mode.READ, Mode.READ, Mode.READ, Mode.READ, "");
    List<DeadlockReport> second = pair(Mode.READ, Mode.WRITE, Mode.READ, Mode.WRITE, "");
    pair(Mode.WRITE, Mode.WRITE, Mode.WRITE, Mode.WRITE, "");
    pair(Mode.READ, Mode.READ, Mode.WRITE, Mode.READ, " (A is read on both sides)");
    if (!first.isEmpty()) {
      throw new IllegalStateException("read after read was reported: " + first);
    }
    System.out.println("the first report: " + second.get(0).summary());

    System.out.println(
        "== 2. Real threads, wait-for THROW: worker-1 reads A then writes B, "
            + "worker-2 reads B then writes A");
    LockSet set = LockSet.builder().waitFor(Policy.THROW).order(Policy.DISABLED).build();
    OwnedReadWriteLock a = set.newReadWriteLock("A");
    OwnedReadWriteLock b = set.newReadWriteLock("B");
    CountDownLatch bothRead = new CountDownLatch(2);
    AtomicReference<String> outcome1 = new AtomicReference<>();
    AtomicReference<String> outcome2 = new AtomicReference<>();
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    Thread w1 =
        Bounded.start(
            "worker-1", () -> outcome1.set(readThenWrite(a, b, bothRead, null)), failures);
    Thread w2 =
        Bounded.start("worker-2", () -> outcome2.set(readThenWrite(b, a, bothRead, w1)), failures);
    Bounded.join(w1, w2);
    if (!failures.isEmpty()) {
      throw new IllegalStateException(String.join("; ", failures));
    }
    System.out.println("worker-2: " + outcome2.get());
    System.out.println("worker-2 released B; worker-1 " + outcome1.get());
  }

  /**
   * worker-1 nests {@code m1} A then {@code m2} B; then worker-2 {@code m3} B then {@code m4} A;
   * prints the verdict and answers the reports.
   */
  private static List<DeadlockReport> pair(Mode m1, Mode m2, Mode m3, Mode m4, String why)
      throws InterruptedException {
    List<DeadlockReport> reports = Collections.synchronizedList(new ArrayList<>());
    LockSet set =
        LockSet.builder()
            .waitFor(Policy.DISABLED)
            .order(Policy.WARN)
            .listener(reports::add)
            .build();
    OwnedReadWriteLock a = set.newReadWriteLock("A");
    OwnedReadWriteLock b = set.newReadWriteLock("B");
    String done1 = Lock_01_OneHolder.onThread("worker-1", () -> nest(a, m1, b, m2));
    String done2 = Lock_01_OneHolder.onThread("worker-2", () -> nest(b, m3, a, m4));
    if (!done1.equals("done") || !done2.equals("done")) {
      throw new IllegalStateException(done1 + "; " + done2);
    }
    System.out.println(
        "worker-1 "
            + m1
            + " A, "
            + m2
            + " B; worker-2 "
            + m3
            + " B, "
            + m4
            + " A: "
            + (reports.isEmpty() ? "not reported" + why : "reported"));
    return reports;
  }

  @SuppressWarnings("try") // the holds are never named in their blocks: holding is their job
  private static String nest(
      OwnedReadWriteLock outer, Mode outerMode, OwnedReadWriteLock inner, Mode innerMode)
      throws InterruptedException {
    try (Hold outerHeld = outerMode.hold(outer);
        Hold innerHeld = innerMode.hold(inner)) {
      return "done";
    }
  }

  /**
   * Reads {@code first}, waits until both read, then writes {@code second}; the thread given {@code
   * parkedFirst} waits until that one is parked, so that its own wait closes the cycle.
   */
  private static String readThenWrite(
      OwnedReadWriteLock first,
      OwnedReadWriteLock second,
      CountDownLatch bothRead,
      @Nullable Thread parkedFirst)
      throws InterruptedException {
    first.acquireRead();
    try {
      bothRead.countDown();
      Bounded.await(bothRead, "both first reads");
      if (parkedFirst != null) {
        Bounded.awaitParked(parkedFirst, OwnedReadWriteLock.class.getName());
      }
      second.acquireWrite();
      second.releaseWrite();
      return "wrote " + second.name() + " and finished";
    } catch (DeadlockException e) {
      return "DeadlockException: " + e.report().summary();
    } finally {
      first.releaseRead();
    }
  }
}

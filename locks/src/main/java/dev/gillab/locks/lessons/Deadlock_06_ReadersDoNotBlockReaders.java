package dev.gillab.locks.lessons;

import dev.gillab.locks.DeadlockReport;
import dev.gillab.locks.LockSet;
import dev.gillab.locks.OwnedReadWriteLock;
import dev.gillab.locks.Policy;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * Readers share a read/write lock, so reading A then B on one thread and B then A on another looks
 * harmless: nobody waits for a reader. In {@code java.util.concurrent}'s {@code
 * ReentrantReadWriteLock} that is not so. To keep writers from starving, a new reader waits while a
 * writer is first in the queue, so with a writer queued on each lock every thread stops: worker-1
 * waits behind writer-B, who waits for worker-2's read of B; worker-2 waits behind writer-A, who
 * waits for worker-1's read of A. No JVM tool sees it: readers own nothing that {@code
 * ThreadMXBean} can name, and main has to interrupt all four. Linux lockdep calls such readers
 * non-recursive. {@code OwnedReadWriteLock} makes its readers recursive: a reader waits only for a
 * writer that <em>holds</em> the lock, never behind a queued one, so the same four threads all
 * finish, and the lock-order checker rightly reports nothing for reads taken in either order. The
 * price is the one lockdep names: a steady stream of readers can keep a writer waiting.
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl locks exec:java -Dexec.mainClass=dev.gillab.locks.lessons.Deadlock_06_ReadersDoNotBlockReaders
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * == 1. ReentrantReadWriteLock: worker-1 reads A then B, worker-2 reads B then A, a writer queued on each lock
 * waiting: worker-1, worker-2, writer-A, writer-B
 * ThreadMXBean.findDeadlockedThreads: none
 * main interrupts all four: worker-1 interrupted, worker-2 interrupted, writer-A interrupted, writer-B interrupted
 * == 2. OwnedReadWriteLock: the same four threads; readers pass the queued writers
 * worker-1 read A then B; worker-2 read B then A; writer-A wrote A; writer-B wrote B
 * reports from both detectors: 0
 * </pre>
 */
public final class Deadlock_06_ReadersDoNotBlockReaders {
  private Deadlock_06_ReadersDoNotBlockReaders() {}

  /** Two read/write locks, A (0) and B (1), of either kind. */
  interface TwoLocks {
    void read(int lock) throws InterruptedException;

    void unread(int lock);

    void write(int lock) throws InterruptedException;

    void unwrite(int lock);
  }

  private static final String[] NAMES = {"A", "B"};

  public static void main(String[] args) throws InterruptedException {
    Thread.currentThread().setName("main"); // as under plain java; exec:java names its own thread
    System.out.println(
        "== 1. ReentrantReadWriteLock: worker-1 reads A then B, worker-2 reads B "
            + "then A, a writer queued on each lock");
    ReentrantReadWriteLock[] jdk = {new ReentrantReadWriteLock(), new ReentrantReadWriteLock()};
    Four stuck =
        new Four(
            new TwoLocks() {
              @Override
              public void read(int lock) throws InterruptedException {
                jdk[lock].readLock().lockInterruptibly();
              }

              @Override
              public void unread(int lock) {
                jdk[lock].readLock().unlock();
              }

              @Override
              public void write(int lock) throws InterruptedException {
                jdk[lock].writeLock().lockInterruptibly();
              }

              @Override
              public void unwrite(int lock) {
                jdk[lock].writeLock().unlock();
              }
            },
            "java.util.concurrent.locks.ReentrantReadWriteLock");
    stuck.startAndQueueWriters();
    Bounded.awaitParked(stuck.workers.get(0), stuck.parkedIn);
    Bounded.awaitParked(stuck.workers.get(1), stuck.parkedIn);
    List<String> waiting = new ArrayList<>();
    for (Thread t : stuck.all()) {
      if (t.getState() == Thread.State.WAITING) {
        waiting.add(t.getName());
      }
    }
    System.out.println("waiting: " + String.join(", ", waiting));
    long[] found = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
    System.out.println(
        "ThreadMXBean.findDeadlockedThreads: "
            + (found == null ? "none" : found.length + " threads"));
    for (Thread t : stuck.all()) {
      t.interrupt();
    }
    stuck.interruptsSent.countDown();
    stuck.join();
    System.out.println("main interrupts all four: " + stuck.outcomes(", ", " "));

    System.out.println(
        "== 2. OwnedReadWriteLock: the same four threads; readers pass the " + "queued writers");
    List<DeadlockReport> reports = Collections.synchronizedList(new ArrayList<>());
    LockSet set =
        LockSet.builder().waitFor(Policy.WARN).order(Policy.WARN).listener(reports::add).build();
    OwnedReadWriteLock[] owned = {set.newReadWriteLock("A"), set.newReadWriteLock("B")};
    Four passing =
        new Four(
            new TwoLocks() {
              @Override
              public void read(int lock) throws InterruptedException {
                owned[lock].acquireRead();
              }

              @Override
              public void unread(int lock) {
                owned[lock].releaseRead();
              }

              @Override
              public void write(int lock) throws InterruptedException {
                owned[lock].acquireWrite();
              }

              @Override
              public void unwrite(int lock) {
                owned[lock].releaseWrite();
              }
            },
            OwnedReadWriteLock.class.getName());
    passing.startAndQueueWriters();
    passing.join();
    System.out.println(passing.outcomes("; ", " "));
    System.out.println("reports from both detectors: " + reports.size());
  }

  /**
   * worker-1 reads A, worker-2 reads B; then writer-A and writer-B queue (main waits until both are
   * parked in the lock); only then do the workers ask for their second read.
   */
  static final class Four {
    final TwoLocks locks;
    final String parkedIn;
    final CountDownLatch firstReads = new CountDownLatch(2);
    final CountDownLatch writersQueued = new CountDownLatch(1);
    final CountDownLatch interruptsSent = new CountDownLatch(1);
    final Map<String, String> outcome = new ConcurrentHashMap<>();
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    final List<Thread> workers = new ArrayList<>();
    final List<Thread> writers = new ArrayList<>();

    Four(TwoLocks locks, String parkedIn) {
      this.locks = locks;
      this.parkedIn = parkedIn;
    }

    void startAndQueueWriters() throws InterruptedException {
      workers.add(Bounded.start("worker-1", () -> readTwice("worker-1", 0, 1), failures));
      workers.add(Bounded.start("worker-2", () -> readTwice("worker-2", 1, 0), failures));
      Bounded.await(firstReads, "both first reads");
      for (int lock = 0; lock < 2; lock++) {
        int l = lock;
        String name = "writer-" + NAMES[l];
        writers.add(Bounded.start(name, () -> write(name, l), failures));
      }
      for (Thread w : writers) {
        Bounded.awaitParked(w, parkedIn);
      }
      writersQueued.countDown();
    }

    private void readTwice(String me, int first, int second) throws InterruptedException {
      locks.read(first);
      try {
        firstReads.countDown();
        Bounded.await(writersQueued, "both writers queued");
        try {
          locks.read(second);
        } catch (InterruptedException e) {
          // Keep the first read until all four are interrupted, or a writer gets in and ends.
          interruptsSent.await(10, TimeUnit.SECONDS);
          outcome.put(me, "interrupted");
          return;
        }
        locks.unread(second);
        outcome.put(me, "read " + NAMES[first] + " then " + NAMES[second]);
      } finally {
        locks.unread(first);
      }
    }

    private void write(String me, int lock) {
      try {
        locks.write(lock);
      } catch (InterruptedException e) {
        outcome.put(me, "interrupted");
        return;
      }
      locks.unwrite(lock);
      outcome.put(me, "wrote " + NAMES[lock]);
    }

    List<Thread> all() {
      List<Thread> all = new ArrayList<>(workers);
      all.addAll(writers);
      return all;
    }

    void join() throws InterruptedException {
      Bounded.join(all());
      if (!failures.isEmpty()) {
        throw new IllegalStateException(String.join("; ", failures));
      }
    }

    String outcomes(String between, String nameAndOutcome) {
      List<String> lines = new ArrayList<>();
      for (Thread t : all()) {
        lines.add(t.getName() + nameAndOutcome + outcome.get(t.getName()));
      }
      return String.join(between, lines);
    }
  }
}

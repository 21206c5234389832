package dev.gillab.locks.lessons;

import dev.gillab.locks.DeadlockException;
import dev.gillab.locks.Hold;
import dev.gillab.locks.LockSet;
import dev.gillab.locks.OrderedAcquisition;
import dev.gillab.locks.OwnedLock;
import dev.gillab.locks.Policy;
import dev.gillab.locks.TimedAcquisition;
import dev.gillab.threads.explore.Exploration;
import dev.gillab.threads.explore.Explorer;
import dev.gillab.threads.explore.Program;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * Five philosophers sit at a round table with a fork between each two; to eat, one needs both forks
 * beside them. If every philosopher picks up the left fork first, the schedule in which all five
 * pick up their left fork at once leaves each waiting for a neighbour: a cycle of five. The
 * explorer replays that schedule and samples many others. Then real threads with wait-for checking
 * THROW are pushed into it once: for the first meal, all five wait for one another while holding
 * their left fork, then reach right. Four waits park; the fifth would close the cycle, so it is
 * refused; that philosopher puts the left fork down, lets the neighbour waiting for it eat
 * (retrying at once could snatch the fork back first and close the same cycle again), tries again,
 * and everyone eats. Later meals run freely and hit the cycle only now and then. Two fixes remove
 * it: one global order (everyone takes the lower-numbered fork first, so philosopher 5 reaches
 * right first) and timeouts with backoff.
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl locks exec:java -Dexec.mainClass=dev.gillab.locks.lessons.Deadlock_05_DiningPhilosophers
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * == broken: everyone takes the left fork first
 * replay P1,P2,P3,P4,P5: deadlock: P1 waits at 'lock fork-2'; P2 waits at 'lock fork-3'; P3 waits at 'lock fork-4'; P4 waits at 'lock fork-5'; P5 waits at 'lock fork-1'
 * random(seed=5, runs=300): 300 schedules, 54 findings (DEADLOCK 54)
 * real threads, wait-for THROW, first meal with all five holding their left fork: cycles refused 1
 * real threads, wait-for THROW: 5,000 meals; later cycles refused and retried: 0 (varies)
 * == fixed 1: one global order (the lower-numbered fork first)
 * random(seed=5, runs=300): 300 schedules, 0 findings
 * real threads, OrderedAcquisition: 5,000 meals, no deadlock
 * == fixed 2: left first, but each fork within 1 ms, else put both down and back off
 * real threads, TimedAcquisition: 5,000 meals, no deadlock
 * </pre>
 */
public final class Deadlock_05_DiningPhilosophers {
  private Deadlock_05_DiningPhilosophers() {}

  private static final int N = 5;
  private static final int MEALS = 1_000;

  /** Forks 1..5; philosopher i has fork i on the left and fork i % 5 + 1 on the right. */
  static final class Table {
    final List<OwnedLock> forks = new ArrayList<>();

    Table(LockSet set) {
      for (int f = 1; f <= N; f++) {
        forks.add(set.newLock("fork-" + f));
      }
    }

    Table() {
      this(LockSet.unchecked());
    }

    OwnedLock left(int philosopher) {
      return forks.get(philosopher - 1);
    }

    OwnedLock right(int philosopher) {
      return forks.get(philosopher % N);
    }
  }

  static Program<Table> dinner(boolean globalOrder) {
    Program.Builder<Table> b =
        Program.builder(globalOrder ? "lower fork first" : "left fork first", Table::new);
    for (int p = 1; p <= N; p++) {
      int me = p;
      b.thread(
          "P" + p,
          t -> {
            OwnedLock first = t.left(me);
            OwnedLock second = t.right(me);
            if (globalOrder && first.id() > second.id()) {
              OwnedLock swap = first;
              first = second;
              second = swap;
            }
            return List.of(
                Deadlock_01_OppositeOrder.take(first.name(), first),
                Deadlock_01_OppositeOrder.take(second.name(), second),
                Deadlock_01_OppositeOrder.drop(second.name(), second),
                Deadlock_01_OppositeOrder.drop(first.name(), first));
          });
    }
    return b.build();
  }

  @SuppressWarnings("try") // the holds are never named in their blocks: holding is their job
  public static void main(String[] args) throws InterruptedException {
    Thread.currentThread().setName("main"); // as under plain java; exec:java names its own thread
    Explorer explorer = Explorer.defaults();
    System.out.println("== broken: everyone takes the left fork first");
    System.out.println(
        "replay P1,P2,P3,P4,P5: " + explorer.replay(dinner(false), "P1,P2,P3,P4,P5").verdict());
    Exploration broken = explorer.random(dinner(false), 5, 300);
    System.out.println(broken.summary());
    AtomicInteger forced = new AtomicInteger();
    AtomicInteger later = new AtomicInteger();
    CyclicBarrier allHoldLeft = new CyclicBarrier(N);
    CyclicBarrier allAteOnce = new CyclicBarrier(N);
    CountDownLatch neighbourAte = new CountDownLatch(1);
    Table checked =
        new Table(LockSet.builder().waitFor(Policy.THROW).order(Policy.DISABLED).build());
    int meals =
        dine(
            (p, meal) -> {
              boolean pushed = meal > 0; // the first meal waits once for all five left forks
              while (true) {
                OwnedLock left = checked.left(p);
                OwnedLock right = checked.right(p);
                left.acquire();
                try {
                  if (!pushed) {
                    pushed = true;
                    Bounded.await(allHoldLeft, "all five holding their left fork");
                  }
                  right.acquire();
                  neighbourAte.countDown();
                  right.release();
                  break;
                } catch (DeadlockException e) {
                  (meal == 0 ? forced : later)
                      .incrementAndGet(); // put the left fork down (finally), retry
                } finally {
                  left.release();
                }
                if (meal == 0) {
                  // Retrying at once could grab the fork back before the neighbour wakes: the same
                  // cycle again. Let the neighbour waiting for it eat first.
                  Bounded.await(neighbourAte, "the neighbour eating");
                }
              }
              if (meal == 0) {
                Bounded.await(
                    allAteOnce, "all five eating their first meal"); // then the free meals
              }
            });
    System.out.println(
        "real threads, wait-for THROW, first meal with all five holding their left fork: "
            + "cycles refused "
            + forced.get());
    System.out.printf(
        "real threads, wait-for THROW: %,d meals; later cycles refused and retried: %d (varies)%n",
        meals, later.get());

    System.out.println("== fixed 1: one global order (the lower-numbered fork first)");
    System.out.println(explorer.random(dinner(true), 5, 300).summary());
    Table ordered = new Table(LockSet.builder().waitFor(Policy.THROW).order(Policy.THROW).build());
    System.out.printf(
        "real threads, OrderedAcquisition: %,d meals, no deadlock%n",
        dine(
            (p, meal) -> {
              try (Hold h = OrderedAcquisition.acquireAll(ordered.left(p), ordered.right(p))) {
                Thread.onSpinWait();
              }
            }));

    System.out.println(
        "== fixed 2: left first, but each fork within 1 ms, else put both down and back off");
    Table plain = new Table();
    TimedAcquisition timed =
        TimedAcquisition.builder()
            .timeoutPerLock(Duration.ofMillis(1))
            .backoff(Duration.ofMillis(1), Duration.ofMillis(8))
            .maxAttempts(10_000)
            .seed(5)
            .build();
    System.out.printf(
        "real threads, TimedAcquisition: %,d meals, no deadlock%n",
        dine(
            (p, meal) -> {
              try (Hold h = timed.acquireAll(plain.left(p), plain.right(p))) {
                Thread.onSpinWait();
              }
            }));
  }

  interface Meal {
    void eat(int philosopher, int meal) throws InterruptedException;
  }

  /**
   * Five philosopher threads eat {@link #MEALS} meals each; answers the meals eaten. A philosopher
   * that fails is printed ("P3 failed: ..."), so the output shows it.
   */
  private static int dine(Meal meal) throws InterruptedException {
    AtomicInteger eaten = new AtomicInteger();
    List<Thread> philosophers = new ArrayList<>();
    Map<String, Throwable> failed = new ConcurrentSkipListMap<>();
    for (int p = 1; p <= N; p++) {
      int me = p;
      Thread t =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < MEALS; i++) {
                    meal.eat(me, i);
                    eaten.incrementAndGet();
                  }
                } catch (InterruptedException e) {
                  failed.put("P" + me, e);
                  Thread.currentThread().interrupt();
                } catch (RuntimeException | Error e) {
                  failed.put("P" + me, e);
                }
              },
              "P" + p);
      philosophers.add(t);
      t.start();
    }
    Bounded.join(philosophers);
    failed.forEach((who, e) -> System.out.println(who + " failed: " + e));
    return eaten.get();
  }
}

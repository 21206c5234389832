package dev.gillab.locks.lessons;

import dev.gillab.locks.GuardedObject;
import dev.gillab.locks.Hold;
import dev.gillab.locks.LockSet;
import dev.gillab.locks.OrderedAcquisition;
import dev.gillab.locks.OwnedLock;
import dev.gillab.locks.Policy;
import dev.gillab.threads.explore.Exploration;
import dev.gillab.threads.explore.Explorer;
import dev.gillab.threads.explore.Program;
import dev.gillab.threads.explore.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * Prevention: if every thread takes its locks in one global order, no thread ever waits for a lock
 * that comes before one it holds, so no cycle of waits can close. worker-2 still <em>asks</em> for
 * B and A, but {@code OrderedAcquisition} sorts every request by the locks' stable ids (creation
 * order), so it takes A first, like worker-1. The explorer tries every schedule and finds none that
 * deadlocks; then two real threads move money in opposite directions 10,000 times each, with both
 * detectors on, and nothing is reported. The two locks have different names ("alice", "bob") on
 * purpose: the order checker orders locks by name by default, so two locks both named "account"
 * nested in any order would be reported as a cycle of one; see {@code OrderedAcquisition} for the
 * choices then.
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl locks exec:java -Dexec.mainClass=dev.gillab.locks.lessons.Deadlock_02_GlobalOrder
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * == 1. The explorer: worker-1 asks for A, B; worker-2 asks for B, A; both take them by id
 * exhaustive: 2 schedules, 0 findings, complete
 * worker-2 asks for B, A and runs: lock A, lock B, unlock B, unlock A
 * == 2. Real threads: 2 x 10,000 transfers in opposite directions
 * 20,000 transfers done; alice 1,000 + bob 1,000 = 2,000 (conserved)
 * deadlock reports: 0
 * </pre>
 */
public final class Deadlock_02_GlobalOrder {
  private Deadlock_02_GlobalOrder() {}

  static final class TwoLocks {
    final OwnedLock a = OwnedLock.create("A");
    final OwnedLock b = OwnedLock.create("B");
  }

  /** The steps of taking {@code wanted} in global order, then releasing in reverse. */
  static List<Step> inGlobalOrder(List<OwnedLock> wanted) {
    List<OwnedLock> sorted = new ArrayList<>(wanted);
    sorted.sort(OrderedAcquisition.BY_ID);
    List<Step> steps = new ArrayList<>();
    for (OwnedLock l : sorted) {
      steps.add(Deadlock_01_OppositeOrder.take(l.name(), l));
    }
    for (int i = sorted.size() - 1; i >= 0; i--) {
      steps.add(Deadlock_01_OppositeOrder.drop(sorted.get(i).name(), sorted.get(i)));
    }
    return steps;
  }

  @SuppressWarnings("try") // the holds are never named in their blocks: holding is their job
  public static void main(String[] args) throws InterruptedException {
    Thread.currentThread().setName("main"); // as under plain java; exec:java names its own thread
    System.out.println(
        "== 1. The explorer: worker-1 asks for A, B; worker-2 asks for B, A; both take them by id");
    Program<TwoLocks> program =
        Program.builder("global order", TwoLocks::new)
            .thread("worker-1", s -> inGlobalOrder(List.of(s.a, s.b)))
            .thread("worker-2", s -> inGlobalOrder(List.of(s.b, s.a)))
            .build();
    Exploration all = Explorer.defaults().exhaustive(program);
    System.out.println(all.summary());
    TwoLocks s = new TwoLocks();
    System.out.println(
        "worker-2 asks for B, A and runs: "
            + inGlobalOrder(List.of(s.b, s.a)).stream()
                .map(Step::label)
                .collect(Collectors.joining(", ")));

    System.out.println("== 2. Real threads: 2 x 10,000 transfers in opposite directions");
    AtomicInteger reports = new AtomicInteger();
    LockSet checked =
        LockSet.builder()
            .waitFor(Policy.THROW)
            .order(Policy.WARN)
            .listener(r -> reports.incrementAndGet())
            .build();
    GuardedObject<Long> alice = GuardedObject.of(checked.newLock("alice"), 1_000L);
    GuardedObject<Long> bob = GuardedObject.of(checked.newLock("bob"), 1_000L);
    AtomicInteger done = new AtomicInteger();
    Bank.bothWays(alice, bob, (from, to) -> transfers(from, to, done));
    try (Hold h = OrderedAcquisition.acquireAll(alice.lock(), bob.lock())) {
      Bank.printTotal(done.get(), alice, bob);
    }
    System.out.println("deadlock reports: " + reports.get());
  }

  @SuppressWarnings("try") // the holds are never named in their blocks: holding is their job
  private static void transfers(
      GuardedObject<Long> from, GuardedObject<Long> to, AtomicInteger done)
      throws InterruptedException {
    for (int i = 0; i < 10_000; i++) {
      try (Hold h = OrderedAcquisition.acquireAll(from.lock(), to.lock())) {
        from.update(v -> v - 1);
        to.update(v -> v + 1);
      }
      done.incrementAndGet();
    }
  }
}

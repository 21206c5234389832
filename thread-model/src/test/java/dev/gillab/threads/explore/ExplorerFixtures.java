package dev.gillab.threads.explore;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/** Programs the explorer tests share. */
final class ExplorerFixtures {
  private ExplorerFixtures() {}

  static final class Counter {
    int x;
  }

  /** {@code tmp = x; x = tmp + 1} on each of {@code threads} threads. */
  static Program<Counter> lostUpdate(int threads) {
    Program.Builder<Counter> b = Program.builder("x += 1 on " + threads + " threads", Counter::new);
    for (int i = 1; i <= threads; i++) {
      b.thread("T" + i, c -> {
        int[] tmp = new int[1];
        return List.of(
            Step.of("tmp = x", () -> "read " + (tmp[0] = c.x)),
            Step.of("x = tmp + 1", () -> "wrote " + (c.x = tmp[0] + 1)));
      });
    }
    int expected = threads;
    return b.invariant("x == " + expected, c -> c.x == expected)
        .describeState(c -> "x = " + c.x)
        .build();
  }

  static final class TwoLocks {
    final ReentrantLock a = new ReentrantLock();
    final ReentrantLock b = new ReentrantLock();
  }

  /** T1 takes A then B; T2 takes B then A. */
  static Program<TwoLocks> oppositeOrder() {
    return Program.builder("opposite lock order", TwoLocks::new)
        .thread("T1", s -> List.of(
            Step.lock("A", s.a), Step.lock("B", s.b), Step.unlock("B", s.b), Step.unlock("A", s.a)))
        .thread("T2", s -> List.of(
            Step.lock("B", s.b), Step.lock("A", s.a), Step.unlock("A", s.a), Step.unlock("B", s.b)))
        .build();
  }
}

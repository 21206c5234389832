package dev.gillab.threads.explore;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The two programs every course on threads starts with, ready to explore: the lost update and the
 * opposite-order deadlock. Lessons and tests use them; so can yours.
 */
public final class Classics {
  private Classics() {}

  /**
   * Shared state of {@link #lostUpdate}: one global, as in {@code x += 1}. Not thread-safe, by
   * design.
   */
  public static final class Counter {
    /** Creates the state of a fresh run: {@code x} is 0. */
    public Counter() {}

    /** The shared global; each thread adds one to it, in two steps. */
    public int x;
  }

  /**
   * {@code x += 1} on each of {@code threads} threads, split as the bytecode splits it: {@code tmp
   * = x} then {@code x = tmp + 1}. The invariant says no update was lost ({@code x == threads}).
   *
   * @param threads how many threads add one, at least 1
   * @return the program, named {@code "x += 1 on N threads"}, threads named T1, T2, ...
   */
  public static Program<Counter> lostUpdate(int threads) {
    checkArgument(threads >= 1, "threads must be at least 1, was %s", threads);
    Program.Builder<Counter> b = Program.builder("x += 1 on " + threads + " threads", Counter::new);
    for (int i = 1; i <= threads; i++) {
      b.thread(
          "T" + i,
          c -> {
            int[] tmp = new int[1];
            return List.of(
                Step.of("tmp = x", () -> "read " + (tmp[0] = c.x)),
                Step.of("x = tmp + 1", () -> "wrote " + (c.x = tmp[0] + 1)));
          });
    }
    return b.invariant("x == " + threads, c -> c.x == threads)
        .describeState(c -> "x = " + c.x)
        .build();
  }

  /** Shared state of {@link #oppositeLockOrder}: two locks. */
  public static final class TwoLocks {
    /** Creates the state of a fresh run: both locks free. */
    public TwoLocks() {}

    /** Lock A: T1 takes it first, T2 second. */
    public final ReentrantLock a = new ReentrantLock();

    /** Lock B: T2 takes it first, T1 second. */
    public final ReentrantLock b = new ReentrantLock();
  }

  /**
   * T1 takes A then B; T2 takes B then A; each then releases both. Some schedules finish and some
   * deadlock, and the explorer finds which.
   *
   * @return the program, without an invariant: its finding is the deadlock
   */
  public static Program<TwoLocks> oppositeLockOrder() {
    return Program.builder("opposite lock order", TwoLocks::new)
        .thread("T1", s -> nested("A", s.a, "B", s.b))
        .thread("T2", s -> nested("B", s.b, "A", s.a))
        .describeState(
            s ->
                "A "
                    + (s.a.isLocked() ? "held" : "free")
                    + ", B "
                    + (s.b.isLocked() ? "held" : "free"))
        .build();
  }

  /** Takes {@code outer}, then {@code inner}; releases them in the reverse order. */
  private static List<Step> nested(
      String outerName, ReentrantLock outer, String innerName, ReentrantLock inner) {
    return List.of(
        Step.lock(outerName, outer),
        Step.lock(innerName, inner),
        Step.unlock(innerName, inner),
        Step.unlock(outerName, outer));
  }
}

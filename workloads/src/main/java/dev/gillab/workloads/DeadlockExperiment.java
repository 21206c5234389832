package dev.gillab.workloads;

import dev.gillab.gil.Interpreter;
import dev.gillab.gil.InterpreterThread;
import dev.gillab.locks.DeadlockException;
import dev.gillab.locks.LockSet;
import dev.gillab.locks.OwnedLock;
import dev.gillab.locks.Policy;
import dev.gillab.locks.TimedAcquisition;
import dev.gillab.workloads.internal.Programs;
import dev.gillab.workloads.internal.Runs;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Deadlock, found and survived: two interpreter threads take locks {@code A} and {@code B} of one
 * {@link LockSet} in opposite order, through GIL-releasing host functions ({@code take}, {@code
 * give}; a lock is never waited for while holding the GIL, or the GIL itself would join the cycle),
 * after meeting so both hold their first lock. The lock set checks wait-for cycles ({@link
 * Policy#THROW}): the thread whose wait would close the cycle is refused before it blocks, with a
 * report naming both threads and both locks. That thread recovers by giving back what it holds and
 * taking everything again with timed attempts in one order (by name), backing off between attempts;
 * both programs finish.
 *
 * <p>Not thread-safe to share a run; every call makes its own locks and interpreter.
 */
public final class DeadlockExperiment {
  /**
   * The experiment's name, as its subcommand has it: the start of its progress lines and failure
   * messages.
   */
  public static final String NAME = "deadlock";

  private static final TimedAcquisition RECOVERY =
      TimedAcquisition.builder()
          .timeoutPerLock(Duration.ofMillis(50))
          .maxAttempts(200)
          .backoff(Duration.ofMillis(1), Duration.ofMillis(20))
          .build();

  private DeadlockExperiment() {}

  /**
   * Runs it: one row, for the opposite-order pair (it skips nothing).
   *
   * @param s the policy to run under and the progress sink; the sizes are not used
   * @return the one row
   * @throws ExperimentFailedException if a thread failed (its recovery included) or the two did not
   *     end within 60 s, or the run was interrupted
   */
  public static Outcome<DeadlockRow> run(Settings s) {
    s.say(NAME + " opposite-order: worker-1 takes A then B, worker-2 takes B then A");
    DeadlockRow row = oppositeOrder(s.policy());
    s.say(NAME + " opposite-order: " + (row.detected() ? row.cycle() : "no cycle found"));
    return new Outcome<>(List.of(row), List.of());
  }

  static DeadlockRow oppositeOrder(PolicyChoice policy) {
    LockSet set =
        LockSet.builder()
            .waitFor(Policy.THROW)
            .order(Policy.DISABLED)
            .captureStacks(false)
            .listener(report -> {})
            .build();
    Map<String, OwnedLock> locks = Map.of("A", set.newLock("A"), "B", set.newLock("B"));
    Map<Thread, Deque<OwnedLock>> held = new ConcurrentHashMap<>();
    AtomicReference<String> cycle = new AtomicReference<>("");
    CyclicBarrier meeting = new CyclicBarrier(2);
    AtomicInteger names = new AtomicInteger();
    long start = System.nanoTime();
    try (Interpreter in =
        policy
            .configure(Interpreter.builder().name("deadlock"))
            .threadFactory(
                r -> {
                  Thread t = new Thread(r, "worker-" + names.incrementAndGet());
                  t.setDaemon(true);
                  return t;
                })
            .releasingBuiltin(
                "take",
                1,
                args -> {
                  take(locks.get((String) args.get(0)), held, cycle);
                  return null;
                })
            .releasingBuiltin(
                "give",
                1,
                args -> {
                  OwnedLock l = locks.get((String) args.get(0));
                  l.release();
                  held.get(Thread.currentThread()).remove(l);
                  return null;
                })
            .releasingBuiltin(
                "meet",
                0,
                args -> {
                  meeting.await(Runs.LIMIT.toSeconds(), TimeUnit.SECONDS);
                  return null;
                })
            .build()) {
      List<InterpreterThread> ts = new ArrayList<>();
      ts.add(in.start(Programs.TWO_LOCKS, "A", "B"));
      ts.add(in.start(Programs.TWO_LOCKS, "B", "A"));
      Runs.joinAll(NAME + " opposite-order", ts, Duration.ofSeconds(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExperimentFailedException(NAME + ": interrupted", e);
    }
    boolean recovered = locks.values().stream().noneMatch(OwnedLock::isLocked);
    return new DeadlockRow(
        "opposite-order", !cycle.get().isEmpty(), cycle.get(), recovered, Runs.since(start));
  }

  /**
   * Takes {@code lock}; if the lock set refuses because the wait would close a cycle, gives back
   * every lock this thread holds and takes them all again, {@code lock} included, by name.
   */
  private static void take(
      OwnedLock lock, Map<Thread, Deque<OwnedLock>> held, AtomicReference<String> cycle)
      throws InterruptedException {
    Deque<OwnedLock> mine = held.computeIfAbsent(Thread.currentThread(), t -> new ArrayDeque<>());
    try {
      lock.acquire();
      mine.push(lock);
    } catch (DeadlockException e) {
      cycle.compareAndSet("", e.report().summary());
      List<OwnedLock> all = new ArrayList<>(mine);
      all.add(lock);
      while (!mine.isEmpty()) {
        mine.pop().release();
      }
      // Timed attempts in one order, backing off between them: the other thread finishes, and a
      // timed wait never closes a cycle. The locks are given back one by one by the program.
      all.sort(Comparator.comparing(OwnedLock::name));
      RECOVERY.acquireAll(all);
      all.forEach(mine::push);
    }
  }
}

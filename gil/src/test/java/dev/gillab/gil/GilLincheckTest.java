package dev.gillab.gil;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Lincheck judges the {@link Gil} from outside: client code guards a plain int counter with it, and
 * Lincheck checks every result it sees against a counter with no lock at all.
 *
 * <h2>What is checked</h2>
 *
 * Each operation takes the GIL the way the interpreter does and bumps the counter in two steps, a
 * read and a write, so two threads inside at once lose an update or release a GIL they no longer
 * hold; Lincheck then reports results that no sequential order of the operations gives. A thread
 * that can never get the GIL shows as a hang ("The execution has hung": every unfinished thread in
 * a loop no step can end). The sequential specification is {@link Counter}: each operation is one
 * {@code ++value}.
 *
 * <ul>
 *   <li>{@code increment}: acquire, bump, release.
 *   <li>{@code incrementAfterIo}: acquire, {@link Gil#allowThreads} around a call that blocks on
 *       nothing, bump, release: the release for IO and the retake (under {@code ioPriority}, the
 *       drop request and the hand-off to the thread back from IO).
 *   <li>{@code checkpointThenIncrement}: acquire, {@link Gil#checkpoint()}, bump, release: a forced
 *       drop when someone asked, the dropper in line before it lets go.
 *   <li>{@code tickThenIncrement} ({@code ticks}): acquire, {@link Gil#tick()}, bump, release.
 *   <li>{@code tryIncrement}: {@link Gil#tryAcquire} with a 1 ms timeout, bump, release.
 *   <li>{@code holdUntilAskedThenIncrement} (stress only): holds the GIL until a waiter asks, then
 *       checkpoints.
 * </ul>
 *
 * The model checker runs each scenario through 150 to 300 interleavings; the scenarios are built by
 * hand, one per mechanism, because random ones spend that budget on operations that never meet.
 * Lincheck bounds every wait itself: the model checker reports a loop no step can end, the stress
 * run an invocation that outlives its timeout.
 *
 * <h2>What the model checker cannot see</h2>
 *
 * It runs one thread at a time and switches at every shared read, write, CAS, lock and park; two of
 * its rules (Lincheck 3.7) decide what it can find here:
 *
 * <ul>
 *   <li>{@code System.nanoTime()} returns one constant. No wait slice ever passes: a waiter under
 *       {@code interval} never sets the drop request, however short the interval (so {@code
 *       checkpoint} there finds none); {@code tryAcquire} never times out (it is checked as an
 *       acquire through its timed wait; giving up is {@code GilTest}'s); and {@code ioPriority}'s
 *       spin before parking never ends, so its waiters spin until they hold the GIL. Drop requests
 *       and forced drops inside the model checker come from {@code ioPriority}, whose thread back
 *       from IO asks at once.
 *   <li>A park in the GIL's own code returns at once, as a spurious wake-up may. A lost {@code
 *       unpark} is therefore invisible wherever the woken thread re-checks the GIL, as {@code
 *       parkInLine} does (on a real machine such a loss costs up to one switch interval of idle
 *       GIL, not a hang). What it finds is a wait that no later step can end: a condition never
 *       signalled, the GIL handed to a thread that is not waiting, a hand-over awaited by a thread
 *       that is not in line.
 * </ul>
 *
 * The stress run covers what the frozen clock hides: under {@code interval(1µs)} real waiters ask
 * after a microsecond, and holders spinning in {@code holdUntilAskedThenIncrement} drop for them at
 * their checkpoints and wait in line for the switch.
 *
 * <h2>Teeth</h2>
 *
 * Each of these breaks, made by hand in {@code Gil.java}, fails the test:
 *
 * <ul>
 *   <li>{@code takeIfFree} reading the holder and then setting it, instead of one compare-and-set:
 *       an {@code IllegalStateException} from the release of a GIL another thread took over, or a
 *       lost update ({@code interval}, model checker after about 120 interleavings of the first
 *       scenario; stress too).
 *   <li>No {@code released.signal()} in {@code drop}: the {@code ticks} waiter, parked on the
 *       condition, hangs.
 *   <li>{@code waitForHandOff} staying in {@code ioReturners} after it found the GIL free: its next
 *       release hands the GIL to itself and the other thread hangs ({@code ioPriority}).
 *   <li>{@code yieldOnRequest} dropping without joining the line: the dropper waits for a hand-over
 *       it is not in line for and hangs ({@code ioPriority} in the model checker, {@code interval}
 *       in the stress run).
 * </ul>
 *
 * Not caught: dropping the {@code unpark(head)} that follows {@code holder.set(null)} in {@code
 * drop} (the second rule above; the stress run did not hit its window either), and a {@code
 * takeIfFree} that ignores the line (a newcomer overtakes the waiters: unfair, but every result is
 * still that of some sequential order, which is all linearizability asks).
 */
class GilLincheckTest {
  /** Interval for the forced-switching policies: one microsecond, so stress waiters ask soon. */
  private static final Duration INTERVAL = Duration.ofNanos(1_000);

  /** Client code of the GIL: a plain int counter that only the holder touches. */
  public abstract static class GuardedCounter {
    final Gil gil;

    /** Guarded by the GIL; deliberately neither volatile nor atomic. */
    private int value;

    GuardedCounter(SwitchingPolicy policy) {
      gil = Gil.create(policy);
    }

    @Operation
    public int increment() {
      gil.acquire();
      try {
        return bump();
      } finally {
        gil.release();
      }
    }

    @Operation
    public int incrementAfterIo() {
      gil.acquire();
      try {
        gil.allowThreads(() -> null);
        return bump();
      } finally {
        gil.release();
      }
    }

    /**
     * Gives up with -1, which the specification never gives: it cannot happen in the model checker,
     * whose clock stands still, and the stress run does not call it.
     */
    @Operation
    public int tryIncrement() throws InterruptedException {
      if (!gil.tryAcquire(Duration.ofMillis(1))) {
        return -1;
      }
      try {
        return bump();
      } finally {
        gil.release();
      }
    }

    /** {@code ++value} as a read and a write: a second thread inside loses an update. */
    final int bump() {
      int v = value + 1;
      value = v;
      return v;
    }
  }

  /** The operations of {@code interval} and {@code ioPriority}: a checkpoint may drop. */
  public abstract static class ForcedSwitchingCounter extends GuardedCounter {
    ForcedSwitchingCounter(SwitchingPolicy policy) {
      super(policy);
    }

    @Operation
    public int checkpointThenIncrement() {
      gil.acquire();
      try {
        gil.checkpoint();
        return bump();
      } finally {
        gil.release();
      }
    }
  }

  public static final class IntervalCounter extends ForcedSwitchingCounter {
    /** Spins a holder gives a waiter to ask, as a thread running bytecode gives its breaker. */
    private static final int SPINS_UNTIL_ASKED = 10_000;

    public IntervalCounter() {
      super(SwitchingPolicy.interval(INTERVAL));
    }

    /**
     * Stress only: holds the GIL until a waiter asks for it (or a bounded number of spins pass),
     * then checkpoints, so a real waiter's drop request meets a real forced drop. Under the model
     * checker nobody ever asks, and the loop would only spin.
     */
    @Operation
    public int holdUntilAskedThenIncrement() {
      gil.acquire();
      try {
        for (int i = 0; i < SPINS_UNTIL_ASKED && !gil.dropRequested(); i++) {
          Thread.onSpinWait();
        }
        gil.checkpoint();
        return bump();
      } finally {
        gil.release();
      }
    }
  }

  public static final class IoPriorityCounter extends ForcedSwitchingCounter {
    public IoPriorityCounter() {
      super(SwitchingPolicy.ioPriority(INTERVAL));
    }
  }

  public static final class TicksCounter extends GuardedCounter {
    public TicksCounter() {
      super(SwitchingPolicy.ticks(1));
    }

    @Operation
    public int tickThenIncrement() {
      gil.acquire();
      try {
        gil.tick();
        return bump();
      } finally {
        gil.release();
      }
    }
  }

  /** The sequential specification: every operation is one increment, and there is no lock. */
  public static final class Counter {
    private int value;

    public int increment() {
      return ++value;
    }

    public int incrementAfterIo() {
      return ++value;
    }

    public int tryIncrement() {
      return ++value;
    }

    public int checkpointThenIncrement() {
      return ++value;
    }

    public int tickThenIncrement() {
      return ++value;
    }

    public int holdUntilAskedThenIncrement() {
      return ++value;
    }
  }

  /**
   * The line: a waiter joins it while the holder releases, two wait and the head is handed the GIL,
   * a thread back from IO queues behind another, a timed wait. The class comment's two-holder break
   * shows after about 120 interleavings of the first scenario, hence 300.
   */
  @Test
  void intervalModelChecking() {
    Class<?> c = IntervalCounter.class;
    modelChecking(300)
        .addCustomScenario(parallel(c, thread("increment"), thread("increment")))
        .addCustomScenario(
            parallel(c, thread("increment"), thread("increment"), thread("increment")))
        .addCustomScenario(
            parallel(c, thread("incrementAfterIo"), thread("increment", "increment")))
        .addCustomScenario(parallel(c, thread("tryIncrement"), thread("increment")))
        .check(c);
  }

  /**
   * The thread back from IO asks at once and the holder's checkpoint hands it the GIL, with and
   * without a CPU-bound waiter in line; two threads back from IO. The hang breaks show within 30
   * interleavings.
   */
  @Test
  void ioPriorityModelChecking() {
    Class<?> c = IoPriorityCounter.class;
    modelChecking(150)
        .addCustomScenario(
            parallel(c, thread("incrementAfterIo"), thread("checkpointThenIncrement")))
        .addCustomScenario(
            parallel(
                c,
                thread("incrementAfterIo"),
                thread("checkpointThenIncrement"),
                thread("increment")))
        .addCustomScenario(parallel(c, thread("incrementAfterIo"), thread("incrementAfterIo")))
        .check(c);
  }

  /** The free-for-all: a tick's release and re-take racing a waiter on the condition. */
  @Test
  void ticksModelChecking() {
    Class<?> c = TicksCounter.class;
    modelChecking(150)
        .addCustomScenario(parallel(c, thread("tickThenIncrement"), thread("increment")))
        .addCustomScenario(
            parallel(c, thread("incrementAfterIo"), thread("tickThenIncrement", "increment")))
        .check(c);
  }

  /**
   * Real threads and a real clock: a waiter asks after a microsecond, the holder drops for it and
   * waits in line for the switch: in a fifth to two fifths of the holds in trial runs. Who gets
   * there first decides how many, which is coverage only, never the verdict.
   */
  @Test
  void intervalStress() {
    Class<?> c = IntervalCounter.class;
    new StressOptions()
        .sequentialSpecification(Counter.class)
        .iterations(0)
        .invocationsPerIteration(300)
        .addCustomScenario(
            parallel(
                c,
                thread("holdUntilAskedThenIncrement", "incrementAfterIo"),
                thread("holdUntilAskedThenIncrement", "increment")))
        .check(c);
  }

  private static ModelCheckingOptions modelChecking(int invocations) {
    return new ModelCheckingOptions()
        .sequentialSpecification(Counter.class)
        .iterations(0) // only the scenarios below, each aimed at one mechanism
        .invocationsPerIteration(invocations);
  }

  private static String[] thread(String... operations) {
    return operations;
  }

  /** A scenario with no initial or final part: each array is one thread's operations. */
  private static ExecutionScenario parallel(Class<?> counter, String[]... threads) {
    List<List<Actor>> parallel = new ArrayList<>();
    for (String[] thread : threads) {
      List<Actor> actors = new ArrayList<>();
      for (String name : thread) {
        actors.add(actor(counter, name));
      }
      parallel.add(actors);
    }
    return new ExecutionScenario(List.of(), parallel, List.of(), null);
  }

  /**
   * Lincheck's scenario DSL takes Kotlin function references; from Java a scenario is built from
   * its actors.
   */
  private static Actor actor(Class<?> counter, String name) {
    try {
      Method m = counter.getMethod(name);
      // No flags: not cancellable, not blocking (a hang is a failure), not suspending.
      return new Actor(m, List.of(), false, false, false, false, false);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(counter.getSimpleName() + " has no " + name, e);
    }
  }
}

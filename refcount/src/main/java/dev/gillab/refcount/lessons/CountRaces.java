package dev.gillab.refcount.lessons;

import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import dev.gillab.refcount.CountStrategy;
import dev.gillab.refcount.Heap;
import dev.gillab.refcount.HeapObject;
import dev.gillab.refcount.PlainCountSteps;
import dev.gillab.threads.explore.Program;
import dev.gillab.threads.explore.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The two-holder programs the race lessons and tests explore, one per way of keeping a count.
 *
 * <p>One object, two holders. {@code T1} lets go of its reference. {@code T2} takes a second
 * reference, drops it, uses the object through the reference it still holds, then lets go of that
 * too. After both, nobody holds the object, so it must be freed and the heap empty; and at no point
 * was the object unheld while {@code T2} used it.
 *
 * <p>With a {@code PLAIN} count every {@code incRef}/{@code decRef} is two steps ({@code tmp =
 * count}, {@code count = tmp ± 1}) that the explorer may interleave: a lost decrement keeps the
 * count above zero after both let go (a leak), a lost increment frees the object while {@code T2}
 * still holds it (use-after-free). Not thread-safe: each run gets its own state.
 */
public final class CountRaces {
  /** The invariant every run's final state must satisfy. */
  public static final String INVARIANT = "freed once every holder let go";

  private CountRaces() {}

  /** One run's state: its heap, the shared object, and the lock of the locked variant. */
  public static final class Shared {
    public final Heap heap;
    public final ReentrantLock lock = new ReentrantLock();
    // Published to the other program thread by the explorer's hand-off.
    @Nullable HeapObject<String> object;
    @Nullable Thread owner;
    boolean published;

    Shared(Heap heap) {
      this.heap = heap;
    }

    public HeapObject<String> object() {
      checkState(object != null, "the object is not allocated yet");
      return object;
    }

    /** {@code "refCount 0, freed true, live 0"}. */
    public String describe() {
      return object == null
          ? "nothing allocated"
          : "refCount "
              + object.refCount()
              + ", freed "
              + object.isFreed()
              + ", live "
              + heap.stats().live();
    }

    boolean holds() {
      return object != null && object.isFreed() && heap.stats().live() == 0;
    }
  }

  /**
   * {@code PLAIN} counts, each change split into a read and a write step, with no lock; {@code
   * lastState} (if not null) receives each run's state so a lesson can report on it.
   */
  public static Program<Shared> plain(boolean debug, @Nullable Consumer<Shared> lastState) {
    return plainProgram("plain counts, no lock", debug, false, lastState);
  }

  /** {@code PLAIN} counts as in {@link #plain}, each change inside one lock (the GIL's job). */
  public static Program<Shared> plainLocked() {
    return plainProgram("plain counts under a lock", false, true, null);
  }

  private static Program<Shared> plainProgram(
      String name, boolean debug, boolean locked, @Nullable Consumer<Shared> lastState) {
    return Program.builder(name, () -> twoHolders(CountStrategy.PLAIN, debug, lastState))
        .thread("T1", s -> change(s, -1, locked))
        .thread(
            "T2",
            s -> {
              List<Step> steps = new ArrayList<>(change(s, +1, locked));
              steps.addAll(change(s, -1, locked));
              steps.add(use(s));
              steps.addAll(change(s, -1, locked));
              return steps;
            })
        .invariant(INVARIANT, Shared::holds)
        .describeState(Shared::describe)
        .build();
  }

  /** {@code ATOMIC} counts: each {@code incRef}/{@code decRef} is one indivisible step. */
  public static Program<Shared> atomic() {
    return Program.builder("atomic counts", () -> twoHolders(CountStrategy.ATOMIC, false, null))
        .thread("T1", s -> List.of(decRef(s)))
        .thread("T2", s -> List.of(incRef(s), decRef(s), use(s), decRef(s)))
        .invariant(INVARIANT, Shared::holds)
        .describeState(Shared::describe)
        .build();
  }

  /**
   * {@code BIASED} counts: {@code T1} allocates (so it owns the object and counts locally), hands a
   * reference to {@code T2}, lets go of its own and merges what it owes before it ends; {@code T2}
   * counts on the shared count. The invariant is checked after {@code T1}'s thread has ended, as a
   * heap sees it once the owner is gone.
   */
  public static Program<Shared> biased() {
    return Program.builder(
            "biased counts",
            () -> new Shared(Heap.builder().name("biased").strategy(CountStrategy.BIASED).build()))
        .thread(
            "T1",
            s ->
                List.of(
                    Step.of(
                        "allocate (T1 owns it)",
                        () -> {
                          s.owner = Thread.currentThread();
                          s.object = s.heap.allocate("shared");
                          return "local 1";
                        }),
                    Step.of(
                        "incRef for T2, publish",
                        () -> {
                          s.object().incRef();
                          s.published = true;
                          return "refCount " + s.object().refCount();
                        }),
                    decRef(s),
                    Step.of(
                        "exit: merge what it owes", () -> "freed " + s.heap.mergeBiasedCounts())))
        .thread(
            "T2",
            s ->
                List.of(
                    Step.when("incRef", () -> s.published, () -> noteAfter(s, s.object()::incRef)),
                    decRef(s),
                    use(s),
                    decRef(s)))
        .invariant(
            INVARIANT,
            s -> {
              Thread owner = s.owner;
              if (owner != null) {
                try {
                  owner.join(TimeUnit.SECONDS.toMillis(5)); // bounded: program threads end quickly
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return false;
                }
              }
              s.heap.mergeBiasedCounts(); // merges for owners that have ended
              return s.holds();
            })
        .describeState(Shared::describe)
        .build();
  }

  private static Shared twoHolders(
      CountStrategy strategy, boolean debug, @Nullable Consumer<Shared> lastState) {
    Shared s =
        new Shared(
            Heap.builder()
                .name(strategy.name().toLowerCase(java.util.Locale.ROOT))
                .strategy(strategy)
                .debug(debug)
                .build());
    s.object = s.heap.allocate("shared"); // T1's reference
    s.object.incRef(); // T2's reference
    if (lastState != null) {
      lastState.accept(s);
    }
    return s;
  }

  /** A PLAIN change as read and write steps, optionally inside lock and unlock steps. */
  private static List<Step> change(Shared s, int delta, boolean locked) {
    int[] tmp = new int[1];
    String sign = delta > 0 ? "+" : "-";
    ImmutableList.Builder<Step> steps = ImmutableList.builder();
    if (locked) {
      steps.add(Step.lock("L", s.lock));
    }
    steps.add(Step.of("tmp = count", () -> "read " + (tmp[0] = PlainCountSteps.read(s.object()))));
    steps.add(
        Step.of(
            "count = tmp " + sign + " 1",
            () -> {
              boolean freed = PlainCountSteps.write(s.object(), tmp[0], delta);
              return "wrote " + (tmp[0] + delta) + (freed ? ", freed" : "");
            }));
    if (locked) {
      steps.add(Step.unlock("L", s.lock));
    }
    return steps.build();
  }

  private static Step incRef(Shared s) {
    return Step.of("incRef", () -> noteAfter(s, s.object()::incRef));
  }

  private static Step decRef(Shared s) {
    return Step.of(
        "decRef",
        () -> {
          boolean freed = s.object().decRef();
          return freed ? "freed" : "refCount " + s.object().refCount();
        });
  }

  private static Step use(Shared s) {
    return Step.of("use value", () -> "read '" + s.object().value() + "'");
  }

  private static String noteAfter(Shared s, Runnable change) {
    change.run();
    return "refCount " + s.object().refCount();
  }

  /** Keeps the state of the latest run, for a lesson that reports on a replayed schedule. */
  public static final class LastState implements Consumer<Shared> {
    private final AtomicReference<Shared> last = new AtomicReference<>();

    @Override
    public void accept(Shared s) {
      last.set(s);
    }

    public Shared get() {
      Shared s = last.get();
      checkState(s != null, "no run yet");
      return s;
    }
  }
}

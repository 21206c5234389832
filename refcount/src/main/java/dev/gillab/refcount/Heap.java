package dev.gillab.refcount;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.ThreadSafe;
import dev.gillab.refcount.internal.Counters;
import dev.gillab.refcount.internal.DebugRecord;
import dev.gillab.refcount.internal.Sites;
import java.util.Comparator;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Allocates reference-counted objects and catches what goes wrong with their counts.
 *
 * <h2>Design</h2>
 *
 * A heap hands out {@link HeapObject}s that hold a Java value and a count kept by the heap's {@link
 * CountStrategy}. It numbers them (ids from 1), counts them ({@link #stats()}), refuses every use
 * of a freed object ({@link UseAfterFreeException}, naming the id) and every second free ({@link
 * DoubleFreeException}), and reports the objects still alive ({@link #leaks()}, and on {@link
 * #close()}).
 *
 * <p>Two modes. The default is cheap enough to allocate and free an object per interpreted
 * instruction: no registry of live objects, counters kept per thread without atomic instructions,
 * so {@link #leaks()} cannot name objects (only {@code stats().live()} counts them). In
 * <em>debug</em> mode the heap also keeps every live object, where it was allocated and its last
 * few accesses (as Netty's ADVANCED leak detector does), names the allocation site in every {@link
 * IllegalRefCountException}, and lists leaks in full.
 *
 * <p>An {@link AllocationGuard} runs before every allocation and may refuse it, so an interpreter
 * can insist that its GIL be held. Objects that live as long as the heap (None, True, small
 * integers) are allocated immortal ({@link #allocateImmortal}) whatever the strategy.
 *
 * <p>The heap is thread-safe: any thread may allocate, and the counters and debug registry are
 * concurrent. Whether its <em>objects</em> may be shared between threads is the strategy's business
 * ({@code PLAIN} needs an outside lock).
 */
@ThreadSafe
public final class Heap implements AutoCloseable {
  /** What {@link HeapObject#refCount()} answers for an immortal object; it never changes. */
  public static final int IMMORTAL_REFCOUNT = Integer.MAX_VALUE;

  /** How many over-releases a heap keeps for {@link #overReleases()}; all are counted. */
  public static final int OVER_RELEASES_KEPT = 64;

  private final String name;
  private final CountStrategy strategy;
  private final boolean debug;
  private final int accessesKept;
  private final @Nullable AllocationGuard guard;
  private final @Nullable CountChanges countChanges;

  @SuppressWarnings("ThreadSafe") // the sink is the user's; we call it once, on close
  private final Consumer<String> leakSink;

  private final Counters counters = new Counters();
  // Debug mode only: every live object by id.
  private final @Nullable ConcurrentHashMap<Long, HeapObject<?>> live;
  // BIASED only: objects a non-owner asked their (living) owner to merge, by owner.
  private final ConcurrentHashMap<Thread, Queue<BiasedObject<?>>> mergeQueues =
      new ConcurrentHashMap<>();
  // BIASED only: the first over-releases found at merges, and how many there were in all.
  private final ConcurrentLinkedQueue<OverRelease> overReleases = new ConcurrentLinkedQueue<>();
  private final AtomicLong overReleaseCount = new AtomicLong();
  private volatile boolean closed;
  // Not debug mode: the extras of the last hooked allocation, reused while the hook is the same.
  private volatile HeapObject.@Nullable Extras lastHookExtras;

  private Heap(Builder b) {
    this.name = b.name;
    this.strategy = b.strategy;
    this.debug = b.debug;
    this.accessesKept = b.accessesKept;
    this.guard = b.guard;
    this.countChanges = b.countChanges;
    this.leakSink = b.leakSink;
    this.live = b.debug ? new ConcurrentHashMap<>() : null;
  }

  /**
   * Starts a heap: strategy ATOMIC, debug off, no guard, leaks on close printed to stderr.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Allocates an object holding {@code value}, with count 1 (the caller is its holder).
   *
   * @param <T> the type of the value
   * @param value what the object holds, not null
   * @return the new object, counted by the heap's strategy
   * @throws IllegalStateException if the heap is closed
   * @throws RuntimeException whatever the {@link AllocationGuard} throws to refuse it
   */
  public <T> HeapObject<T> allocate(T value) {
    return allocate(value, null);
  }

  /**
   * Allocates an object holding {@code value} that runs {@code onFree} when it is freed, as a
   * container releasing its elements: {@code heap.allocate(list, l ->
   * l.forEach(HeapObject::decRef))}. A {@code null} hook means none.
   *
   * @param <T> the type of the value
   * @param value what the object holds, not null
   * @param onFree run once when the count reaches zero, or null for nothing
   * @return the new object, counted by the heap's strategy (on an {@code IMMORTAL} heap, immortal
   *     and so without the hook, which could never run)
   * @throws IllegalStateException if the heap is closed
   * @throws RuntimeException whatever the {@link AllocationGuard} throws to refuse it
   */
  public <T> HeapObject<T> allocate(T value, @Nullable FreeHook<? super T> onFree) {
    if (strategy == CountStrategy.IMMORTAL) {
      return allocateImmortal(value); // never freed, so the hook could never run
    }
    checkNotNull(value, "value");
    if (guard != null) {
      guard.checkAllocation();
    }
    checkState(!closed, "heap '%s' is closed; cannot allocate", name);
    long id = counters.allocate();
    HeapObject.Extras extras = debug || onFree != null ? extras(onFree) : null;
    HeapObject<T> object;
    if (strategy == CountStrategy.PLAIN) { // compares with constants, unlike an enum switch
      object =
          countChanges == null
              ? new PlainObject<>(this, id, value, extras)
              : new RoutedPlainObject<>(this, id, value, extras, countChanges);
    } else if (strategy == CountStrategy.ATOMIC) {
      object = new AtomicObject<>(this, id, value, extras);
    } else {
      object = new BiasedObject<>(this, id, value, extras);
    }
    if (live != null) {
      live.put(id, object);
    }
    return object;
  }

  /**
   * Allocates an immortal object (PEP 683) whatever the heap's strategy: never freed, count fixed
   * at {@link #IMMORTAL_REFCOUNT}, {@code incRef}/{@code decRef} change nothing. Counted in {@code
   * stats().immortal()}, never a leak. The guard runs as for any allocation.
   *
   * @param <T> the type of the value
   * @param value what the object holds, not null
   * @return the new immortal object
   * @throws IllegalStateException if the heap is closed
   * @throws RuntimeException whatever the {@link AllocationGuard} throws to refuse it
   */
  public <T> HeapObject<T> allocateImmortal(T value) {
    checkNotNull(value, "value");
    if (guard != null) {
      guard.checkAllocation();
    }
    checkState(!closed, "heap '%s' is closed; cannot allocate", name);
    return new ImmortalObject<>(this, counters.allocateImmortal(), value);
  }

  /**
   * The object's count as CPython's {@code sys.getrefcount} reports it: its holders plus one,
   * because this call holds the object while it runs (it takes a reference, reads the count, and
   * lets go). An immortal object answers {@link #IMMORTAL_REFCOUNT}.
   *
   * @param object any counted object, of this heap or another
   * @return its count plus one
   * @throws UseAfterFreeException if the object was freed
   */
  public int getRefCount(RefCounted object) {
    checkNotNull(object, "object");
    object.incRef();
    try {
      return object.refCount();
    } finally {
      object.decRef();
    }
  }

  /**
   * The counters now. Exact when no other thread is allocating or freeing meanwhile.
   *
   * @return allocated, freed, live, peak and immortal counts
   */
  public HeapStats stats() {
    // freed first: a free is counted after its allocation, so live never reads negative.
    long freed = counters.freed();
    long allocated = counters.allocated();
    long liveCount = allocated - freed;
    // The peak never exceeds a live count the heap really had (see Counters).
    return new HeapStats(
        allocated,
        freed,
        liveCount,
        Math.max(counters.peak(), counters.liveAtMost()),
        counters.immortal());
  }

  /**
   * The objects still alive, oldest first, each with its count, allocation site and last accesses.
   * Only a debug heap can name them: without debug mode this is empty and {@code stats().live()}
   * says how many there are. Merges the biased counts of owner threads that have ended first, so
   * that what they left is not reported as alive.
   *
   * @return the live objects of a debug heap; empty otherwise
   */
  public ImmutableList<Leak> leaks() {
    mergeForEndedOwners();
    if (live == null) {
      return ImmutableList.of();
    }
    return live.values().stream()
        .filter(o -> !o.isFreed())
        .sorted(Comparator.comparingLong(HeapObject::id))
        .map(
            o ->
                new Leak(
                    o.id(),
                    HeapObject.describe(o.rawValue()),
                    o.refCount(),
                    checkNotNull(o.debug()).allocationSite(),
                    checkNotNull(o.debug()).lastAccesses()))
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * The leak report as text: {@code "no leaks"}, the objects still alive (debug mode), or their
   * number with a hint to turn on debug mode.
   *
   * @return the report, one object per line after the first
   */
  public String leakReport() {
    ImmutableList<Leak> leaks = leaks();
    long alive = stats().live();
    if (alive == 0 && leaks.isEmpty()) {
      return "heap '" + name + "': no leaks";
    }
    if (live == null) {
      return "heap '"
          + name
          + "': "
          + alive
          + (alive == 1 ? " object" : " objects")
          + " still alive (debug mode names them)";
    }
    StringBuilder s =
        new StringBuilder("heap '")
            .append(name)
            .append("': ")
            .append(leaks.size())
            .append(leaks.size() == 1 ? " object" : " objects")
            .append(" still alive");
    for (Leak leak : leaks) {
      s.append(System.lineSeparator()).append(leak);
    }
    return s.toString();
  }

  /**
   * Merges the biased counts the calling thread owes: the objects that other threads queued for it
   * (their shared count went below zero), freeing those whose total is zero. PEP 703 does this at
   * the owner's exit and now and then while it runs; a thread that allocated on a {@code BIASED}
   * heap calls it before it ends (a non-owner also merges for an owner it finds ended). Also merges
   * for owners that have ended. Does nothing on other strategies.
   *
   * @return how many objects this call freed
   */
  @CanIgnoreReturnValue
  public int mergeBiasedCounts() {
    Queue<BiasedObject<?>> mine = mergeQueues.get(Thread.currentThread());
    int freed = mine == null ? 0 : drain(mine, null).freed;
    return freed + mergeForEndedOwners();
  }

  /**
   * {@code BIASED} only: objects that were let go of more times than they were held, found when
   * their counts were merged (the first {@value #OVER_RELEASES_KEPT}, oldest first). A non-owner's
   * over-release cannot be refused when it happens; see {@link CountStrategy#BIASED}.
   *
   * @return the over-releases kept so far; empty on other strategies
   */
  public ImmutableList<OverRelease> overReleases() {
    return ImmutableList.copyOf(overReleases);
  }

  /**
   * Closes the heap: later allocations are refused, existing objects work as before. Reports leaks
   * (as {@link #leakReport()}) to the builder's leak sink when any object is still alive, and the
   * over-releases found (see {@link #overReleases()}) when there were any. Idempotent: reports
   * once.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    mergeForEndedOwners();
    if (stats().live() > 0) {
      leakSink.accept(leakReport());
    }
    long overReleased = overReleaseCount.get();
    if (overReleased > 0) {
      StringBuilder s =
          new StringBuilder("heap '")
              .append(name)
              .append("': ")
              .append(overReleased)
              .append(overReleased == 1 ? " over-release" : " over-releases");
      if (overReleased > OVER_RELEASES_KEPT) {
        s.append(" (the first ").append(OVER_RELEASES_KEPT).append(" listed)");
      }
      for (OverRelease r : overReleases) {
        s.append(System.lineSeparator()).append(r);
      }
      leakSink.accept(s.toString());
    }
  }

  /**
   * Whether {@link #close()} was called: a closed heap refuses allocations.
   *
   * @return {@code true} once closed
   */
  public boolean isClosed() {
    return closed;
  }

  /**
   * The name that messages and reports give the heap.
   *
   * @return the builder's name, {@code "heap"} by default
   */
  public String name() {
    return name;
  }

  /**
   * How the heap's objects count (immortal ones aside).
   *
   * @return the builder's strategy
   */
  public CountStrategy strategy() {
    return strategy;
  }

  /**
   * Whether objects record their allocation site and last accesses, so that {@link #leaks()} can
   * name them.
   *
   * @return {@code true} in debug mode
   */
  public boolean isDebug() {
    return debug;
  }

  /**
   * The heap's name, strategy and counters, e.g. {@code "Heap[heap, ATOMIC, ...]"}.
   *
   * @return a one-line description for logs
   */
  @Override
  public String toString() {
    return "Heap[" + name + ", " + strategy + (debug ? ", debug" : "") + ", " + stats() + "]";
  }

  /** Called by an object once its count reached zero and it was marked freed. */
  <T> void free(HeapObject<T> object, @Nullable FreeHook<? super T> hook) {
    counters.free();
    if (live != null) {
      live.remove(object.id());
    }
    if (hook != null) {
      hook.onFree(object.rawValue());
    }
  }

  /** A merge found a biased object's total count below zero (it has just been freed). */
  void overReleased(BiasedObject<?> object, long excess) {
    if (overReleaseCount.getAndIncrement() < OVER_RELEASES_KEPT) {
      DebugRecord debug = object.debug();
      overReleases.add(
          new OverRelease(
              object.id(),
              HeapObject.describe(object.rawValue()),
              excess,
              debug == null ? null : debug.allocationSite(),
              debug == null ? ImmutableList.of() : debug.lastAccesses()));
    }
  }

  /**
   * The extras of a new object with this hook (or none) in this mode. A debug object gets its own
   * record; hooked objects share one Extras per hook (a container type's hook is usually one
   * lambda), remembered for the last hook used, so a container costs no extra allocation.
   */
  private HeapObject.Extras extras(@Nullable FreeHook<?> onFree) {
    if (debug) {
      return new HeapObject.Extras(this, onFree, new DebugRecord(Sites.caller(), accessesKept));
    }
    HeapObject.Extras last = lastHookExtras;
    if (last == null || last.hook != onFree) {
      last = new HeapObject.Extras(this, onFree, null);
      lastHookExtras =
          last; // a racy cache of an immutable object: a lost write costs an allocation
    }
    return last;
  }

  /**
   * A non-owner took a biased object's shared count below zero: hand it to its owner, or merge now
   * if the owner has ended. Answers whether this freed it.
   */
  boolean queueForOwner(BiasedObject<?> object) {
    if (!object.owner.isAlive()) {
      return object.merge();
    }
    Queue<BiasedObject<?>> queue =
        mergeQueues.computeIfAbsent(object.owner, t -> new ConcurrentLinkedQueue<>());
    queue.add(object);
    if (!object.owner.isAlive()) { // ended while we queued: merge what it left, ours included
      return drain(queue, object).targetFreed;
    }
    return false;
  }

  private int mergeForEndedOwners() {
    int freed = 0;
    for (Map.Entry<Thread, Queue<BiasedObject<?>>> e : mergeQueues.entrySet()) {
      if (!e.getKey().isAlive()) {
        freed += drain(e.getValue(), null).freed;
        // An object queued after this drain is merged by whoever queued it: it sees the owner
        // ended and drains the queue it holds, which need not still be in the map.
        mergeQueues.remove(e.getKey(), e.getValue());
      }
    }
    return freed;
  }

  /** What a {@link #drain} did: how many objects it freed, and whether one was the target. */
  record Drained(int freed, boolean targetFreed) {}

  /**
   * Merges the objects in an owner's queue, each taken by one {@code poll} so that exactly one
   * drainer merges it, and answers how many it freed and whether {@code target}'s own merge, in
   * this call, was one of them: not merely whether the target is freed by now, which a concurrent
   * merger may have done.
   */
  static Drained drain(Queue<BiasedObject<?>> queue, @Nullable BiasedObject<?> target) {
    int freed = 0;
    boolean targetFreed = false;
    for (BiasedObject<?> o = queue.poll(); o != null; o = queue.poll()) {
      boolean f = o.merge();
      freed += f ? 1 : 0;
      targetFreed |= f && o == target;
    }
    return new Drained(freed, targetFreed);
  }

  /** Configures a {@link Heap}; not thread-safe. */
  public static final class Builder {
    private String name = "heap";
    private CountStrategy strategy = CountStrategy.ATOMIC;
    private boolean debug;
    private int accessesKept = 4;
    private @Nullable AllocationGuard guard;
    private @Nullable CountChanges countChanges;
    private Consumer<String> leakSink = System.err::println;

    private Builder() {}

    /**
     * A name for messages and reports. Default {@code "heap"}.
     *
     * @param name not blank
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder name(String name) {
      checkArgument(!checkNotNull(name, "name").isBlank(), "a heap needs a non-blank name");
      this.name = name;
      return this;
    }

    /**
     * How objects count. Default {@link CountStrategy#ATOMIC}, the one that is right under any
     * threading.
     *
     * @param strategy the counting of every object the heap allocates
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder strategy(CountStrategy strategy) {
      this.strategy = checkNotNull(strategy, "strategy");
      return this;
    }

    /**
     * Debug mode: allocation sites, last accesses, a registry of live objects. Default off, as it
     * walks the stack at every allocation.
     *
     * @param debug whether to record
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder debug(boolean debug) {
      this.debug = debug;
      return this;
    }

    /**
     * How many last accesses a debug heap keeps per object. Default 4.
     *
     * @param accessesKept 1 to 64
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder accessesKept(int accessesKept) {
      checkArgument(
          accessesKept >= 1 && accessesKept <= 64,
          "accessesKept must be between 1 and 64, was %s",
          accessesKept);
      this.accessesKept = accessesKept;
      return this;
    }

    /**
     * Runs before every allocation; throws to refuse it. Default: none.
     *
     * @param guard called on the allocating thread
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder guard(AllocationGuard guard) {
      this.guard = checkNotNull(guard, "guard");
      return this;
    }

    /**
     * Where a {@code PLAIN} heap's objects send their count changes, so that a stepper can take
     * each apart into its read and write halves and run other threads between them. Default: none,
     * each change runs both halves at once.
     *
     * @param changes called by every {@code incRef} and {@code decRef} of a mortal object
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder countChanges(CountChanges changes) {
      this.countChanges = checkNotNull(changes, "changes");
      return this;
    }

    /**
     * Where {@link Heap#close()} sends the leak report and the over-release report. Default:
     * standard error.
     *
     * @param sink receives each report as one string
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder leakSink(Consumer<String> sink) {
      this.leakSink = checkNotNull(sink, "sink");
      return this;
    }

    /**
     * Makes the heap.
     *
     * @return a new, open heap with this builder's settings
     */
    public Heap build() {
      checkArgument(
          countChanges == null || strategy == CountStrategy.PLAIN,
          "count changes can be routed only on a PLAIN heap, not %s",
          strategy);
      return new Heap(this);
    }
  }
}

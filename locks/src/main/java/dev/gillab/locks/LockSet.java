package dev.gillab.locks;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.ThreadSafe;
import dev.gillab.locks.internal.OrderGraph;
import dev.gillab.locks.internal.WaitForGraph;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * A family of {@link OwnedLock}s that share deadlock detection: one wait-for registry and one
 * lock-order graph. Locks of different sets never see each other's waits or orders.
 *
 * <h2>Design note</h2>
 *
 * Two detectors answer two different questions.
 *
 * <ul>
 *   <li><b>Real deadlock</b> ({@link Builder#waitFor}): is anybody waiting for me, transitively,
 *       while I am about to wait for them? Checked when an acquisition's fast attempt fails, just
 *       before it parks, by following lock -> owner -> the lock that owner waits for. With {@link
 *       Policy#THROW} the acquisition that would close the cycle throws {@link DeadlockException}
 *       and nothing blocks; with {@link Policy#WARN} the listener hears of it and the threads stay
 *       deadlocked (a {@link #startWatchdog watchdog} can also report such cycles, and JDK monitors
 *       and {@code java.util.concurrent} locks too).
 *   <li><b>Potential deadlock</b> ({@link Builder#order}): were these locks ever taken in the other
 *       order? Every "held A, then took B" is an edge of a graph that outlives the threads; an edge
 *       that closes a cycle is reported even though no thread waits now. That finds the deadlock of
 *       a test that happened not to interleave badly. Edges are validated once, then cached, so a
 *       learned order costs a lookup. See {@link OrderKey} for what a node is.
 * </ul>
 *
 * Both detectors know {@linkplain #newReadWriteLock read/write locks}: readers never wait for each
 * other, so a lock-order cycle broken at a lock read on both sides is not reported (see {@link
 * OwnedReadWriteLock} for the exact rule), and a writer waits for every reader.
 *
 * <p>A pattern known to be safe can be declared once, {@link Builder#allowOrder allowOrder("audit",
 * "account", "both run under lock 'books'")}: that one order is then never recorded nor reported,
 * and every other order still is. Guava's {@code CycleDetectingLockFactory} has no such
 * declaration: a false positive there is silenced only by leaving those locks, or the whole
 * factory, unchecked.
 *
 * <p>Defaults of {@link #builder()}: waitFor THROW, order WARN by {@link OrderKey#NAME}, stacks
 * captured, reports logged at WARNING, no order declared safe. {@link #unchecked()} turns
 * everything off.
 *
 * <p>Thread-safe: locks of one set may be used from any number of threads.
 */
@ThreadSafe
public final class LockSet {
  private static final Logger LOG = Logger.getLogger(LockSet.class.getName());
  private static final DeadlockListener LOG_LISTENER =
      report -> LOG.log(Level.WARNING, report.toString());
  private static final LockSet UNCHECKED =
      builder().waitFor(Policy.DISABLED).order(Policy.DISABLED).captureStacks(false).build();

  private final Policy waitForPolicy;
  private final Policy orderPolicy;
  private final OrderKey orderKey;
  private final boolean captureStacks;
  private final Map<Map.Entry<String, String>, String> allowed;
  private final @Nullable WaitForGraph waits;
  private final @Nullable OrderGraph order;

  private LockSet(Builder b) {
    this.waitForPolicy = b.waitFor;
    this.orderPolicy = b.order;
    this.orderKey = b.orderKey;
    this.captureStacks = b.captureStacks;
    this.allowed = Map.copyOf(b.allowed);
    this.waits = b.waitFor == Policy.DISABLED ? null : new WaitForGraph(b.waitFor, b.listener);
    this.order =
        b.order == Policy.DISABLED
            ? null
            : new OrderGraph(b.order, b.orderKey, b.listener, b.allowed);
  }

  /**
   * A set with no checking at all: its locks cost what an AQS lock costs, and still know their
   * owner.
   *
   * @return the one unchecked set
   */
  public static LockSet unchecked() {
    return UNCHECKED;
  }

  /**
   * Starts a set with the defaults of the class comment: real deadlocks throw, potential ones are
   * logged.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A new non-reentrant lock: its holder asking again is a deadlock with itself, and is reported as
   * one.
   *
   * @param name what reports and messages call the lock; with {@link OrderKey#NAME} also its node
   *     in the lock-order graph
   * @return the lock, free
   */
  public OwnedLock newLock(String name) {
    return new OwnedLock(name, false, waits, order, captureStacks);
  }

  /**
   * A new reentrant lock: its holder may take it again, and releases as often.
   *
   * @param name what reports and messages call the lock; with {@link OrderKey#NAME} also its node
   *     in the lock-order graph
   * @return the lock, free
   */
  public OwnedLock newReentrantLock(String name) {
    return new OwnedLock(name, true, waits, order, captureStacks);
  }

  /**
   * A new read/write lock: any number of readers or one writer, both sides reentrant, readers never
   * waiting behind a queued writer. Its reads and writes take part in both checks, with lockdep's
   * rules for reads (see {@link OwnedReadWriteLock}).
   *
   * @param name what reports and messages call the lock; with {@link OrderKey#NAME} also its node
   *     in the lock-order graph (one node for both sides)
   * @return the lock, free
   */
  public OwnedReadWriteLock newReadWriteLock(String name) {
    return new OwnedReadWriteLock(name, waits, order, captureStacks);
  }

  /**
   * Starts a watchdog that scans this set's waits and the JVM's deadlocked threads every {@link
   * Watchdog#DEFAULT_PERIOD} and reports each new cycle to {@code listener}. The way to hear of a
   * deadlock that {@link Policy#WARN} let happen, or one among JDK locks.
   *
   * @param listener who hears of each new cycle, on the watchdog's thread
   * @return the running watchdog; close it to stop it
   */
  public Watchdog startWatchdog(DeadlockListener listener) {
    return startWatchdog(Watchdog.DEFAULT_PERIOD, listener);
  }

  /**
   * As {@link #startWatchdog(DeadlockListener)}, scanning every {@code period}.
   *
   * @param period the time between two scans
   * @param listener who hears of each new cycle, on the watchdog's thread
   * @return the running watchdog; close it to stop it
   */
  public Watchdog startWatchdog(Duration period, DeadlockListener listener) {
    return Watchdog.start(period, listener, waits == null ? List.of() : List.of(waits));
  }

  /**
   * {@code "LockSet[waitFor=THROW, order=WARN by NAME, stacks]"}, then each declared order: {@code
   * ", allowed audit -> account (both run under lock 'books')"}.
   */
  @Override
  public String toString() {
    StringBuilder s =
        new StringBuilder("LockSet[waitFor=")
            .append(waitForPolicy)
            .append(", order=")
            .append(orderPolicy)
            .append(orderPolicy == Policy.DISABLED ? "" : " by " + orderKey)
            .append(captureStacks && waits != null ? ", stacks" : "");
    allowed.entrySet().stream()
        .sorted(
            Map.Entry.comparingByKey(
                Map.Entry.<String, String>comparingByKey()
                    .thenComparing(Map.Entry.comparingByValue())))
        .forEach(
            a ->
                s.append(", allowed ")
                    .append(a.getKey().getKey())
                    .append(" -> ")
                    .append(a.getKey().getValue())
                    .append(" (")
                    .append(a.getValue())
                    .append(')'));
    return s.append(']').toString();
  }

  /** Configures a {@link LockSet}; not thread-safe. */
  public static final class Builder {
    private Policy waitFor = Policy.THROW;
    private Policy order = Policy.WARN;
    private OrderKey orderKey = OrderKey.NAME;
    private boolean captureStacks = true;
    private DeadlockListener listener = LOG_LISTENER;
    private final Map<Map.Entry<String, String>, String> allowed = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Declares one lock order safe: taking a lock named {@code then} while holding one named {@code
     * first} is never recorded in the lock-order graph, so no cycle through that edge is reported
     * (nor refused with THROW), whichever edge of the cycle came first. Only that edge: the reverse
     * order, and every order of these locks with any other, are checked as before. Declare both
     * directions to allow either order. With {@code first} equal to {@code then}, two locks of one
     * name may nest (lockdep's nesting annotation). For a read/write lock the declaration covers
     * both sides. Declare only what a reason makes safe, such as a third lock that every thread
     * taking both holds first; the reason is kept for readers of {@link LockSet#toString}.
     *
     * @param first the name of the lock held
     * @param then the name of the lock taken while holding it
     * @param reason why that order cannot deadlock; not blank
     * @return this builder
     * @throws IllegalArgumentException if a name or the reason is blank, or the order was declared
     *     already
     */
    @CanIgnoreReturnValue
    public Builder allowOrder(String first, String then, String reason) {
      checkNotNull(first, "first");
      checkNotNull(then, "then");
      checkNotNull(reason, "reason");
      checkArgument(!first.isBlank() && !then.isBlank(), "an allowed order needs two lock names");
      checkArgument(!reason.isBlank(), "allowing %s -> %s needs a reason", first, then);
      @Nullable String before = allowed.putIfAbsent(Map.entry(first, then), reason);
      checkArgument(before == null, "%s -> %s is already allowed (%s)", first, then, before);
      return this;
    }

    /**
     * Real-deadlock policy (wait-for graph). Default THROW.
     *
     * @param policy what an acquisition that would close a wait-for cycle does
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder waitFor(Policy policy) {
      this.waitFor = checkNotNull(policy, "policy");
      return this;
    }

    /**
     * Potential-deadlock policy (lock-order graph). Default WARN: an order seen to flip is worth a
     * report, but it is not yet a deadlock.
     *
     * @param policy what an acquisition that would close a lock-order cycle does
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder order(Policy policy) {
      this.order = checkNotNull(policy, "policy");
      return this;
    }

    /**
     * What a node of the lock-order graph is. Default {@link OrderKey#NAME}.
     *
     * @param key a name or a lock object
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder orderBy(OrderKey key) {
      this.orderKey = checkNotNull(key, "key");
      return this;
    }

    /**
     * Whether each acquisition records its stack, so that a deadlock report shows where every
     * holder took its lock. Costs a stack capture per (outermost) acquisition; only effective while
     * the wait-for policy is not DISABLED. Default true.
     *
     * @param capture whether to record stacks
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder captureStacks(boolean capture) {
      this.captureStacks = capture;
      return this;
    }

    /**
     * Who hears WARN reports. Default: a {@code java.util.logging} WARNING.
     *
     * @param listener called on the thread that found the cycle
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder listener(DeadlockListener listener) {
      this.listener = checkNotNull(listener, "listener");
      return this;
    }

    /**
     * Makes the set. The builder may go on to make others; they share nothing.
     *
     * @return a new lock set with this builder's settings
     */
    public LockSet build() {
      return new LockSet(this);
    }
  }
}

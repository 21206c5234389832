package dev.gillab.gil;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.ThreadSafe;
import dev.gillab.gil.internal.EventRing;
import dev.gillab.gil.internal.GilJfr;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A Global Interpreter Lock: the one lock a thread must hold to run bytecode or allocate on its
 * interpreter's heap.
 *
 * <h2>Design</h2>
 *
 * The GIL is not reentrant and is owned: only the holder may release it. Taking a free GIL is a
 * single compare-and-set on the holder field, so the uncontended path costs what an uncontended
 * {@code ReentrantLock} costs. A thread that finds it taken joins a line and parks and, as
 * CPython's {@code take_gil} does, waits one switch interval at a time: when an interval passes
 * with no switch, it sets the <em>drop request</em>. The holder looks at the request only at
 * eval-breaker checks ({@link #checkpoint()}: backward jumps and calls in the eval loop); there it
 * joins the line itself and lets go. The {@link SwitchingPolicy} supplies the interval and whether
 * switching is forced.
 *
 * <h2>Why a release hands the GIL over</h2>
 *
 * Under forced switching ({@code interval}, {@code ioPriority}) a release hands the GIL to the
 * thread at the head of the line, running or not, and a free GIL goes to a newcomer only when
 * nobody is in line. CPython leaves a released GIL free and signals a waiter; there the waiter
 * wins, because it is on a core again in a few microseconds while a thread back from IO is slower:
 * so a CPU-bound thread beside an echo loop takes the GIL at every round trip, and each round trip
 * waits a whole interval to get it back (the convoy effect, about 5 ms per round trip in CPython
 * 3.11 at the default interval). A parked Java thread takes tens of microseconds to run again,
 * longer than a loopback round trip, so with the GIL left free the thread back from IO would take
 * it first at most round trips, and the convoy would come and go from run to run. Handing over
 * makes the outcome CPython's on every machine. {@code ticks} keeps the free-for-all of the old
 * GIL.
 *
 * <h2>The other policies</h2>
 *
 * Under {@code ticks(n)} the eval loop calls {@link #tick()} every n instructions: release and
 * re-take, no request, no hand-off. Under {@code ioPriority} a thread back from {@link
 * #allowThreads} that finds the GIL taken sets the drop request at once and queues for a hand-off:
 * the holder's next release gives the GIL straight to it, and the holder does not wait for a switch
 * (the GIL is already another thread's). The hand-off, and the IO thread letting go again when it
 * next blocks, are both due within microseconds, so under {@code ioPriority} a waiter spins for
 * {@link SwitchingPolicy#spinNanos()} before it parks: a parked thread takes tens of microseconds
 * to wake, which, paid twice per round trip, cost a CPU-bound thread beside an echo loop up to 70 %
 * of its throughput. Under {@code none} there is no lock: {@link #acquire()} only <em>attaches</em>
 * the calling thread (so the heap's guard and the counters still work) and any number of threads
 * are attached at once.
 *
 * <h2>ioPriority's loans</h2>
 *
 * A thread back from IO that was handed the GIL by a forced drop only borrows it: when it lets go
 * (its next blocking call, a release, or a drop), the GIL goes back to the thread whose drop handed
 * it over, ahead of the line, and that thread is most likely still spinning, so it runs at once.
 * Handed to the head of the line instead, beside two CPU-bound threads the GIL would go to the one
 * parked there, and every echo round trip would wait for a parked thread to wake (the convoy
 * experiment measures about 2 times the round trip alone that way, up to 3.2, against about 1.3
 * with loans). The rules:
 *
 * <ul>
 *   <li>A borrow and its give-back are switches ({@link #switchNumber()}) but not turns. A waiter
 *       in line asks for the GIL after a whole interval with no turn; counted as switches, two at
 *       every round trip, they would keep it from ever asking, and the lender would keep the GIL
 *       for as long as the IO thread kept coming back. So the CPU-bound threads take turns as under
 *       {@code interval}.
 *   <li>A waiter that asked for its turn while the GIL was on loan gets it when the borrower lets
 *       go, instead of the lender: the loan ends, and the lender waits in line for its next turn.
 *   <li>Loans nest: a borrower whose forced drop hands the GIL to a second thread back from IO
 *       lends it in turn, and each loan is repaid to its own lender, the last first. A borrower
 *       that lets go to a second thread back from IO otherwise (blocking again, say) passes its
 *       loan on to it.
 *   <li>The GIL goes back only to a lender still waiting in line, taken off it as a release takes
 *       the head. A lender is a forced dropper, whose wait is not interruptible, so it leaves the
 *       line only for the moment an interrupt makes it re-queue; a give-back in that moment skips
 *       it, and its loan is forfeit.
 * </ul>
 *
 * <p>{@link #switchNumber()} counts hand-overs to a <em>different</em> thread, as CPython's {@code
 * gil->switch_number} does; a thread that takes the GIL back after IO without anyone else holding
 * it in between is no switch, and a loan and its repayment are two.
 *
 * <h2>Instrumentation</h2>
 *
 * Per thread counters (time held, time waiting, acquisitions, forced drops, IO releases) are always
 * on: each thread writes only its own (single writer), found through a thread-local, so taking and
 * releasing costs two clock reads more than the bare lock; the eval-breaker check is untouched.
 * {@link #stats()} reads them. The event ring ({@link #traceEvents(int)}) and JFR events ({@code
 * dev.gillab.gil.*}) are recorded only when switched on, and JFR only from the slow paths.
 *
 * <h2>Memory</h2>
 *
 * Release writes the holder field (volatile) before it reads the waiter count; a waiter increments
 * the count before it tries the compare-and-set. One of the two therefore sees the other, so a
 * release never misses a parked waiter. Everything a holder wrote is visible to the next holder
 * (the holder field is the hand-over point), which is why interpreter objects guarded by the GIL
 * need no synchronization of their own.
 *
 * <p>Thread-safe: every method may be called from any thread; {@link #release()}, {@link
 * #checkpoint()} and {@link #tick()} only by the holder.
 */
@ThreadSafe
public final class Gil {
  private final String name;
  private final SwitchingPolicy policy;
  private final boolean excludes;
  private final boolean ioPriority;
  private final boolean forcedSwitching;

  /**
   * Whether a release hands the GIL to the thread waiting longest: {@code interval}, {@code
   * ioPriority}.
   */
  private final boolean handsOver;

  private final long spinNanos;

  /** The switch interval; changeable while threads run (as {@code sys.setswitchinterval}). */
  private volatile long dropRequestDelayNanos;

  private final AtomicReference<Thread> holder = new AtomicReference<>();

  /** The eval breaker: set by a waiter that waited one interval, cleared by the next taker. */
  private volatile boolean dropRequest;

  /** Written only by the holder, right after taking the GIL. */
  private volatile Thread lastHolder;

  /** Written only by the holder, right after taking the GIL. */
  private volatile long switchNumber;

  /** The last thread that held the GIL on its own turn, not on loan; written only by the holder. */
  private volatile Thread turnHolder;

  /**
   * How many times the turn passed to another thread: {@link #switchNumber} without the loans (a
   * borrow and its give-back are two switches and no turn). The waiters' "a whole interval with no
   * turn" rule reads this. Written only by the holder, right after taking the GIL.
   */
  private volatile long turnNumber;

  /**
   * ioPriority: a waiter in line asked for its turn (the drop request it set may have been cleared
   * meanwhile by a borrower, whose own request it shared). A borrower that lets go then passes the
   * turn to the head of the line instead of giving the GIL back. Cleared when the GIL is next taken
   * other than on loan. (A request made just after a borrower let go is lost with that taker's
   * clearing, as any request made while the GIL changes hands; the waiter asks again after another
   * interval.)
   */
  private volatile boolean turnAsked;

  /** Parks waiters and droppers; never held while running bytecode. */
  private final ReentrantLock mutex = new ReentrantLock();

  private final Condition released = mutex.newCondition();
  private final Condition handedOff = mutex.newCondition();
  private final AtomicInteger waiters = new AtomicInteger();

  /**
   * ioPriority: threads parked for a hand-off. Counted before they read the holder field, which a
   * hand-off writes before it reads the count, so one of the two sees the other.
   */
  private final AtomicInteger parkedForHandOff = new AtomicInteger();

  /**
   * interval, ioPriority: the threads waiting for the GIL, oldest first. A release hands the GIL to
   * the head; a free GIL is taken only by the head, or by a newcomer when nobody is in line.
   */
  private final ConcurrentLinkedQueue<Thread> line = new ConcurrentLinkedQueue<>();

  /** ioPriority: threads back from IO, in the order they came back. */
  private final ConcurrentLinkedQueue<Thread> ioReturners = new ConcurrentLinkedQueue<>();

  /**
   * ioPriority: the lenders, the holder's own first: each made a forced drop that handed the GIL to
   * a thread back from IO, and waits in line to be given it back. Not empty exactly while the
   * holder holds the GIL on loan. Read and written only by the holder (a hand-over's write of the
   * holder field publishes it to the next); concurrent only for the thread-safety checker.
   */
  private final ConcurrentLinkedDeque<Thread> lenders = new ConcurrentLinkedDeque<>();

  private final ConcurrentLinkedQueue<ThreadCounters> allCounters = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<ThreadCounters> counters = ThreadLocal.withInitial(this::register);

  /** Null while tracing is off. */
  private volatile EventRing ring;

  /** What the ring held when tracing stopped. */
  private volatile ImmutableList<GilEvent> stoppedRing = ImmutableList.of();

  private Gil(String name, SwitchingPolicy policy) {
    this.name = name;
    this.policy = policy;
    this.excludes = policy.excludes();
    this.ioPriority = policy.prioritizesIo();
    this.dropRequestDelayNanos = policy.dropRequestDelayNanos();
    this.forcedSwitching = policy.forcedSwitching();
    this.handsOver = excludes && forcedSwitching;
    this.spinNanos = policy.spinNanos();
  }

  /**
   * A free GIL run by {@code policy}, named {@code gil}.
   *
   * @param policy decides when the holder must let go
   * @return a new GIL that no thread holds
   */
  public static Gil create(SwitchingPolicy policy) {
    return create("gil", policy);
  }

  /**
   * A free GIL named {@code name} (JFR events carry it) run by {@code policy}.
   *
   * @param name the GIL's name
   * @param policy decides when the holder must let go
   * @return a new GIL that no thread holds
   */
  public static Gil create(String name, SwitchingPolicy policy) {
    checkNotNull(name, "name");
    checkNotNull(policy, "policy");
    return new Gil(name, policy);
  }

  /**
   * A free GIL with the default {@link SwitchingPolicy#interval()} policy.
   *
   * @return a new GIL that no thread holds, with a 5 ms switch interval
   */
  public static Gil create() {
    return create(SwitchingPolicy.interval());
  }

  /** {@return the policy this GIL was created with} */
  public SwitchingPolicy policy() {
    return policy;
  }

  /**
   * Whether this GIL excludes at all; false under {@link SwitchingPolicy#none()}.
   *
   * @return true if at most one thread holds it at a time
   */
  public boolean excludes() {
    return excludes;
  }

  /**
   * The current switch interval ({@code sys.getswitchinterval}); empty for policies without one
   * ({@code ticks}, {@code none}).
   *
   * @return the interval a waiter waits before it asks the holder to drop the GIL
   */
  public Optional<Duration> switchInterval() {
    return policy.hasSwitchInterval()
        ? Optional.of(Duration.ofNanos(dropRequestDelayNanos))
        : Optional.empty();
  }

  /**
   * Changes the switch interval ({@code sys.setswitchinterval}); waiters use it from their next
   * wait slice on.
   *
   * @param interval the new interval, positive
   * @throws IllegalArgumentException if {@code interval} is zero or negative
   * @throws IllegalStateException if the policy has no switch interval
   */
  public void setSwitchInterval(Duration interval) {
    checkNotNull(interval, "interval");
    checkArgument(
        !interval.isNegative() && !interval.isZero(), "interval must be positive: %s", interval);
    checkState(policy.hasSwitchInterval(), "policy %s has no switch interval", policy.name());
    dropRequestDelayNanos = interval.toNanos();
  }

  /**
   * Takes the GIL, waiting as long as it takes (like CPython's {@code take_gil}, not interruptible:
   * an interrupt that arrives meanwhile is kept in the thread's interrupt flag). Under {@code none}
   * it only attaches the thread.
   *
   * @throws IllegalStateException if the calling thread already holds it (the GIL is not reentrant)
   */
  public void acquire() {
    Thread me = Thread.currentThread();
    ThreadCounters c = counters.get();
    if (!excludes) {
      attach(me, c);
      return;
    }
    boolean waited = !takeIfFree(me);
    if (waited) {
      checkNotHeldBy(me);
      waitUninterruptibly(me, c, false);
    }
    taken(me, c, waited);
  }

  /**
   * Takes the GIL if it can within {@code timeout}. While it waits it behaves as {@link #acquire()}
   * does, so it may set the drop request after a whole interval. Under {@code none} it attaches the
   * thread and returns true at once.
   *
   * @param timeout how long to wait at most; zero or negative does not wait, and one of {@link
   *     Long#MAX_VALUE} nanoseconds (292 years) or more waits as {@link #acquire()} does, though
   *     interruptibly
   * @return whether the calling thread now holds the GIL
   * @throws InterruptedException if the thread is interrupted while it waits and has not been
   *     handed the GIL (one handed the GIL as it is interrupted returns true with its interrupt
   *     flag set)
   * @throws IllegalStateException if the calling thread already holds it (the GIL is not reentrant)
   */
  public boolean tryAcquire(Duration timeout) throws InterruptedException {
    checkNotNull(timeout, "timeout");
    Thread me = Thread.currentThread();
    ThreadCounters c = counters.get();
    if (!excludes) {
      attach(me, c);
      return true;
    }
    boolean waited = !takeIfFree(me);
    if (waited) {
      checkNotHeldBy(me);
      // convert() saturates where toNanos() throws; the wait holds the time since now against it,
      // so no deadline (now plus timeout) is summed to overflow.
      long nanos = Math.max(0, TimeUnit.NANOSECONDS.convert(timeout));
      if (!waitFor(me, c, System.nanoTime(), nanos, false)) {
        return false;
      }
    }
    taken(me, c, waited);
    return true;
  }

  /**
   * Releases the GIL and wakes one waiter (or, under {@code ioPriority}, hands it to a thread back
   * from IO, or gives it back to the thread it was borrowed from).
   *
   * @throws IllegalStateException if the calling thread does not hold it
   */
  public void release() {
    Thread me = Thread.currentThread();
    ThreadCounters c = counters.get();
    checkHolder(me, c, "GIL released by %s, but it is held by %s");
    drop(me, c, GilEvent.Kind.RELEASE);
  }

  /**
   * The eval-breaker check: if another thread asked for the GIL, let go of it, wait for the switch
   * (under forced switching) and take it again. Costs one volatile read when nobody asked. Only the
   * holder may call it.
   */
  public void checkpoint() {
    if (dropRequest) {
      yieldOnRequest();
    }
  }

  /**
   * The {@code ticks} policy's periodic release: let go of the GIL and take it straight back, with
   * no hand-off — whoever wins the race runs next. Only the holder may call it; under {@code none}
   * it does nothing.
   */
  public void tick() {
    if (!excludes) {
      return;
    }
    Thread me = Thread.currentThread();
    ThreadCounters c = counters.get();
    checkHolder(me, c, "tick by %s, but the GIL is held by %s");
    drop(me, c, GilEvent.Kind.TICK);
    acquire();
  }

  /**
   * Whether a waiter has asked the holder to drop the GIL (the eval breaker is set).
   *
   * @return true if the holder's next {@link #checkpoint()} will let go (a snapshot)
   */
  public boolean dropRequested() {
    return dropRequest;
  }

  /**
   * Runs {@code call} with the GIL released, then takes it back — CPython's {@code
   * Py_BEGIN_ALLOW_THREADS} / {@code Py_END_ALLOW_THREADS} around a blocking call. The call must
   * not touch interpreter objects. The GIL is taken back even when the call throws. Unlike a drop
   * on request, letting go here does not wait for another thread to take the GIL: the call is about
   * to block anyway. Under {@code ioPriority}, a thread that comes back to a taken GIL asks for it
   * at once and is handed it at the holder's next check, on loan: when it lets go again the GIL
   * goes back to that holder (see the class comment).
   *
   * @param <T> what the call returns
   * @param <X> what the call may throw
   * @param call the blocking call, run on the calling thread
   * @return what {@code call} returned
   * @throws X what {@code call} threw, once the GIL is taken back
   * @throws IllegalStateException if the calling thread does not hold the GIL
   */
  @SuppressWarnings("NonAtomicVolatileUpdate") // ioReleases has one writer, its own thread
  public <T, X extends Exception> T allowThreads(BlockingCall<T, X> call) throws X {
    checkNotNull(call, "call");
    Thread me = Thread.currentThread();
    ThreadCounters c = counters.get();
    checkHolder(me, c, "GIL released by %s, but it is held by %s");
    c.ioReleases++; // single writer: this thread
    GilJfr.IoRelease jfr = GilJfr.beginIoRelease();
    drop(me, c, GilEvent.Kind.IO_RELEASE);
    try {
      return call.call();
    } finally {
      GilJfr.endIoRelease(jfr, name);
      retakeAfterIo(me, c);
    }
  }

  /**
   * {@return whether the calling thread holds the GIL (under {@code none}: whether it is attached)}
   */
  public boolean isHeldByCurrentThread() {
    return excludes ? holder.get() == Thread.currentThread() : counters.get().attached;
  }

  /**
   * The thread holding the GIL right now, if any (a snapshot: it may change at once); always empty
   * under {@code none}.
   *
   * @return the holder, or empty when the GIL is free
   */
  public Optional<Thread> holder() {
    return Optional.ofNullable(holder.get());
  }

  /**
   * How many times the GIL passed to a thread other than its previous holder.
   *
   * @return the number of switches since the GIL was created
   */
  public long switchNumber() {
    return switchNumber;
  }

  /**
   * How many threads are waiting for the GIL right now, spinning or parked (a snapshot).
   *
   * @return the number of waiting threads
   */
  public int waiting() {
    return waiters.get();
  }

  /**
   * A snapshot of the counters: switches, and per thread held and waiting nanoseconds,
   * acquisitions, forced drops and IO releases. A thread still holding the GIL is counted up to
   * now.
   *
   * @return a new snapshot of the counters
   */
  public GilStats stats() {
    long now = System.nanoTime();
    ImmutableList.Builder<GilThreadStats> threads = ImmutableList.builder();
    for (ThreadCounters c : allCounters) {
      long since = c.heldSince;
      long held = c.heldNanos + (since != 0 ? Math.max(0, now - since) : 0);
      threads.add(
          new GilThreadStats(
              c.threadId,
              c.threadName,
              held,
              c.waitingNanos,
              c.acquisitions,
              c.forcedDrops,
              c.ioReleases));
    }
    return new GilStats(policy.name(), switchNumber, threads.build());
  }

  /**
   * Starts recording events into a new ring that keeps the newest {@code capacity} (a previous ring
   * and its events are dropped).
   *
   * @param capacity how many events the ring keeps, at least 1
   * @throws IllegalArgumentException if {@code capacity} is less than 1
   */
  public void traceEvents(int capacity) {
    checkArgument(capacity >= 1, "event ring capacity must be positive, got %s", capacity);
    ring = new EventRing(capacity);
  }

  /** Stops recording events; {@link #events()} keeps answering the last ring's contents. */
  public void stopTracing() {
    EventRing r = ring;
    if (r != null) {
      stoppedRing = r.snapshot();
    }
    ring = null;
  }

  /**
   * Whether events are being recorded.
   *
   * @return true between {@link #traceEvents(int)} and {@link #stopTracing()}
   */
  public boolean isTracing() {
    return ring != null;
  }

  /**
   * The events in the ring, oldest first, ordered by sequence number and time (the newest ring's
   * capacity at most; empty if tracing never started).
   *
   * @return a snapshot of the events; while tracing, later events are not added to it
   */
  public List<GilEvent> events() {
    EventRing r = ring;
    return r != null ? r.snapshot() : stoppedRing;
  }

  @Override
  public String toString() {
    Thread h = holder.get();
    return "Gil{"
        + policy.name()
        + ", holder="
        + (h == null ? "none" : h.getName())
        + ", switches="
        + switchNumber
        + "}";
  }

  private ThreadCounters register() {
    Thread t = Thread.currentThread();
    ThreadCounters c = new ThreadCounters(t.getId(), t.getName());
    allCounters.add(c);
    return c;
  }

  /**
   * Records an event if tracing, and answers the time of it: the event's own time stamp, so that
   * the counters computed from these times and the timeline drawn from the events agree exactly
   * (two clock reads could be a descheduling apart).
   */
  private long record(GilEvent.Kind kind, Thread t) {
    EventRing r = ring;
    return r != null ? r.add(kind, t) : System.nanoTime();
  }

  private void checkNotHeldBy(Thread me) {
    checkState(holder.get() != me, "the GIL is not reentrant: %s already holds it", me.getName());
  }

  private void checkHolder(Thread me, ThreadCounters c, String template) {
    if (!excludes) {
      checkState(c.attached, template, me.getName(), "no thread (it is not attached)");
      return;
    }
    Thread h = holder.get();
    checkState(h == me, template, me.getName(), h == null ? "no thread" : h.getName());
  }

  @SuppressWarnings("NonAtomicVolatileUpdate") // single writer: the counters' own thread
  private void attach(Thread me, ThreadCounters c) {
    checkState(!c.attached, "the GIL is not reentrant: %s already holds it", me.getName());
    c.attached = true;
    c.acquisitions++;
    c.heldSince = record(GilEvent.Kind.ACQUIRE, me);
  }

  /**
   * Bookkeeping of a new holder; runs with the GIL held. {@code afterWait}: the slow path took it,
   * and has counted the switch already (see {@link #noteSwitch}).
   */
  @SuppressWarnings("NonAtomicVolatileUpdate") // single writer: the counters' own thread
  private void taken(Thread me, ThreadCounters c, boolean afterWait) {
    c.acquisitions++;
    if (!afterWait) {
      noteSwitch(me);
    }
    long now = record(GilEvent.Kind.ACQUIRE, me);
    if (c.waitSince != 0) { // the wait ends where the hold begins: at the ACQUIRE event
      c.waitingNanos += now - c.waitSince;
      c.waitSince = 0;
    }
    c.heldSince = now;
  }

  /**
   * Counts a switch if the GIL changed threads and clears a request meant for the previous holder;
   * runs with the GIL held, once per acquisition (a hand-over to the head of the line runs it for
   * the new holder, whose own call then finds the switch counted). A waiter that wins the GIL calls
   * it before it stops counting as a waiter, as CPython's {@code take_gil} bumps {@code
   * switch_number} under its mutex: otherwise the dropper, seeing no waiter left, could start its
   * own wait before the switch is counted, and that wait would see a switch in its first interval
   * and wait a second one before asking. (A thread that takes a free GIL on the fast path is never
   * a waiter, so a dropper that found nobody waiting can still start its wait just before that
   * taker counts its switch; it then asks after two intervals. Rare, and harmless beyond that.) It
   * counts a turn likewise, unless the GIL is on loan (see {@link #drop}): a waiter in line asks
   * after a whole interval with no turn, and a borrow and its give-back, two switches at every
   * round trip of an IO thread, would otherwise keep it from ever asking.
   */
  @SuppressWarnings("NonAtomicVolatileUpdate") // single writer: the holder
  private void noteSwitch(Thread me) {
    if (lastHolder != me) {
      lastHolder = me;
      switchNumber++;
    }
    if (!ioPriority || lenders.isEmpty()) { // not on loan: its own turn, or a lender's again
      if (turnHolder != me) {
        turnHolder = me;
        turnNumber++;
      }
      if (turnAsked) {
        turnAsked = false;
      }
    }
    if (dropRequest && (!ioPriority || ioReturners.isEmpty())) {
      // The request was for the previous holder; this one gets a full interval.
      dropRequest = false;
    }
  }

  /**
   * Lets go of the GIL; returns whether it was handed straight to a thread back from IO.
   *
   * <p>Under ioPriority the GIL goes, in this order: to the thread back from IO that queued first;
   * back to the lender, if {@code me} holds it on loan and no waiter in line asked for its turn
   * meanwhile; to the head of the line; nobody. A forced drop that hands it to a thread back from
   * IO lends it (the dropper waits in line, put there by {@link #yieldOnRequest}); any other drop
   * to one passes on the loan {@code me} held, if any, so a borrower that lets go to a second
   * thread back from IO leaves that one to give the GIL back.
   */
  @CanIgnoreReturnValue
  @SuppressWarnings("NonAtomicVolatileUpdate") // single writer: the counters' own thread
  private boolean drop(Thread me, ThreadCounters c, GilEvent.Kind kind) {
    long now = record(kind, me);
    c.heldNanos += now - c.heldSince;
    c.heldSince = 0;
    if (!excludes) {
      c.attached = false;
      return false;
    }
    Thread next = ioPriority ? ioReturners.poll() : null;
    if (next != null) {
      if (kind == GilEvent.Kind.FORCED_DROP && handsOver) {
        lenders.push(me); // a loan: me waits in line to be given the GIL back
      }
      holder.set(next); // hand-off: the thread back from IO holds it now
      if (parkedForHandOff.get() > 0) { // else it spins and sees the holder field
        mutex.lock();
        try {
          handedOff.signalAll();
        } finally {
          mutex.unlock();
        }
      }
      return true;
    }
    if (ioPriority && !lenders.isEmpty()) {
      next = turnAsked ? null : takeLender();
      if (next != null) {
        holder.set(next); // given back: most likely still spinning, so it runs at once
        LockSupport.unpark(next);
        return false;
      }
      lenders.clear(); // the turn passes on; the lenders wait in line for theirs
    }
    next = handsOver ? takeHeadOfLine(me) : null;
    if (next != null) {
      // Counted now, by the holder that decides it, not when next wakes up: a forced dropper's
      // wait in line, which starts right after this, must not see the turn pass in its first
      // interval, or it would ask only after a second one (CPython's dropper, likewise, waits
      // until take_gil has bumped switch_number).
      noteSwitch(next);
      holder.set(next); // the longest waiter holds it now, running or not
      LockSupport.unpark(next);
      return true;
    }
    holder.set(null);
    if (handsOver) {
      Thread head = line.peek(); // joined after the poll; it may have parked seeing us hold it
      if (head != null) {
        LockSupport.unpark(head);
      }
    }
    if (waiters.get() > 0) {
      mutex.lock();
      try {
        if (!handsOver) {
          released.signal();
        }
        if (ioPriority) {
          handedOff.signalAll();
        }
      } finally {
        mutex.unlock();
      }
    }
    return false;
  }

  @SuppressWarnings("NonAtomicVolatileUpdate") // single writer: the counters' own thread
  private void yieldOnRequest() {
    Thread me = Thread.currentThread();
    ThreadCounters c = counters.get();
    checkState(holder.get() == me, "checkpoint by %s, which does not hold the GIL", me.getName());
    c.forcedDrops++;
    GilJfr.forcedDrop(name);
    if (handsOver) {
      // In line before letting go, behind the thread that asked, which the release hands the GIL
      // to: so the switch is sure, and no thread takes the GIL past this one while this one is
      // off its core (a woken thread takes tens of microseconds to run; a loopback round trip,
      // less). CPython's dropper waits for the switch, then for the GIL, likewise.
      line.add(me);
      drop(me, c, GilEvent.Kind.FORCED_DROP);
      waitUninterruptibly(me, c, true);
      taken(me, c, true);
      return;
    }
    drop(me, c, GilEvent.Kind.FORCED_DROP);
    acquire();
  }

  private void retakeAfterIo(Thread me, ThreadCounters c) {
    record(GilEvent.Kind.IO_RETAKE, me);
    if (!excludes) {
      attach(me, c);
      return;
    }
    boolean waited = !takeIfFree(me);
    if (waited) {
      if (ioPriority) {
        waitForHandOff(me, c);
      } else {
        waitUninterruptibly(me, c, false);
      }
    }
    taken(me, c, waited);
  }

  /** {@code queued}: the thread is in line already (a forced drop put it there). */
  private void waitUninterruptibly(Thread me, ThreadCounters c, boolean queued) {
    boolean interrupted = false;
    while (true) {
      try {
        waitFor(me, c, 0, Long.MAX_VALUE, queued);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
        queued = false; // the failed wait left the line
      }
    }
    if (interrupted) {
      me.interrupt();
    }
  }

  /**
   * ioPriority: back from IO to a taken GIL. Queue for the hand-off and ask the holder to drop at
   * once; spin for the hand-off, then park for it. Returns holding the GIL.
   */
  @SuppressWarnings("NonAtomicVolatileUpdate") // single writer: the counters' own thread
  private void waitForHandOff(Thread me, ThreadCounters c) {
    long start = record(GilEvent.Kind.WAIT, me);
    GilJfr.Wait jfr = GilJfr.beginWait();
    waiters.incrementAndGet();
    ioReturners.add(me); // before the request, so a new holder keeps the request for us
    boolean dequeued = false;
    try {
      requestDrop(me, false);
      if (!spinToTake(me, 0, Long.MAX_VALUE, false)) {
        parkForHandOff(me);
      }
      ioReturners.remove(me); // when the GIL came free rather than handed off
      dequeued = true;
      noteSwitch(me); // after the removal: a request is kept only for a thread still queued
    } finally {
      if (!dequeued) {
        ioReturners.remove(me); // something threw: never hand the GIL to a thread not waiting
      }
      waiters.decrementAndGet();
      if (dequeued) {
        c.waitSince = start; // taken() counts the wait up to its ACQUIRE
      } else {
        c.waitingNanos += System.nanoTime() - start;
      }
    }
    GilJfr.endWait(jfr, name, switchNumber);
  }

  /** Parks until the GIL is handed off or comes free, asking again whenever a taker cleared it. */
  private void parkForHandOff(Thread me) {
    boolean interrupted = false;
    mutex.lock();
    parkedForHandOff.incrementAndGet();
    try {
      while (!handedOrTaken(me, false)) {
        requestDrop(me, false);
        try {
          handedOff.awaitNanos(dropRequestDelayNanos);
        } catch (InterruptedException e) {
          interrupted = true; // kept for the caller, as take_gil would
        }
      }
    } finally {
      parkedForHandOff.decrementAndGet();
      mutex.unlock();
    }
    if (interrupted) {
      me.interrupt();
    }
  }

  /**
   * The slow path of taking the GIL: spin if the policy says so, then wait one drop-request delay
   * at a time, asking the holder to drop when a whole delay passed with no turn. Returns with the
   * GIL held, or false once {@code timeout} nanoseconds have passed since {@code since} (a {@link
   * System#nanoTime()}); a {@code timeout} of {@link Long#MAX_VALUE} is none, and {@code since} is
   * then unused.
   */
  @SuppressWarnings("NonAtomicVolatileUpdate") // single writer: the counters' own thread
  private boolean waitFor(Thread me, ThreadCounters c, long since, long timeout, boolean queued)
      throws InterruptedException {
    long start = record(GilEvent.Kind.WAIT, me);
    GilJfr.Wait jfr = GilJfr.beginWait();
    boolean got = false;
    InterruptedException interrupt = null;
    if (handsOver && !queued) {
      line.add(me); // before it counts as a waiter: a thread seen waiting is in line
    }
    waiters.incrementAndGet();
    try {
      got =
          spinToTake(me, since, timeout, handsOver)
              || (handsOver ? parkInLine(me, since, timeout) : parkToTake(me, since, timeout));
    } catch (InterruptedException e) {
      interrupt = e;
    } finally {
      if (handsOver) {
        got = leaveLine(me);
      }
      if (got) {
        noteSwitch(me);
      }
      waiters.decrementAndGet();
      if (got) {
        c.waitSince = start; // taken() counts the wait up to its ACQUIRE
        GilJfr.endWait(jfr, name, switchNumber);
      } else {
        c.waitingNanos += System.nanoTime() - start;
      }
    }
    if (interrupt != null) {
      if (!got) {
        throw interrupt;
      }
      me.interrupt(); // handed the GIL as it gave up: it keeps both, as take_gil keeps the flag
    }
    return got;
  }

  /**
   * {@link #waitFor}'s parking in line: one interval at a time, asking the holder to drop when a
   * whole interval passed with no turn (no switch, loans aside), until a release hands the GIL over
   * or it is free with this thread at the head.
   */
  private boolean parkInLine(Thread me, long since, long timeout) throws InterruptedException {
    while (!handedOrTaken(me, true)) {
      long delay = dropRequestDelayNanos;
      long slice = slice(delay, since, timeout);
      if (slice <= 0) {
        return false;
      }
      long turnBefore = turnNumber;
      long parkedAt = System.nanoTime();
      LockSupport.parkNanos(this, slice);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      Thread h = holder.get();
      if (slice == delay
          && delay != Long.MAX_VALUE
          && System.nanoTime() - parkedAt >= slice
          && h != null
          && h != me
          && turnNumber == turnBefore) {
        requestDrop(me, true);
      }
    }
    return true;
  }

  /**
   * Leaves the line after a wait; answers whether this thread holds the GIL: taken, or handed over
   * while it gave up. A thread that leaves a free GIL behind wakes the new head.
   */
  private boolean leaveLine(Thread me) {
    if (!line.remove(me)) {
      // A release took this thread off the line: it is setting the holder field to it now.
      while (holder.get() != me) {
        Thread.onSpinWait();
      }
      return true;
    }
    Thread h = holder.get();
    if (h == me) {
      return true;
    }
    if (h == null) {
      Thread head = line.peek();
      if (head != null) {
        LockSupport.unpark(head);
      }
    }
    return false;
  }

  /**
   * Takes the lender of the loan the holder is on off the line, and answers it; a lender not in
   * line (out of it for a moment, re-queueing after an interrupt) forfeits its loan, and the next
   * is tried. Null when none is left: the GIL is never handed to a thread that is not waiting.
   */
  private @Nullable Thread takeLender() {
    for (Thread lender = lenders.poll(); lender != null; lender = lenders.poll()) {
      if (line.remove(lender)) {
        return lender;
      }
    }
    return null;
  }

  /** Takes the head of the line off it, unless that is {@code me} (a forced dropper in line). */
  private @Nullable Thread takeHeadOfLine(Thread me) {
    Thread head = line.peek();
    return head != null && head != me && line.remove(head) ? head : null;
  }

  /**
   * The fast path: takes a free GIL, unless threads wait in line for it (they come first under the
   * policies that hand the GIL over).
   */
  private boolean takeIfFree(Thread me) {
    return (!handsOver || line.isEmpty()) && holder.compareAndSet(null, me);
  }

  /**
   * How long one park of a waiter lasts: an interval ({@code delay}), or what is left of {@code
   * timeout} since {@code since} if that is less; 0 once it has passed ({@link Long#MAX_VALUE}:
   * none).
   */
  private static long slice(long delay, long since, long timeout) {
    if (timeout == Long.MAX_VALUE) {
      return delay;
    }
    long left = left(since, timeout, System.nanoTime());
    return left <= 0 ? 0 : Math.min(delay, left);
  }

  /**
   * What is left at {@code now} of {@code timeout} (not {@link Long#MAX_VALUE}) since {@code
   * since}, both {@link System#nanoTime()}s. The elapsed time is their difference, right even where
   * the clock's values wrap, and {@code timeout} less it cannot overflow, both being at least 0.
   */
  private static long left(long since, long timeout, long now) {
    return timeout - (now - since);
  }

  /** {@link #waitFor}'s parking: one interval at a time, under the mutex. */
  private boolean parkToTake(Thread me, long since, long timeout) throws InterruptedException {
    mutex.lock();
    try {
      while (!holder.compareAndSet(null, me)) {
        long delay = dropRequestDelayNanos;
        long slice = slice(delay, since, timeout);
        if (slice <= 0) {
          return false;
        }
        long turnBefore = turnNumber;
        boolean timedOut = released.awaitNanos(slice) <= 0;
        if (timedOut
            && slice == delay
            && delay != Long.MAX_VALUE
            && holder.get() != null
            && turnNumber == turnBefore) {
          requestDrop(me, true);
        }
      }
      return true;
    } finally {
      mutex.unlock();
    }
  }

  /**
   * Spins up to the policy's {@link SwitchingPolicy#spinNanos() spin time} (and no longer than what
   * is left of {@code timeout} since {@code since}; {@link Long#MAX_VALUE}: no timeout) for the GIL
   * to be handed to {@code me} or to come free; true if it holds it now. A waiter must already be
   * counted in {@link #waiters}, so a release signals it.
   */
  private boolean spinToTake(Thread me, long since, long timeout, boolean inLine) {
    if (spinNanos == 0) {
      return false;
    }
    long from = System.nanoTime();
    long spin = spinNanos;
    if (timeout != Long.MAX_VALUE) {
      spin = Math.min(spin, left(since, timeout, from));
    }
    do {
      if (handedOrTaken(me, inLine)) {
        return true;
      }
      Thread.onSpinWait();
    } while (System.nanoTime() - from < spin);
    return false;
  }

  /**
   * Whether {@code me} holds the GIL now: handed to it, or found free and taken ({@code inLine}:
   * only from the head of the line).
   */
  private boolean handedOrTaken(Thread me, boolean inLine) {
    Thread h = holder.get();
    return h == me
        || (h == null && (!inLine || line.peek() == me) && holder.compareAndSet(null, me));
  }

  /**
   * Sets the drop request (the eval breaker) unless it is set already; {@code forTurn}: asked by a
   * waiter in line that waited a whole interval with no turn, not by a thread back from IO.
   */
  private void requestDrop(Thread me, boolean forTurn) {
    if (forTurn && ioPriority) {
      turnAsked = true; // before the request, so a holder that sees the request sees this
    }
    if (!dropRequest) {
      dropRequest = true;
      record(GilEvent.Kind.DROP_REQUEST, me);
      GilJfr.dropRequest(name, holder.get());
    }
  }

  /**
   * One thread's counters. Each field has a single writer, the thread itself; other threads only
   * read them (for {@link #stats()}), so volatile fields suffice.
   */
  @ThreadSafe
  private static final class ThreadCounters {
    final long threadId;
    final String threadName;
    volatile long heldNanos;
    volatile long waitingNanos;
    volatile long acquisitions;
    volatile long forcedDrops;
    volatile long ioReleases;

    /** When the current hold began; 0 while not holding. */
    volatile long heldSince;

    /** When a wait that won the GIL began, until {@code taken} counts it; else 0. */
    volatile long waitSince;

    /** Under {@code none}: whether the thread is attached. */
    volatile boolean attached;

    ThreadCounters(long threadId, String threadName) {
      this.threadId = threadId;
      this.threadName = threadName;
    }
  }
}

package dev.gillab.threads.tally.internal;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs rounds of actors, one reused worker thread per actor, all started together each round. Not
 * API.
 *
 * <p>How a round goes: every worker runs its actor on the round's state, then arrives. The last to
 * arrive ends the round on its own thread: it applies the arbiter, hands the outcome to the sink
 * (which tallies it and says whether to go on), makes the next state, and releases the others by
 * bumping a volatile phase they spin on. So the workers leave the barrier within nanoseconds of
 * each other, which is what gives their actors the most overlap, and no thread is created per
 * round. A waiter spins for a while, then parks; before parking it raises a flag, and the releaser
 * unparks every flagged waiter after bumping the phase (flag and phase are both volatile, so either
 * the waiter sees the new phase or the releaser sees the flag: no wake-up is lost). With more
 * actors than processors a waiter parks at once, since spinning would only keep the thread it waits
 * for off the CPU.
 *
 * <p>Memory effects: an actor's writes happen-before the arrival counter's increment, which
 * happens-before the last arriver's increment; the arbiter therefore sees every actor's writes. The
 * next state and the stop flag are written before the phase is bumped, so a worker that sees the
 * new phase sees them too.
 *
 * <p>Failures are never swallowed: the first throwable from an actor, the arbiter or the state
 * factory stops the run and is returned; a round that outlives the hard limit gets its workers
 * interrupted and is reported as hung. Every worker is a daemon thread and {@link #run} waits for
 * all of them to end (joins them), so none outlives the run unless an actor ignores interruption
 * (then the failure says so).
 *
 * <p>Single use and not thread-safe as an object: make one per run and call {@link #run} once.
 *
 * @param <S> the per-round shared state
 * @param <R> the outcome the arbiter computes from a finished round's state
 */
public final class RoundRunner<S, R> {

  /** An actor: a name for reports and a body that acts on the round's state. Immutable. */
  public record Actor<S>(String name, Consumer<? super S> body) {}

  /** What went wrong: a message, the round, and the throwable if there was one. Immutable. */
  public record Failure(String message, long round, Optional<Throwable> cause) {}

  /** How a run ended: the rounds tallied, and the failure that stopped it, if any. Immutable. */
  public record Result(long rounds, Optional<Failure> failure) {}

  /**
   * Spins before a waiter parks, when every worker can have a processor of its own. Short: on a
   * loaded machine a long spin keeps the very thread it waits for off the CPU (measured: 200 spins
   * ran a 2-actor tally 3-5x faster than 2,000 on a busy 2-core box).
   */
  private static final int SPINS = 200;

  /** How long interrupted workers get to end before the run gives up on them. */
  private static final long STOP_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final ImmutableList<Actor<S>> actors;
  private final Supplier<? extends S> stateFactory;
  private final Function<? super S, ? extends R> arbiter;
  private final Predicate<? super R> sink;
  private final String threadPrefix;
  private final long hardLimitNanos;
  private final String hardLimitText;

  private final Object lock = new Object();
  private final AtomicInteger arrived = new AtomicInteger();
  private final AtomicIntegerArray running;

  /** 1 while a worker is (about to be) parked in the barrier: the releaser must unpark it. */
  private final AtomicIntegerArray parked;

  private final int spins;

  /** The workers, by actor index; filled before any of them starts. */
  private final Thread[] workerThreads;

  private final AtomicInteger runs = new AtomicInteger();

  /** The state of the round in progress; written before {@link #phase} is bumped. */
  private volatile S current;

  /** Rounds released so far, minus one; a waiter leaves the barrier when it changes. */
  private volatile long phase;

  /**
   * Set between rounds when no further round may start (a bound was reached, or something failed),
   * or when the run aborts.
   */
  private volatile boolean stop;

  /** Set when the run gives up on a round: waiters leave at once. */
  private volatile boolean abort;

  @GuardedBy("lock")
  private long rounds;

  /** The first failure, or null while there is none. */
  @GuardedBy("lock")
  private Failure failure;

  /**
   * A runner for one run.
   *
   * @param actors two or more actors, one worker thread each
   * @param stateFactory makes a fresh state for every round
   * @param arbiter computes a finished round's outcome (never null)
   * @param sink takes each outcome in round order, one at a time; returns whether to go on
   * @param threadPrefix the worker threads' names start with this
   * @param hardLimitNanos how long the whole run may take before its current round counts as hung
   * @param hardLimitText the hard limit as a reader should see it in a failure message
   */
  public RoundRunner(
      List<Actor<S>> actors,
      Supplier<? extends S> stateFactory,
      Function<? super S, ? extends R> arbiter,
      Predicate<? super R> sink,
      String threadPrefix,
      long hardLimitNanos,
      String hardLimitText) {
    checkArgument(actors.size() >= 2, "need at least 2 actors, got %s", actors.size());
    checkArgument(hardLimitNanos > 0, "hard limit must be positive, got %s ns", hardLimitNanos);
    this.actors = ImmutableList.copyOf(actors);
    this.stateFactory = stateFactory;
    this.arbiter = arbiter;
    this.sink = sink;
    this.threadPrefix = threadPrefix;
    this.hardLimitNanos = hardLimitNanos;
    this.hardLimitText = hardLimitText;
    this.running = new AtomicIntegerArray(actors.size());
    this.parked = new AtomicIntegerArray(actors.size());
    this.spins = actors.size() <= Runtime.getRuntime().availableProcessors() ? SPINS : 0;
    this.workerThreads = new Thread[actors.size()];
  }

  /** Runs rounds until the sink says stop or something fails; returns once every worker ended. */
  public Result run() {
    checkState(runs.getAndIncrement() == 0, "a RoundRunner runs once");
    S first = makeState(1);
    if (first == null) {
      return result();
    }
    current = first;
    List<Thread> workers = new ArrayList<>(actors.size());
    try {
      for (int i = 0; i < actors.size(); i++) {
        int index = i;
        Thread worker = new Thread(() -> work(index), threadPrefix + actors.get(i).name());
        worker.setDaemon(true);
        workers.add(worker);
        workerThreads[i] = worker;
      }
      workers.forEach(Thread::start);
    } catch (RuntimeException | Error e) {
      // Could not start them all (e.g. out of native threads): release the ones that started.
      fail("could not start the worker threads", 1, e);
      stopWorkers(workers);
      return result();
    }
    try {
      if (!joinAll(workers, System.nanoTime() + hardLimitNanos)) {
        failHung();
        stopWorkers(workers);
      }
    } catch (InterruptedException e) {
      fail("interrupted while waiting for round " + (phase + 1), phase + 1, e);
      stopWorkers(workers);
      Thread.currentThread().interrupt();
    }
    return result();
  }

  /** Waits until every worker has ended or the deadline passed; returns whether all ended. */
  private static boolean joinAll(List<Thread> workers, long deadlineNanos)
      throws InterruptedException {
    for (Thread worker : workers) {
      long remaining = deadlineNanos - System.nanoTime();
      if (remaining > 0) {
        TimeUnit.NANOSECONDS.timedJoin(worker, remaining);
      }
      if (worker.isAlive()) {
        return false;
      }
    }
    return true;
  }

  private Result result() {
    synchronized (lock) {
      return new Result(rounds, Optional.ofNullable(failure));
    }
  }

  private void work(int index) {
    Actor<S> actor = actors.get(index);
    long myPhase = 0;
    while (true) {
      S state = current;
      long round = myPhase + 1;
      running.set(index, 1);
      try {
        actor.body().accept(state);
      } catch (Throwable t) { // an actor's failure is reported, whatever it is
        fail("actor '" + actor.name() + "' threw in round " + round, round, t);
      } finally {
        running.set(index, 0);
      }
      if (arrived.incrementAndGet() == actors.size()) {
        arrived.set(0);
        endRound(state, round);
        phase = round; // releases the others into the next round (or out)
        wakeParked(index);
      } else if (!awaitPhaseAfter(myPhase, index)) {
        return;
      }
      myPhase = round;
      if (stop) {
        return;
      }
    }
  }

  /**
   * Runs on the last arriver, between rounds: tallies the round and prepares the next, or sets
   * {@link #stop}. Only here (and when the run aborts) is {@code stop} set: a worker checks it as
   * it leaves the barrier, so a failure in the middle of a round must not be seen as "stop" by a
   * worker still leaving the previous barrier, or that worker would miss the round the others are
   * waiting in.
   */
  private void endRound(S state, long round) {
    stop = !tallyAndPrepare(state, round);
  }

  private boolean tallyAndPrepare(S state, long round) {
    synchronized (lock) {
      if (failure != null) {
        return false;
      }
    }
    R outcome;
    try {
      outcome = arbiter.apply(state);
    } catch (Throwable t) { // reported, not swallowed
      fail("arbiter threw in round " + round, round, t);
      return false;
    }
    if (outcome == null) {
      fail("arbiter returned null in round " + round, round, null);
      return false;
    }
    boolean more = sink.test(outcome);
    synchronized (lock) {
      rounds = round;
    }
    if (!more) {
      return false;
    }
    S next = makeState(round + 1);
    if (next == null) {
      return false;
    }
    current = next;
    return true;
  }

  /** A fresh state, or null after reporting why there is none. */
  private S makeState(long round) {
    try {
      S state = stateFactory.get();
      if (state == null) {
        fail("state factory returned null for round " + round, round, null);
      }
      return state;
    } catch (Throwable t) { // reported, not swallowed
      fail("state factory threw for round " + round, round, t);
      return null;
    }
  }

  private boolean awaitPhaseAfter(long myPhase, int index) {
    for (int i = 0; i < spins; i++) {
      if (phase != myPhase) {
        return true;
      }
      if (abort) {
        return false;
      }
      Thread.onSpinWait();
    }
    parked.set(index, 1);
    try {
      while (phase == myPhase) {
        if (abort) {
          return false;
        }
        LockSupport.park(this);
      }
      return true;
    } finally {
      parked.set(index, 0);
    }
  }

  private void wakeParked(int releaser) {
    for (int i = 0; i < workerThreads.length; i++) {
      if (i != releaser && parked.get(i) == 1) {
        LockSupport.unpark(workerThreads[i]);
      }
    }
  }

  private void fail(String message, long round, Throwable cause) {
    synchronized (lock) {
      if (failure == null) {
        failure = new Failure(message, round, Optional.ofNullable(cause));
      }
    }
  }

  private void failHung() {
    long round = phase + 1;
    List<String> stuck = new ArrayList<>();
    for (int i = 0; i < actors.size(); i++) {
      if (running.get(i) == 1) {
        stuck.add("'" + actors.get(i).name() + "'");
      }
    }
    String who =
        stuck.isEmpty()
            ? "round " + round + " (its arbiter or state factory)"
            : (stuck.size() == 1 ? "actor " : "actors ")
                + String.join(", ", stuck)
                + " in round "
                + round;
    fail(who + " did not finish within " + hardLimitText, round, null);
  }

  /** Makes every worker leave: abort, interrupt, and wait a bounded while for them to end. */
  private void stopWorkers(List<Thread> workers) {
    stop = true;
    abort = true;
    for (Thread worker : workers) {
      worker.interrupt();
    }
    boolean interrupted = false;
    try {
      joinAll(workers, System.nanoTime() + STOP_WAIT_NANOS);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    List<String> left = new ArrayList<>();
    for (Thread worker : workers) {
      if (worker.isAlive()) {
        left.add(worker.getName());
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (!left.isEmpty()) {
      synchronized (lock) {
        Failure first = failure;
        if (first != null) {
          failure =
              new Failure(
                  first.message()
                      + "; worker threads still running after an interrupt (left as daemons): "
                      + String.join(", ", left),
                  first.round(),
                  first.cause());
        }
      }
    }
  }
}

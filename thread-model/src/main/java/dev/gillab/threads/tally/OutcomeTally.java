package dev.gillab.threads.tally;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Stopwatch;
import com.google.common.base.Ticker;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.math.LongMath;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.gillab.threads.tally.TallyResult.Row;
import dev.gillab.threads.tally.internal.RoundRunner;
import dev.gillab.threads.tally.internal.RoundRunner.Actor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A small concurrency test that runs many rounds on real threads and tallies what it saw, in the
 * spirit of jcstress.
 *
 * <pre>{@code
 * final class Counter { int x; }
 *
 * TallyResult<Integer> result =
 *     OutcomeTally.builder(Counter::new, c -> c.x)
 *         .name("x++ race")
 *         .actor("left", c -> c.x++)
 *         .actor("right", c -> c.x++)
 *         .expect(2, Expect.ACCEPTABLE, "both increments landed")
 *         .expect(1, Expect.ACCEPTABLE_INTERESTING, "one increment lost")
 *         .rounds(20_000)
 *         .timeLimit(Duration.ofSeconds(1))
 *         .run();
 * System.out.print(result);
 * }</pre>
 *
 * <p>Each round gets a fresh state from the state factory. Every actor runs once per round, on its
 * own worker thread; the workers are created once per run and released into each round together, so
 * their actors overlap as much as the machine allows. When all actors of a round are done, the
 * arbiter computes the round's outcome from the state (it sees every actor's writes), and the
 * outcome is counted. The run stops after {@link Builder#rounds} rounds or once {@link
 * Builder#timeLimit} has passed, whichever comes first; the result says which, and how many rounds
 * ran (at least one).
 *
 * <p>Outcomes are graded by {@link Builder#expect}; anything not declared falls to the catch-all
 * ({@link Builder#otherwise}, by default {@link Expect#FORBIDDEN} "unlisted outcome"). Outcomes are
 * compared with {@code equals}, so use values: strings, boxed numbers, records.
 *
 * <p>Failures are reported, never swallowed: if an actor, the arbiter or the state factory throws
 * (or returns null where a value is needed), the run stops and {@link #run} throws a {@link
 * TallyFailedException} naming who, in which round, with the throwable as its cause. If a round is
 * still unfinished {@link Builder#hangGrace} after the time limit, its workers are interrupted and
 * the run fails the same way. {@link #run} returns only after every worker thread has ended; a
 * worker whose actor ignores interruption is the one exception (it is a daemon thread, and the
 * failure message names it).
 *
 * <p>Thread-safety: a built {@code OutcomeTally} is immutable and thread-safe; {@link #run} may be
 * called many times, from any threads, each call with its own workers and counts (the actors must
 * then not share anything outside their state). Within a run the actors of a round run concurrently
 * by design, on the round's state only; the state factory, the arbiter and the tallying run one at
 * a time, each after the previous round ended. The builder is not thread-safe.
 *
 * @param <S> the shared state of one round
 * @param <R> the outcome of one round
 */
public final class OutcomeTally<S, R> {

  /** The catch-all's description unless {@link Builder#otherwise} says otherwise. */
  public static final String UNLISTED = "unlisted outcome";

  private static final String THREAD_PREFIX = "tally-";

  private final String name;
  private final Supplier<? extends S> stateFactory;
  private final Function<? super S, ? extends R> arbiter;
  private final ImmutableList<Actor<S>> actors;
  private final ImmutableMap<R, Declared> expectations;
  private final Declared catchAll;
  private final long rounds;
  private final Duration timeLimit;
  private final Duration hangGrace;
  private final Ticker ticker;

  private record Declared(Expect expect, String description) {}

  private OutcomeTally(Builder<S, R> b) {
    this.name = b.name;
    this.stateFactory = b.stateFactory;
    this.arbiter = b.arbiter;
    this.actors = ImmutableList.copyOf(b.actors);
    this.expectations = ImmutableMap.copyOf(b.expectations);
    this.catchAll = b.catchAll;
    this.rounds = b.rounds;
    this.timeLimit = b.timeLimit;
    this.hangGrace = b.hangGrace;
    this.ticker = b.ticker;
  }

  /**
   * Starts a tally.
   *
   * @param <S> the shared state of one round
   * @param <R> the outcome of one round
   * @param stateFactory makes the fresh shared state for each round; must not return null
   * @param arbiter computes a finished round's outcome from its state; must not return null
   * @return a builder to add actors and expectations to
   */
  public static <S, R> Builder<S, R> builder(
      Supplier<? extends S> stateFactory, Function<? super S, ? extends R> arbiter) {
    return new Builder<>(
        checkNotNull(stateFactory, "stateFactory"), checkNotNull(arbiter, "arbiter"));
  }

  /**
   * The tally's name, as used in the summary, in failure messages and in thread names.
   *
   * @return the builder's name, {@code "tally"} by default
   */
  public String name() {
    return name;
  }

  /**
   * Runs the rounds and returns what they showed.
   *
   * @return the counts per outcome, graded, with the number of rounds and what stopped them
   * @throws TallyFailedException if an actor, the arbiter or the state factory failed, or a round
   *     hung
   */
  public TallyResult<R> run() {
    Counts counts = new Counts();
    Stopwatch stopwatch = Stopwatch.createStarted(ticker);
    RoundRunner<S, R> runner =
        new RoundRunner<>(
            actors,
            stateFactory,
            arbiter,
            outcome -> counts.add(outcome, stopwatch),
            THREAD_PREFIX + name + "-",
            LongMath.saturatedAdd(saturatedNanos(timeLimit), saturatedNanos(hangGrace)),
            "the time limit ("
                + timeLimit.toMillis()
                + " ms) plus grace ("
                + hangGrace.toMillis()
                + " ms)");
    RoundRunner.Result ran = runner.run();
    Duration elapsed = stopwatch.elapsed();
    if (ran.failure().isPresent()) {
      RoundRunner.Failure failure = ran.failure().get();
      throw new TallyFailedException(
          name + ": " + failure.message(), failure.round(), failure.cause().orElse(null));
    }
    return counts.result(ran.rounds(), elapsed);
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  /** The counts of one run; the runner feeds them one round at a time, from varying threads. */
  private final class Counts {
    private final Object lock = new Object();

    @GuardedBy("lock")
    private final Map<R, long[]> samples = new HashMap<>();

    @GuardedBy("lock")
    private long total;

    @GuardedBy("lock")
    private StopReason stoppedBy = StopReason.ROUNDS;

    /** Counts one outcome; returns whether another round may start. */
    boolean add(R outcome, Stopwatch stopwatch) {
      synchronized (lock) {
        long[] n = samples.get(outcome);
        if (n == null) {
          n = new long[1];
          samples.put(outcome, n);
        }
        n[0]++;
        total++;
        if (total >= rounds) {
          stoppedBy = StopReason.ROUNDS;
          return false;
        }
        if (stopwatch.elapsed().compareTo(timeLimit) >= 0) {
          stoppedBy = StopReason.TIME;
          return false;
        }
        return true;
      }
    }

    TallyResult<R> result(long roundsRun, Duration elapsed) {
      synchronized (lock) {
        List<Row<R>> rows = new ArrayList<>();
        for (Map.Entry<R, Declared> e : expectations.entrySet()) {
          Declared declared = e.getValue();
          rows.add(
              new Row<>(
                  e.getKey(), count(e.getKey()), declared.expect(), declared.description(), true));
        }
        List<R> unlisted = new ArrayList<>();
        for (R outcome : samples.keySet()) {
          if (!expectations.containsKey(outcome)) {
            unlisted.add(outcome);
          }
        }
        unlisted.sort(Comparator.comparing(String::valueOf));
        for (R outcome : unlisted) {
          rows.add(
              new Row<>(outcome, count(outcome), catchAll.expect(), catchAll.description(), false));
        }
        return new TallyResult<>(name, roundsRun, stoppedBy, elapsed, rows, catchAll.expect());
      }
    }

    @GuardedBy("lock")
    private long count(R outcome) {
      long[] n = samples.get(outcome);
      return n == null ? 0 : n[0];
    }
  }

  /**
   * Declares a tally. Defaults: name "tally", 100,000 rounds, a 1 s time limit, 1 s hang grace, the
   * system ticker, catch-all {@link Expect#FORBIDDEN} "unlisted outcome". Bad arguments are
   * rejected at once with an {@link IllegalArgumentException} that names them; {@link #build}
   * checks what only the whole can tell (at least two actors).
   *
   * <p>Not thread-safe: declare a tally on one thread.
   *
   * @param <S> the shared state of one round
   * @param <R> the outcome of one round
   */
  public static final class Builder<S, R> {
    private final Supplier<? extends S> stateFactory;
    private final Function<? super S, ? extends R> arbiter;
    private final List<Actor<S>> actors = new ArrayList<>();
    private final Set<String> actorNames = new HashSet<>();
    private final Map<R, Declared> expectations = new LinkedHashMap<>();
    private String name = "tally";
    private Declared catchAll = new Declared(Expect.FORBIDDEN, UNLISTED);
    private long rounds = 100_000;
    private Duration timeLimit = Duration.ofSeconds(1);
    private Duration hangGrace = Duration.ofSeconds(1);
    private Ticker ticker = Ticker.systemTicker();

    private Builder(Supplier<? extends S> stateFactory, Function<? super S, ? extends R> arbiter) {
      this.stateFactory = stateFactory;
      this.arbiter = arbiter;
    }

    /**
     * Names the tally (for the summary, failure messages and worker thread names).
     *
     * @param name not blank
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder<S, R> name(String name) {
      checkArgument(!checkNotNull(name, "name").isBlank(), "name must not be blank");
      this.name = name;
      return this;
    }

    /**
     * Adds an actor: it runs once per round on its own thread, acting on the round's state.
     *
     * @param actorName names the actor in failure messages and its worker thread; not blank, unique
     * @param body what the actor does to the round's state
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder<S, R> actor(String actorName, Consumer<? super S> body) {
      checkArgument(
          !checkNotNull(actorName, "actorName").isBlank(), "actor name must not be blank");
      checkNotNull(body, "body of actor '%s'", actorName);
      checkArgument(actorNames.add(actorName), "actor '%s' is declared twice", actorName);
      actors.add(new Actor<>(actorName, body));
      return this;
    }

    /**
     * Declares how {@code outcome} is graded and what it means.
     *
     * @param outcome a value the arbiter may answer, compared with {@code equals}
     * @param expect its grade
     * @param description what it means, for the table's last column
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder<S, R> expect(R outcome, Expect expect, String description) {
      checkNotNull(outcome, "outcome");
      checkNotNull(expect, "expect");
      checkNotNull(description, "description");
      checkArgument(!expectations.containsKey(outcome), "outcome %s is declared twice", outcome);
      expectations.put(outcome, new Declared(expect, description));
      return this;
    }

    /**
     * Grades every outcome not declared with {@link #expect} (the catch-all). Default: {@link
     * Expect#FORBIDDEN}, {@value OutcomeTally#UNLISTED}.
     *
     * @param expect the grade of an undeclared outcome
     * @param description what such an outcome means
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder<S, R> otherwise(Expect expect, String description) {
      catchAll =
          new Declared(checkNotNull(expect, "expect"), checkNotNull(description, "description"));
      return this;
    }

    /**
     * The most rounds to run. Default 100,000.
     *
     * @param rounds at least 1
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder<S, R> rounds(long rounds) {
      checkArgument(rounds >= 1, "rounds must be at least 1, got %s", rounds);
      this.rounds = rounds;
      return this;
    }

    /**
     * No round starts once this much time has passed; the current one finishes. Default 1 s.
     *
     * @param timeLimit positive
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder<S, R> timeLimit(Duration timeLimit) {
      checkNotNull(timeLimit, "timeLimit");
      checkArgument(
          !timeLimit.isNegative() && !timeLimit.isZero(),
          "time limit must be positive, got %s",
          timeLimit);
      this.timeLimit = timeLimit;
      return this;
    }

    /**
     * How long a round may run past the time limit before it counts as hung (positive). Measured on
     * the real clock, whatever the ticker. Default 1 s.
     *
     * @param hangGrace positive
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder<S, R> hangGrace(Duration hangGrace) {
      checkNotNull(hangGrace, "hangGrace");
      checkArgument(
          !hangGrace.isNegative() && !hangGrace.isZero(),
          "hang grace must be positive, got %s",
          hangGrace);
      this.hangGrace = hangGrace;
      return this;
    }

    /**
     * The time source for the time limit and the elapsed time (tests pass a fake one). The hang
     * watchdog always uses the real clock: a run still going at time limit plus grace, by the real
     * clock, fails as hung.
     *
     * @param ticker the time source
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder<S, R> ticker(Ticker ticker) {
      this.ticker = checkNotNull(ticker, "ticker");
      return this;
    }

    /**
     * The declared tally.
     *
     * @return an immutable tally that may be run any number of times
     * @throws IllegalArgumentException if fewer than two actors were added
     */
    public OutcomeTally<S, R> build() {
      checkArgument(actors.size() >= 2, "a tally needs at least 2 actors, got %s", actors.size());
      return new OutcomeTally<>(this);
    }

    /**
     * Shorthand for {@code build().run()}.
     *
     * @return what the rounds showed
     * @throws TallyFailedException if an actor, the arbiter or the state factory failed, or a round
     *     hung
     */
    public TallyResult<R> run() {
      return build().run();
    }
  }
}

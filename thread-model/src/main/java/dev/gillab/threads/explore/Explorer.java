package dev.gillab.threads.explore;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Stopwatch;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.Immutable;
import dev.gillab.threads.explore.internal.ProgramThread;
import dev.gillab.threads.explore.internal.ProgramThreads;
import dev.gillab.threads.explore.internal.ThreadKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs a {@link Program} under chosen schedules, one atomic step at a time, and reports every
 * schedule that breaks it.
 *
 * <h2>How it works</h2>
 *
 * Each program thread is a real Java thread, virtual where the JDK has them (so {@code
 * Thread.currentThread()}, lock ownership and thread-locals behave as they do in production code),
 * that waits for its turn before every step. The explorer lets exactly one step run, waits for it
 * to finish, then chooses the next among the <em>enabled</em> steps. Nothing runs concurrently, so
 * a run is a pure function of its schedule: replaying the same thread order gives the same run,
 * every time.
 *
 * <ul>
 *   <li>{@link #exhaustive} is a depth-first search over the choices: every schedule, each run from
 *       a fresh state. Two threads of two steps have 6 schedules; three have 90.
 *   <li>{@link #random} samples schedules with a seeded random choice, for programs too large to
 *       enumerate; the same seed gives the same schedules.
 *   <li>{@link #replay} runs one schedule given in the compact form a report prints.
 * </ul>
 *
 * A run ends in one of the {@link Outcome}s. A step that does not return within the per-step bound
 * is cut off (its thread interrupted and replaced) and reported. Each run gets fresh threads that
 * end with their last step, as a program's threads would, so no run sees the thread identity,
 * thread-locals or death of an earlier one (with {@link Builder#reuseThreads}, one thread per
 * program thread serves every run instead); all are stopped and joined before the call returns, so
 * no explorer thread outlives an exploration. A step that ignores interruption cannot be stopped in
 * Java: its thread (a daemon) is named in {@link Execution#strandedThreads()}, and the exploration
 * stops there rather than strand more.
 *
 * <p>Where the running JDK has virtual threads (21 or later) the program threads are virtual, and
 * so is the scheduler that hands them their turns: a fresh virtual thread starts in a few
 * microseconds and a turn passes between two of them without waking an OS thread, so the three
 * threads of {@code x += 1} run some 64,000 schedules a second where fresh platform threads, as on
 * JDK 17, run about 1,000 (see the module README). {@link Builder#virtualThreads} turns them off.
 *
 * <p>An explorer is an immutable configuration and is thread-safe; each call runs its own threads.
 */
@Immutable
public final class Explorer {
  private static final Explorer DEFAULTS = builder().build();

  @SuppressWarnings("Immutable") // java.time.Duration is immutable
  private final Duration stepTimeout;

  private final long maxSchedules;
  private final int maxReportedFindings;
  private final boolean reuseThreads;
  private final boolean virtualThreads;

  private Explorer(Builder b) {
    this.reuseThreads = b.reuseThreads;
    this.virtualThreads = b.virtualThreads;
    this.stepTimeout = b.stepTimeout;
    this.maxSchedules = b.maxSchedules;
    this.maxReportedFindings = b.maxReportedFindings;
  }

  /**
   * Per-step bound 5 s, at most 1,000,000 schedules, at most 1,000 findings kept, fresh threads for
   * every run, virtual where the JDK has them.
   *
   * @return the shared default explorer
   */
  public static Explorer defaults() {
    return DEFAULTS;
  }

  /**
   * Starts a configuration from the defaults of {@link #defaults()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs every schedule of {@code program} (depth-first), up to the schedule bound.
   *
   * @param <S> the type of the program's shared state
   * @param program the program to run
   * @return the counts by outcome and the findings
   * @throws InterruptedException if the calling thread is interrupted while a step runs; the
   *     program's threads are stopped first
   */
  public <S> Exploration exhaustive(Program<S> program) throws InterruptedException {
    return exhaustive(program, run -> {});
  }

  /**
   * Runs every schedule of {@code program} (depth-first), up to the schedule bound, and hands every
   * run, passing or not, to {@code eachRun} as it ends.
   *
   * @param <S> the type of the program's shared state
   * @param program the program to run
   * @param eachRun called after each run, one run at a time, e.g. to print every trace: on the
   *     scheduler's thread (a virtual thread where the explorer runs on them, else the calling
   *     thread); all it did is visible to the caller once this returns
   * @return the counts by outcome and the findings
   * @throws InterruptedException if the calling thread is interrupted while a step runs; the
   *     program's threads are stopped first
   */
  public <S> Exploration exhaustive(Program<S> program, Consumer<Execution> eachRun)
      throws InterruptedException {
    checkNotNull(program, "program");
    checkNotNull(eachRun, "eachRun");
    return explore(
        program,
        "exhaustive",
        (engine, threads, results) -> {
          DepthFirst dfs = new DepthFirst();
          boolean complete;
          do {
            Execution run = engine.run(program, dfs, threads);
            results.add(run);
            eachRun.accept(run);
            complete = !dfs.advance();
          } while (!complete && results.schedules < maxSchedules && !results.stranded);
          return complete;
        });
  }

  /**
   * Runs {@code runs} schedules chosen at random (uniformly among enabled threads) from {@code
   * seed}: for programs too large to enumerate, and still repeatable.
   *
   * @param <S> the type of the program's shared state
   * @param program the program to run
   * @param seed where the random choices start; the mode line names it
   * @param runs how many schedules to run, positive
   * @return the counts by outcome and the findings
   * @throws InterruptedException if the calling thread is interrupted while a step runs; the
   *     program's threads are stopped first
   */
  public <S> Exploration random(Program<S> program, long seed, int runs)
      throws InterruptedException {
    checkNotNull(program, "program");
    checkArgument(runs > 0, "runs must be positive, was %s", runs);
    return explore(
        program,
        "random(seed=" + seed + ", runs=" + runs + ")",
        (engine, threads, results) -> {
          SplittableRandom random = new SplittableRandom(seed);
          Chooser chooser = (depth, names, enabled) -> enabled.get(random.nextInt(enabled.size()));
          for (int i = 0; i < runs && !results.stranded; i++) {
            results.add(engine.run(program, chooser, threads));
          }
          return false;
        });
  }

  /**
   * A way through a program's schedules, each run on {@code threads} and added to {@code results}.
   */
  private interface Search {
    /** Runs the schedules; answers whether it ran every schedule the program has. */
    boolean run(RunEngine engine, ProgramThreads threads, Results results)
        throws InterruptedException;
  }

  /**
   * Runs {@code search} on a scheduler thread, with the program's threads and a run engine, timing
   * it, and counts what it ran as an exploration in {@code mode}.
   */
  // Closing the program threads waits for them to end; an interrupt then is the caller's.
  @SuppressWarnings("try")
  private Exploration explore(Program<?> program, String mode, Search search)
      throws InterruptedException {
    return kind()
        .runScheduler(
            schedulerName(program),
            () -> {
              Results results = new Results();
              Stopwatch clock = Stopwatch.createStarted();
              RunEngine engine = new RunEngine(stepTimeout);
              boolean complete;
              try (ProgramThreads threads = threads(program)) {
                complete = search.run(engine, threads, results);
              }
              return results.build(program, mode, complete, clock.elapsed());
            });
  }

  /**
   * Runs exactly {@code schedule} (compact form {@code "T1,T2,T1"}), as printed by a report.
   *
   * @param <S> the type of the program's shared state
   * @param program the program to run
   * @param schedule the thread names, comma-separated, one per step
   * @return the run, with its trace
   * @throws InterruptedException if the calling thread is interrupted while a step runs; the
   *     program's threads are stopped first
   * @throws IllegalArgumentException if the schedule names an unknown thread, runs a thread past
   *     its last step or while its step is not enabled, or ends while steps remain to run
   */
  public <S> Execution replay(Program<S> program, String schedule) throws InterruptedException {
    return replay(program, Schedule.parse(schedule));
  }

  /**
   * Runs exactly {@code schedule}; see {@link #replay(Program, String)}.
   *
   * @param <S> the type of the program's shared state
   * @param program the program to run
   * @param schedule one thread name per step
   * @return the run, with its trace
   * @throws InterruptedException if the calling thread is interrupted while a step runs; the
   *     program's threads are stopped first
   * @throws IllegalArgumentException if the schedule does not fit the program
   */
  // Closing the program threads waits for them to end; an interrupt then is the caller's.
  @SuppressWarnings("try")
  public <S> Execution replay(Program<S> program, Schedule schedule) throws InterruptedException {
    checkNotNull(program, "program");
    checkNotNull(schedule, "schedule");
    Replay replay = new Replay(program, schedule);
    return kind()
        .runScheduler(
            schedulerName(program),
            () -> {
              try (ProgramThreads threads = threads(program)) {
                return new RunEngine(stepTimeout).run(program, replay, threads);
              }
            });
  }

  private ThreadKind kind() {
    return ThreadKind.choose(virtualThreads);
  }

  private ProgramThreads threads(Program<?> program) {
    return new ProgramThreads(program.name(), program.threadNames(), reuseThreads, kind());
  }

  private static String schedulerName(Program<?> program) {
    return ProgramThreads.threadNamePrefix(program.name()) + "scheduler";
  }

  /** Accumulates runs into an {@link Exploration}. */
  private final class Results {
    long schedules;
    boolean stranded;
    final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    final List<Execution> findings = new ArrayList<>();

    void add(Execution run) {
      schedules++;
      // A thread that ignored its interrupt cannot be reclaimed: stop before stranding more.
      stranded |= !run.strandedThreads().isEmpty();
      outcomes.merge(run.outcome(), 1L, Long::sum);
      if (run.isFinding() && findings.size() < maxReportedFindings) {
        findings.add(run);
      }
    }

    Exploration build(Program<?> program, String mode, boolean complete, Duration elapsed) {
      return new Exploration(
          program.name(),
          mode,
          schedules,
          complete,
          outcomes,
          ImmutableList.copyOf(findings),
          elapsed);
    }
  }

  /**
   * Depth-first enumeration of schedules. The choice stack holds, for every decision of the current
   * run, the enabled threads seen there and which of them was taken; a run follows the stack as far
   * as it goes and extends it with first choices beyond.
   */
  private static final class DepthFirst implements Chooser {
    private final List<ImmutableList<Integer>> options = new ArrayList<>();
    private final List<Integer> taken = new ArrayList<>();

    @Override
    public int choose(
        int depth, ImmutableList<ProgramThread> threads, ImmutableList<Integer> enabled) {
      if (depth < taken.size()) {
        return options.get(depth).get(taken.get(depth));
      }
      options.add(enabled);
      taken.add(0);
      return enabled.get(0);
    }

    @Override
    public void finished(int depth, ImmutableList<ProgramThread> threads) {
      // A run that ends early (deadlock, failure) leaves deeper, stale decisions: drop them.
      truncate(depth);
    }

    /** Moves to the next unexplored schedule; false when none is left. */
    boolean advance() {
      while (!taken.isEmpty()) {
        int last = taken.size() - 1;
        int next = taken.get(last) + 1;
        if (next < options.get(last).size()) {
          taken.set(last, next);
          return true;
        }
        truncate(last);
      }
      return false;
    }

    private void truncate(int size) {
      while (taken.size() > size) {
        taken.remove(taken.size() - 1);
        options.remove(options.size() - 1);
      }
    }
  }

  /**
   * Follows a given schedule and rejects one that does not fit the program. Unknown thread names
   * are rejected before anything runs; running a thread past its last step or while its step is not
   * enabled, when the run gets there.
   */
  private static final class Replay implements Chooser {
    private final Schedule schedule;
    private final int[] indices;

    Replay(Program<?> program, Schedule schedule) {
      this.schedule = schedule;
      this.indices = new int[schedule.length()];
      for (int i = 0; i < indices.length; i++) {
        String name = schedule.threads().get(i);
        indices[i] = program.threadNames().indexOf(name);
        checkArgument(
            indices[i] >= 0,
            "schedule step %s names unknown thread '%s' (threads: %s)",
            i + 1,
            name,
            String.join(", ", program.threadNames()));
      }
    }

    @Override
    public int choose(
        int depth, ImmutableList<ProgramThread> threads, ImmutableList<Integer> enabled) {
      checkArgument(
          depth < schedule.length(),
          "schedule '%s' ends after %s steps, but %s still have steps to run",
          schedule,
          schedule.length(),
          unfinished(threads));
      checkStep(depth, threads, enabled.contains(indices[depth]), "");
      return indices[depth];
    }

    @Override
    public void finished(int depth, ImmutableList<ProgramThread> threads) {
      if (depth < schedule.length()) {
        checkStep(depth, threads, false, " (deadlock)");
      }
    }

    private void checkStep(
        int depth, ImmutableList<ProgramThread> threads, boolean enabled, String why) {
      ProgramThread thread = threads.get(indices[depth]);
      checkArgument(
          !thread.isFinished(),
          "schedule step %s runs thread '%s' past its last step (it has %s steps)",
          depth + 1,
          thread.name(),
          thread.stepCount());
      checkArgument(
          enabled,
          "schedule step %s runs thread '%s', whose step '%s' is not enabled%s",
          depth + 1,
          thread.name(),
          thread.nextStep().label(),
          why);
    }

    private static String unfinished(ImmutableList<ProgramThread> threads) {
      return threads.stream()
          .filter(t -> !t.isFinished())
          .map(ProgramThread::name)
          .reduce((a, b) -> a + ", " + b)
          .orElse("none");
    }
  }

  /** Configures an {@link Explorer}; not thread-safe. */
  public static final class Builder {
    private Duration stepTimeout = Duration.ofSeconds(5);
    private long maxSchedules = 1_000_000;
    private int maxReportedFindings = 1_000;
    private boolean reuseThreads;
    private boolean virtualThreads = true;

    private Builder() {}

    /**
     * Whether program threads, and the scheduler that hands them their turns, are virtual threads
     * where the running JDK has them (21 or later; the default) or platform threads. Either way
     * every run gets fresh threads; a virtual one starts in a few microseconds and hands off
     * without waking an OS thread, so an exploration runs many times faster. Platform threads are
     * for steps that must not share a carrier: one that spins ignoring interrupts holds its carrier
     * until it returns, and on JDK 21 to 23 one that blocks inside {@code synchronized} pins it. On
     * JDK 17 to 20 threads are platform threads whatever this says.
     *
     * @param virtual whether to use virtual threads where the JDK has them
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder virtualThreads(boolean virtual) {
      this.virtualThreads = virtual;
      return this;
    }

    /**
     * Whether one real thread per program thread serves every run of an exploration instead of
     * fresh threads for each run (the default). It spares starting threads: about ten times faster
     * on small programs where they are platform threads (JDK 17), little faster where they are
     * virtual. Only for programs whose steps do not depend on thread identity, thread-locals or
     * thread death across runs: a BIASED reference count, whose owner merges when its thread ends,
     * does.
     *
     * @param reuse whether to reuse threads across runs
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder reuseThreads(boolean reuse) {
      this.reuseThreads = reuse;
      return this;
    }

    /**
     * How long one step may run before it is cut off and reported. Default 5 s: a step is a few
     * statements, so one that takes longer is stuck.
     *
     * @param timeout positive
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder stepTimeout(Duration timeout) {
      checkArgument(
          !timeout.isNegative() && !timeout.isZero(),
          "step timeout must be positive, was %s",
          timeout);
      this.stepTimeout = timeout;
      return this;
    }

    /**
     * The most schedules an exhaustive search runs before it stops, incomplete. Default 1,000,000.
     *
     * @param max positive
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder maxSchedules(long max) {
      checkArgument(max > 0, "maxSchedules must be positive, was %s", max);
      this.maxSchedules = max;
      return this;
    }

    /**
     * The most findings kept for the report (all are counted). Default 1,000.
     *
     * @param max zero or more
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder maxReportedFindings(int max) {
      checkArgument(max >= 0, "maxReportedFindings must not be negative, was %s", max);
      this.maxReportedFindings = max;
      return this;
    }

    /**
     * Makes the explorer.
     *
     * @return an immutable explorer with this builder's settings
     */
    public Explorer build() {
      return new Explorer(this);
    }
  }
}

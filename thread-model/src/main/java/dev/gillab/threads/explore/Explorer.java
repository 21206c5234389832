package dev.gillab.threads.explore;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Stopwatch;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.Immutable;
import dev.gillab.threads.explore.internal.ProgramThread;
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
 * Each program thread is a real Java thread (so {@code Thread.currentThread()}, lock ownership
 * and thread-locals behave as they do in production code) that waits for its turn before every
 * step. The explorer lets exactly one step run, waits for it to finish, then chooses the next
 * among the <em>enabled</em> steps. Nothing runs concurrently, so a run is a pure function of
 * its schedule: replaying the same thread order gives the same run, every time.
 *
 * <ul>
 *   <li>{@link #exhaustive} is a depth-first search over the choices: every schedule, each run
 *       from a fresh state. Two threads of two steps have 6 schedules; three have 90.
 *   <li>{@link #random} samples schedules with a seeded random choice, for programs too large to
 *       enumerate; the same seed gives the same schedules.
 *   <li>{@link #replay} runs one schedule given in the compact form a report prints.
 * </ul>
 *
 * A run ends in one of the {@link Outcome}s. A step that does not return within the per-step
 * bound is cut off (its thread interrupted) and reported; every program thread of a run is
 * stopped and joined before the next run starts, so no explorer thread outlives an exploration
 * (a step that ignores interruption is named in {@link Execution#strandedThreads()}; its thread
 * is a daemon).
 *
 * <p>An explorer is an immutable configuration and is thread-safe; each call runs its own
 * threads.
 */
@Immutable
public final class Explorer {
  private static final Explorer DEFAULTS = builder().build();

  @SuppressWarnings("Immutable") // java.time.Duration is immutable
  private final Duration stepTimeout;

  private final long maxSchedules;
  private final int maxReportedFindings;

  private Explorer(Builder b) {
    this.stepTimeout = b.stepTimeout;
    this.maxSchedules = b.maxSchedules;
    this.maxReportedFindings = b.maxReportedFindings;
  }

  /** Per-step bound 5 s, at most 1,000,000 schedules, at most 1,000 findings kept. */
  public static Explorer defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Runs every schedule of {@code program} (depth-first), up to the schedule bound. */
  public <S> Exploration exhaustive(Program<S> program) throws InterruptedException {
    return exhaustive(program, run -> {});
  }

  /**
   * Runs every schedule of {@code program} (depth-first), up to the schedule bound, and hands
   * every run, passing or not, to {@code eachRun} as it ends.
   */
  public <S> Exploration exhaustive(Program<S> program, Consumer<Execution> eachRun)
      throws InterruptedException {
    checkNotNull(program, "program");
    checkNotNull(eachRun, "eachRun");
    Results results = new Results();
    Stopwatch clock = Stopwatch.createStarted();
    RunEngine engine = new RunEngine(stepTimeout);
    DepthFirst dfs = new DepthFirst();
    boolean complete;
    do {
      Execution run = engine.run(program, dfs);
      results.add(run);
      eachRun.accept(run);
      complete = !dfs.advance();
    } while (!complete && results.schedules < maxSchedules);
    return results.build(program, "exhaustive", complete, clock.elapsed());
  }

  /** Runs {@code runs} schedules chosen at random (uniformly among enabled threads) from {@code seed}. */
  public <S> Exploration random(Program<S> program, long seed, int runs)
      throws InterruptedException {
    checkNotNull(program, "program");
    checkArgument(runs > 0, "runs must be positive, was %s", runs);
    Results results = new Results();
    Stopwatch clock = Stopwatch.createStarted();
    RunEngine engine = new RunEngine(stepTimeout);
    SplittableRandom random = new SplittableRandom(seed);
    Chooser chooser = (depth, threads, enabled) -> enabled.get(random.nextInt(enabled.size()));
    for (int i = 0; i < runs; i++) {
      results.add(engine.run(program, chooser));
    }
    String mode = "random(seed=" + seed + ", runs=" + runs + ")";
    return results.build(program, mode, false, clock.elapsed());
  }

  /**
   * Runs exactly {@code schedule} (compact form {@code "T1,T2,T1"}), as printed by a report.
   *
   * @throws IllegalArgumentException if the schedule names an unknown thread, runs a thread past
   *     its last step or while its step is not enabled, or ends while steps remain to run
   */
  public <S> Execution replay(Program<S> program, String schedule) throws InterruptedException {
    return replay(program, Schedule.parse(schedule));
  }

  /** Runs exactly {@code schedule}; see {@link #replay(Program, String)}. */
  public <S> Execution replay(Program<S> program, Schedule schedule) throws InterruptedException {
    checkNotNull(program, "program");
    checkNotNull(schedule, "schedule");
    return new RunEngine(stepTimeout).run(program, new Replay(program, schedule));
  }

  /** Accumulates runs into an {@link Exploration}. */
  private final class Results {
    long schedules;
    final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    final List<Execution> findings = new ArrayList<>();

    void add(Execution run) {
      schedules++;
      outcomes.merge(run.outcome(), 1L, Long::sum);
      if (run.isFinding() && findings.size() < maxReportedFindings) {
        findings.add(run);
      }
    }

    Exploration build(Program<?> program, String mode, boolean complete, Duration elapsed) {
      return new Exploration(program.name(), mode, schedules, complete, outcomes,
          ImmutableList.copyOf(findings), elapsed);
    }
  }

  /**
   * Depth-first enumeration of schedules. The choice stack holds, for every decision of the
   * current run, the enabled threads seen there and which of them was taken; a run follows the
   * stack as far as it goes and extends it with first choices beyond.
   */
  private static final class DepthFirst implements Chooser {
    private final List<ImmutableList<Integer>> options = new ArrayList<>();
    private final List<Integer> taken = new ArrayList<>();

    @Override
    public int choose(int depth, ImmutableList<ProgramThread> threads, ImmutableList<Integer> enabled) {
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

  /** Follows a given schedule and rejects one that does not fit the program. */
  private static final class Replay implements Chooser {
    private final Program<?> program;
    private final Schedule schedule;

    Replay(Program<?> program, Schedule schedule) {
      this.program = program;
      this.schedule = schedule;
    }

    @Override
    public int choose(int depth, ImmutableList<ProgramThread> threads, ImmutableList<Integer> enabled) {
      checkArgument(depth < schedule.length(),
          "schedule '%s' ends after %s steps, but %s still have steps to run",
          schedule, schedule.length(), unfinished(threads));
      String name = schedule.threads().get(depth);
      int index = program.threadNames().indexOf(name);
      checkArgument(index >= 0, "schedule step %s names unknown thread '%s' (threads: %s)",
          depth + 1, name, String.join(", ", program.threadNames()));
      ProgramThread thread = threads.get(index);
      checkArgument(!thread.isFinished(),
          "schedule step %s runs thread '%s' past its last step (it has %s steps)",
          depth + 1, name, thread.stepCount());
      checkArgument(enabled.contains(index),
          "schedule step %s runs thread '%s', whose step '%s' is not enabled",
          depth + 1, name, thread.nextStep().label());
      return index;
    }

    @Override
    public void finished(int depth, ImmutableList<ProgramThread> threads) {
      if (depth < schedule.length()) {
        String name = schedule.threads().get(depth);
        int index = program.threadNames().indexOf(name);
        checkArgument(index >= 0, "schedule step %s names unknown thread '%s' (threads: %s)",
            depth + 1, name, String.join(", ", program.threadNames()));
        ProgramThread thread = threads.get(index);
        checkArgument(!thread.isFinished(),
            "schedule step %s runs thread '%s' past its last step (it has %s steps)",
            depth + 1, name, thread.stepCount());
        throw new IllegalArgumentException(String.format(
            "schedule step %s runs thread '%s', whose step '%s' is not enabled (deadlock)",
            depth + 1, name, thread.nextStep().label()));
      }
    }

    private static String unfinished(ImmutableList<ProgramThread> threads) {
      return threads.stream().filter(t -> !t.isFinished()).map(ProgramThread::name)
          .reduce((a, b) -> a + ", " + b).orElse("none");
    }
  }

  /** Configures an {@link Explorer}; not thread-safe. */
  public static final class Builder {
    private Duration stepTimeout = Duration.ofSeconds(5);
    private long maxSchedules = 1_000_000;
    private int maxReportedFindings = 1_000;

    private Builder() {}

    /** How long one step may run before it is cut off and reported. */
    @CanIgnoreReturnValue
    public Builder stepTimeout(Duration timeout) {
      checkArgument(!timeout.isNegative() && !timeout.isZero(),
          "step timeout must be positive, was %s", timeout);
      this.stepTimeout = timeout;
      return this;
    }

    /** The most schedules an exhaustive search runs before it stops, incomplete. */
    @CanIgnoreReturnValue
    public Builder maxSchedules(long max) {
      checkArgument(max > 0, "maxSchedules must be positive, was %s", max);
      this.maxSchedules = max;
      return this;
    }

    /** The most findings kept for the report (all are counted). */
    @CanIgnoreReturnValue
    public Builder maxReportedFindings(int max) {
      checkArgument(max >= 0, "maxReportedFindings must not be negative, was %s", max);
      this.maxReportedFindings = max;
      return this;
    }

    public Explorer build() {
      return new Explorer(this);
    }
  }
}

package dev.gillab.gil.step;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.Immutable;
import dev.gillab.gil.internal.StepEngine;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Searches the schedules of a stepped program for one that reaches a {@link Goal}, the way CHESS
 * does: by preemption bound.
 *
 * <h2>How it searches</h2>
 *
 * A <em>preemption</em> is a step by another thread while the thread that took the last step could
 * have gone on; switching away from a thread that ended or blocked is free. Most concurrency bugs
 * need very few preemptions (Musuvathi and Qadeer, PLDI 2007), so {@link #find} tries every
 * schedule with no preemption first, then with at most one, two, ... up to {@link
 * Builder#maxPreemptions}, and answers the first bound's shortest schedule that reaches the goal.
 * Within a bound the search is depth-first, the thread that ran last tried first, and every
 * schedule is run from a fresh stepper (a stateless search: the stepper's run is a pure function of
 * its schedule, so replaying the prefix is all a backtrack needs). Once a schedule reaches the
 * goal, the rest of the bound is searched only for shorter ones.
 *
 * <p>{@link #exhaust} runs every schedule within a bound to its end and counts them: with no
 * schedule reaching the goal, that proves the goal unreachable within the bound. Both stop at
 * {@link Builder#maxSchedules}; a run stops at {@link Builder#maxSteps}. Never unbounded.
 *
 * <p>Java code has its own explorer ({@code dev.gillab.threads.explore.Explorer}, whose threads are
 * real Java threads that take turns); this one is for interpreter programs, whose threads are
 * frames a stepper runs in turn on one Java thread. Their schedules differ too: thread ids here,
 * names there.
 *
 * <p>Immutable and thread-safe; each call makes its own steppers.
 */
@Immutable
public final class Explorer {
  private static final Explorer DEFAULTS = builder().build();

  private final int maxPreemptions;
  private final long maxSchedules;
  private final int maxSteps;

  private Explorer(Builder b) {
    this.maxPreemptions = b.maxPreemptions;
    this.maxSchedules = b.maxSchedules;
    this.maxSteps = b.maxSteps;
  }

  /**
   * At most 2 preemptions, 1,000,000 schedules, 2,000 steps a schedule.
   *
   * @return the default explorer
   */
  public static Explorer defaults() {
    return DEFAULTS;
  }

  /**
   * Starts a configuration from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The shortest schedule with the fewest preemptions that reaches {@code goal}, trying bounds 0,
   * 1, ... {@link Builder#maxPreemptions} in turn.
   *
   * @param program the program, its policy, granularity and budgets
   * @param goal what to reach
   * @return the schedule, or empty if none within the bounds reaches it
   * @throws dev.gillab.gil.python.PythonSyntaxError if the program does not compile
   */
  public Optional<Found> find(Stepper.Builder program, Goal goal) {
    checkNotNull(program, "program");
    checkNotNull(goal, "goal");
    long tried = 0;
    for (int bound = 0; bound <= maxPreemptions; bound++) {
      Search s = new Search(program, goal, bound, true, null);
      s.run(maxSchedules - tried);
      tried += s.schedules;
      if (s.best != null) {
        return Optional.of(new Found(s.best.schedule(), s.best.preemptions(), tried));
      }
      if (tried >= maxSchedules) {
        break;
      }
    }
    return Optional.empty();
  }

  /**
   * {@link #find} on a level's program and goal.
   *
   * @param level a level
   * @return the schedule, or empty
   */
  public Optional<Found> find(Level level) {
    checkNotNull(level, "level");
    return find(level.program(), level.goal());
  }

  /**
   * Runs every schedule of {@code program} with at most {@code preemptionBound} preemptions to its
   * end, counting outcomes, and keeps the first that reaches {@code goal}.
   *
   * @param program the program, its policy, granularity and budgets
   * @param goal what to look for
   * @param preemptionBound zero or more
   * @return what the search saw
   */
  public Exhaustion exhaust(Stepper.Builder program, Goal goal, int preemptionBound) {
    checkNotNull(program, "program");
    checkNotNull(goal, "goal");
    checkArgument(
        preemptionBound >= 0, "preemptionBound must not be negative, got %s", preemptionBound);
    Search s = new Search(program, goal, preemptionBound, false, null);
    boolean complete = s.run(maxSchedules);
    return new Exhaustion(
        preemptionBound,
        s.schedules,
        complete,
        s.outcomes,
        s.best == null ? null : new Found(s.best.schedule(), s.best.preemptions(), s.bestAt));
  }

  /**
   * {@link #exhaust} on a level's program and goal, within {@link Builder#maxPreemptions}.
   *
   * @param level a level
   * @return what the search saw
   */
  public Exhaustion exhaust(Level level) {
    checkNotNull(level, "level");
    return exhaust(level.program(), level.goal(), maxPreemptions);
  }

  /**
   * Runs every schedule of {@code program} with at most {@code preemptionBound} preemptions to its
   * end and hands each ended stepper to {@code atEnd}, e.g. to tally a global's final value.
   *
   * @param program the program
   * @param preemptionBound zero or more ({@code Integer.MAX_VALUE}: every schedule)
   * @param atEnd called with each ended run; it may read the stepper but not step it
   * @return how many schedules ran (at most {@link Builder#maxSchedules})
   */
  @CanIgnoreReturnValue
  public long forEachSchedule(
      Stepper.Builder program, int preemptionBound, Consumer<Stepper> atEnd) {
    checkNotNull(program, "program");
    checkNotNull(atEnd, "atEnd");
    checkArgument(
        preemptionBound >= 0, "preemptionBound must not be negative, got %s", preemptionBound);
    Search s = new Search(program, null, preemptionBound, false, atEnd);
    s.run(maxSchedules);
    return s.schedules;
  }

  /**
   * One depth-first search within one preemption bound, each schedule replayed from a fresh engine.
   * {@code chosen[d]} is the index, in the order choices are tried at depth {@code d}, of the
   * thread the current schedule takes there.
   */
  private final class Search {
    final Stepper.Builder program;
    final @Nullable Goal goal;
    final int bound;
    final boolean stopEarly;
    final @Nullable Consumer<Stepper> atEnd;
    long schedules;
    final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    @Nullable Found best;
    long bestAt;

    /** Per depth: the choices in the order tried, and which one the current schedule takes. */
    int[][] options = new int[64][];

    int[] chosen = new int[64];
    int depth;
    final StepEngine.Shared shared;

    Search(
        Stepper.Builder program,
        @Nullable Goal goal,
        int bound,
        boolean stopEarly,
        @Nullable Consumer<Stepper> atEnd) {
      this.program = program;
      this.goal = goal;
      this.bound = bound;
      this.stopEarly = stopEarly;
      this.atEnd = atEnd;
      this.shared = program.newShared();
    }

    /** Runs schedules until every one is done (true) or {@code limit} ran (false). */
    boolean run(long limit) {
      int prefix = 0;
      while (true) {
        if (schedules >= limit) {
          return false;
        }
        runOne(prefix);
        prefix = backtrack();
        if (prefix < 0) {
          return true;
        }
      }
    }

    /** Replays the first {@code prefix} choices, then extends with first choices to the end. */
    private void runOne(int prefix) {
      StepEngine e = program.newEngine(shared);
      int preemptions = 0;
      int last = -1;
      int maxDepth = stopEarly && best != null ? best.schedule().size() - 1 : maxSteps;
      int d = 0;
      boolean reached = false;
      while (true) {
        if (goal != null && e.reached(goal)) {
          reached = true;
          break;
        }
        if (e.outcome() != Outcome.RUNNING || d >= maxDepth) {
          break;
        }
        int[] opts;
        if (d < prefix) {
          opts = options[d];
        } else {
          opts = order(e, last, preemptions);
          if (opts.length == 0) {
            break; // every choice left would preempt once too often
          }
          grow(d);
          options[d] = opts;
          chosen[d] = 0;
        }
        int t = opts[chosen[d]];
        if (last >= 0 && t != last && e.canStep(last)) {
          preemptions++;
        }
        e.step(t);
        last = t;
        d++;
      }
      depth = d;
      schedules++;
      outcomes.merge(e.outcome(), 1L, Long::sum);
      if (reached && (best == null || d < best.schedule().size())) {
        best = new Found(e.schedule(), preemptions, schedules);
        bestAt = schedules;
      }
      if (atEnd != null) {
        atEnd.accept(Stepper.wrap(program, e));
      }
    }

    /**
     * The threads to try at this point: the one that ran last first (no preemption), then the
     * others ascending, leaving out those that would preempt past the bound.
     */
    private int[] order(StepEngine e, int last, int preemptions) {
      int[] enabled = e.choiceArray();
      boolean lastEnabled = last >= 0 && e.canStep(last);
      if (lastEnabled && preemptions >= bound) {
        return new int[] {last};
      }
      if (!lastEnabled) {
        return enabled;
      }
      int[] out = new int[enabled.length];
      out[0] = last;
      int n = 1;
      for (int t : enabled) {
        if (t != last) {
          out[n++] = t;
        }
      }
      return out;
    }

    /** The prefix length of the next schedule, or -1 when the search is done. */
    private int backtrack() {
      if (stopEarly && best != null && best.schedule().size() <= 1) {
        return -1; // nothing shorter than one step
      }
      for (int d = depth - 1; d >= 0; d--) {
        if (chosen[d] + 1 < options[d].length) {
          chosen[d]++;
          return d + 1;
        }
      }
      return -1;
    }

    private void grow(int d) {
      if (d >= chosen.length) {
        int n = Math.max(chosen.length * 2, d + 1);
        chosen = java.util.Arrays.copyOf(chosen, n);
        options = java.util.Arrays.copyOf(options, n);
      }
    }
  }

  /** Configures an {@link Explorer}; not thread-safe. */
  public static final class Builder {
    private int maxPreemptions = 2;
    private long maxSchedules = 1_000_000;
    private int maxSteps = 2_000;

    private Builder() {}

    /**
     * The highest preemption bound {@link #find} tries, and the bound of {@link #exhaust(Level)}.
     * Default 2.
     *
     * @param max zero or more
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder maxPreemptions(int max) {
      checkArgument(max >= 0, "maxPreemptions must not be negative, got %s", max);
      this.maxPreemptions = max;
      return this;
    }

    /**
     * The most schedules one call runs. Default 1,000,000.
     *
     * @param max positive
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder maxSchedules(long max) {
      checkArgument(max > 0, "maxSchedules must be positive, got %s", max);
      this.maxSchedules = max;
      return this;
    }

    /**
     * The most steps one schedule takes before the search cuts it off. Default 2,000.
     *
     * @param max positive
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder maxSteps(int max) {
      checkArgument(max > 0, "maxSteps must be positive, got %s", max);
      this.maxSteps = max;
      return this;
    }

    /**
     * Makes the explorer.
     *
     * @return an immutable explorer
     */
    public Explorer build() {
      return new Explorer(this);
    }
  }
}

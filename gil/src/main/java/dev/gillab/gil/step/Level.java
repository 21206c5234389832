package dev.gillab.gil.step;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.gillab.gil.SwitchingPolicy;
import dev.gillab.refcount.CountStrategy;

/**
 * A built-in challenge: a program, the policy and granularity it is stepped under, and what the
 * learner tries to make it do. Most levels can be solved; a few ask the learner to see that they
 * cannot ({@link #solvable()} false: the {@link Explorer} exhausts every schedule within its
 * preemption bound without reaching the goal, and a page says so).
 *
 * @param id a slug, e.g. {@code lost-update-no-gil}
 * @param title a short title
 * @param text one or two sentences telling the learner what to do
 * @param fileName the program's file name, as tracebacks print it
 * @param source the program, Python
 * @param policy the switching policy it runs under
 * @param granularity how much one step runs
 * @param counts how reference counts change: {@code ATOMIC}, or {@code PLAIN}, which race under
 *     {@code none} at {@link Granularity#INSTRUCTION} ({@link Stepper.Builder#counts})
 * @param goal what the learner tries to cause
 * @param solvable whether some schedule reaches the goal
 */
public record Level(
    String id,
    String title,
    String text,
    String fileName,
    String source,
    SwitchingPolicy policy,
    Granularity granularity,
    CountStrategy counts,
    Goal goal,
    boolean solvable) {

  /**
   * Checks nothing is missing.
   *
   * @param id a slug, e.g. {@code lost-update-no-gil}
   * @param title a short title
   * @param text one or two sentences telling the learner what to do
   * @param fileName the program's file name, as tracebacks print it
   * @param source the program, Python
   * @param policy the switching policy it runs under
   * @param granularity how much one step runs
   * @param counts how reference counts change
   * @param goal what the learner tries to cause
   * @param solvable whether some schedule reaches the goal
   * @throws NullPointerException if a component other than {@code solvable} is null
   */
  public Level {
    checkNotNull(id, "id");
    checkNotNull(title, "title");
    checkNotNull(text, "text");
    checkNotNull(fileName, "fileName");
    checkNotNull(source, "source");
    checkNotNull(policy, "policy");
    checkNotNull(granularity, "granularity");
    checkNotNull(counts, "counts");
    checkNotNull(goal, "goal");
  }

  /**
   * The level's program with its policy and granularity, ready to make steppers.
   *
   * @return a new builder with the default budgets
   */
  public Stepper.Builder program() {
    return Stepper.builder(source, fileName).policy(policy).granularity(granularity).counts(counts);
  }

  /**
   * A fresh stepper of the level, before its first step.
   *
   * @return a new stepper
   */
  public Stepper start() {
    return program().build();
  }
}

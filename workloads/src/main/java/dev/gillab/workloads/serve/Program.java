package dev.gillab.workloads.serve;

import dev.gillab.gil.step.Goal;
import dev.gillab.gil.step.Granularity;
import dev.gillab.gil.step.Level;
import dev.gillab.gil.step.Stepper;
import dev.gillab.refcount.CountStrategy;
import dev.gillab.workloads.PolicyChoice;
import org.jspecify.annotations.Nullable;

/**
 * What a session steps: a level's program or a learner's own, the policy and granularity chosen for
 * it, and the goal (a level's, or the one a learner picked; none at all is fine), with the budgets
 * every run of it gets. Immutable: a session and a search each make their own steppers from it.
 *
 * @param level the level, or null for a learner's own program
 * @param source the Python text
 * @param fileName what tracebacks call the file
 * @param policy the switching policy, as the command names it ({@code interval}, {@code
 *     ticks(100)}, {@code io-priority}, {@code none})
 * @param granularity how much one step runs
 * @param goal what the learner tries to cause, or null
 * @param limits the server's budgets
 */
record Program(
    @Nullable Level level,
    String source,
    String fileName,
    PolicyChoice policy,
    Granularity granularity,
    @Nullable Goal goal,
    ServeLimits limits) {

  /**
   * A new stepper builder of this program with the session budgets; a new one each time, since a
   * builder is not thread-safe and a search runs beside the session's own steps.
   */
  Stepper.Builder builder() {
    return Stepper.builder(source, fileName)
        .policy(policy.create())
        .granularity(granularity)
        // A level's counts (a level where plain counts race); one's own program's are atomic.
        .counts(level != null ? level.counts() : CountStrategy.ATOMIC)
        .instructionBudget(limits.instructionBudget())
        .maxMemory(limits.maxMemoryBytes())
        .maxSteps(limits.maxSteps());
  }
}

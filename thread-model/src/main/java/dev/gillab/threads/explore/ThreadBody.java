package dev.gillab.threads.explore;

import java.util.List;

/**
 * What one program thread does, as a list of atomic steps over the run's shared state.
 *
 * <p>The explorer calls the body once per run with that run's fresh state, so a body can keep
 * thread-local variables (CPython's {@code tmp}, a register) in locals that its steps capture:
 *
 * <pre>{@code
 * (Counter c) -> {
 *   int[] tmp = new int[1];
 *   return List.of(
 *       Step.of("tmp = x", () -> "read " + (tmp[0] = c.x)),
 *       Step.of("x = tmp + 1", () -> "wrote " + (c.x = tmp[0] + 1)));
 * }
 * }</pre>
 *
 * @param <S> the type of the program's shared state
 */
@FunctionalInterface
public interface ThreadBody<S> {
  /**
   * The thread's steps for one run.
   *
   * @param state the run's fresh shared state, the same object for every thread of the run
   * @return the steps, taken in order; each is atomic with respect to the other threads
   */
  List<Step> steps(S state);
}

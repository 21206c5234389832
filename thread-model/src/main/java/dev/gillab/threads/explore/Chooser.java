package dev.gillab.threads.explore;

import com.google.common.collect.ImmutableList;
import dev.gillab.threads.explore.internal.ProgramThread;

/** Picks which enabled thread takes the next step. One chooser drives one run. */
interface Chooser {
  /**
   * Returns the index of the thread that takes the next step.
   *
   * @param depth the number of steps taken so far in this run
   * @param threads every program thread of the run, by index
   * @param enabled indices of the threads whose next step is enabled; never empty
   * @return the index of the thread to run, one of {@code enabled}
   */
  int choose(int depth, ImmutableList<ProgramThread> threads, ImmutableList<Integer> enabled);

  /** Called once the run ended, with the number of steps it took; may reject the run. */
  default void finished(int depth, ImmutableList<ProgramThread> threads) {}
}

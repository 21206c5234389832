package dev.gillab.threads.explore.internal;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;

/**
 * The program threads of one exploration, one per program thread name, reused run after run.
 * A thread whose step would not return in time is retired and replaced; {@link #close} ends
 * them all. Used by one scheduler thread only.
 */
public final class ProgramThreads implements AutoCloseable {
  private static final long STOP_BOUND_MILLIS = 1_000;

  private final String prefix;
  private final List<ProgramThread> threads = new ArrayList<>();
  private int generation;

  public ProgramThreads(String programName, List<String> names) {
    this.prefix = "explore-" + programName.replaceAll("\\s+", "_") + "-";
    for (String name : names) {
      threads.add(new ProgramThread(prefix + name, name));
    }
  }

  public ImmutableList<ProgramThread> current() {
    return ImmutableList.copyOf(threads);
  }

  /**
   * Retires the thread at {@code index} (its step is stuck), starts a fresh one in its place,
   * and answers whether the stuck one stopped within the bound.
   */
  public boolean replace(int index) throws InterruptedException {
    ProgramThread stuck = threads.get(index);
    stuck.shutdown();
    generation++;
    threads.set(index, new ProgramThread(prefix + stuck.name() + "-" + generation, stuck.name()));
    return stuck.awaitExit(STOP_BOUND_MILLIS); // if not, it is stranded: a daemon, named in the run
  }

  /** Ends every thread, waiting a bounded time for each (they are parked at their turn). */
  @Override
  public void close() throws InterruptedException {
    for (ProgramThread t : threads) {
      t.shutdown();
    }
    for (ProgramThread t : threads) {
      t.awaitExit(STOP_BOUND_MILLIS);
    }
  }
}

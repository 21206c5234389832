package dev.gillab.threads.explore.internal;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * The program threads of one exploration, one per program thread name: fresh for every run, or
 * (with {@code reuse}) the same ones run after run, which spares starting threads but carries
 * thread identity and thread-locals from one run to the next. A thread whose step would not return
 * in time is retired and replaced; {@link #close} ends them all. Used by one scheduler thread only.
 */
// close() waits for the threads to end, and an interrupt during that wait is the caller's to see.
@SuppressWarnings("try")
public final class ProgramThreads implements AutoCloseable {
  private static final long STOP_BOUND_MILLIS = 1_000;

  private final String prefix;
  private final boolean reuse;
  private final ThreadFactory factory;
  private final List<String> names;
  private final List<ProgramThread> threads = new ArrayList<>();
  private int generation;

  public ProgramThreads(String programName, List<String> names, boolean reuse, ThreadKind kind) {
    this.prefix = threadNamePrefix(programName);
    this.reuse = reuse;
    this.factory = kind.factory();
    this.names = names;
  }

  /** The start of the name of every thread of an exploration of {@code programName}. */
  public static String threadNamePrefix(String programName) {
    return "explore-" + programName.replaceAll("\\s+", "_") + "-";
  }

  /** The threads for the next run: new ones unless threads are reused and already started. */
  public ImmutableList<ProgramThread> forNextRun() throws InterruptedException {
    if (!reuse || threads.isEmpty()) {
      close(); // one-run threads have ended already, or are parked at a turn that never came
      threads.clear();
      for (String name : names) {
        threads.add(new ProgramThread(factory, prefix + name, name, !reuse));
      }
    }
    return ImmutableList.copyOf(threads);
  }

  /**
   * Retires the thread at {@code index} (its step is stuck), starts a fresh one in its place, and
   * answers whether the stuck one stopped within the bound.
   */
  public boolean replace(int index) throws InterruptedException {
    ProgramThread stuck = threads.get(index);
    stuck.shutdown();
    generation++;
    threads.set(
        index,
        new ProgramThread(factory, prefix + stuck.name() + "-" + generation, stuck.name(), !reuse));
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

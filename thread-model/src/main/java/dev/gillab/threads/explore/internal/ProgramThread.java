package dev.gillab.threads.explore.internal;

import com.google.common.collect.ImmutableList;
import dev.gillab.threads.explore.Step;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One program thread: a real Java thread that waits for its turn before every step, runs exactly
 * that step, and reports back. It serves one run, or — when the explorer reuses threads — every run
 * of an exploration, re-armed with fresh steps before each.
 *
 * <p>Hand-off protocol: the scheduler {@link #arm arms} the thread with a run's steps and that
 * run's {@code done} semaphore, then releases {@code turn} once per step; the thread runs the step,
 * records the note or the failure, advances {@code next} and releases {@code done}. Because only
 * one step of a run is ever in flight, the plain fields below are published by those two semaphores
 * (release happens-before a successful acquire) and need no lock.
 */
public final class ProgramThread implements Runnable {
  private final String name;
  private final Semaphore turn = new Semaphore(0);
  private final Thread thread;
  private final boolean oneRun;

  private volatile boolean shutdown;
  // Written by the scheduler in arm() before turn.release(); read by this thread after acquire.
  private ImmutableList<Step> steps = ImmutableList.of();
  private Semaphore done = new Semaphore(0);
  // Written by this thread before done.release(); read by the scheduler after done.acquire().
  private int next;
  private @Nullable String lastNote;
  private @Nullable Throwable failure;

  /**
   * Starts the thread, made by {@code factory} (virtual or platform). With {@code oneRun}, it ends
   * as soon as its run's last step is done, as a thread of the program would (so thread death,
   * thread-locals and thread identity are fresh in every run); otherwise it waits to be armed for
   * the next run.
   */
  public ProgramThread(ThreadFactory factory, String threadName, String name, boolean oneRun) {
    this.name = name;
    this.oneRun = oneRun;
    this.thread = factory.newThread(this);
    this.thread.setName(threadName);
    // A stranded step must never keep the JVM alive (a virtual thread is always a daemon).
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Gives this thread the steps of a new run; only while no step of it is in flight. */
  public void arm(ImmutableList<Step> steps, Semaphore done) {
    this.steps = steps;
    this.done = done;
    this.next = 0;
    this.lastNote = null;
    this.failure = null;
  }

  public String name() {
    return name;
  }

  public boolean isFinished() {
    return next >= steps.size() || failure != null;
  }

  /** The step this thread takes next; only while it is not finished. */
  public Step nextStep() {
    return steps.get(next);
  }

  public int stepCount() {
    return steps.size();
  }

  public @Nullable String lastNote() {
    return lastNote;
  }

  public @Nullable Throwable failure() {
    return failure;
  }

  /** Lets this thread take its next step; the caller then waits on the run's done semaphore. */
  public void grantTurn() {
    turn.release();
  }

  /** Ends the thread once it is back at its turn; interrupts it too if it is inside a step. */
  public void shutdown() {
    shutdown = true;
    turn.release();
    thread.interrupt();
  }

  /** Waits up to {@code millis} for the thread to end; answers whether it did. */
  public boolean awaitExit(long millis) throws InterruptedException {
    thread.join(millis);
    return !thread.isAlive();
  }

  @Override
  public void run() {
    while (!shutdown) {
      try {
        turn.acquire();
      } catch (InterruptedException e) {
        continue; // an interrupt meant for a step that returned just in time; shutdown is checked
      }
      if (shutdown) {
        return;
      }
      Semaphore stepDone = done;
      try {
        lastNote = steps.get(next).perform();
      } catch (Throwable t) { // a step's failure is the run's finding, never swallowed
        lastNote = null;
        failure = t;
      }
      next++;
      Thread.interrupted(); // an interrupt aimed at this step must not reach the next one
      boolean last = next >= steps.size() || failure != null;
      stepDone.release();
      if (oneRun && last) {
        return;
      }
    }
  }

  /** Waits for the step in flight, up to {@code timeoutNanos}; answers whether it finished. */
  public static boolean awaitStep(Semaphore done, long timeoutNanos) throws InterruptedException {
    return done.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
  }
}

package dev.gillab.threads.explore.internal;

import com.google.common.collect.ImmutableList;
import dev.gillab.threads.explore.Step;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One program thread of one run: a real Java thread that waits for its turn before every step,
 * runs exactly that step, and reports back.
 *
 * <p>Hand-off protocol: the scheduler releases {@code turn}; the thread runs the step, records
 * the note or the failure, advances {@code next} and releases the run's shared {@code done}
 * semaphore. Because only one step of a run is ever in flight, the plain fields below are
 * published by those semaphores (release happens-before a successful acquire) and need no
 * lock of their own.
 */
public final class ProgramThread implements Runnable {
  private final String name;
  private final ImmutableList<Step> steps;
  private final Semaphore turn = new Semaphore(0);
  private final Semaphore done;
  private final Thread thread;

  private volatile boolean aborted;
  // Written by this thread before done.release(); read by the scheduler after done.acquire().
  private int next;
  private @Nullable String lastNote;
  private @Nullable Throwable failure;

  public ProgramThread(String runName, String name, ImmutableList<Step> steps, Semaphore done) {
    this.name = name;
    this.steps = steps;
    this.done = done;
    this.thread = new Thread(this, "explore-" + runName + "-" + name);
    this.thread.setDaemon(true); // a stranded step must never keep the JVM alive
  }

  public void start() {
    thread.start();
  }

  public String name() {
    return name;
  }

  public boolean isFinished() {
    return next >= steps.size();
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

  /** Stops the thread at its next turn; interrupts it too if it is inside a step. */
  public void abort(boolean interrupt) {
    aborted = true;
    turn.release();
    if (interrupt) {
      thread.interrupt();
    }
  }

  /** Waits up to {@code millis} for the thread to end; answers whether it did. */
  public boolean awaitExit(long millis) throws InterruptedException {
    thread.join(millis);
    return !thread.isAlive();
  }

  @Override
  public void run() {
    try {
      while (next < steps.size()) {
        turn.acquire();
        if (aborted) {
          return;
        }
        lastNote = null; // a step that throws notes nothing, not its predecessor's note
        try {
          lastNote = steps.get(next).perform();
        } catch (Throwable t) { // a step's failure is the run's finding, never swallowed
          failure = t;
        }
        next++;
        done.release();
        if (failure != null) {
          return;
        }
      }
    } catch (InterruptedException e) {
      // aborted while waiting for a turn: the run is over
    }
  }

  /** Waits for the step in flight, up to {@code timeoutNanos}; answers whether it finished. */
  public static boolean awaitStep(Semaphore done, long timeoutNanos) throws InterruptedException {
    return done.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
  }
}

package dev.gillab.process.internal;

import java.time.Duration;
import java.util.Optional;

/**
 * The pool as a slot sees it: the queue of jobs, the pool's state, a way to wake waiting slots. The
 * slot asks; the pool decides. Implementations are thread-safe.
 */
public interface SlotHub {
  /** Blocks up to {@code maxWait} for something to do. */
  Next next(boolean needWorker, Duration maxWait) throws InterruptedException;

  /** Takes a queued job, if any, without waiting. */
  Optional<Job> pollJob();

  /**
   * Puts a job no worker has read back at the head of the queue, for the next worker to run.
   *
   * @return false if the pool is terminated: the job was not queued and the caller must fail it
   */
  boolean requeue(Job job);

  boolean terminated();

  /** Wakes slots waiting in {@link #next}. */
  void wake();
}

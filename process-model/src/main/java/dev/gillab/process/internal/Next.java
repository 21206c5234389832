package dev.gillab.process.internal;

import java.util.Optional;

/**
 * What the pool tells a slot to do next: run a job, start a worker, look around again (idle), or
 * stop. Immutable.
 */
public record Next(Kind kind, Optional<Job> job) {
  /** The four answers. */
  public enum Kind {
    RUN,
    START_WORKER,
    IDLE,
    STOP
  }

  public static Next run(Job job) {
    return new Next(Kind.RUN, Optional.of(job));
  }

  public static Next startWorker() {
    return new Next(Kind.START_WORKER, Optional.empty());
  }

  public static Next idle() {
    return new Next(Kind.IDLE, Optional.empty());
  }

  public static Next stop() {
    return new Next(Kind.STOP, Optional.empty());
  }
}

package dev.gillab.locks;

/**
 * What a detector does when it finds a deadlock (wait-for graph) or a potential deadlock
 * (lock-order graph): fail the acquisition, report and go on, or not look at all.
 */
public enum Policy {
  /**
   * The acquisition that would close the cycle throws ({@link DeadlockException} or {@link
   * PotentialDeadlockException}) <em>before</em> it blocks; the lock is not taken, the caller still
   * holds what it held and must release it.
   */
  THROW,
  /**
   * The cycle is reported to the lock set's {@link DeadlockListener} and the acquisition goes on
   * (for a real deadlock: it blocks, as it would have without checking).
   */
  WARN,
  /** Nothing is recorded and nothing costs anything. */
  DISABLED
}

package dev.gillab.locks;

/**
 * What a detector does when it finds a deadlock (wait-for graph) or a potential deadlock
 * (lock-order graph).
 *
 * <ul>
 *   <li>{@link #THROW}: the acquisition that would close the cycle throws ({@link
 *       DeadlockException} or {@link PotentialDeadlockException}) <em>before</em> it blocks; the
 *       lock is not taken, the caller still holds what it held and must release it.
 *   <li>{@link #WARN}: the cycle is reported to the lock set's {@link DeadlockListener} and the
 *       acquisition goes on (for a real deadlock: it blocks, as it would have without checking).
 *   <li>{@link #DISABLED}: nothing is recorded and nothing costs anything.
 * </ul>
 */
public enum Policy {
  THROW,
  WARN,
  DISABLED
}

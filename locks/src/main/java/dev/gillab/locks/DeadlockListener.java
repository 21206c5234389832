package dev.gillab.locks;

/**
 * Receives deadlock and potential-deadlock reports from a {@link LockSet} (policy {@link
 * Policy#WARN}) or a {@link Watchdog}. Called on the thread that found the cycle (the acquiring
 * thread, or the watchdog's thread); it should return quickly and must not block on the locks in
 * the report. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface DeadlockListener {
  /**
   * Called once for each cycle found.
   *
   * @param report the cycle, with a one-line summary and the holders' stacks
   */
  void onDeadlock(DeadlockReport report);
}

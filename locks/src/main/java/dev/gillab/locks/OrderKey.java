package dev.gillab.locks;

/**
 * What a node of the lock-order graph stands for: a name, as a lock class in Linux lockdep, or one
 * lock object, as in Guava's {@code CycleDetectingLockFactory}. The choice trades how far a learned
 * order reaches against whether locks of one name may nest.
 */
public enum OrderKey {
  /**
   * The default: every lock with the same name is one node, as a lock <em>class</em> is in Linux
   * lockdep. An order learned from two instances ("an account, then the ledger") holds for every
   * instance, so a potential deadlock is found even when this run used different objects; the graph
   * grows with the number of names, not of locks, so programs that make a lock per request do not
   * leak. The price: two locks of one name must not nest (reported as a cycle of length one), just
   * as lockdep needs a nesting annotation for that.
   */
  NAME,
  /**
   * Every lock is its own node, as in Guava's {@code CycleDetectingLockFactory}. Locks of one name
   * may nest in a consistent order, but an order is only learned for the very objects that were
   * used, and nodes live as long as the lock set.
   */
  INSTANCE
}

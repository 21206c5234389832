package dev.gillab.locks.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A node of the lock-order graph (a lock name, or one lock) with its cache of successors that
 * were already validated: once "this, then that" has been checked, later acquisitions in that
 * order cost a field compare or a concurrent-set lookup, never the graph lock (lockdep likewise
 * validates a chain once and hashes it).
 */
public final class OrderNode {
  final String name;

  /** Successors already validated (or already reported with WARN). */
  final Set<OrderNode> known = ConcurrentHashMap.newKeySet();

  /**
   * The last validated successor looked up. Deliberately a plain field: a stale or torn-free
   * racy read only sends the check on to {@link #known}, and it only ever holds members of
   * {@code known}.
   */
  @Nullable OrderNode hot;

  OrderNode(String name) {
    this.name = name;
  }

  @Override
  public String toString() {
    return name;
  }
}

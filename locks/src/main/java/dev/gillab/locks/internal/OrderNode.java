package dev.gillab.locks.internal;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node of the lock-order graph (a lock name, or one lock) with its cache of successors that
 * were already validated: once "this, then that" has been checked, later acquisitions in that
 * order cost an identity compare against a few remembered successors, or a concurrent-set
 * lookup, never the graph lock (lockdep likewise validates a chain once and hashes it).
 *
 * <p>Thread-safe: {@link #learn} is called only under the graph's lock; {@link #knows} reads
 * without it. The hot path writes nothing, so threads sharing a node do not fight over it.
 */
public final class OrderNode {
  /** How many successors get the identity-compare fast path. */
  private static final int FAST = 4;

  private static final OrderNode[] NONE = new OrderNode[0];

  final String name;

  /** Every successor already validated (or already reported with WARN). */
  private final Set<OrderNode> known = ConcurrentHashMap.newKeySet();

  /** The first {@link #FAST} of {@link #known}, replaced whole (copy on write). */
  private volatile OrderNode[] fast = NONE;

  OrderNode(String name) {
    this.name = name;
  }

  /** Whether "this, then {@code to}" was validated before. */
  boolean knows(OrderNode to) {
    for (OrderNode n : fast) {
      if (n == to) {
        return true;
      }
    }
    return known.contains(to);
  }

  /** Remembers a validated successor; only under the graph's lock, which orders the writes. */
  void learn(OrderNode to) {
    OrderNode[] now = fast;
    if (known.add(to) && now.length < FAST) {
      OrderNode[] more = Arrays.copyOf(now, now.length + 1);
      more[now.length] = to;
      fast = more;
    }
  }

  @Override
  public String toString() {
    return name;
  }
}

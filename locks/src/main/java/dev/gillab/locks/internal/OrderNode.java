package dev.gillab.locks.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node of the lock-order graph (a lock name, or one lock) with its cache of successors that were
 * already validated: once "this, then that" has been checked, later acquisitions in that order cost
 * an identity compare against a few remembered successors, or a concurrent-set lookup, never the
 * graph lock (lockdep likewise validates a chain once and hashes it).
 *
 * <p>An edge has a kind (see {@link OrderGraph}): how the first lock is held and how the next is
 * acquired. Exclusive locks only ever make {@link OrderGraph#EXCLUSIVE} edges, and those keep the
 * identity-compare fast path; the other kinds are remembered in {@link #rwKinds}. A kind learned
 * also covers the kinds it dominates (see {@link OrderGraph#covered}).
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

  /** For successors reached by edges of other kinds: a bit per kind known (or covered). */
  private final Map<OrderNode, Integer> rwKinds = new ConcurrentHashMap<>();

  OrderNode(String name) {
    this.name = name;
  }

  /** Whether "this, then {@code to}" by an edge of {@code kind} was validated before. */
  boolean knows(OrderNode to, int kind) {
    if (knows(to)) {
      return true; // an exclusive edge covers every kind
    }
    if (kind == OrderGraph.EXCLUSIVE) {
      return false;
    }
    Integer kinds = rwKinds.get(to);
    return kinds != null && (kinds & (1 << kind)) != 0;
  }

  /** Whether "this, then {@code to}" by an exclusive edge was validated before. */
  private boolean knows(OrderNode to) {
    for (OrderNode n : fast) {
      if (n == to) {
        return true;
      }
    }
    return known.contains(to);
  }

  /** Remembers a validated successor by {@code kind}; only under the graph's lock. */
  void learn(OrderNode to, int kind) {
    if (kind == OrderGraph.EXCLUSIVE) {
      learn(to);
    } else {
      rwKinds.merge(to, OrderGraph.covered(kind), (a, b) -> a | b);
    }
  }

  /**
   * Remembers a validated exclusive successor; only under the graph's lock, which orders the
   * writes.
   */
  private void learn(OrderNode to) {
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

package dev.gillab.locks.internal;

import com.google.common.collect.ImmutableList;
import com.google.common.graph.EndpointPair;
import com.google.common.graph.MutableValueGraph;
import com.google.common.graph.ValueGraphBuilder;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.gillab.locks.DeadlockListener;
import dev.gillab.locks.DeadlockReport;
import dev.gillab.locks.OrderKey;
import dev.gillab.locks.Policy;
import dev.gillab.locks.PotentialDeadlockException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The lock-order graph of one lock set: an edge "A -> B" for every time a thread took B while
 * its latest-taken held lock was A. Edges from the other held locks follow by transitivity
 * (each of them reaches A), so one edge per acquisition is enough. An acquisition whose edge
 * would close a cycle is a potential deadlock.
 *
 * <p>A new edge is checked and added under one lock, so two threads adding A -> B and B -> A at
 * the same moment cannot both miss the cycle (the race in Guava's {@code
 * CycleDetectingLockFactory}, which checks and adds without a common lock). Known edges never
 * take that lock: see {@link OrderNode}.
 *
 * <p>Thread-safe.
 */
public final class OrderGraph {
  /** How an edge was first established. */
  private static final class Edge {
    final String thread;
    final Throwable stack;

    Edge(String thread, Throwable stack) {
      this.thread = thread;
      this.stack = stack;
    }
  }

  private final Policy policy;
  private final OrderKey key;
  private final DeadlockListener listener;
  private final ThreadLocal<HeldLocks> held = ThreadLocal.withInitial(HeldLocks::new);
  private final Map<String, OrderNode> byName = new ConcurrentHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();

  @GuardedBy("lock")
  private final MutableValueGraph<OrderNode, Edge> graph =
      ValueGraphBuilder.directed().allowsSelfLoops(true).build();

  /** Edges reported with WARN, so each is reported once. */
  @GuardedBy("lock")
  private final Set<EndpointPair<OrderNode>> warned = new HashSet<>();

  public OrderGraph(Policy policy, OrderKey key, DeadlockListener listener) {
    this.policy = policy;
    this.key = key;
    this.listener = listener;
  }

  public OrderNode nodeFor(String lockName) {
    return key == OrderKey.NAME
        ? byName.computeIfAbsent(lockName, OrderNode::new)
        : new OrderNode(lockName);
  }

  /** The calling thread's held locks; pass it back to {@link #check} and {@link #acquired}. */
  public HeldLocks held() {
    return held.get();
  }

  /** Checks the order "latest held lock, then {@code next}" before the caller blocks on it. */
  public void check(HeldLocks locks, LockCore next) {
    @Nullable LockCore top = locks.top();
    if (top == null || top == next || (next.reentrant && next.sync.heldByCurrentThread())) {
      return; // nothing held, or a re-entry that cannot block
    }
    OrderNode from = top.orderNode;
    OrderNode to = next.orderNode;
    if (from == null || to == null || from.hot == to) {
      return;
    }
    if (from.known.contains(to)) {
      from.hot = to;
      return;
    }
    checkNewEdge(top, next, from, to);
  }

  public void acquired(HeldLocks locks, LockCore lock) {
    locks.push(lock);
    lock.holderStack = locks;
  }

  /**
   * Forgets one hold of {@code lock} by the caller; {@code stack} is what {@link
   * LockCore#holderStack} said before the caller released the lock.
   */
  public void released(@Nullable HeldLocks stack, LockCore lock) {
    (stack != null ? stack : held.get()).remove(lock);
  }

  private void checkNewEdge(LockCore top, LockCore next, OrderNode from, OrderNode to) {
    if (!next.reentrant && next.sync.heldByCurrentThread()) {
      return; // taking a held non-reentrant lock again: the acquisition reports a real deadlock
    }
    String me = Thread.currentThread().getName();
    DeadlockReport found;
    lock.lock();
    try {
      EndpointPair<OrderNode> pair = EndpointPair.ordered(from, to);
      if (graph.hasEdgeConnecting(pair) || warned.contains(pair)) {
        from.known.add(to);
        return;
      }
      @Nullable List<OrderNode> back = from == to ? List.of(from) : path(to, from);
      if (back == null) {
        graph.putEdgeValue(from, to, new Edge(me, Stacks.here()));
        from.known.add(to);
        return;
      }
      found = report(me, top, next, from, back);
      if (policy == Policy.WARN) {
        warned.add(pair);
        from.known.add(to);
      }
    } finally {
      lock.unlock();
    }
    if (policy == Policy.THROW) {
      throw new PotentialDeadlockException(found);
    }
    listener.onDeadlock(found);
  }

  /** A shortest path of existing edges from {@code start} to {@code goal}, both included. */
  @GuardedBy("lock")
  private @Nullable List<OrderNode> path(OrderNode start, OrderNode goal) {
    if (!graph.nodes().contains(start)) {
      return null;
    }
    Map<OrderNode, OrderNode> parent = new HashMap<>();
    ArrayDeque<OrderNode> queue = new ArrayDeque<>();
    queue.add(start);
    parent.put(start, start);
    while (!queue.isEmpty()) {
      OrderNode at = queue.poll();
      if (at == goal) {
        List<OrderNode> path = new ArrayList<>();
        for (OrderNode n = goal; n != start; n = parent.get(n)) {
          path.add(n);
        }
        path.add(start);
        Collections.reverse(path);
        return path;
      }
      for (OrderNode s : graph.successors(at)) {
        if (parent.putIfAbsent(s, at) == null) {
          queue.add(s);
        }
      }
    }
    return null;
  }

  /** {@code back} runs from {@code to} to {@code from} along edges seen before. */
  @GuardedBy("lock")
  private DeadlockReport report(
      String me, LockCore top, LockCore next, OrderNode from, List<OrderNode> back) {
    ImmutableList.Builder<String> threads = ImmutableList.<String>builder().add(me);
    ImmutableList.Builder<String> locks = ImmutableList.<String>builder().add(from.name);
    StringBuilder details = new StringBuilder()
        .append("  ").append(from.name).append(" -> ").append(back.get(0).name)
        .append(" attempted now by ").append(me).append(" at:\n")
        .append(Stacks.format(Stacks.here().getStackTrace()));
    String summary;
    if (back.size() == 1) {
      summary = String.format(
          "potential deadlock: %s acquires %s while holding another lock named %s; "
              + "lock-order cycle: %s -> %s",
          me, next.name, top.name, from.name, from.name);
    } else {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < back.size(); i++) {
        OrderNode n = back.get(i);
        names.add(n.name);
        if (i + 1 < back.size()) {
          locks.add(n.name);
          Edge e = graph.edgeValue(n, back.get(i + 1)).orElseThrow();
          threads.add(e.thread);
          details.append("  ").append(n.name).append(" -> ").append(back.get(i + 1).name)
              .append(" first established by ").append(e.thread).append(" at:\n")
              .append(Stacks.format(e.stack.getStackTrace()));
        }
      }
      summary = String.format(
          "potential deadlock: %s acquires %s while holding %s, but %s was established before; "
              + "lock-order cycle: %s -> %s",
          me, next.name, top.name, String.join(" -> ", names), from.name,
          String.join(" -> ", names));
    }
    return new DeadlockReport(DeadlockReport.Kind.POTENTIAL_DEADLOCK, summary,
        details.toString().stripTrailing(), threads.build(), locks.build());
  }
}

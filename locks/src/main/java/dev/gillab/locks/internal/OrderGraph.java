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
 * The lock-order graph of one lock set: an edge "A -> B" for every time a thread took B, by a
 * blocking acquisition, while holding A. Not every held lock needs its own edge: a held lock
 * that was itself taken by a blocking acquisition is reached by edges from the locks held
 * before it, so an edge from the latest such lock, and from any {@code tryAcquire}d or
 * re-entered lock above it, orders the new lock after all of them (see {@link #check}). An
 * acquisition whose edge would close a cycle is a potential deadlock.
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
  private final ThreadLocal<HeldLocks> held =
      ThreadLocal.withInitial(() -> new HeldLocks(Thread.currentThread()));
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

  /**
   * The calling thread's held locks, for an acquisition of {@code lock}; pass it back to
   * {@link #check} and {@link #acquired}. When the caller was the lock's latest holder its
   * record is on the lock, and no thread-local lookup is needed.
   */
  public HeldLocks heldFor(LockCore lock) {
    @Nullable HeldLocks last = lock.holderStack;
    if (last != null && last.owner == Thread.currentThread()) {
      return last;
    }
    return held.get();
  }

  /**
   * Checks the order "held lock, then {@code next}" before the caller blocks on {@code next},
   * and records new edges. It walks down the held stack from the top, taking an edge from every
   * entry up to and including the first <em>ordered</em> one (see {@link HeldLocks}); the locks
   * below that entry reach it by edges recorded when it was taken, so they reach {@code next}
   * by transitivity. A {@code tryAcquire}d or re-entered lock on top has no edge leading to it,
   * so stopping at it (the "latest held" alone) would lose the order of the locks below it:
   * lockdep stops at the first held lock that was not a trylock for the same reason. Usually
   * the top entry is ordered and its edge known: one flag read and one cache compare.
   */
  public void check(HeldLocks locks, LockCore next) {
    OrderNode to = next.orderNode;
    if (to == null) {
      return;
    }
    for (int i = locks.size() - 1; i >= 0; i--) { // nothing held: the single-lock case ends here
      LockCore held = locks.at(i);
      if (held == next) {
        return; // next is held already: a re-entry, or a self-deadlock the acquisition reports
      }
      OrderNode from = held.orderNode;
      if (from != null && !from.knows(to)) {
        if (next.sync.heldByCurrentThread()) {
          return; // a re-entry cannot block; a held non-reentrant lock is a real deadlock
        }
        checkNewEdge(held, next, from, to);
      }
      if (locks.ordered(i)) {
        return;
      }
    }
  }

  /**
   * Records that the caller now holds {@code lock}; {@code ordered} when it was taken by a
   * blocking acquisition that was not a re-entry (so {@link #check} ran for it).
   */
  public void acquired(HeldLocks locks, LockCore lock, boolean ordered) {
    locks.push(lock, ordered);
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
    String me = Thread.currentThread().getName();
    DeadlockReport found;
    lock.lock();
    try {
      EndpointPair<OrderNode> pair = EndpointPair.ordered(from, to);
      if (graph.hasEdgeConnecting(pair) || warned.contains(pair)) {
        from.learn(to);
        return;
      }
      @Nullable List<OrderNode> back = from == to ? List.of(from) : path(to, from);
      if (back == null) {
        graph.putEdgeValue(from, to, new Edge(me, Stacks.here()));
        from.learn(to);
        return;
      }
      found = report(me, top, next, from, back);
      if (policy == Policy.WARN) {
        warned.add(pair);
        from.learn(to);
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

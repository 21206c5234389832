package dev.gillab.locks.internal;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
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
 * blocking acquisition, while holding A.
 *
 * <h2>Read/write locks: lockdep's strong cycles</h2>
 *
 * An edge has one of four kinds, after Linux lockdep ({@code
 * Documentation/locking/lockdep-design.rst}, "Dependency types and strong dependency paths"): how A
 * is held, exclusively (E: an exclusive lock, a write side) or shared (S: a read side), and how B
 * is acquired, non-recursively (N: an exclusive lock, a write side) or as a recursive read (R: a
 * read side, whose readers wait only for a writer that holds it, see {@link RwSync}). A cycle is a
 * potential deadlock only if it is <em>strong</em>: no lock on it is entered by an R edge and left
 * by an S edge. Such a lock is read on both edges, by two threads that never wait for each other
 * there, so the cycle is broken at it; any other cycle can deadlock (lockdep proves strong cycles
 * necessary and sufficient). A new edge is checked by a breadth-first search for a strong path
 * back, over states (lock, entered by R or not), so a lock read on one path and written on another
 * is judged per path. Kinds are ordered: EN covers every kind, ER covers SR, SN covers SR (a
 * stronger edge already validated makes a weaker one between the same locks add no cycle), so a
 * covered edge is known at once.
 *
 * <p>The walk down the held stack stops at an ordered entry only if that entry is held exclusively:
 * locks below a read entry do not reach the next lock through it by a strong path (it is entered by
 * R and left by S), so they get edges of their own (lockdep's {@code check_prevs_add} likewise
 * stops only at a held lock that reaches the new one).
 *
 * <h2>Declared orders</h2>
 *
 * An edge between two names declared safe ({@code LockSet.Builder#allowOrder}) is never added to
 * the graph nor checked: it closes no cycle and no cycle passes through it. Every other edge,
 * including the reverse one and every edge of the same locks with third ones, is checked as before.
 * Not every held lock needs its own edge: a held lock that was itself taken by a blocking
 * acquisition is reached by edges from the locks held before it, so an edge from the latest such
 * lock, and from any {@code tryAcquire}d or re-entered lock above it, orders the new lock after all
 * of them (see {@link #check}). An acquisition whose edge would close a cycle is a potential
 * deadlock.
 *
 * <p>A new edge is checked and added under one lock, so two threads adding A -> B and B -> A at the
 * same moment cannot both miss the cycle (the race in Guava's {@code CycleDetectingLockFactory},
 * which checks and adds without a common lock). Known edges never take that lock: see {@link
 * OrderNode}.
 *
 * <p>Thread-safe.
 */
public final class OrderGraph {
  /** Kind of an edge from an exclusive hold to a non-recursive acquisition (EN). */
  public static final int EXCLUSIVE = 0;

  /** Kind bit: the next lock is acquired as a recursive read (R). */
  static final int READ_ACQUIRE = 1;

  /** Kind bit: the held lock is held shared (S). */
  static final int SHARED_HOLDER = 2;

  /** How an edge of one kind was first established. */
  private record Established(
      String thread, Throwable stack, String fromText, String toText, boolean readWrite) {
    String text() {
      return fromText + " -> " + toText;
    }
  }

  /** The kinds of one edge seen so far, each with how it was first established. */
  private static final class Edge {
    final @Nullable Established[] byKind = new Established[4];

    /** Whether a kind seen covers {@code kind}. */
    boolean covers(int kind) {
      for (int k = 0; k < 4; k++) {
        if (byKind[k] != null && (covered(k) & (1 << kind)) != 0) {
          return true;
        }
      }
      return false;
    }
  }

  /** An edge reported with WARN. */
  private record Warned(OrderNode from, OrderNode to, int kind) {}

  /** A state of the strong-path search: a lock, and whether the path entered it by R. */
  private record State(OrderNode node, boolean enteredByRead) {}

  /** One edge of a path, with the kind it was taken by. */
  private record Hop(OrderNode from, OrderNode to, int kind) {}

  /**
   * The kinds that an edge of {@code kind} covers, as a bit set: those at most as strong on both
   * ends (E before S, N before R), so EN covers all four, ER covers ER and SR, SN covers SN and SR,
   * SR only itself.
   */
  static int covered(int kind) {
    int bits = 0;
    for (int k = 0; k < 4; k++) {
      if ((kind & ~k) == 0) {
        bits |= 1 << k;
      }
    }
    return bits;
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
  private final Set<Warned> warned = new HashSet<>();

  /** Declared safe orders: "first name -> then name", and why. */
  private final ImmutableMap<Map.Entry<String, String>, String> allowed;

  public OrderGraph(
      Policy policy,
      OrderKey key,
      DeadlockListener listener,
      Map<Map.Entry<String, String>, String> allowed) {
    this.policy = policy;
    this.key = key;
    this.listener = listener;
    this.allowed = ImmutableMap.copyOf(allowed);
  }

  public OrderNode nodeFor(String lockName) {
    return key == OrderKey.NAME
        ? byName.computeIfAbsent(lockName, OrderNode::new)
        : new OrderNode(lockName);
  }

  /**
   * The calling thread's held locks, for an acquisition of {@code lock}; pass it back to {@link
   * #check} and {@link #acquired}. When the caller was the lock's latest holder its record is on
   * the lock, and no thread-local lookup is needed.
   */
  public HeldLocks heldFor(LockCore lock) {
    @Nullable HeldLocks last = lock.holderStack;
    if (last != null && last.owner == Thread.currentThread()) {
      return last;
    }
    return held.get();
  }

  /**
   * Checks the order "held lock, then {@code next}" before the caller blocks on {@code next}, and
   * records new edges. It walks down the held stack from the top, taking an edge from every entry
   * up to and including the first <em>ordered</em> one (see {@link HeldLocks}); the locks below
   * that entry reach it by edges recorded when it was taken, so they reach {@code next} by
   * transitivity. A {@code tryAcquire}d or re-entered lock on top has no edge leading to it, so
   * stopping at it (the "latest held" alone) would lose the order of the locks below it: lockdep
   * stops at the first held lock that was not a trylock for the same reason. Usually the top entry
   * is ordered and its edge known: one flag read and one cache compare.
   */
  public void check(HeldLocks locks, LockCore next) {
    walk(locks, next, true);
  }

  /**
   * Whether {@link #check} would find every edge known (or none needed): the same walk, reads only.
   * A blocking acquisition that took its lock at the first attempt asks this afterwards, and only
   * when it answers false gives the lock back and runs the check (see {@code OwnedLock}).
   */
  public boolean knownOrder(HeldLocks locks, LockCore next) {
    return walk(locks, next, false);
  }

  /**
   * The walk of {@link #check}; with {@code validate} false it stops at the first edge not known
   * and answers false, otherwise it validates each such edge and answers true.
   */
  private boolean walk(HeldLocks locks, LockCore next, boolean validate) {
    int top = locks.size() - 1;
    if (top < 0) {
      return true; // nothing held, no edge: the single-lock case ends here
    }
    if (locks.at(top) == next.orderedAfter && locks.ordered(top)) {
      return true; // the usual nesting again: the walk would stop at once, at a known edge
    }
    OrderNode to = next.orderNode;
    if (to == null) {
      return true;
    }
    int acquire = next.shared ? READ_ACQUIRE : 0;
    for (int i = top; i >= 0; i--) {
      LockCore held = locks.at(i);
      if (held.id == next.id) {
        return true; // next is held already: a re-entry, or a self-deadlock the acquisition reports
      }
      OrderNode from = held.orderNode;
      int kind = held.shared ? SHARED_HOLDER | acquire : acquire;
      if (from != null && !from.knows(to, kind)) {
        if (!validate) {
          return false;
        }
        if (next.heldByCurrentThread()) {
          return true; // a re-entry cannot block; a held non-reentrant lock is a real deadlock
        }
        checkNewEdge(held, next, from, to, kind);
      }
      if (locks.ordered(i)) {
        if (i == top && from != null && next.orderedAfter != held) {
          next.orderedAfter = held; // its edge is known now, and stays known
        }
        return true;
      }
    }
    return true;
  }

  /**
   * Records that the caller now holds {@code lock}; {@code ordered} when it was taken by a blocking
   * acquisition that was not a re-entry (so {@link #check} ran for it) and is held exclusively (a
   * read entry never stops the walk, see the class comment).
   */
  public void acquired(HeldLocks locks, LockCore lock, boolean ordered) {
    locks.push(lock, ordered);
    if (lock.holderStack != locks) { // usually the same record: a read instead of a barriered write
      lock.holderStack = locks;
    }
  }

  /**
   * Forgets one hold of {@code lock} by the caller; {@code stack} is what {@link
   * LockCore#holderStack} said before the caller released the lock.
   */
  public void released(@Nullable HeldLocks stack, LockCore lock) {
    (stack != null ? stack : held.get()).remove(lock);
  }

  /**
   * As {@link #released}, for a side with several holders (a read side), whose {@link
   * LockCore#holderStack} may be another reader's: used only if it is the caller's.
   */
  public void releasedShared(@Nullable HeldLocks stack, LockCore lock) {
    released(stack != null && stack.owner == Thread.currentThread() ? stack : null, lock);
  }

  private void checkNewEdge(LockCore top, LockCore next, OrderNode from, OrderNode to, int kind) {
    if (allowed.containsKey(Map.entry(from.name, to.name))) {
      learnUnderLock(from, to, kind); // declared safe: never in the graph, never checked again
      return;
    }
    String me = Thread.currentThread().getName();
    DeadlockReport found;
    lock.lock();
    try {
      @Nullable Edge known = graph.edgeValueOrDefault(from, to, null);
      Warned asWarned = new Warned(from, to, kind);
      if ((known != null && known.covers(kind)) || warned.contains(asWarned)) {
        from.learn(to, kind);
        return;
      }
      boolean leaveShared = (kind & SHARED_HOLDER) != 0;
      @Nullable List<Hop> back = strongPath(to, (kind & READ_ACQUIRE) != 0, from, leaveShared);
      if (back == null) {
        Edge edge = known != null ? known : new Edge();
        edge.byKind[kind] =
            new Established(
                me,
                Stacks.here(),
                top.describe(),
                next.describe(),
                top.isReadWrite() || next.isReadWrite());
        if (known == null) {
          graph.putEdgeValue(from, to, edge);
        }
        from.learn(to, kind);
        return;
      }
      found = report(me, top, next, from, to, back);
      if (policy == Policy.WARN) {
        warned.add(asWarned);
        from.learn(to, kind);
      }
    } finally {
      lock.unlock();
    }
    if (policy == Policy.THROW) {
      throw new PotentialDeadlockException(found);
    }
    listener.onDeadlock(found);
  }

  private void learnUnderLock(OrderNode from, OrderNode to, int kind) {
    lock.lock();
    try {
      from.learn(to, kind);
    } finally {
      lock.unlock();
    }
  }

  /**
   * A shortest strong path of existing edges from {@code start}, entered by the new edge (by a
   * recursive read if {@code startByRead}), to {@code goal}, arriving so that the new edge can
   * leave {@code goal} (held shared if {@code leaveShared}) without breaking the cycle there. Empty
   * when {@code start} is {@code goal} and the new edge alone is a strong cycle; null when there is
   * no such path.
   */
  @GuardedBy("lock")
  private @Nullable List<Hop> strongPath(
      OrderNode start, boolean startByRead, OrderNode goal, boolean leaveShared) {
    State first = new State(start, startByRead);
    Map<State, Hop> via = new HashMap<>();
    Map<State, State> parent = new HashMap<>();
    ArrayDeque<State> queue = new ArrayDeque<>();
    queue.add(first);
    parent.put(first, first);
    while (!queue.isEmpty()) {
      State at = queue.poll();
      if (at.node() == goal && !(at.enteredByRead() && leaveShared)) {
        List<Hop> path = new ArrayList<>();
        for (State s = at; !s.equals(first); s = parent.get(s)) {
          path.add(via.get(s));
        }
        Collections.reverse(path);
        return path;
      }
      if (!graph.nodes().contains(at.node())) {
        continue;
      }
      for (OrderNode succ : graph.successors(at.node())) {
        Edge edge = graph.edgeValue(at.node(), succ).orElseThrow();
        for (int k = 0; k < 4; k++) {
          if (edge.byKind[k] == null || (at.enteredByRead() && (k & SHARED_HOLDER) != 0)) {
            continue; // entered by R and left by S: the path breaks here
          }
          State next = new State(succ, (k & READ_ACQUIRE) != 0);
          if (parent.putIfAbsent(next, at) == null) {
            via.put(next, new Hop(at.node(), succ, k));
            queue.add(next);
          }
        }
      }
    }
    return null;
  }

  /**
   * {@code back} runs from {@code to} to {@code from} along edges seen before. A cycle of exclusive
   * locks only is written {@code "B -> A -> B"}; one with a read/write lock on it edge by edge,
   * each end with the side it was held or taken by: {@code "B (read) -> A (write), A (read) -> B
   * (write)"}.
   */
  @GuardedBy("lock")
  private DeadlockReport report(
      String me, LockCore top, LockCore next, OrderNode from, OrderNode to, List<Hop> back) {
    ImmutableList.Builder<String> threads = ImmutableList.<String>builder().add(me);
    ImmutableList.Builder<String> locks = ImmutableList.<String>builder().add(from.name);
    String attempt = top.describe() + " -> " + next.describe();
    boolean readWrite = top.isReadWrite() || next.isReadWrite();
    List<Established> established = new ArrayList<>();
    for (Hop hop : back) {
      Established e = graph.edgeValue(hop.from(), hop.to()).orElseThrow().byKind[hop.kind()];
      established.add(e);
      readWrite |= e.readWrite();
    }
    StringBuilder details =
        new StringBuilder()
            .append("  ")
            .append(readWrite ? attempt : from.name + " -> " + to.name)
            .append(" attempted now by ")
            .append(me)
            .append(" at:\n")
            .append(Stacks.format(Stacks.here().getStackTrace()));
    String summary;
    if (back.isEmpty()) {
      summary =
          String.format(
              "potential deadlock: %s acquires %s while holding another lock named %s; "
                  + "lock-order cycle: %s",
              me,
              next.describe(),
              top.describe(),
              readWrite ? attempt : from.name + " -> " + from.name);
    } else {
      List<String> names = new ArrayList<>();
      List<String> edges = new ArrayList<>();
      names.add(to.name);
      locks.add(to.name);
      for (int i = 0; i < back.size(); i++) {
        Hop hop = back.get(i);
        Established e = established.get(i);
        names.add(hop.to().name);
        edges.add(e.text());
        if (i + 1 < back.size()) {
          locks.add(hop.to().name);
        }
        threads.add(e.thread());
        details
            .append("  ")
            .append(readWrite ? e.text() : hop.from().name + " -> " + hop.to().name)
            .append(" first established by ")
            .append(e.thread())
            .append(" at:\n")
            .append(Stacks.format(e.stack().getStackTrace()));
      }
      String before = readWrite ? String.join(", ", edges) : String.join(" -> ", names);
      String cycle =
          readWrite
              ? attempt + ", " + String.join(", ", edges)
              : from.name + " -> " + String.join(" -> ", names);
      summary =
          String.format(
              "potential deadlock: %s acquires %s while holding %s, but %s was established before; "
                  + "lock-order cycle: %s",
              me, next.describe(), top.describe(), before, cycle);
    }
    return new DeadlockReport(
        DeadlockReport.Kind.POTENTIAL_DEADLOCK,
        summary,
        details.toString().stripTrailing(),
        threads.build(),
        locks.build());
  }
}

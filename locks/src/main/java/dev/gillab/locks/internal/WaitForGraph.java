package dev.gillab.locks.internal;

import com.google.common.collect.ImmutableList;
import com.google.common.graph.MutableValueGraph;
import com.google.common.graph.ValueGraphBuilder;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.gillab.locks.DeadlockException;
import dev.gillab.locks.DeadlockListener;
import dev.gillab.locks.DeadlockReport;
import dev.gillab.locks.Policy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Who waits for which lock, for the threads of one lock set; together with each lock's holders that
 * is the wait-for graph (thread -> lock -> holding thread). A thread waiting for an exclusive lock
 * waits for its owner; a reader of a read/write lock waits for the thread holding its write side,
 * and only for it (readers never wait behind a queued writer, see {@link RwSync}); a writer waits
 * for the thread holding the write side and for every reader.
 *
 * <p>Only the slow path touches it: a thread registers here after its fast attempt failed and
 * before it parks, and leaves when it stops waiting. Registration, the cycle walk and leaving all
 * happen under {@link #lock}, so a thread registered as waiting really is inside its wait while the
 * walk runs and cannot release anything; the owners the walk reads for such threads are therefore
 * current. The acquisition that closes a cycle is the one that finds it (the others of the cycle
 * registered before it and found none), so exactly one thread reports each cycle.
 *
 * <p>Thread-safe.
 */
public final class WaitForGraph {
  /** One wait: a thread, the lock it waits for, whether the wait is timed. */
  public static final class Wait {
    final Thread thread;
    final LockCore lock;
    final boolean timed;

    /** Set once a cycle through this wait was reported, so that the watchdog does not repeat it. */
    volatile boolean reported;

    Wait(Thread thread, LockCore lock, boolean timed) {
      this.thread = thread;
      this.lock = lock;
      this.timed = timed;
    }
  }

  /** A cycle of waits, with whether it was already reported and the ids of its threads. */
  public record Cycle(
      DeadlockReport report, boolean alreadyReported, ImmutableList<Long> threadIds) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Policy policy;
  private final DeadlockListener listener;

  @GuardedBy("lock")
  private final Map<Thread, Wait> waiting = new HashMap<>();

  public WaitForGraph(Policy policy, DeadlockListener listener) {
    this.policy = policy;
    this.listener = listener;
  }

  /**
   * Registers the calling thread as waiting for {@code wanted}. If that wait closes a cycle: with
   * THROW (and an untimed wait) throws before the caller blocks; with WARN tells the listener.
   */
  public Wait beginWait(LockCore wanted, boolean timed) {
    Thread me = Thread.currentThread();
    Wait wait = new Wait(me, wanted, timed);
    @Nullable DeadlockReport found;
    lock.lock();
    try {
      waiting.put(me, wait);
      @Nullable List<Link> cycle = cycleThrough(wait);
      found = cycle == null ? null : report(cycle);
      if (found != null) {
        if (policy == Policy.THROW && !timed) {
          waiting.remove(me);
        } else {
          for (Link l : cycle) {
            l.waiter.reported = true;
          }
        }
      }
    } finally {
      lock.unlock();
    }
    if (found != null) {
      if (policy == Policy.THROW && !timed) {
        throw new DeadlockException(found);
      }
      listener.onDeadlock(found);
    }
    return wait;
  }

  /** The calling thread stopped waiting (it got the lock, timed out, or was interrupted). */
  public void endWait(Wait wait) {
    lock.lock();
    try {
      waiting.remove(wait.thread, wait);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Looks for a way from {@code start}'s wait back to its thread: wait -> a holder of the lock
   * waited for -> that holder's wait ... Answers the cycle as links, {@code links.get(i)} being a
   * wait and the side of the lock its thread holds that blocks the wait before it (the first link
   * blocks the last), or null when no way leads back. A waiter for an exclusive lock or a read side
   * has at most one holder to follow (the owner, the writer); a writer has one per reader as well,
   * so the walk is a depth-first search that visits each thread once.
   */
  @GuardedBy("lock")
  private @Nullable List<Link> cycleThrough(Wait start) {
    List<Link> path = new ArrayList<>();
    Set<Thread> seen = new HashSet<>();
    seen.add(start.thread);
    @Nullable LockCore closing = search(start, start, path, seen);
    if (closing == null) {
      return null;
    }
    List<Link> cycle = new ArrayList<>();
    cycle.add(new Link(start, closing));
    cycle.addAll(path);
    return cycle;
  }

  /**
   * Extends {@code path} from {@code at}; answers the side that {@code start}'s thread holds to
   * block the last wait of the path, or null.
   */
  @GuardedBy("lock")
  private @Nullable LockCore search(Wait start, Wait at, List<Link> path, Set<Thread> seen) {
    for (LockCore.Holder h : blockers(at)) {
      if (h.thread() == start.thread) {
        return h.side();
      }
      @Nullable Wait next = waiting.get(h.thread());
      if (next != null && seen.add(h.thread())) {
        path.add(new Link(next, h.side()));
        @Nullable LockCore closing = search(start, next, path, seen);
        if (closing != null) {
          return closing;
        }
        path.remove(path.size() - 1);
      }
    }
    return null;
  }

  private static List<LockCore.Holder> blockers(Wait w) {
    List<LockCore.Holder> out = new ArrayList<>(2);
    w.lock.addBlockers(out);
    return out;
  }

  /** A wait on a cycle, and the side that its thread holds which blocks the wait before it. */
  private record Link(Wait waiter, LockCore holds) {}

  /** {@code cycle.get(i)} waits for a side that {@code cycle.get(i + 1)} holds. */
  private static DeadlockReport report(List<Link> cycle) {
    List<Party> parties = new ArrayList<>();
    for (Link link : cycle) {
      parties.add(Reports.party(link.waiter.thread, link.holds, link.waiter.lock));
    }
    return Reports.deadlock(parties);
  }

  /** Every cycle among the current waits, as the watchdog sees them. */
  public List<Cycle> cycles() {
    lock.lock();
    try {
      MutableValueGraph<Thread, LockCore> graph =
          ValueGraphBuilder.directed().allowsSelfLoops(true).build();
      for (Wait w : waiting.values()) {
        for (LockCore.Holder h : blockers(w)) {
          if (h.thread() != w.thread) {
            graph.putEdgeValue(w.thread, h.thread(), h.side());
          }
        }
      }
      List<Cycle> cycles = new ArrayList<>();
      for (List<Thread> members : Cycles.of(graph.asGraph())) {
        List<Link> cycle = new ArrayList<>();
        boolean reported = true;
        for (int i = 0; i < members.size(); i++) {
          Thread member = members.get(i);
          Thread before = members.get((i + members.size() - 1) % members.size());
          Wait w = waiting.get(member);
          reported &= w.reported;
          w.reported = true;
          cycle.add(new Link(w, graph.edgeValueOrDefault(before, member, w.lock)));
        }
        cycles.add(
            new Cycle(
                report(cycle),
                reported,
                members.stream()
                    .map(Thread::getId)
                    .sorted()
                    .collect(ImmutableList.toImmutableList())));
      }
      return cycles;
    } finally {
      lock.unlock();
    }
  }
}

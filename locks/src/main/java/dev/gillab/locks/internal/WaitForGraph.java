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
 * Who waits for which lock, for the threads of one lock set; together with each lock's owner
 * that is the wait-for graph (thread -> lock -> owning thread).
 *
 * <p>Only the slow path touches it: a thread registers here after its fast attempt failed and
 * before it parks, and leaves when it stops waiting. Registration, the cycle walk and leaving
 * all happen under {@link #lock}, so a thread registered as waiting really is inside its wait
 * while the walk runs and cannot release anything; the owners the walk reads for such threads
 * are therefore current. The acquisition that closes a cycle is the one that finds it (the
 * others of the cycle registered before it and found none), so exactly one thread reports
 * each cycle.
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

  /** A cycle of waits, with whether it was already reported. */
  public static final class Cycle {
    public final DeadlockReport report;
    public final boolean alreadyReported;
    public final ImmutableList<Long> threadIds;

    Cycle(DeadlockReport report, boolean alreadyReported, ImmutableList<Long> threadIds) {
      this.report = report;
      this.alreadyReported = alreadyReported;
      this.threadIds = threadIds;
    }
  }

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
      @Nullable List<Wait> cycle = cycleThrough(wait);
      found = cycle == null ? null : report(cycle);
      if (found != null) {
        if (policy == Policy.THROW && !timed) {
          waiting.remove(me);
        } else {
          for (Wait w : cycle) {
            w.reported = true;
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
   * Follows wait -> owner -> that owner's wait ... and answers the waits of the cycle if the
   * chain comes back to the start. Each thread waits for at most one lock, so the chain is the
   * only path out of the start; a chain that revisits another thread holds a cycle that does
   * not pass through the start (or a waiter that was just granted its lock), not ours.
   */
  @GuardedBy("lock")
  private @Nullable List<Wait> cycleThrough(Wait start) {
    List<Wait> chain = new ArrayList<>();
    Set<Thread> seen = new HashSet<>();
    chain.add(start);
    seen.add(start.thread);
    LockCore wanted = start.lock;
    while (true) {
      @Nullable Thread owner = wanted.sync.owner();
      if (owner == null) {
        return null;
      }
      if (owner == start.thread) {
        return chain;
      }
      if (!seen.add(owner)) {
        return null;
      }
      @Nullable Wait next = waiting.get(owner);
      if (next == null) {
        return null;
      }
      chain.add(next);
      wanted = next.lock;
    }
  }

  /** {@code cycle.get(i)} waits for the lock that {@code cycle.get(i + 1)} holds. */
  private static DeadlockReport report(List<Wait> cycle) {
    List<Party> parties = new ArrayList<>();
    for (int i = 0; i < cycle.size(); i++) {
      Wait w = cycle.get(i);
      Wait before = cycle.get((i + cycle.size() - 1) % cycle.size());
      parties.add(Reports.party(w.thread, before.lock, w.lock));
    }
    return Reports.deadlock(parties);
  }

  /** Every cycle among the current waits, as the watchdog sees them. */
  public List<Cycle> cycles() {
    lock.lock();
    try {
      MutableValueGraph<Thread, Wait> graph =
          ValueGraphBuilder.directed().allowsSelfLoops(true).build();
      for (Wait w : waiting.values()) {
        @Nullable Thread owner = w.lock.sync.owner();
        if (owner != null && owner != w.thread) {
          graph.putEdgeValue(w.thread, owner, w);
        }
      }
      List<Cycle> cycles = new ArrayList<>();
      for (List<Thread> members : Cycles.of(graph.asGraph())) {
        List<Wait> cycle = new ArrayList<>();
        boolean reported = true;
        for (Thread member : members) {
          Wait w = waiting.get(member);
          reported &= w.reported;
          w.reported = true;
          cycle.add(w);
        }
        cycles.add(new Cycle(report(cycle), reported,
            members.stream().map(Thread::getId).sorted()
                .collect(ImmutableList.toImmutableList())));
      }
      return cycles;
    } finally {
      lock.unlock();
    }
  }
}

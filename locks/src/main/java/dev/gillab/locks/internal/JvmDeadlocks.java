package dev.gillab.locks.internal;

import com.google.common.collect.ImmutableList;
import com.google.common.graph.GraphBuilder;
import com.google.common.graph.MutableGraph;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Deadlocks the JVM itself sees: {@code ThreadMXBean.findDeadlockedThreads} covers object monitors
 * ({@code synchronized}) and ownable synchronizers ({@code ReentrantLock}, {@code
 * ReentrantReadWriteLock}'s write lock, and this module's locks, whose synchronizer is an AQS). The
 * JVM names a lock only by class and identity hash, and a blocked thread's stack shows where it
 * waits, not where it took what it holds. Thread-safe (stateless).
 */
public final class JvmDeadlocks {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private JvmDeadlocks() {}

  /** Each cycle as a report and the sorted ids of its threads. */
  public static List<Map.Entry<ImmutableList<Long>, List<Party>>> cycles() {
    long[] ids =
        THREADS.isSynchronizerUsageSupported()
            ? THREADS.findDeadlockedThreads()
            : THREADS.findMonitorDeadlockedThreads();
    List<Map.Entry<ImmutableList<Long>, List<Party>>> found = new ArrayList<>();
    if (ids == null) {
      return found;
    }
    Map<Long, ThreadInfo> infos = new HashMap<>();
    MutableGraph<Long> graph = GraphBuilder.directed().allowsSelfLoops(true).build();
    for (ThreadInfo info : THREADS.getThreadInfo(ids, false, false)) {
      if (info != null && info.getLockInfo() != null && info.getLockOwnerId() >= 0) {
        infos.put(info.getThreadId(), info);
        graph.putEdge(info.getThreadId(), info.getLockOwnerId());
      }
    }
    for (List<Long> cycle : Cycles.of(graph)) {
      if (!infos.keySet().containsAll(cycle)) {
        continue; // a thread of the cycle moved on between the two calls
      }
      List<Party> parties = new ArrayList<>();
      for (int i = 0; i < cycle.size(); i++) {
        ThreadInfo me = infos.get(cycle.get(i));
        ThreadInfo before = infos.get(cycle.get((i + cycle.size() - 1) % cycle.size()));
        String held = describe(before.getLockInfo());
        parties.add(
            new Party(
                me.getThreadName(),
                me.getThreadId(),
                held,
                held,
                describe(me.getLockInfo()),
                me.getThreadName() + " is blocked at",
                Stacks.format(me.getStackTrace())));
      }
      found.add(
          Map.entry(cycle.stream().sorted().collect(ImmutableList.toImmutableList()), parties));
    }
    return found;
  }

  private static String describe(LockInfo lock) {
    return lock.getClassName() + "@" + Integer.toHexString(lock.getIdentityHashCode());
  }
}

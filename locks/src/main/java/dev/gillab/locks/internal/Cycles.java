package dev.gillab.locks.internal;

import com.google.common.graph.Graph;
import com.google.common.graph.Graphs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The cycles of a wait-for graph. A thread waiting for an exclusive lock has one successor (the
 * owner); a writer waiting for a read/write lock has one per reader. Each node is put on at most
 * one reported cycle: nodes are taken in order, and from each one not yet on a cycle a depth-first
 * search looks for a way back to it that avoids nodes already done. Every deadlocked group of
 * threads gives at least one cycle.
 */
final class Cycles {
  private Cycles() {}

  static <N> List<List<N>> of(Graph<N> graph) {
    List<List<N>> cycles = new ArrayList<>();
    if (!Graphs.hasCycle(graph)) {
      return cycles;
    }
    Set<N> done = new HashSet<>();
    for (N start : graph.nodes()) {
      if (done.contains(start)) {
        continue;
      }
      List<N> path = new ArrayList<>();
      path.add(start);
      if (backTo(graph, start, path, new HashSet<>(), done)) {
        cycles.add(List.copyOf(path));
        done.addAll(path);
      }
      done.add(start);
    }
    return cycles;
  }

  /**
   * Extends {@code path} (ending at a node that is not done) until it can step to {@code start}.
   */
  private static <N> boolean backTo(
      Graph<N> graph, N start, List<N> path, Set<N> seen, Set<N> done) {
    N at = path.get(path.size() - 1);
    for (N next : graph.successors(at)) {
      if (next.equals(start)) {
        return true;
      }
      if (!done.contains(next) && seen.add(next)) {
        path.add(next);
        if (backTo(graph, start, path, seen, done)) {
          return true;
        }
        path.remove(path.size() - 1);
      }
    }
    return false;
  }
}

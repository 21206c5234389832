package dev.gillab.locks.internal;

import com.google.common.graph.Graph;
import com.google.common.graph.Graphs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The cycles of a wait-for graph. A thread waits for one lock, and a lock has one owner, so
 * every node has at most one successor; then each cycle is found by following successors.
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
      List<N> path = new ArrayList<>();
      N at = start;
      while (at != null && !done.contains(at) && !path.contains(at)) {
        path.add(at);
        Set<N> next = graph.successors(at);
        at = next.isEmpty() ? null : next.iterator().next();
      }
      if (at != null && path.contains(at)) {
        cycles.add(List.copyOf(path.subList(path.indexOf(at), path.size())));
      }
      done.addAll(path);
    }
    return cycles;
  }
}

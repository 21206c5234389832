package dev.gillab.gil;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that run {@link Examples#probeLoop()} ({@code programs/probe_loop.py}) on a {@code
 * probe()} builtin counting who is inside it (a builtin runs holding the GIL, as every instruction
 * does). A thread stops only once every thread has been inside, so the GIL must have changed hands;
 * {@link #maxInside()} says how many were ever in at once. The tests of one-runner-at-a-time share
 * it.
 */
final class EvalLoopProbe {
  private static final Duration BOUND = ofSeconds(30);

  private final int threads;
  private final AtomicInteger inside = new AtomicInteger();
  private final AtomicInteger maxInside = new AtomicInteger();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  EvalLoopProbe(int threads) {
    this.threads = threads;
  }

  /** Registers {@code probe()} on {@code builder}. */
  Interpreter.Builder install(Interpreter.Builder builder) {
    return builder.builtin(
        "probe",
        0,
        args -> {
          maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
          seen.add(Thread.currentThread().getName());
          for (int i = 0; i < 50; i++) {
            Thread.onSpinWait();
          }
          inside.decrementAndGet();
          return seen.size() == threads;
        });
  }

  /** Runs the threads on {@code in} to their end (bounded); each returns None. */
  void run(Interpreter in) throws InterruptedException {
    List<InterpreterThread> ts = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      ts.add(in.start(Examples.probeLoop()));
    }
    for (InterpreterThread t : ts) {
      assertTrue(t.join(BOUND));
      assertEquals(null, t.result());
    }
    assertEquals(threads, seen.size());
  }

  int maxInside() {
    return maxInside.get();
  }
}

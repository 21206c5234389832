package dev.gillab.gil.lessons;

import dev.gillab.gil.Examples;
import dev.gillab.gil.Interpreter;
import dev.gillab.gil.InterpreterThread;
import dev.gillab.gil.SwitchingPolicy;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * Plain Java threads run at the same time: three of them can all be inside one method at once.
 * Interpreter threads are real Java threads too, but each must hold the GIL to run a single
 * instruction — so however many there are, only one is ever inside the eval loop. The others wait;
 * every switch interval (5 ms by default, 1 ms here) a waiter asks the holder to let go, and the
 * GIL changes hands. Threads take turns; they never overlap.
 *
 * <h2>The program</h2>
 *
 * Each interpreter thread runs {@code programs/probe_loop.py} ({@link Examples#probeLoop()});
 * {@code probe()} is this lesson's builtin, which counts the threads inside it and answers True
 * once all three have been in:
 *
 * <pre>
 * def probe_loop():
 *     while not probe():
 *         pass
 * </pre>
 *
 * Its bytecode ({@code gil-lab dis}) is a call and a backward jump, the two places where the GIL
 * may change hands; {@code probe()} runs between them, holding it:
 *
 * <pre>
 *   6     &gt;&gt;    0 LOAD_GLOBAL              0 (probe)
 *               2 CALL_FUNCTION            0
 *               4 POP_JUMP_IF_TRUE         2 (to 10)
 *
 *   7           6 NOP
 *
 *   6           8 JUMP_BACKWARD            5 (to 0)
 * </pre>
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl gil exec:java -Dexec.mainClass=dev.gillab.gil.lessons.Gil_01_OneRunnerAtATime
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * Java threads, no GIL: 3 threads calling probe() at once
 *   most threads inside probe() at the same moment: 3
 * interpreter threads under the GIL: 3 threads looping on probe() until all 3 have been inside
 *   threads that ran: 3
 *   most threads inside the eval loop at the same moment: 1
 *   the GIL changed hands: yes
 * </pre>
 */
public final class Gil_01_OneRunnerAtATime {
  private static final int THREADS = 3;

  private Gil_01_OneRunnerAtATime() {}

  public static void main(String[] args) throws Exception {
    run(System.out);
  }

  static void run(PrintStream out) throws Exception {
    out.println("Java threads, no GIL: " + THREADS + " threads calling probe() at once");
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CyclicBarrier allIn = new CyclicBarrier(THREADS);
    List<Thread> plain = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      Thread t =
          new Thread(
              () -> {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                try {
                  allIn.await(10, TimeUnit.SECONDS); // everyone is inside before anyone leaves
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                inside.decrementAndGet();
              });
      t.start();
      plain.add(t);
    }
    for (Thread t : plain) {
      t.join(10_000);
    }
    out.println("  most threads inside probe() at the same moment: " + most.get());

    out.println(
        "interpreter threads under the GIL: "
            + THREADS
            + " threads looping on probe() until all "
            + THREADS
            + " have been inside");
    AtomicInteger inEval = new AtomicInteger();
    AtomicInteger mostInEval = new AtomicInteger();
    Set<Thread> ran = ConcurrentHashMap.newKeySet();
    try (Interpreter in =
        Interpreter.builder()
            .policy(SwitchingPolicy.interval(Duration.ofMillis(1)))
            .builtin(
                "probe",
                0,
                a -> {
                  mostInEval.accumulateAndGet(inEval.incrementAndGet(), Math::max);
                  ran.add(Thread.currentThread());
                  inEval.decrementAndGet();
                  return ran.size() == THREADS;
                })
            .build()) {
      List<InterpreterThread> threads = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        threads.add(in.start(Examples.probeLoop()));
      }
      for (InterpreterThread t : threads) {
        t.join(Duration.ofSeconds(30));
        t.result();
      }
      out.println("  threads that ran: " + ran.size());
      out.println("  most threads inside the eval loop at the same moment: " + mostInEval.get());
      out.println(
          "  the GIL changed hands: " + (in.gil().switchNumber() >= THREADS ? "yes" : "no"));
    }
  }
}

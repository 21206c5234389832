package dev.gillab.gil.lessons;

import dev.gillab.gil.Code;
import dev.gillab.gil.Examples;
import dev.gillab.gil.HostFunction;
import dev.gillab.gil.Interpreter;
import dev.gillab.gil.InterpreterThread;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * Blocking IO must let go of the GIL, or one waiting thread stops every other. A receiver waits for
 * a message that a sender thread — another interpreter thread — will send. If the receive holds the
 * GIL while it waits, the sender never gets to run its first instruction and the receiver waits in
 * vain (here: until its 300 ms timeout). Registered as a GIL-releasing builtin (CPython's {@code
 * Py_BEGIN_ALLOW_THREADS}), the same receive lets the sender run and gets its message. That is why
 * IO-bound threads scale under a GIL: four threads sleeping 200 ms each finish together, not one
 * after another.
 *
 * <h2>The program</h2>
 *
 * The receiver and the sender are {@code programs/message.py}; {@code recv()} and {@code send()}
 * are this lesson's builtins, passing the message through a Java queue; {@code recv()} holding the
 * GIL gives up after 300 ms, releasing it waits up to 30 s for the message:
 *
 * <pre>
 * def receiver():
 *     return recv()
 *
 *
 * def sender():
 *     send("hello")
 * </pre>
 *
 * The sleepers are {@code programs/nap.py} ({@link Examples#nap()}), called with 200:
 *
 * <pre>
 * def nap(ms):
 *     import time
 *     time.sleep(ms / 1000)
 * </pre>
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl gil exec:java -Dexec.mainClass=dev.gillab.gil.lessons.Gil_02_IoReleasesTheGil
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * broken: recv() holds the GIL while it waits
 *   receiver got: None (gave up after 300 ms: the sender never got the GIL)
 * fixed: recv() releases the GIL while it waits
 *   receiver got: hello
 * better: 4 threads each time.sleep(0.2), which releases the GIL
 *   finished in 207 ms (one after another they would take 800 ms)
 * </pre>
 */
public final class Gil_02_IoReleasesTheGil {
  private static final Code RECEIVER = Examples.function("message.py", "receiver");
  private static final Code SENDER = Examples.function("message.py", "sender");

  private Gil_02_IoReleasesTheGil() {}

  public static void main(String[] args) throws Exception {
    run(System.out);
  }

  static void run(PrintStream out) throws Exception {
    out.println("broken: recv() holds the GIL while it waits");
    Object got = exchange(false);
    out.println(
        "  receiver got: "
            + (got == null ? "None (gave up after 300 ms: the sender never got the GIL)" : got));
    out.println("fixed: recv() releases the GIL while it waits");
    out.println("  receiver got: " + exchange(true));

    out.println("better: 4 threads each time.sleep(0.2), which releases the GIL");
    try (Interpreter in = Interpreter.create()) {
      in.load(Examples.nap());
      long t0 = System.nanoTime();
      List<InterpreterThread> threads = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        threads.add(in.start(Examples.nap(), 200L));
      }
      for (InterpreterThread t : threads) {
        t.join(Duration.ofSeconds(30));
        t.result();
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      out.println("  finished in " + ms + " ms (one after another they would take 800 ms)");
    }
  }

  /** Runs a receiver, then a sender; answers what the receiver got. */
  private static Object exchange(boolean releaseGil) throws Exception {
    LinkedBlockingQueue<Object> wire = new LinkedBlockingQueue<>();
    // Holding the GIL, recv gives up after 300 ms: the sender cannot run, so waiting longer would
    // only make the lesson slower. Releasing it, recv waits for the message, however slowly a busy
    // machine starts the sender (bounded all the same).
    long patience = releaseGil ? 30_000 : 300;
    HostFunction recv = a -> wire.poll(patience, TimeUnit.MILLISECONDS);
    Interpreter.Builder b =
        Interpreter.builder()
            .builtin(
                "send",
                1,
                a -> {
                  wire.add(a.get(0));
                  return null;
                });
    b = releaseGil ? b.releasingBuiltin("recv", 0, recv) : b.builtin("recv", 0, recv);
    try (Interpreter in = b.build()) {
      in.load(SENDER);
      InterpreterThread receiver = in.start(RECEIVER);
      while (receiver.thread().getState() != Thread.State.TIMED_WAITING && receiver.isAlive()) {
        Thread.sleep(1); // until the receiver is blocked in recv()
      }
      InterpreterThread sender = in.start(SENDER);
      receiver.join(Duration.ofSeconds(30));
      sender.join(Duration.ofSeconds(30));
      sender.result();
      return receiver.result();
    }
  }
}

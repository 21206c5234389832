package dev.gillab.gil.lessons;

import dev.gillab.gil.Code;
import dev.gillab.gil.Examples;
import dev.gillab.gil.Interpreter;
import dev.gillab.gil.InterpreterThread;
import dev.gillab.gil.SwitchingPolicy;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * The convoy effect (Beazley, 2010): an IO-bound thread beside a CPU-bound one. Each receive
 * releases the GIL, the CPU-bound thread takes it, and when the data arrives the IO thread must
 * wait for it back — under {@code interval}, a whole switch interval, since the CPU-bound thread
 * never lets go by itself. A round trip that takes tens of microseconds alone now takes
 * milliseconds. {@code ioPriority} hands the GIL to a thread back from IO at the holder's next
 * check, and the round trip is fast again, while the CPU-bound thread hardly notices.
 *
 * <h2>The program</h2>
 *
 * The IO-bound thread is {@code programs/send_recv.py}; {@code send()} and {@code recv()} are this
 * lesson's builtins, each a blocking call on a loopback socket to an echo server, each registered
 * as releasing the GIL:
 *
 * <pre>
 * def send_recv(n):
 *     while n &gt; 0:
 *         send(42)
 *         recv()
 *         n -= 1
 * </pre>
 *
 * The CPU-bound thread is {@code programs/spin.py} ({@link Examples#spin()}), called with a chunk
 * of 100,000; {@code keep_going()} is this lesson's builtin, answering False once the round trips
 * are done:
 *
 * <pre>
 * def spin(chunk):
 *     while True:
 *         n = chunk
 *         while n &gt; 0:
 *             n -= 1
 *         if not keep_going():
 *             break
 * </pre>
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl gil exec:java -Dexec.mainClass=dev.gillab.gil.lessons.Gil_05_ConvoyEffect
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * 300 echo round trips over loopback (send and recv each release the GIL)
 *   alone:                          per round trip    0.07 ms
 *   beside a CPU thread, interval:  per round trip   11.19 ms (160x alone)
 *   beside a CPU thread, ioPriority: per round trip   0.30 ms (4x alone)
 * </pre>
 *
 * (Times vary with the machine and from run to run; these are from 2 cores at a load average of
 * about 5. The round trips are timed from the first send to the last recv, so starting the IO
 * thread, which beside a CPU-bound thread waits an interval for the GIL, is left out. Under {@code
 * interval} each send and each recv hands the GIL to the CPU-bound thread waiting for it, and the
 * IO thread, back, waits for a forced drop to get it again: about an interval, twice per round
 * trip. The chapter's README, under "The convoy", says why a release hands the GIL over.)
 */
public final class Gil_05_ConvoyEffect {
  static final long ROUND_TRIPS = 300;

  /** {@code send_recv(n)} of {@code programs/send_recv.py}: n round trips, send(42) and recv(). */
  private static final Code ECHOES = Examples.function("send_recv.py", "send_recv");

  /** How far the CPU-bound thread counts down between two {@code keep_going()} calls. */
  private static final long CHUNK = 100_000;

  private Gil_05_ConvoyEffect() {}

  public static void main(String[] args) throws Exception {
    run(System.out, ROUND_TRIPS);
  }

  static void run(PrintStream out, long n) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread echo = echoServer(server);
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
        s.setTcpNoDelay(true);
        out.printf("%d echo round trips over loopback (send and recv each release the GIL)%n", n);
        perRoundTrip(s, SwitchingPolicy.ioPriority(), n, true); // warm up the JIT; not shown
        double alone = perRoundTrip(s, SwitchingPolicy.interval(), n, false);
        double interval = perRoundTrip(s, SwitchingPolicy.interval(), n, true);
        double prio = perRoundTrip(s, SwitchingPolicy.ioPriority(), n, true);
        out.printf("  alone:                          per round trip %7.2f ms%n", alone / 1e6);
        out.printf(
            "  beside a CPU thread, interval:  per round trip %7.2f ms (%.0fx alone)%n",
            interval / 1e6, interval / alone);
        out.printf(
            "  beside a CPU thread, ioPriority: per round trip %6.2f ms (%.0fx alone)%n",
            prio / 1e6, prio / alone);
      }
      echo.join(5_000); // it ends once the connection is closed
    }
  }

  private static double perRoundTrip(Socket s, SwitchingPolicy policy, long n, boolean cpu)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean spinning = new AtomicBoolean();
    InputStream in = s.getInputStream();
    // Times from the first send to the last recv: the IO thread's start is left out, since
    // beside a CPU-bound thread starting waits for the GIL too. Written by the IO thread only.
    AtomicLong firstSend = new AtomicLong();
    AtomicLong lastRecv = new AtomicLong();
    try (Interpreter it =
        Interpreter.builder()
            .policy(policy)
            .builtin(
                "keep_going",
                0,
                args -> {
                  spinning.set(true);
                  return !stop.get();
                })
            .releasingBuiltin(
                "send",
                1,
                args -> {
                  firstSend.compareAndSet(0, System.nanoTime());
                  s.getOutputStream().write(((Long) args.get(0)).intValue());
                  s.getOutputStream().flush();
                  return null;
                })
            .releasingBuiltin(
                "recv",
                0,
                args -> {
                  long b = in.read();
                  lastRecv.set(System.nanoTime());
                  return b;
                })
            .build()) {
      it.run(ECHOES, 50L); // warm up
      firstSend.set(0);
      InterpreterThread worker = null;
      if (cpu) {
        worker = it.start(Examples.spin(), CHUNK);
        while (!spinning.get()) {
          Thread.sleep(1);
        }
      }
      InterpreterThread io = it.start(ECHOES, n);
      io.join(Duration.ofMinutes(2));
      io.result();
      long t = lastRecv.get() - firstSend.get();
      stop.set(true);
      if (worker != null) {
        worker.join(Duration.ofMinutes(2));
        worker.result();
      }
      return (double) t / n;
    }
  }

  private static Thread echoServer(ServerSocket server) {
    Thread t =
        new Thread(
            () -> {
              try (Socket c = server.accept()) {
                c.setTcpNoDelay(true);
                int b;
                while ((b = c.getInputStream().read()) >= 0) {
                  c.getOutputStream().write(b);
                }
              } catch (Exception e) {
                // the lesson closed the connection
              }
            },
            "echo-server");
    t.setDaemon(true);
    t.start();
    return t;
  }
}

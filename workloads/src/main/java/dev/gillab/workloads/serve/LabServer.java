package dev.gillab.workloads.serve;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.base.Ticker;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server behind {@code gil-lab serve}: the page where a learner is the scheduler, and the JSON
 * API it talks to, on the JDK's own {@link HttpServer}.
 *
 * <p>It runs programs it is sent, so it is built to be safe to leave running on a laptop: bound to
 * loopback unless told otherwise (and then it answers only to loopback's names, against DNS
 * rebinding); a POST body must be declared JSON (so another site's form cannot post a program
 * through the user's browser); each session's interpreter has a heap budget and an instruction
 * budget, and the interpreter has no file, network or process builtins at all; bodies, sessions and
 * searches are bounded by {@link ServeLimits}. Requests run on a fixed pool of {@link
 * ServeLimits#threads()} threads; each session serializes its own steps, so concurrent sessions
 * never see each other's state.
 *
 * <p>Thread-safe. {@link #close()} stops at once: a request in flight is cut off (the JDK server
 * would otherwise wait out the whole grace period it is given, requests or not).
 */
public final class LabServer implements AutoCloseable {
  private static final String NODELAY = "sun.net.httpserver.nodelay";

  private final HttpServer http;
  private final ExecutorService pool;
  private final URI uri;

  private LabServer(HttpServer http, ExecutorService pool, URI uri) {
    this.http = http;
    this.pool = pool;
    this.uri = uri;
  }

  /**
   * Starts a server on {@code address} (port 0 for any free one) with {@code limits}; {@code log}
   * gets one line per request the server failed on.
   *
   * @param address where to listen; a loopback address keeps the server to this machine
   * @param limits what the server lets its clients use
   * @param log where the lines about failed requests go; must be thread-safe
   * @return the server, already serving
   * @throws IOException if the address cannot be bound
   */
  public static LabServer start(InetSocketAddress address, ServeLimits limits, PrintStream log)
      throws IOException {
    return start(address, limits, log, Ticker.systemTicker());
  }

  static LabServer start(
      InetSocketAddress address, ServeLimits limits, PrintStream log, Ticker ticker)
      throws IOException {
    checkNotNull(address, "address");
    checkNotNull(limits, "limits");
    checkNotNull(log, "log");
    StaticAssets assets = StaticAssets.load();
    // The JDK's server writes a response's headers and body apart; without TCP_NODELAY a kept-
    // alive connection then waits out the client's delayed ACK, about 40 ms a click. The
    // server reads the property once, when its first instance is made in the JVM.
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    HttpServer http = HttpServer.create(address, 64);
    int port = http.getAddress().getPort();
    InetAddress bound = http.getAddress().getAddress();
    Set<String> hosts = bound.isLoopbackAddress() ? loopbackHosts(bound, port) : Set.of();
    ObjectMapper json = new ObjectMapper();
    LabApi api = new LabApi(limits, ticker);
    http.createContext("/", new Router(api, assets, json, limits.maxBodyBytes(), hosts, log));
    ExecutorService pool = pool(limits.threads());
    http.setExecutor(pool);
    http.start();
    String host = bound.isAnyLocalAddress() ? "127.0.0.1" : bound.getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return new LabServer(http, pool, URI.create("http://" + host + ":" + port + "/"));
  }

  /** {@return the page's address, e.g. {@code http://127.0.0.1:8765/}} */
  public URI uri() {
    return uri;
  }

  /** {@return the port bound: the one asked for, or the free one found for port 0} */
  public int port() {
    return http.getAddress().getPort();
  }

  @Override
  public void close() {
    http.stop(0);
    pool.shutdownNow();
  }

  /** The Host headers a loopback server answers: loopback's names, and the address bound. */
  private static Set<String> loopbackHosts(InetAddress bound, int port) {
    String own = bound.getHostAddress();
    Set<String> s = new LinkedHashSet<>();
    for (String name :
        new String[] {
          "127.0.0.1", "localhost", "[::1]", own.contains(":") ? "[" + own + "]" : own
        }) {
      s.add(name + ":" + port);
    }
    return s;
  }

  private static ExecutorService pool(int threads) {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        threads,
        threads,
        0,
        TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(),
        r -> {
          // The deepest Python a session may run nests frames on this thread's stack.
          Thread t = new Thread(null, r, "gil-lab-serve-" + n.incrementAndGet(), 16L << 20);
          t.setDaemon(true);
          return t;
        });
  }
}

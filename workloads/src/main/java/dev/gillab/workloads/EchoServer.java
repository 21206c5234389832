package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.errorprone.annotations.ThreadSafe;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback echo server for IO experiments: it listens on 127.0.0.1 (an ephemeral port), and
 * answers each 8-byte request with the same 8 bytes after the delay the request asks for (the
 * request is that delay in microseconds), so one server serves every experiment and a client
 * chooses how slow the far end is. One thread per connection, as a simple blocking server has.
 *
 * <p>{@link #holdingReplies(int)} makes a server that answers nothing until that many requests are
 * waiting at once: a test then knows, without a clock, that that many clients were blocked in IO at
 * the same moment.
 *
 * <p>Thread-safe. {@link #close()} closes the listening socket and every connection.
 */
@ThreadSafe
public final class EchoServer implements AutoCloseable {
  /** How long a held reply waits for the others before it is sent anyway. */
  private static final long HOLD_LIMIT_SECONDS = 60;

  private final ServerSocket server;
  private final CountDownLatch hold;
  private final AtomicInteger connections = new AtomicInteger();
  private final Object lock = new Object();

  @GuardedBy("lock")
  private final List<Socket> open = new ArrayList<>();

  @GuardedBy("lock")
  private boolean closed;

  private EchoServer(int holdUntilPending) throws IOException {
    this.hold = new CountDownLatch(holdUntilPending);
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    Thread acceptor = new Thread(this::acceptLoop, "echo-server-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * A server that answers every request after the delay it asks for.
   *
   * @return the server, listening; the caller closes it
   * @throws IOException if the listening socket cannot be opened or bound
   */
  public static EchoServer start() throws IOException {
    return new EchoServer(0);
  }

  /**
   * A server that answers nothing until {@code pending} requests wait at once (then as usual). A
   * held request waits at most 60 s for the others, then is answered anyway.
   *
   * @param pending how many requests must wait at once; at least 1
   * @return the server, listening; the caller closes it
   * @throws IOException if the listening socket cannot be opened or bound
   * @throws IllegalArgumentException if {@code pending} is below 1
   */
  public static EchoServer holdingReplies(int pending) throws IOException {
    checkArgument(pending >= 1, "pending must be at least 1, was %s", pending);
    return new EchoServer(pending);
  }

  /** {@return the port the server listens on at 127.0.0.1, chosen by the OS} */
  public int port() {
    return server.getLocalPort();
  }

  /** {@return the connections accepted so far, closed ones included} */
  public int connections() {
    return connections.get();
  }

  private void acceptLoop() {
    while (true) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      synchronized (lock) {
        if (closed) {
          closeQuietly(s);
          return;
        }
        open.add(s);
      }
      int n = connections.incrementAndGet();
      Thread t = new Thread(() -> serve(s), "echo-server-" + n);
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setTcpNoDelay(true);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      byte[] request = new byte[8];
      while (in.readNBytes(request, 0, 8) == 8) {
        long delayMicros = EchoClient.decode(request);
        if (hold.getCount() > 0) {
          hold.countDown();
          hold.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS);
        }
        if (delayMicros > 0) {
          TimeUnit.MICROSECONDS.sleep(delayMicros);
        }
        out.write(request);
        out.flush();
      }
    } catch (SocketException e) {
      // the client or close() hung up
    } catch (IOException e) {
      // a broken connection ends only itself
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    List<Socket> toClose;
    synchronized (lock) {
      closed = true;
      toClose = new ArrayList<>(open);
      open.clear();
    }
    closeQuietly(server);
    toClose.forEach(EchoServer::closeQuietly);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // closing is best effort
    }
  }
}

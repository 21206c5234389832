package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One connection to an {@link EchoServer}: {@link #roundTrip(long)} sends a request and blocks
 * until the echo comes back. Not thread-safe: one connection per thread.
 */
public final class EchoClient implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final byte[] reply = new byte[8];

  private EchoClient(Socket socket) throws IOException {
    this.socket = socket;
    socket.setTcpNoDelay(true);
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /**
   * Connects to the server on 127.0.0.1 at {@code port}.
   *
   * @param port the server's {@link EchoServer#port()}; 1 to 65535
   * @return the open connection; the caller closes it
   * @throws IOException if the connection cannot be made
   * @throws IllegalArgumentException if {@code port} is out of range
   */
  public static EchoClient connect(int port) throws IOException {
    checkArgument(port > 0 && port < 65536, "bad port %s", port);
    return new EchoClient(new Socket(InetAddress.getLoopbackAddress(), port));
  }

  /**
   * Asks for an echo after {@code replyDelayMicros}, and waits for it, with no time limit.
   *
   * @param replyDelayMicros how long the server waits before it replies, in microseconds; 0 or more
   * @throws IOException if the connection fails, the server hangs up, or the reply is not the
   *     request's 8 bytes
   * @throws IllegalArgumentException if {@code replyDelayMicros} is negative
   */
  public void roundTrip(long replyDelayMicros) throws IOException {
    checkArgument(replyDelayMicros >= 0, "delay must not be negative, was %s", replyDelayMicros);
    byte[] request = ByteBuffer.allocate(8).putLong(replyDelayMicros).array();
    out.write(request);
    out.flush();
    if (in.readNBytes(reply, 0, 8) != 8) {
      throw new IOException("the echo server hung up");
    }
    if (!Arrays.equals(request, reply)) {
      throw new IOException("the echo server answered something else");
    }
  }

  static long decode(byte[] request) {
    return ByteBuffer.wrap(request).getLong();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

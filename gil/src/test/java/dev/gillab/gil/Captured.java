package dev.gillab.gil;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A UTF-8 print stream that keeps what is printed to it, for a test to read back. */
public final class Captured {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  /** The stream to hand to what prints (autoflushing). */
  public PrintStream stream() {
    return stream;
  }

  /** What was printed so far. */
  public String text() {
    stream.flush();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** What was printed so far, as bytes. */
  public byte[] bytes() {
    stream.flush();
    return bytes.toByteArray();
  }

  /** {@link #text()} with {@code \n} line ends wherever the platform's are {@code \r\n}. */
  public String lines() {
    return text().replace("\r", "");
  }

  /** Forgets what was printed so far. */
  public void reset() {
    bytes.reset();
  }
}

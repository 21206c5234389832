package dev.gillab.process;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Tasks the tests run in workers, including ones that misbehave on purpose. Stateless. */
public final class TestTasks implements TaskModule {
  /** Sleeps the int64 payload in milliseconds, returns the worker pid. */
  public static final String SLEEP = "test.sleep";

  /**
   * Writes {@link #STARTED_LINE} to stderr, then sleeps the int64 payload in milliseconds and
   * returns the worker pid: a test counts the line to know the task really runs.
   */
  public static final String ANNOUNCED_SLEEP = "test.announced-sleep";

  /** What {@link #ANNOUNCED_SLEEP} writes to stderr when it starts. */
  public static final String STARTED_LINE = "announced sleep started";

  /** Halts the worker with the int64 payload as exit code. */
  public static final String HALT = "test.halt";

  /** Throws an IllegalStateException with the UTF-8 payload as message. */
  public static final String THROW = "test.throw";

  /** Writes non-frame bytes to the frame stream. */
  public static final String GARBAGE = "test.garbage";

  /** Writes a frame prefix claiming 2 GiB. */
  public static final String HUGE_LENGTH = "test.huge-length";

  /**
   * Writes the prefix and 10 body bytes of a frame that claims the int64 payload in bytes (100 if
   * the payload is empty), then halts.
   */
  public static final String TRUNCATED = "test.truncated";

  /** Writes the int64 payload of lines to stderr (a chatty child must not block). */
  public static final String CHATTER = "test.chatter";

  /** Counts a static counter up once and returns it: shows each worker has its own. */
  public static final String BUMP = "test.bump";

  /** Sets the static counter to the int64 payload (used as initializer). */
  public static final String SET = "test.set";

  private static long counter;

  @Override
  public void register(TaskRegistry.Builder tasks) {
    tasks.add(
        SLEEP,
        input -> {
          TimeUnit.MILLISECONDS.sleep(Codecs.int64().decode(input));
          return Codecs.int64().encode(ProcessHandle.current().pid());
        });
    tasks.add(
        ANNOUNCED_SLEEP,
        input -> {
          System.err.println(STARTED_LINE);
          System.err.flush();
          TimeUnit.MILLISECONDS.sleep(Codecs.int64().decode(input));
          return Codecs.int64().encode(ProcessHandle.current().pid());
        });
    tasks.add(
        HALT,
        input -> {
          System.err.println("about to halt with " + Codecs.int64().decode(input));
          Runtime.getRuntime().halt(Codecs.int64().decode(input).intValue());
          return new byte[0];
        });
    tasks.add(
        THROW,
        input -> {
          throw new IllegalStateException(new String(input, StandardCharsets.UTF_8));
        });
    tasks.add(GARBAGE, input -> writeRaw("this is not a frame\n".getBytes(StandardCharsets.UTF_8)));
    tasks.add(
        HUGE_LENGTH,
        input ->
            writeRaw(
                ByteBuffer.allocate(6).putShort(Frame.MAGIC).putInt(Integer.MAX_VALUE).array()));
    tasks.add(
        TRUNCATED,
        input -> {
          int declared = input.length == 0 ? 100 : Codecs.int64().decode(input).intValue();
          writeNow(
              ByteBuffer.allocate(16)
                  .putShort(Frame.MAGIC)
                  .putInt(declared)
                  .put(FrameType.RESULT.code())
                  .putLong(1)
                  .put((byte) 0)
                  .array());
          Runtime.getRuntime().halt(0);
          return new byte[0];
        });
    tasks.add(
        CHATTER,
        input -> {
          long lines = Codecs.int64().decode(input);
          for (long i = 0; i < lines; i++) {
            System.err.println("chatter line " + i + " ........................................");
          }
          return input;
        });
    tasks.add(BUMP, input -> Codecs.int64().encode(bump()));
    tasks.add(
        SET,
        input -> {
          set(Codecs.int64().decode(input));
          return input;
        });
  }

  private static synchronized long bump() {
    return ++counter;
  }

  private static synchronized void set(long value) {
    counter = value;
  }

  /** Writes straight to file descriptor 1, the frame stream, bypassing the frame writer. */
  private static void writeNow(byte[] bytes) throws IOException {
    OutputStream out = new FileOutputStream(FileDescriptor.out);
    out.write(bytes);
    out.flush();
  }

  private static byte[] writeRaw(byte[] bytes) throws IOException {
    writeNow(bytes);
    // Wait for the parent to see it; it kills this worker when it does.
    try {
      TimeUnit.SECONDS.sleep(30);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new byte[0];
  }
}

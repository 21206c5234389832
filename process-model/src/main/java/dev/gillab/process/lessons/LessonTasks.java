package dev.gillab.process.lessons;

import dev.gillab.process.Codecs;
import dev.gillab.process.TaskModule;
import dev.gillab.process.TaskRegistry;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** The tasks the lessons run in worker JVMs. Stateless; thread-safe. */
public final class LessonTasks implements TaskModule {
  /** Sum of int64s. */
  public static final String SUM = "lesson.sum";

  /** Halts the worker with the int64 payload as exit code. */
  public static final String HALT = "lesson.halt";

  /** Sleeps the int64 payload in ms; first writes {@link #SLEEP_STARTED} to stderr. */
  public static final String SLEEP = "lesson.sleep";

  /** The stderr line {@link #SLEEP} writes when it starts. */
  public static final String SLEEP_STARTED = "lesson.sleep started";

  /** Spins the CPU for the int64 payload in ms; returns pid, start and end (epoch micros). */
  public static final String SPIN = "lesson.spin";

  @Override
  public void register(TaskRegistry.Builder tasks) {
    tasks.add(SUM, Codecs.int64s(), Codecs.int64(), values -> Arrays.stream(values).sum());
    tasks.add(
        HALT,
        input -> {
          long code = Codecs.int64().decode(input);
          System.err.println("halting with exit code " + code);
          Runtime.getRuntime().halt((int) code);
          return new byte[0];
        });
    tasks.add(
        SLEEP,
        input -> {
          System.err.println(SLEEP_STARTED);
          System.err.flush();
          TimeUnit.MILLISECONDS.sleep(Codecs.int64().decode(input));
          return input;
        });
    tasks.add(
        SPIN,
        input -> {
          long start = epochMicros();
          long until =
              System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Codecs.int64().decode(input));
          long spins = 0;
          while (System.nanoTime() < until) {
            spins++;
          }
          long end = epochMicros();
          return ByteBuffer.allocate(32)
              .putLong(ProcessHandle.current().pid())
              .putLong(start)
              .putLong(end)
              .putLong(spins)
              .array();
        });
  }

  private static long epochMicros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }
}

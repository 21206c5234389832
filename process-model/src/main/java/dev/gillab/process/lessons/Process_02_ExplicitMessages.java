package dev.gillab.process.lessons;

import com.google.common.io.BaseEncoding;
import dev.gillab.process.Codecs;
import dev.gillab.process.Frame;
import dev.gillab.process.FrameType;
import dev.gillab.process.FrameWriter;
import dev.gillab.process.ProcessPool;
import dev.gillab.process.TaskFailedException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Processes talk only through explicit messages, and those messages are bytes.
 *
 * <h2>The idea</h2>
 *
 * To have a worker JVM add numbers, the parent names a task ({@code lesson.sum}) and encodes the
 * numbers as bytes with a codec; the frame that goes down the pipe is a magic, a length, a type, a
 * request id, the name and the payload. No object crosses the pipe: the worker looks the name up in
 * its own registry, so a name it does not know is an error, not a class to load.
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl process-model exec:java -Dexec.mainClass=dev.gillab.process.lessons.Process_02_ExplicitMessages
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * request: REQUEST #1 'lesson.sum' (24 payload bytes)
 * on the wire: 51 bytes = 6 prefix + 11 header + 10 name + 24 payload
 * prefix and header: 474c 0000002d 03 0000000000000001 000a
 * the worker answers: sum of [1, 2, 3] = 6
 * an unknown name: task 'lesson.nope' failed in its worker: no task named 'lesson.nope' is registered
 * </pre>
 */
public final class Process_02_ExplicitMessages {
  private Process_02_ExplicitMessages() {}

  public static void main(String[] args) throws Exception {
    long[] numbers = {1, 2, 3};
    Frame request =
        Frame.of(FrameType.REQUEST, 1, LessonTasks.SUM, Codecs.int64s().encode(numbers));
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    new FrameWriter(wire, Frame.DEFAULT_MAX_FRAME_BYTES).write(request);
    byte[] bytes = wire.toByteArray();
    System.out.println("request: " + request);
    System.out.println(
        "on the wire: "
            + bytes.length
            + " bytes = 6 prefix + 11 header + "
            + request.taskName().length()
            + " name + "
            + request.payloadLength()
            + " payload");
    BaseEncoding hex = BaseEncoding.base16().lowerCase();
    System.out.println(
        "prefix and header: "
            + hex.encode(bytes, 0, 2)
            + " "
            + hex.encode(bytes, 2, 4)
            + " "
            + hex.encode(bytes, 6, 1)
            + " "
            + hex.encode(bytes, 7, 8)
            + " "
            + hex.encode(bytes, 15, 2));

    try (ProcessPool pool =
        ProcessPool.builder().workers(1).taskModule(LessonTasks.class).build()) {
      long sum =
          pool.submit(LessonTasks.SUM, numbers, Codecs.int64s(), Codecs.int64())
              .get(30, TimeUnit.SECONDS);
      System.out.println("the worker answers: sum of " + Arrays.toString(numbers) + " = " + sum);
      try {
        pool.submit("lesson.nope", new byte[0]).get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        TaskFailedException failure = (TaskFailedException) e.getCause();
        System.out.println("an unknown name: " + failure.getMessage());
      }
    }
  }
}

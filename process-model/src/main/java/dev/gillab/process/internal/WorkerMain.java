package dev.gillab.process.internal;

import com.google.common.base.Throwables;
import dev.gillab.process.Frame;
import dev.gillab.process.FrameReader;
import dev.gillab.process.FrameType;
import dev.gillab.process.FrameWriter;
import dev.gillab.process.ProtocolException;
import dev.gillab.process.Task;
import dev.gillab.process.TaskModule;
import dev.gillab.process.TaskRegistry;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The main loop of a pool worker JVM. Frames come in on stdin and go out on stdout; stderr is for
 * logs. Each REQUEST is answered with STARTED before the task runs, then RESULT or FAILURE: the
 * parent fails a task with its dying worker only once STARTED has come. {@code System.out} is
 * pointed at stderr first, so a stray {@code println} in a task cannot corrupt the frame stream.
 * The worker exits at end of stdin (its parent is gone or done) and on a SHUTDOWN frame; {@link
 * ChildMain} also watches the parent's pid.
 *
 * <p>Arguments: {@code --max-frame-bytes N} and any number of {@code --module <class>}.
 * Single-threaded: it serves one request at a time.
 */
public final class WorkerMain {
  /** Exit code when the parent sent bytes that are not frames. */
  public static final int PROTOCOL_ERROR_EXIT_CODE = 2;

  /** Exit code when the initializer failed. */
  public static final int INIT_FAILED_EXIT_CODE = 4;

  private WorkerMain() {}

  public static void main(String[] args) throws Exception {
    FileOutputStream frameOut = new FileOutputStream(FileDescriptor.out);
    System.setOut(
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));

    int maxFrameBytes = Frame.DEFAULT_MAX_FRAME_BYTES;
    TaskRegistry.Builder builder = TaskRegistry.builder().addModule(new BuiltinTasks());
    builder.addServiceModules(WorkerMain.class.getClassLoader());
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--max-frame-bytes" -> maxFrameBytes = Integer.parseInt(args[i + 1]);
        case "--module" ->
            builder.addModule(
                Class.forName(args[i + 1])
                    .asSubclass(TaskModule.class)
                    .getDeclaredConstructor()
                    .newInstance());
        default -> throw new IllegalArgumentException("unknown worker option " + args[i]);
      }
    }
    TaskRegistry registry = builder.build();
    FrameReader reader = new FrameReader(new FileInputStream(FileDescriptor.in), maxFrameBytes);
    FrameWriter writer = new FrameWriter(frameOut, maxFrameBytes);
    try {
      serve(registry, reader, writer);
    } catch (ProtocolException e) {
      System.err.println("worker: protocol error from parent: " + e.getMessage());
      System.exit(PROTOCOL_ERROR_EXIT_CODE);
    }
    System.exit(0);
  }

  private static void serve(TaskRegistry registry, FrameReader reader, FrameWriter writer)
      throws IOException {
    Optional<Frame> first = reader.read();
    if (first.isEmpty()) {
      return;
    }
    Frame init = first.get();
    if (init.type() != FrameType.INIT) {
      throw new ProtocolException("expected an INIT frame first, got " + init.type());
    }
    if (!init.taskName().isEmpty()) {
      Frame reply = run(registry, init);
      if (reply.type() == FrameType.FAILURE) {
        writer.write(reply);
        System.err.println("worker: initializer failed; exiting");
        System.exit(INIT_FAILED_EXIT_CODE);
      }
    }
    writer.write(Frame.of(FrameType.READY, init.requestId(), "", new byte[0]));
    for (Optional<Frame> next = reader.read(); next.isPresent(); next = reader.read()) {
      Frame frame = next.get();
      switch (frame.type()) {
        case REQUEST -> {
          // Before the task runs, so the parent can tell a task that ran from one never read.
          writer.write(Frame.of(FrameType.STARTED, frame.requestId(), "", new byte[0]));
          writer.write(run(registry, frame));
        }
        case SHUTDOWN -> {
          return;
        }
        default -> throw new ProtocolException("unexpected " + frame.type() + " frame from parent");
      }
    }
  }

  private static Frame run(TaskRegistry registry, Frame request) {
    Optional<Task> task = registry.find(request.taskName());
    if (task.isEmpty()) {
      return failure(request, "no task named '" + request.taskName() + "' is registered");
    }
    try {
      byte[] result = task.get().run(request.payload());
      return Frame.of(FrameType.RESULT, request.requestId(), request.taskName(), result);
    } catch (Exception | StackOverflowError e) {
      System.err.println(Throwables.getStackTraceAsString(e));
      return failure(request, e.getClass().getName() + ": " + e.getMessage());
    }
  }

  private static Frame failure(Frame request, String description) {
    return Frame.of(
        FrameType.FAILURE,
        request.requestId(),
        request.taskName(),
        description.getBytes(StandardCharsets.UTF_8));
  }
}

package dev.gillab.process;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.ThreadSafe;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.gillab.process.internal.ChildMain;
import dev.gillab.process.internal.LineDrainer;
import dev.gillab.process.internal.ParentWatch;
import dev.gillab.process.internal.RuntimeClassPath;
import dev.gillab.process.internal.Scheduler;
import dev.gillab.process.internal.TailBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A running child JVM, started with this JVM's own {@code java} binary and class path.
 *
 * <p>Design: the child runs through a small entry point that first starts a parent watch, so a
 * child whose parent dies (even by SIGKILL) halts by itself. Its stderr is always drained into a
 * tail of the last lines (for crash reports); its stdout is either drained into lines too, or, with
 * {@link Builder#pipeStdout()}, handed to the caller, who must keep reading it (the pool reads
 * frames from it). {@link #killTree()} kills the child's descendants as well as the child, and a
 * {@link Builder#timeout(Duration) timeout} sends them the same signals when it expires (without
 * waiting: {@link #waitFor} does).
 *
 * <p>Thread-safe: the process handle is thread-safe, captured stdout lines are guarded by a lock
 * and the stderr tail is a thread-safe buffer.
 */
@ThreadSafe
public final class ChildJvm implements AutoCloseable {
  /** Captured stdout lines beyond this count are dropped (the tail of stderr is kept apart). */
  public static final int MAX_CAPTURED_STDOUT_LINES = 10_000;

  private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

  private final Process process;
  private final ImmutableList<String> command;
  private final TailBuffer stderrTail;
  private final LineDrainer stderrDrainer;
  private final Optional<LineDrainer> stdoutDrainer;
  private final Object lock = new Object();

  @GuardedBy("lock")
  private final List<String> stdoutLines = new ArrayList<>();

  @GuardedBy("lock")
  private boolean timedOut;

  @GuardedBy("lock")
  private ScheduledFuture<?> deadline;

  private ChildJvm(Builder b, Process process, ImmutableList<String> command) {
    this.process = process;
    this.command = command;
    this.stderrTail = new TailBuffer(b.stderrTailLines);
    Consumer<String> stderrSink = b.stderrListener;
    this.stderrDrainer =
        LineDrainer.start(
            "child-" + process.pid() + "-stderr",
            process.getErrorStream(),
            line -> {
              stderrTail.add(line);
              stderrSink.accept(line);
            });
    if (b.pipeStdout) {
      this.stdoutDrainer = Optional.empty();
    } else {
      Consumer<String> stdoutSink = b.stdoutListener;
      this.stdoutDrainer =
          Optional.of(
              LineDrainer.start(
                  "child-" + process.pid() + "-stdout",
                  process.getInputStream(),
                  line -> {
                    synchronized (lock) {
                      if (stdoutLines.size() < MAX_CAPTURED_STDOUT_LINES) {
                        stdoutLines.add(line);
                      }
                    }
                    stdoutSink.accept(line);
                  }));
    }
  }

  /**
   * A builder for a child JVM that runs {@code mainClass}'s {@code main}; the child's class path is
   * the one that loaded {@code mainClass}.
   *
   * @param mainClass the class whose {@code main} the child runs
   * @return a new builder
   */
  public static Builder builder(Class<?> mainClass) {
    return new Builder(mainClass.getName(), mainClass);
  }

  /**
   * A builder for a child JVM that runs the named class's {@code main}, for a class the parent does
   * not load itself.
   *
   * @param mainClassName the binary name of the class whose {@code main} the child runs
   * @return a new builder
   */
  public static Builder builder(String mainClassName) {
    return new Builder(mainClassName, ChildJvm.class);
  }

  /**
   * The operating system's id of the child.
   *
   * @return the pid
   */
  public long pid() {
    return process.pid();
  }

  /**
   * The child's process handle (for example to list its descendants).
   *
   * @return the handle
   */
  public ProcessHandle handle() {
    return process.toHandle();
  }

  /**
   * The full command line that started the child: what to run by hand when a child misbehaves.
   *
   * @return the program and its arguments
   */
  public ImmutableList<String> command() {
    return command;
  }

  /**
   * The child's stdin; closing it is the child's end of input.
   *
   * @return the stream to write to
   */
  public OutputStream stdin() {
    return process.getOutputStream();
  }

  /**
   * The child's stdout, for a child built with {@link Builder#pipeStdout()}. The caller must keep
   * reading it, or the child blocks once the pipe is full.
   *
   * @return the stream to read from
   * @throws IllegalStateException if stdout is drained into lines instead
   */
  public InputStream stdout() {
    checkState(stdoutDrainer.isEmpty(), "stdout is drained into lines; build with pipeStdout()");
    return process.getInputStream();
  }

  /**
   * Lines the child wrote to stdout so far, complete once {@link #waitFor} returned a status.
   *
   * @return the first {@value #MAX_CAPTURED_STDOUT_LINES} lines at most; empty for a child built
   *     with {@link Builder#pipeStdout()}
   */
  public ImmutableList<String> stdoutLines() {
    synchronized (lock) {
      return ImmutableList.copyOf(stdoutLines);
    }
  }

  /**
   * The last lines the child wrote to stderr: what a crash report quotes.
   *
   * @return at most the builder's {@code stderrTailLines}, oldest first
   */
  public ImmutableList<String> stderrTail() {
    return stderrTail.lines();
  }

  /**
   * Whether the child still runs.
   *
   * @return {@code true} until it exits
   */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Whether the builder's timeout expired and killed the child's tree, which tells a timeout from
   * any other kill.
   *
   * @return {@code true} once the timeout fired on a running child
   */
  public boolean timedOut() {
    synchronized (lock) {
      return timedOut;
    }
  }

  /**
   * Waits up to {@code timeout} for the child to exit, then for its output to be drained.
   *
   * @param timeout the longest wait for the exit
   * @return its exit status, or empty if it is still running
   * @throws InterruptedException if interrupted while waiting; the child runs on
   */
  public Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      return Optional.empty();
    }
    awaitDrained();
    return Optional.of(new ExitStatus(process.exitValue()));
  }

  /**
   * Waits (bounded) for the output drainers to reach end of stream, so that the captured lines and
   * the stderr tail are complete.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void awaitDrained() throws InterruptedException {
    stderrDrainer.await(DRAIN_GRACE);
    if (stdoutDrainer.isPresent()) {
      stdoutDrainer.get().await(DRAIN_GRACE);
    }
  }

  /**
   * Kills the child's descendants and the child with SIGKILL and waits (bounded) until they are
   * gone. Descendants are listed before the child dies, because once it is gone the operating
   * system re-parents them and they can no longer be found through it.
   *
   * @return true when every process of the tree is gone
   */
  @CanIgnoreReturnValue
  public boolean killTree() {
    return killTree(process.toHandle());
  }

  /**
   * Sends SIGKILL to the child's descendants and the child, and returns at once without waiting for
   * them to exit (for timer actions, which must be short; {@link #waitFor} does the waiting).
   */
  public void destroyTree() {
    destroyTree(process.toHandle());
  }

  /** Signals {@code root} and its descendants; returns them, descendants first, root last. */
  @CanIgnoreReturnValue
  private static List<ProcessHandle> destroyTree(ProcessHandle root) {
    List<ProcessHandle> tree = new ArrayList<>();
    root.descendants().forEach(tree::add);
    root.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
    tree.add(root);
    return tree;
  }

  /**
   * Kills {@code root} and its descendants with SIGKILL, listing the descendants first (see {@link
   * #killTree()}).
   *
   * @param root the top of the tree, which need not be a child of this JVM
   * @return {@code true} when all are gone within a few seconds
   */
  @CanIgnoreReturnValue
  public static boolean killTree(ProcessHandle root) {
    List<ProcessHandle> tree = destroyTree(root);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (ProcessHandle p : tree) {
      try {
        p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** Kills the tree if the child is still running. */
  @Override
  public void close() {
    synchronized (lock) {
      if (deadline != null) {
        deadline.cancel(false);
      }
    }
    if (process.isAlive() || process.descendants().findAny().isPresent()) {
      killTree();
    }
  }

  private void armTimeout(Duration timeout) {
    ScheduledFuture<?> future =
        Scheduler.after(
            timeout,
            () -> {
              if (process.isAlive()) {
                synchronized (lock) {
                  timedOut = true;
                }
                destroyTree(); // signals only: this runs on the shared timer thread
              }
            });
    synchronized (lock) {
      deadline = future;
    }
    // Nothing waits on this follow-up: cancelling cannot fail.
    var unused = process.onExit().thenRun(() -> future.cancel(false));
  }

  /** Configures and starts a child JVM. Not thread-safe: use from one thread. */
  public static final class Builder {
    private final String mainClassName;
    private final Class<?> classPathAnchor;
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String classPath;
    private Path javaBinary = Paths.get(System.getProperty("java.home"), "bin", "java");
    private boolean pipeStdout;
    private int stderrTailLines = 20;
    private Consumer<String> stderrListener = line -> {};
    private Consumer<String> stdoutListener = line -> {};
    private Duration timeout;

    private Builder(String mainClassName, Class<?> classPathAnchor) {
      checkArgument(!mainClassName.isBlank(), "main class name is blank");
      this.mainClassName = mainClassName;
      this.classPathAnchor = classPathAnchor;
    }

    /**
     * Adds JVM options, such as {@code -Xmx64m} or {@code -XX:TieredStopAtLevel=1}.
     *
     * @param options the options, in order
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder jvmOptions(String... options) {
      jvmOptions.addAll(List.of(options));
      return this;
    }

    /**
     * Adds JVM options.
     *
     * @param options the options, in order
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder jvmOptions(List<String> options) {
      jvmOptions.addAll(options);
      return this;
    }

    /**
     * Adds program arguments for the main class.
     *
     * @param arguments the arguments, in order
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder args(String... arguments) {
      args.addAll(List.of(arguments));
      return this;
    }

    /**
     * Sets an environment variable of the child (the rest is inherited).
     *
     * @param name the variable
     * @param value its value
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder env(String name, String value) {
      environment.put(checkNotNull(name), checkNotNull(value));
      return this;
    }

    /**
     * Uses this class path instead of the one found at run time.
     *
     * @param path entries separated by the platform's path separator
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder classPath(String path) {
      this.classPath = checkNotNull(path);
      return this;
    }

    /**
     * Uses this {@code java} binary instead of this JVM's own.
     *
     * @param binary the launcher to run
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder javaBinary(Path binary) {
      this.javaBinary = checkNotNull(binary);
      return this;
    }

    /**
     * Hands stdout to the caller ({@link ChildJvm#stdout()}) instead of draining it: for a child
     * that speaks a protocol there.
     *
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder pipeStdout() {
      this.pipeStdout = true;
      return this;
    }

    /**
     * How many of the last stderr lines to keep (default 20).
     *
     * @param lines positive
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder stderrTailLines(int lines) {
      checkArgument(lines > 0, "stderrTailLines must be positive, got %s", lines);
      this.stderrTailLines = lines;
      return this;
    }

    /**
     * Also hands every stderr line to {@code listener} (on the drainer thread).
     *
     * @param listener must return quickly, or the child blocks on a full pipe
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder onStderrLine(Consumer<String> listener) {
      this.stderrListener = checkNotNull(listener);
      return this;
    }

    /**
     * Also hands every stdout line to {@code listener} (on the drainer thread).
     *
     * @param listener must return quickly, or the child blocks on a full pipe
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder onStdoutLine(Consumer<String> listener) {
      this.stdoutListener = checkNotNull(listener);
      return this;
    }

    /**
     * Kills the child's whole process tree if it still runs after {@code limit}.
     *
     * @param limit positive, counted from the start
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder timeout(Duration limit) {
      checkArgument(
          !limit.isNegative() && !limit.isZero(), "timeout must be positive, got %s", limit);
      this.timeout = limit;
      return this;
    }

    /**
     * The command line {@link #start()} will run, for a log or a test.
     *
     * @return the program and its arguments
     */
    public ImmutableList<String> command() {
      List<String> command = new ArrayList<>();
      command.add(javaBinary.toString());
      command.addAll(jvmOptions);
      command.add("-D" + ParentWatch.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
      command.add("-cp");
      command.add(classPath != null ? classPath : RuntimeClassPath.forChildOf(classPathAnchor));
      command.add(ChildMain.class.getName());
      command.add(mainClassName);
      command.addAll(args);
      return ImmutableList.copyOf(command);
    }

    /**
     * Starts the child, its stderr drainer, and its stdout drainer unless stdout is piped.
     *
     * @return the running child; close it to kill whatever is left of its tree
     * @throws UncheckedIOException if the process cannot be started
     */
    public ChildJvm start() {
      ImmutableList<String> command = command();
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.environment().putAll(ImmutableMap.copyOf(environment));
      Process process;
      try {
        process = pb.start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start " + command.get(0), e);
      }
      ChildJvm child = new ChildJvm(this, process, command);
      if (timeout != null) {
        child.armTimeout(timeout);
      }
      return child;
    }
  }
}

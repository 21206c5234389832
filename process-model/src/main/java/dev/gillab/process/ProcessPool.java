package dev.gillab.process;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.ThreadSafe;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.gillab.process.internal.Counters;
import dev.gillab.process.internal.Job;
import dev.gillab.process.internal.Next;
import dev.gillab.process.internal.PoolSlot;
import dev.gillab.process.internal.RuntimeClassPath;
import dev.gillab.process.internal.SlotConfig;
import dev.gillab.process.internal.SlotHub;
import dev.gillab.process.internal.WorkerMain;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A pool of worker JVMs that run named tasks on bytes, and that survives its workers dying.
 *
 * <p>Design: one queue of submitted tasks and one slot per worker. A slot is a daemon thread that
 * owns one worker JVM at a time: it takes a task, writes a REQUEST frame to the worker's stdin and
 * reads the reply from its stdout. When the worker dies (crash, halt, SIGKILL from anyone), the
 * slot fails only the task that worker was running (it had answered STARTED) with a {@link
 * WorkerCrashedException} and starts a replacement; a task the worker never started goes to the
 * replacement, and the other slots never notice. A task timeout kills that worker's process tree
 * and replaces it. A worker that sends bytes that are not a frame fails its task with the {@link
 * ProtocolException} and is replaced. No Throwable, not even an {@link Error}, ends a slot: it
 * fails the task it hit and the slot starts over, so no future is left pending. Python's {@code
 * ProcessPoolExecutor} marks itself broken for good when one worker dies and cannot time out a
 * running task; this pool does neither.
 *
 * <p>{@link #close()} refuses new tasks, lets queued and running ones finish, and stops the
 * workers; {@link #shutdownNow()} kills every worker and cancels what is left. After either
 * returns, no process of the pool is alive. Workers also exit by themselves if this JVM dies (end
 * of stdin, and a watch on the parent pid).
 *
 * <p>Thread-safe: the queue and state are guarded by one lock, counters are atomic, and each worker
 * is touched only by its slot thread (and killed, which is thread-safe, by timeouts and {@link
 * #shutdownNow()}). A future is completed on a slot thread, so dependent actions added without an
 * executor run there; keep them short or use the {@code *Async} variants.
 */
@ThreadSafe
public final class ProcessPool implements AutoCloseable {
  /** Built-in task: returns its input unchanged. */
  public static final String ECHO_TASK = "gillab.echo";

  /** Built-in task: returns the worker's pid as an {@link Codecs#int64() int64}. */
  public static final String PID_TASK = "gillab.pid";

  /**
   * JVM options that start a worker faster without slowing long CPU-bound tasks: no perf-data file,
   * class data sharing on. Measured interleaved with the test-scoped {@code
   * dev.gillab.process.bench.ColdStartRounds} (40 rounds, one run on 2 loaded cores), launch to
   * first reply, median: no options 236.1 ms, {@code -XX:-UsePerfData} 220.8 ms, these options
   * 197.5 ms (0.84 of none), {@code -Xshare:off} 307.2 ms, {@code -XX:+UseSerialGC} 259.5 ms.
   * {@code -XX:TieredStopAtLevel=1} (178.1 ms) is left out because it slows long CPU-bound tasks;
   * see the module README for the whole table and the command.
   */
  public static final ImmutableList<String> FAST_START_OPTIONS =
      ImmutableList.of("-XX:-UsePerfData", "-Xshare:auto");

  /** State of the pool's life; it only moves forward. */
  public enum State {
    /** Takes tasks and runs them. */
    RUNNING,
    /** {@link #close()} was called: no new tasks; queued and running ones finish. */
    CLOSING,
    /** Every worker is stopped or being killed; nothing more runs. */
    TERMINATED
  }

  private final Config config;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  @GuardedBy("lock")
  private final ArrayDeque<Job> queue = new ArrayDeque<>();

  @GuardedBy("lock")
  private State state = State.RUNNING;

  private final ImmutableList<PoolSlot> slots;
  private final AtomicLong nextRequestId = new AtomicLong(1);
  private final Counters counters = new Counters();

  private ProcessPool(Config config) {
    this.config = config;
    List<PoolSlot> list = new ArrayList<>();
    for (int i = 0; i < config.workers(); i++) {
      list.add(new PoolSlot(i, config.slotConfig(), counters, new Hub()));
    }
    this.slots = ImmutableList.copyOf(list);
    slots.forEach(PoolSlot::start);
  }

  /**
   * Starts a configuration: one worker per core, no task timeout, the built-in tasks and those of
   * every {@link TaskModule} the workers' service loader finds.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Submits task {@code taskName} with {@code payload}, with the pool's default timeout.
   *
   * @param taskName a name registered in the workers' {@link TaskRegistry}
   * @param payload the task's input; copied
   * @return a future of the result's bytes; it fails with {@link TaskFailedException}, {@link
   *     WorkerCrashedException}, {@link TaskTimeoutException}, {@link ProtocolException} or, after
   *     {@link #shutdownNow()}, {@code CancellationException}
   * @throws RejectedExecutionException if the pool is closing or closed
   * @throws IllegalArgumentException if the request would not fit a frame
   */
  public CompletableFuture<byte[]> submit(String taskName, byte[] payload) {
    return submit(taskName, payload, config.taskTimeout());
  }

  /**
   * Submits with its own timeout, whatever the pool's default.
   *
   * @param taskName a name registered in the workers' {@link TaskRegistry}
   * @param payload the task's input; copied
   * @param timeout the task's timeout, or {@code Optional.empty()} for none
   * @return a future of the result's bytes; it fails with {@link TaskFailedException}, {@link
   *     WorkerCrashedException}, {@link TaskTimeoutException}, {@link ProtocolException} or, after
   *     {@link #shutdownNow()}, {@code CancellationException}
   * @throws RejectedExecutionException if the pool is closing or closed
   * @throws IllegalArgumentException if the request would not fit a frame
   */
  public CompletableFuture<byte[]> submit(
      String taskName, byte[] payload, Optional<Duration> timeout) {
    checkNotNull(taskName, "taskName");
    checkNotNull(payload, "payload");
    checkNotNull(timeout, "timeout");
    checkArgument(!taskName.isEmpty(), "task name is empty");
    long frameBytes =
        (long) Frame.HEADER_BYTES
            + taskName.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
            + payload.length;
    checkArgument(
        frameBytes <= config.maxFrameBytes(),
        "a request of %s bytes does not fit a frame of at most %s bytes",
        frameBytes,
        config.maxFrameBytes());
    Job job = new Job(nextRequestId.getAndIncrement(), taskName, payload.clone(), timeout);
    lock.lock();
    try {
      if (state != State.RUNNING) {
        throw new RejectedExecutionException(
            "the pool is "
                + state.name().toLowerCase(java.util.Locale.ROOT)
                + "; it takes no new tasks");
      }
      queue.add(job);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    return job.future();
  }

  /**
   * Submits a typed task: the value and the result go through the codecs, with the pool's default
   * timeout.
   *
   * @param <I> the task's input type
   * @param <O> the task's output type
   * @param taskName a name registered in the workers' {@link TaskRegistry}
   * @param input the task's input
   * @param in encodes the input, as the task decodes it
   * @param out decodes the result, as the task encoded it
   * @return a future of the decoded result; it fails as {@link #submit(String, byte[])}'s does
   * @throws RejectedExecutionException if the pool is closing or closed
   * @throws IllegalArgumentException if the request would not fit a frame
   */
  public <I, O> CompletableFuture<O> submit(String taskName, I input, Codec<I> in, Codec<O> out) {
    return submit(taskName, in.encode(input)).thenApply(out::decode);
  }

  /**
   * The counters now.
   *
   * @return tasks done and failed, workers started, crashed, recycled and killed
   */
  public PoolStats stats() {
    return counters.snapshot();
  }

  /**
   * The number of worker slots: how many tasks run at once.
   *
   * @return the builder's worker count
   */
  public int size() {
    return slots.size();
  }

  /**
   * Where the pool is in its life.
   *
   * @return the state now
   */
  public State state() {
    lock.lock();
    try {
      return state;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Pids of the workers that are up and ready now; a slot between workers has none.
   *
   * @return the pids, in slot order
   */
  public ImmutableList<Long> workerPids() {
    ImmutableList.Builder<Long> pids = ImmutableList.builder();
    for (PoolSlot slot : slots) {
      slot.readyWorkerPid().ifPresent(pids::add);
    }
    return pids.build();
  }

  /**
   * Waits up to {@code timeout} until every slot has a ready worker: what a benchmark calls so that
   * start-up is not measured as work.
   *
   * @param timeout the longest wait
   * @return true if they all are ready
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (workerPids().size() < slots.size() && state == State.RUNNING) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
      }
      return workerPids().size() == slots.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Refuses new tasks, lets queued and running tasks finish, then stops every worker and waits for
   * them to exit. If that takes longer than the close timeout, it kills what is left with {@link
   * #shutdownNow()}. Idempotent. Called from a future callback (on a slot thread), it does not wait
   * for that slot: its worker stops once the callback has returned.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (state == State.RUNNING) {
        state = State.CLOSING;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (!joinSlots(config.closeTimeout())) {
      shutdownNow();
    }
  }

  /**
   * Kills every worker (and its descendants) now. Queued tasks and running tasks fail with a {@link
   * CancellationException}. Returns when no process of the pool is alive (called from a future
   * callback, it kills that slot's worker too but does not wait for the slot, which ends once the
   * callback returns). Idempotent.
   *
   * @return how many queued tasks were cancelled before they ran
   */
  @CanIgnoreReturnValue
  public int shutdownNow() {
    List<Job> cancelled;
    lock.lock();
    try {
      state = State.TERMINATED;
      cancelled = new ArrayList<>(queue);
      queue.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    for (Job job : cancelled) {
      counters.failed(job, new CancellationException("the pool was shut down before the task ran"));
    }
    slots.forEach(PoolSlot::killWorker);
    boolean stopped = joinSlots(Duration.ofSeconds(30));
    checkState(stopped, "the pool's slot threads did not stop within 30 s");
    return cancelled.size();
  }

  /**
   * Waits for every slot thread to end, except the caller's own: a future callback runs on a slot
   * thread, and that slot ends once the callback returns.
   */
  private boolean joinSlots(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean all = true;
    for (PoolSlot slot : slots) {
      if (slot.isCurrentThread()) {
        continue;
      }
      all &= slot.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
    return all;
  }

  /** What a slot asks of the pool: the next job, the state, a wake-up. */
  private final class Hub implements SlotHub {
    @Override
    public Next next(boolean needWorker, Duration maxWait) throws InterruptedException {
      long deadline = System.nanoTime() + maxWait.toNanos();
      lock.lock();
      try {
        while (true) {
          if (state == State.TERMINATED) {
            return Next.stop();
          }
          if (needWorker && (state == State.RUNNING || !queue.isEmpty())) {
            return Next.startWorker();
          }
          if (!needWorker && !queue.isEmpty()) {
            return Next.run(queue.poll());
          }
          if (state == State.CLOSING) {
            return Next.stop();
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return Next.idle();
          }
          changed.awaitNanos(left);
        }
      } finally {
        lock.unlock();
      }
    }

    @Override
    public Optional<Job> pollJob() {
      lock.lock();
      try {
        return Optional.ofNullable(queue.poll());
      } finally {
        lock.unlock();
      }
    }

    @Override
    public boolean requeue(Job job) {
      lock.lock();
      try {
        if (state == State.TERMINATED) {
          return false; // shutdownNow has cancelled the queue: nobody would take it
        }
        queue.addFirst(job);
        changed.signalAll();
        return true;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public boolean terminated() {
      lock.lock();
      try {
        return state == State.TERMINATED;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void wake() {
      lock.lock();
      try {
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** What the pool needs of its builder, fixed once by {@link Builder#build()}. Immutable. */
  private record Config(
      int workers,
      Optional<Duration> taskTimeout,
      Duration closeTimeout,
      int maxFrameBytes,
      SlotConfig slotConfig) {}

  /** Configures a pool. Not thread-safe: use from one thread. */
  public static final class Builder {
    private int workers = Runtime.getRuntime().availableProcessors();
    private int maxTasksPerWorker;
    private Optional<Duration> taskTimeout = Optional.empty();
    private Duration startTimeout = Duration.ofSeconds(30);
    private Duration closeTimeout = Duration.ofSeconds(60);
    private int maxFrameBytes = Frame.DEFAULT_MAX_FRAME_BYTES;
    private ImmutableList<String> jvmOptions = FAST_START_OPTIONS;
    private final List<String> modules = new ArrayList<>();
    private String initializerTask = "";
    private byte[] initializerPayload = new byte[0];
    private int stderrTailLines = 20;
    private Consumer<String> stderrListener = line -> {};
    private Optional<String> classPath = Optional.empty();

    private Builder() {}

    /**
     * Number of workers (default: the number of cores).
     *
     * @param count positive
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder workers(int count) {
      checkArgument(count > 0, "workers must be positive, got %s", count);
      workers = count;
      return this;
    }

    /**
     * Registers a task module's tasks in every worker. The class is named to the worker, which
     * makes its own instance.
     *
     * @param module a class with a public no-argument constructor, on the workers' class path
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder taskModule(Class<? extends TaskModule> module) {
      modules.add(module.getName());
      return this;
    }

    /**
     * Replaces a worker after it ran this many tasks (0, the default: never): a bound on what a
     * leaking task can hoard.
     *
     * @param tasks zero or more
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder maxTasksPerWorker(int tasks) {
      checkArgument(tasks >= 0, "maxTasksPerWorker must be >= 0, got %s", tasks);
      maxTasksPerWorker = tasks;
      return this;
    }

    /**
     * Default timeout of every task; a task past it has its worker killed and replaced. Default:
     * none.
     *
     * @param timeout positive
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder taskTimeout(Duration timeout) {
      checkArgument(
          !timeout.isNegative() && !timeout.isZero(),
          "taskTimeout must be positive, got %s",
          timeout);
      taskTimeout = Optional.of(timeout);
      return this;
    }

    /**
     * How long a worker may take from launch to ready (default 30 s).
     *
     * @param timeout positive
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder startTimeout(Duration timeout) {
      checkArgument(
          !timeout.isNegative() && !timeout.isZero(),
          "startTimeout must be positive, got %s",
          timeout);
      startTimeout = timeout;
      return this;
    }

    /**
     * How long {@link #close()} waits for tasks before it kills what is left (default 60 s).
     *
     * @param timeout zero or more
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder closeTimeout(Duration timeout) {
      checkArgument(!timeout.isNegative(), "closeTimeout must not be negative, got %s", timeout);
      closeTimeout = timeout;
      return this;
    }

    /**
     * Largest frame body accepted either way (default 16 MiB, at most {@link
     * Frame#MAX_FRAME_BYTES_CAP}, 256 MiB).
     *
     * @param bytes from 1024 to {@link Frame#MAX_FRAME_BYTES_CAP}
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder maxFrameBytes(int bytes) {
      checkArgument(bytes >= 1024, "maxFrameBytes must be at least 1024, got %s", bytes);
      checkArgument(
          bytes <= Frame.MAX_FRAME_BYTES_CAP,
          "maxFrameBytes must be at most %s (256 MiB), got %s",
          Frame.MAX_FRAME_BYTES_CAP,
          bytes);
      maxFrameBytes = bytes;
      return this;
    }

    /**
     * Replaces the worker JVM options (default {@link #FAST_START_OPTIONS}).
     *
     * @param options the options, in order; empty for none
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder jvmOptions(List<String> options) {
      jvmOptions = ImmutableList.copyOf(options);
      return this;
    }

    /**
     * Runs task {@code taskName} on {@code payload} once in every worker before it is ready, as the
     * {@code initializer} of Python's {@code ProcessPoolExecutor}.
     *
     * @param taskName a registered task; not empty
     * @param payload its input; copied
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder initializer(String taskName, byte[] payload) {
      checkArgument(!taskName.isEmpty(), "initializer task name is empty");
      initializerTask = taskName;
      initializerPayload = payload.clone();
      return this;
    }

    /**
     * How many of a worker's last stderr lines a crash report carries (default 20).
     *
     * @param lines positive
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder stderrTailLines(int lines) {
      checkArgument(lines > 0, "stderrTailLines must be positive, got %s", lines);
      stderrTailLines = lines;
      return this;
    }

    /**
     * Also hands every worker stderr line to {@code listener} (for logging).
     *
     * @param listener called on the worker's drainer thread; must return quickly
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder onWorkerStderr(Consumer<String> listener) {
      stderrListener = checkNotNull(listener);
      return this;
    }

    /**
     * Uses this class path for workers instead of the one found at run time.
     *
     * @param classPath entries separated by the platform's path separator
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder classPath(String classPath) {
      this.classPath = Optional.of(checkNotNull(classPath, "classPath"));
      return this;
    }

    /**
     * Starts the workers (in the background) and returns the pool at once; tasks submitted before a
     * worker is ready wait in the queue.
     *
     * @return the running pool; close it to stop its workers
     */
    public ProcessPool build() {
      List<String> args =
          new ArrayList<>(List.of("--max-frame-bytes", Integer.toString(maxFrameBytes)));
      for (String module : modules) {
        args.add("--module");
        args.add(module);
      }
      String[] workerArgs = args.toArray(new String[0]);
      String resolvedClassPath =
          classPath.orElseGet(() -> RuntimeClassPath.forChildOf(WorkerMain.class));
      // The builder's current values, captured: the launcher must not see later builder calls.
      ImmutableList<String> options = jvmOptions;
      int tailLines = stderrTailLines;
      Consumer<String> listener = stderrListener;
      Supplier<ChildJvm> launcher =
          () ->
              ChildJvm.builder(WorkerMain.class)
                  .classPath(resolvedClassPath)
                  .jvmOptions(options)
                  .args(workerArgs)
                  .pipeStdout()
                  .stderrTailLines(tailLines)
                  .onStderrLine(listener)
                  .start();
      SlotConfig slot =
          new SlotConfig(
              launcher,
              maxFrameBytes,
              maxTasksPerWorker,
              startTimeout,
              initializerTask,
              initializerPayload.clone());
      return new ProcessPool(new Config(workers, taskTimeout, closeTimeout, maxFrameBytes, slot));
    }
  }
}

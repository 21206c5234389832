package dev.gillab.process.internal;

import com.google.common.collect.ImmutableList;
import dev.gillab.process.ChildJvm;
import dev.gillab.process.ExitStatus;
import dev.gillab.process.Frame;
import dev.gillab.process.FrameType;
import dev.gillab.process.ProtocolException;
import dev.gillab.process.TaskFailedException;
import dev.gillab.process.TaskTimeoutException;
import dev.gillab.process.WorkerCrashedException;
import dev.gillab.process.WorkerStartException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One slot of a process pool: a daemon thread that owns one worker JVM at a time, feeds it tasks,
 * and replaces it when it dies, times out, misbehaves or is due for recycling.
 *
 * <p>Which task a dying worker takes with it: only one it had started, which the worker says with a
 * STARTED frame before it runs the task. A worker found dead before the write, or that dies before
 * its STARTED, never ran the task, so the task goes back to the head of the queue for the next
 * worker (up to {@link #MAX_UNSTARTED_DEATHS} times, so a request that kills its readers cannot go
 * round forever). No Throwable ends the slot thread; see {@link #run()}.
 *
 * <p>The types around it, one concern each: {@link Job} (a submitted task), {@link Next} (what the
 * pool answers), {@link SlotHub} (the pool as a slot sees it), {@link SlotConfig} (what all slots
 * share), {@link Counters} (the pool's statistics), {@link Worker} (one worker JVM and its pipes)
 * and {@link Retirement} (how a worker left).
 *
 * <p>Thread-safety: the slot's state is confined to its thread, except {@link #worker} (volatile,
 * read by other threads to list pids or to kill it) and the worker's atomic flags, which timers and
 * {@link #killWorker()} set before killing the process.
 */
public final class PoolSlot {
  private static final Duration EXIT_GRACE = Duration.ofSeconds(5);
  private static final Duration IDLE_CHECK = Duration.ofMillis(500);

  /**
   * How many workers may die with a job in their pipe, before starting it, until the job fails with
   * {@link WorkerCrashedException} instead of going to yet another worker.
   */
  static final int MAX_UNSTARTED_DEATHS = 3;

  private static final System.Logger LOG = System.getLogger(PoolSlot.class.getName());

  private final SlotConfig config;
  private final Counters counters;
  private final SlotHub hub;
  private final Thread thread;
  private volatile Worker worker;
  // Both confined to the slot thread: they set the back-off after a failure.
  private int startFailuresInARow;
  private int faultsInARow;

  public PoolSlot(int index, SlotConfig config, Counters counters, SlotHub hub) {
    this.config = config;
    this.counters = counters;
    this.hub = hub;
    this.thread = new Thread(this::run, "process-pool-slot-" + index);
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** The pid of this slot's worker if it is up and ready. */
  public OptionalLong readyWorkerPid() {
    Worker w = worker;
    return w != null && w.ready && w.child.isAlive()
        ? OptionalLong.of(w.child.pid())
        : OptionalLong.empty();
  }

  /** Kills the current worker's tree (any thread). */
  public void killWorker() {
    Worker w = worker;
    if (w != null) {
      w.kill();
    }
  }

  /** True when called from this slot's own thread (a future callback runs there). */
  public boolean isCurrentThread() {
    return Thread.currentThread() == thread;
  }

  /** Waits for the slot thread to end; true if it has. */
  public boolean join(Duration timeout) {
    try {
      thread.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !thread.isAlive();
  }

  /**
   * The slot's loop. No Throwable ends it: a dead slot would leave its job, and every job after it,
   * pending forever. A fault running a job fails that job ({@link #executeGuarded}); a fault
   * starting a worker fails one queued job, as a failed start does; any other fault (in the hub,
   * say) starts the slot over: its worker is killed and the loop goes on after a back-off. The
   * recovery runs inside the same guard, so a fault while recovering is just the next fault. Only
   * STOP, or an interrupt, ends it.
   */
  private void run() {
    try {
      Throwable fault = null;
      while (true) {
        try {
          if (fault != null) {
            Throwable last = fault;
            fault = null;
            recover(last);
          }
          if (step()) {
            return;
          }
          faultsInARow = 0;
        } catch (InterruptedException e) {
          throw e;
        } catch (Throwable e) {
          fault = e;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stopWorker();
    }
  }

  private void recover(Throwable fault) throws InterruptedException {
    faultsInARow++;
    LOG.log(System.Logger.Level.WARNING, thread.getName() + " starts over after a fault", fault);
    abandonWorker();
    Thread.sleep(backOff(faultsInARow));
  }

  /**
   * Asks the hub once and does what it says.
   *
   * @return true when the slot is to stop
   */
  private boolean step() throws InterruptedException {
    Worker w = worker;
    // A worker the pool has begun to kill (a start deadline that fired late, say) may still
    // look alive: it must not get another task.
    if (w != null && isGone(w)) {
      retireGone(w);
      w = null;
    }
    Next next = hub.next(w == null, IDLE_CHECK);
    switch (next.kind()) {
      case STOP -> {
        return true;
      }
      case IDLE -> {}
      case START_WORKER -> {
        Throwable failure = null;
        try {
          worker = startWorker();
          startFailuresInARow = 0;
        } catch (InterruptedException e) {
          throw e;
        } catch (Throwable e) { // WorkerStartException, a bug, or an Error such as OOM
          failure = e;
        }
        if (failure != null) {
          failedStart(failure);
        }
      }
      case RUN -> executeGuarded(next.job().orElseThrow());
    }
    return false;
  }

  /** 200 ms after the first failure in a row, doubling up to 5 s. */
  private static long backOff(int failuresInARow) {
    return Math.min(5_000L, 100L << Math.min(failuresInARow, 6));
  }

  /**
   * Fails one queued job per failed start, so a pool that cannot start workers fails its callers
   * instead of hanging them, and backs off before the next attempt.
   */
  private void failedStart(Throwable failure) throws InterruptedException {
    startFailuresInARow++;
    hub.pollJob().ifPresent(job -> counters.failed(job, failure));
    Thread.sleep(backOff(startFailuresInARow));
  }

  private Worker startWorker() throws InterruptedException {
    ChildJvm child;
    try {
      child = config.launcher().get();
    } catch (RuntimeException e) {
      throw new WorkerStartException("cannot launch a worker JVM: " + e.getMessage(), e);
    }
    counters.workerStarted();
    Worker w = new Worker(child, config.maxFrameBytes());
    worker = w;
    ScheduledFuture<?> deadline = Scheduler.after(config.startTimeout(), w::signalKill);
    try {
      w.writer.write(
          Frame.of(FrameType.INIT, 0, config.initializerTask(), config.initializerPayload()));
      Optional<Frame> reply = w.reader.read();
      deadline.cancel(false);
      if (reply.isPresent() && reply.get().type() == FrameType.READY) {
        w.ready = true;
        // Nothing waits on this follow-up: waking the hub cannot fail.
        var unused = child.handle().onExit().thenRun(hub::wake);
        return w;
      }
      w.kill();
      String why =
          reply.isPresent() && reply.get().type() == FrameType.FAILURE
              ? "its initializer '"
                  + config.initializerTask()
                  + "' failed: "
                  + new String(reply.get().payload(), StandardCharsets.UTF_8)
              : reply.isPresent()
                  ? "it sent " + reply.get() + " instead of READY"
                  : "it ended during start-up (" + awaitExit(w) + ")";
      throw new WorkerStartException(
          "worker pid " + child.pid() + " did not start: " + why + tail(w));
    } catch (IOException e) {
      w.kill();
      throw new WorkerStartException(
          "worker pid " + child.pid() + " did not start: " + e.getMessage() + tail(w), e);
    } finally {
      deadline.cancel(false); // also after an Error, so the timer never fires on a retired worker
      if (!w.ready) {
        retire(w, Retirement.STOPPED);
      }
    }
  }

  /**
   * Runs a job; whatever goes wrong fails that job and retires its worker, but never ends the slot
   * thread (a dead slot would leave its job, and every job after it, hanging).
   */
  private void executeGuarded(Job job) throws InterruptedException {
    try {
      execute(job);
    } catch (InterruptedException e) {
      counters.failed(job, new CancellationException("the pool's slot thread was interrupted"));
      throw e;
    } catch (Throwable e) { // a bug, or an Error such as OutOfMemoryError handling the reply
      counters.failed(job, e);
      abandonWorker();
    }
  }

  /** Kills and retires the worker, whose pipes may be mid-frame after a fault. */
  private void abandonWorker() {
    Worker w = worker;
    if (w != null) {
      w.kill();
      retire(w, Retirement.KILLED);
    }
  }

  private void execute(Job job) throws InterruptedException {
    if (job.future().isDone()) {
      return; // the caller cancelled it while it was queued
    }
    Worker w = worker;
    // A worker that died while idle never saw this job: it goes to a replacement, not failed.
    if (isGone(w)) {
      retireGone(w);
      resend(job);
      return;
    }
    // Decided per job, by whoever claims it first: the timer (then it kills the worker) or this
    // thread once the exchange is over (then the timer does nothing). Not by cancel()'s result:
    // a timer action that is still running can be cancelled too.
    AtomicBoolean settled = new AtomicBoolean();
    Optional<ScheduledFuture<?>> timer =
        job.timeout()
            .map(
                limit ->
                    Scheduler.after(
                        limit,
                        () -> {
                          if (settled.compareAndSet(false, true)) {
                            w.signalKill(); // this thread (awaitExit) waits for the exit
                          }
                        }));
    Optional<Frame> reply = Optional.empty();
    ProtocolException badFrame = null;
    boolean started = false;
    boolean timedOut;
    try {
      w.writer.write(Frame.of(FrameType.REQUEST, job.id(), job.taskName(), job.payload()));
      reply = w.reader.read();
      if (reply.isPresent() && isStartOf(reply.get(), job)) {
        started = true;
        reply = w.reader.read();
      }
    } catch (ProtocolException e) {
      badFrame = e;
    } catch (IOException e) {
      // Broken pipe or closed stream: the worker is gone; handled below like end of stream.
    } finally {
      timer.ifPresent(t -> t.cancel(false));
      // If the timer won, this job's worker is being killed, whatever the pipe still held.
      timedOut = !settled.compareAndSet(false, true);
    }
    if (!started
        && reply.isEmpty()
        && badFrame == null
        && !timedOut
        && job.unstartedDeaths().incrementAndGet() <= MAX_UNSTARTED_DEATHS) {
      // The worker died without saying it started: killed while idle a moment ago (a JVM takes
      // milliseconds to die, so the request may still have gone into its pipe), or the pipe
      // broke under the request. It never ran this job. (A timeout is not resent: a worker too
      // slow to start a task within its limit must not be replaced again and again. Nor is a
      // request that kills worker after worker as they read it: past the bound it fails below.)
      awaitExit(w);
      retireGone(w);
      resend(job);
      return;
    }
    if (reply.isPresent() && isReplyTo(reply.get(), job)) {
      Frame frame = reply.get();
      if (frame.type() == FrameType.RESULT) {
        counters.done(job, frame.payload());
      } else {
        counters.failed(
            job,
            new TaskFailedException(
                job.taskName(), new String(frame.payload(), StandardCharsets.UTF_8)));
      }
      w.tasksRun++;
      if (timedOut) {
        // The reply beat the kill: keep the result, but this worker is dying; retire it now.
        awaitExit(w);
        retire(w, Retirement.KILLED);
      } else if (config.maxTasksPerWorker() > 0 && w.tasksRun >= config.maxTasksPerWorker()) {
        stopGracefully(w);
        retire(w, Retirement.RECYCLED);
      }
      return;
    }
    if (timedOut) {
      awaitExit(w);
      retire(w, Retirement.KILLED);
      counters.failed(
          job,
          new TaskTimeoutException(job.taskName(), job.timeout().orElseThrow(), w.child.pid()));
      return;
    }
    if (badFrame == null && reply.isPresent()) {
      badFrame =
          new ProtocolException(
              "expected the reply to request " + job.id() + ", got " + reply.get());
    }
    if (badFrame != null) {
      w.kill();
      retire(w, Retirement.KILLED);
      counters.failed(job, badFrame);
      return;
    }
    ExitStatus status = awaitExit(w);
    if (hub.terminated()) {
      retire(w, Retirement.STOPPED);
      counters.failed(job, new CancellationException("the pool was shut down while the task ran"));
    } else {
      retire(w, w.killedByPool.get() ? Retirement.KILLED : Retirement.CRASHED);
      counters.failed(
          job,
          new WorkerCrashedException(w.child.pid(), job.taskName(), status, w.child.stderrTail()));
    }
  }

  /** Dead, or being killed by the pool (a late start deadline, say) though it may look alive. */
  private static boolean isGone(Worker w) {
    return w.killedByPool.get() || !w.child.isAlive();
  }

  private void retireGone(Worker w) {
    retire(w, w.killedByPool.get() ? Retirement.KILLED : Retirement.CRASHED);
  }

  /** Puts back a job no worker has read, so the next worker runs it; cancels it after shutdown. */
  private void resend(Job job) {
    if (!hub.requeue(job)) {
      counters.failed(job, new CancellationException("the pool was shut down before the task ran"));
    }
  }

  private static boolean isStartOf(Frame frame, Job job) {
    return frame.type() == FrameType.STARTED && frame.requestId() == job.id();
  }

  private static boolean isReplyTo(Frame frame, Job job) {
    return frame.requestId() == job.id()
        && (frame.type() == FrameType.RESULT || frame.type() == FrameType.FAILURE);
  }

  /** Waits (bounded) for a dying worker to exit and its stderr to be drained. */
  private static ExitStatus awaitExit(Worker w) throws InterruptedException {
    Optional<ExitStatus> status = w.child.waitFor(EXIT_GRACE);
    if (status.isEmpty()) {
      w.kill();
      status = w.child.waitFor(EXIT_GRACE);
    }
    return status.orElseThrow(
        () -> new IllegalStateException("worker " + w.child.pid() + " will not die"));
  }

  private static void stopGracefully(Worker w) throws InterruptedException {
    try {
      w.writer.write(Frame.of(FrameType.SHUTDOWN, 0, "", new byte[0]));
      w.writer.close();
    } catch (IOException e) {
      // Already gone: nothing to ask.
    }
    if (w.child.waitFor(EXIT_GRACE).isEmpty()) {
      w.kill();
    }
  }

  private void stopWorker() {
    Worker w = worker;
    if (w == null) {
      return;
    }
    try {
      if (hub.terminated() || !w.ready) {
        w.kill();
      } else {
        stopGracefully(w);
      }
    } catch (InterruptedException e) {
      w.kill();
      Thread.currentThread().interrupt();
    }
    retire(w, Retirement.STOPPED);
  }

  private void retire(Worker w, Retirement how) {
    if (worker == w) {
      worker = null;
    }
    if (!w.retired.compareAndSet(false, true)) {
      return;
    }
    w.child.close(); // kills the tree if anything of it is left
    counters.workerRetired(how);
  }

  private static String tail(Worker w) {
    ImmutableList<String> tail = w.child.stderrTail();
    return tail.isEmpty() ? "" : "; last stderr lines:\n  " + String.join("\n  ", tail);
  }
}

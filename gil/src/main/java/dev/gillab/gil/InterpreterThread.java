package dev.gillab.gil;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.errorprone.annotations.ThreadSafe;
import java.time.Duration;
import java.util.Optional;

/**
 * A running (or finished) interpreter thread: a real Java thread that takes the GIL, runs one code
 * object with its arguments, and lets go. Thread-safe: the outcome is published by the thread's
 * end, which {@link #join} waits for.
 */
@ThreadSafe
public final class InterpreterThread {
  private volatile Thread thread;
  private volatile Object result;
  private volatile Throwable error;
  private volatile long executed;

  InterpreterThread() {}

  void start(Thread t) {
    this.thread = t;
    t.start();
  }

  void succeeded(Object value) {
    this.result = value;
  }

  void failed(Throwable e) {
    this.error = e;
  }

  void executed(long n) {
    this.executed = n;
  }

  /** The Java thread. */
  public Thread thread() {
    return thread;
  }

  public String name() {
    return thread.getName();
  }

  /** Waits at most {@code timeout} for the thread to end; answers whether it has. */
  public boolean join(Duration timeout) throws InterruptedException {
    checkNotNull(timeout, "timeout");
    thread.join(Math.max(1, timeout.toMillis()));
    return !thread.isAlive();
  }

  public boolean isAlive() {
    return thread.isAlive();
  }

  /**
   * The program's return value as a Java value.
   *
   * @throws InterpreterError if the program raised one (the same error object)
   * @throws IllegalStateException if the thread is still running, or failed otherwise
   */
  public Object result() {
    checkState(!thread.isAlive(), "interpreter thread %s is still running", name());
    Throwable e = error;
    if (e instanceof InterpreterError interpreterError) {
      throw interpreterError;
    }
    if (e != null) {
      throw new IllegalStateException("interpreter thread " + name() + " failed: " + e, e);
    }
    return result;
  }

  /** What the thread failed with, if it did (empty while running). */
  public Optional<Throwable> error() {
    return Optional.ofNullable(error);
  }

  /** Instructions it ran (known once it ended). */
  public long executed() {
    return executed;
  }
}

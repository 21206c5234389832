package dev.gillab.gil;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.errorprone.annotations.ThreadSafe;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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

  /** {@return the Java thread that runs the code} */
  public Thread thread() {
    return thread;
  }

  /** {@return the Java thread's name, as the interpreter's thread factory gave it} */
  public String name() {
    return thread.getName();
  }

  /**
   * Waits at most {@code timeout} for the thread to end; answers whether it has.
   *
   * @param timeout how long to wait, not null; rounded down to milliseconds, and at least one
   *     millisecond (a zero timeout does not wait forever); one of more than {@code Long.MAX_VALUE}
   *     milliseconds waits {@code Long.MAX_VALUE} milliseconds, which is as good as forever
   * @return whether the thread has ended
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public boolean join(Duration timeout) throws InterruptedException {
    checkNotNull(timeout, "timeout");
    // convert saturates where toMillis() throws, as the locks' timeouts saturate their nanos.
    thread.join(Math.max(1, TimeUnit.MILLISECONDS.convert(timeout)));
    return !thread.isAlive();
  }

  /** {@return whether the thread is still running; false once it has ended} */
  public boolean isAlive() {
    return thread.isAlive();
  }

  /**
   * The program's return value as a Java value.
   *
   * @return the value, as {@link Interpreter#run} answers it
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

  /**
   * {@return what the thread failed with, if it did: an {@link InterpreterError} for an error the
   * program raised; empty while it has not failed}
   */
  public Optional<Throwable> error() {
    return Optional.ofNullable(error);
  }

  /**
   * {@return the instructions the thread ran, with the element work the instruction budget charges;
   * 0 until the thread has ended}
   */
  public long executed() {
    return executed;
  }
}

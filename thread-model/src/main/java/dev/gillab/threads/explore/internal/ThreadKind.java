package dev.gillab.threads.explore.internal;

import com.google.common.util.concurrent.Uninterruptibles;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The kind of thread an exploration runs on: virtual threads where the running JDK has them (21 or
 * later, found at run time, since this module compiles for 17), platform threads otherwise or when
 * asked.
 *
 * <p>Why virtual threads: every run needs threads that no earlier run touched, and starting a
 * platform thread costs hundreds of microseconds where a virtual one costs a few. And when the
 * scheduler is a virtual thread too, a hand-off between it and a program thread is a switch of
 * continuations on a carrier, not a sleep and a wake-up of two OS threads. Stateless and
 * thread-safe.
 */
public enum ThreadKind {
  /** Virtual program threads and a virtual scheduler. */
  VIRTUAL,
  /** Platform program threads, scheduled from the calling thread. */
  PLATFORM;

  private static final Optional<ThreadFactory> VIRTUAL_FACTORY = findVirtualFactory();

  /** How long a caller interrupted during an exploration waits for its scheduler to stop. */
  private static final long SCHEDULER_STOP_BOUND_SECONDS = 30;

  /** Virtual threads if {@code preferVirtual} and the running JDK has them, else platform. */
  public static ThreadKind choose(boolean preferVirtual) {
    return preferVirtual && VIRTUAL_FACTORY.isPresent() ? VIRTUAL : PLATFORM;
  }

  /** Makes unstarted threads of this kind. */
  public ThreadFactory factory() {
    return this == VIRTUAL ? VIRTUAL_FACTORY.orElseThrow() : Thread::new;
  }

  /**
   * Runs {@code work} as the scheduler of an exploration and answers its result: on a virtual
   * thread named {@code name} that the caller waits for, or on the calling thread itself for
   * platform threads. Whatever {@code work} throws is thrown here. If the caller is interrupted,
   * the scheduler is interrupted too (it stops its program threads) and waited for, up to a bound,
   * before {@link InterruptedException} is thrown.
   */
  public <T> T runScheduler(String name, Callable<T> work) throws InterruptedException {
    if (this == PLATFORM) {
      return call(work);
    }
    AtomicReference<@Nullable T> result = new AtomicReference<>();
    AtomicReference<@Nullable Throwable> thrown = new AtomicReference<>();
    Thread scheduler =
        factory()
            .newThread(
                () -> {
                  try {
                    result.set(work.call());
                  } catch (Throwable t) { // handed to the caller, who throws it
                    thrown.set(t);
                  }
                });
    scheduler.setName(name);
    scheduler.start();
    try {
      scheduler.join();
    } catch (InterruptedException e) {
      scheduler.interrupt();
      Uninterruptibles.joinUninterruptibly(
          scheduler, SCHEDULER_STOP_BOUND_SECONDS, TimeUnit.SECONDS);
      throw e;
    }
    Throwable t = thrown.get();
    if (t != null) {
      throwUnchecked(t);
    }
    return result.get();
  }

  private static <T> T call(Callable<T> work) throws InterruptedException {
    try {
      return work.call();
    } catch (InterruptedException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("the scheduler threw " + e, e);
    }
  }

  private static void throwUnchecked(Throwable t) throws InterruptedException {
    if (t instanceof InterruptedException interruptedException) {
      throw interruptedException;
    }
    if (t instanceof RuntimeException runtimeException) {
      throw runtimeException;
    }
    if (t instanceof Error error) {
      throw error;
    }
    throw new IllegalStateException("the scheduler threw " + t, t);
  }

  private static Optional<ThreadFactory> findVirtualFactory() {
    try {
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      Class<?> builderType = Class.forName("java.lang.Thread$Builder");
      return Optional.of((ThreadFactory) builderType.getMethod("factory").invoke(builder));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return Optional.empty(); // JDK 17 to 20: no virtual threads
    }
  }
}

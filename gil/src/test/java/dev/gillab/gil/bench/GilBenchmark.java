package dev.gillab.gil.bench;

import dev.gillab.gil.Gil;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Uncontended acquire + release of the GIL against lock + unlock of a {@code ReentrantLock}, and
 * the eval-breaker check ({@link Gil#checkpoint()}) when no one asked for the GIL.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GilBenchmark {
  private final Gil gil = Gil.create();
  private final Gil held = Gil.create();
  private final ReentrantLock lock = new ReentrantLock();

  @Benchmark
  public void gilAcquireRelease() {
    gil.acquire();
    gil.release();
  }

  @Benchmark
  @SuppressWarnings("LockNotBeforeTry") // measures the bare pair, as gilAcquireRelease does
  public void reentrantLockLockUnlock() {
    lock.lock();
    lock.unlock();
  }

  @Benchmark
  public boolean gilCheckpointNobodyWaiting() {
    if (!held.isHeldByCurrentThread()) {
      held.acquire();
    }
    held.checkpoint();
    return held.isHeldByCurrentThread();
  }
}

package dev.gillab.locks.bench;

import dev.gillab.locks.LockSet;
import dev.gillab.locks.OwnedLock;
import dev.gillab.locks.Policy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Uncontended acquire + release, one thread. {@code single*}: one lock. {@code nested*}: take
 * outer, take inner, release both; with order checking that is one "outer -> inner" edge per
 * operation, validated on the first and found in the cache on every later one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LockBenchmark {
  private final ReentrantLock jdkOuter = new ReentrantLock();
  private final ReentrantLock jdkInner = new ReentrantLock();

  private final OwnedLock uncheckedOuter = OwnedLock.create("outer");
  private final OwnedLock uncheckedInner = OwnedLock.create("inner");

  private final LockSet waitForSet = LockSet.builder()
      .waitFor(Policy.THROW).order(Policy.DISABLED).captureStacks(false).build();
  private final OwnedLock waitForOuter = waitForSet.newLock("outer");
  private final OwnedLock waitForInner = waitForSet.newLock("inner");

  private final LockSet stacksSet = LockSet.builder()
      .waitFor(Policy.THROW).order(Policy.DISABLED).captureStacks(true).build();
  private final OwnedLock stacksLock = stacksSet.newLock("outer");

  private final LockSet orderSet = LockSet.builder()
      .waitFor(Policy.DISABLED).order(Policy.THROW).build();
  private final OwnedLock orderOuter = orderSet.newLock("outer");
  private final OwnedLock orderInner = orderSet.newLock("inner");

  @Benchmark
  public void singleReentrantLock() {
    jdkOuter.lock();
    jdkOuter.unlock();
  }

  @Benchmark
  public void singleOwnedUnchecked() {
    uncheckedOuter.acquireUninterruptibly();
    uncheckedOuter.release();
  }

  @Benchmark
  public void singleOwnedWaitFor() {
    waitForOuter.acquireUninterruptibly();
    waitForOuter.release();
  }

  @Benchmark
  public void singleOwnedWaitForWithStacks() {
    stacksLock.acquireUninterruptibly();
    stacksLock.release();
  }

  @Benchmark
  public void singleOwnedOrderChecked() {
    orderOuter.acquireUninterruptibly();
    orderOuter.release();
  }

  @Benchmark
  public void nestedReentrantLock() {
    jdkOuter.lock();
    jdkInner.lock();
    jdkInner.unlock();
    jdkOuter.unlock();
  }

  @Benchmark
  public void nestedOwnedUnchecked() {
    uncheckedOuter.acquireUninterruptibly();
    uncheckedInner.acquireUninterruptibly();
    uncheckedInner.release();
    uncheckedOuter.release();
  }

  @Benchmark
  public void nestedOwnedWaitFor() {
    waitForOuter.acquireUninterruptibly();
    waitForInner.acquireUninterruptibly();
    waitForInner.release();
    waitForOuter.release();
  }

  @Benchmark
  public void nestedOwnedOrderChecked() {
    orderOuter.acquireUninterruptibly();
    orderInner.acquireUninterruptibly();
    orderInner.release();
    orderOuter.release();
  }
}

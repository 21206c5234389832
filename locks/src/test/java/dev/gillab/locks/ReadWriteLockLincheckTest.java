package dev.gillab.locks;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/**
 * Lincheck judges {@link OwnedReadWriteLock} as a read/write lock from outside: client code guards
 * a plain int with it, and every result is checked against a sequential object with no lock at all.
 *
 * <h2>What is checked</h2>
 *
 * A writer marks itself inside, writes the value in two steps (a read, then a write of one more)
 * and leaves; a reader marks itself inside and reads. Each operation answers {@code -1} when it
 * finds the other kind inside (a reader beside a writer, a writer beside anybody), which the
 * sequential {@link Spec} never answers; two writers inside together also lose an update, which no
 * sequential order explains either. A thread that can never get the lock shows as a hang. The
 * operations cover the lock's own mechanics: {@code read} (a barging read, or a wait on the gate
 * while a writer holds), {@code write}, {@code readTwice} (a re-entry), and {@code writeThenRead}
 * (a downgrade: the write release wakes readers waiting on the gate while the caller still reads).
 *
 * <p>The lock is made by a checking lock set (wait-for THROW, order THROW, no stacks), so the
 * detectors' registration runs in every interleaving too: a false deadlock report would fail the
 * operation. Scenarios are built by hand, one per mechanism; the model checker runs each through
 * 100 interleavings.
 *
 * <h2>Teeth</h2>
 *
 * Each of these breaks, made by hand in {@code RwSync}, fails the test with "The execution has
 * hung" (a reader waiting on the gate for a write release that came and went):
 *
 * <ul>
 *   <li>no {@code writeReleased.signalAll()} in {@code unlockWrite};
 *   <li>{@code unlockWrite} reading {@code gateWaiters} before the unlock instead of after it (a
 *       reader counted between the two reads is never woken): the lost wake-up the class comment of
 *       {@code RwSync} argues away.
 * </ul>
 */
class ReadWriteLockLincheckTest {
  /** Client code: a plain value that readers read and writers bump, and who is inside. */
  public static final class Guarded {
    private final OwnedReadWriteLock lock =
        LockSet.builder()
            .waitFor(Policy.THROW)
            .order(Policy.THROW)
            .captureStacks(false)
            .build()
            .newReadWriteLock("value");
    private final AtomicInteger readersInside = new AtomicInteger();
    private final AtomicInteger writersInside = new AtomicInteger();

    /** Guarded by the lock's write side; deliberately neither volatile nor atomic. */
    private int value;

    @Operation
    public int read() {
      lock.acquireReadUninterruptibly();
      try {
        return readInside();
      } finally {
        lock.releaseRead();
      }
    }

    @Operation
    public int readTwice() {
      lock.acquireReadUninterruptibly();
      try {
        lock.acquireReadUninterruptibly();
        try {
          return readInside();
        } finally {
          lock.releaseRead();
        }
      } finally {
        lock.releaseRead();
      }
    }

    @Operation
    public int write() {
      lock.acquireWriteUninterruptibly();
      try {
        return writeInside();
      } finally {
        lock.releaseWrite();
      }
    }

    /** Writes, then reads what it wrote after letting the write side go. */
    @Operation
    public int writeThenRead() {
      lock.acquireWriteUninterruptibly();
      int wrote;
      try {
        wrote = writeInside();
        lock.acquireReadUninterruptibly();
      } finally {
        lock.releaseWrite();
      }
      try {
        int read = readInside();
        return read == wrote ? wrote : -1;
      } finally {
        lock.releaseRead();
      }
    }

    private int readInside() {
      readersInside.incrementAndGet();
      try {
        return writersInside.get() > 0 ? -1 : value;
      } finally {
        readersInside.decrementAndGet();
      }
    }

    private int writeInside() {
      if (writersInside.incrementAndGet() > 1 || readersInside.get() > 0) {
        writersInside.decrementAndGet();
        return -1;
      }
      try {
        int v = value + 1; // two steps: a second writer inside loses an update
        value = v;
        return v;
      } finally {
        writersInside.decrementAndGet();
      }
    }
  }

  /** The sequential specification: no lock, nobody else inside. */
  public static final class Spec {
    private int value;

    public int read() {
      return value;
    }

    public int readTwice() {
      return value;
    }

    public int write() {
      return ++value;
    }

    public int writeThenRead() {
      return ++value;
    }
  }

  @Test
  void modelChecking() {
    Class<?> c = Guarded.class;
    new ModelCheckingOptions()
        .sequentialSpecification(Spec.class)
        .iterations(0)
        .invocationsPerIteration(100)
        .addCustomScenario(parallel(thread("read", "write"), thread("write", "readTwice")))
        .addCustomScenario(parallel(thread("writeThenRead"), thread("read"), thread("write")))
        .check(c);
  }

  private static String[] thread(String... operations) {
    return operations;
  }

  private static ExecutionScenario parallel(String[]... threads) {
    List<List<Actor>> parallel = new ArrayList<>();
    for (String[] thread : threads) {
      List<Actor> actors = new ArrayList<>();
      for (String name : thread) {
        actors.add(actor(name));
      }
      parallel.add(actors);
    }
    return new ExecutionScenario(List.of(), parallel, List.of(), null);
  }

  private static Actor actor(String name) {
    try {
      Method m = Guarded.class.getMethod(name);
      return new Actor(m, List.of(), false, false, false, false, false);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException("Guarded has no " + name, e);
    }
  }
}

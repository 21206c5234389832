package dev.gillab.refcount.bench;

import dev.gillab.refcount.CountStrategy;
import dev.gillab.refcount.Heap;
import dev.gillab.refcount.HeapObject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One {@code incRef} + {@code decRef} pair per operation, per count strategy: PLAIN, ATOMIC (one
 * thread; two threads on one object), BIASED (in the owner thread; in another thread), IMMORTAL.
 * Throughput in pairs per microsecond.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CountBenchmark {

  /** Objects made in the benchmark thread (so it owns the biased one). */
  @State(Scope.Thread)
  public static class Owned {
    HeapObject<String> plain;
    HeapObject<String> atomic;
    HeapObject<String> biased;
    HeapObject<String> immortal;

    @Setup(Level.Trial)
    public void setUp() {
      plain = Heap.builder().strategy(CountStrategy.PLAIN).build().allocate("p");
      atomic = Heap.builder().strategy(CountStrategy.ATOMIC).build().allocate("a");
      biased = Heap.builder().strategy(CountStrategy.BIASED).build().allocate("b");
      immortal = Heap.builder().strategy(CountStrategy.PLAIN).build().allocateImmortal("i");
    }
  }

  /** A biased object owned by another thread, so the benchmark thread uses the shared count. */
  @State(Scope.Thread)
  public static class Foreign {
    HeapObject<String> biased;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
      Heap heap = Heap.builder().strategy(CountStrategy.BIASED).build();
      AtomicReference<HeapObject<String>> made = new AtomicReference<>();
      Thread owner = new Thread(() -> made.set(heap.allocate("b")));
      owner.start();
      owner.join();
      biased = made.get();
    }
  }

  /** One atomic object that two benchmark threads share. */
  @State(Scope.Group)
  public static class SharedAtomic {
    HeapObject<String> atomic;

    @Setup(Level.Trial)
    public void setUp() {
      atomic = Heap.builder().strategy(CountStrategy.ATOMIC).build().allocate("s");
    }
  }

  @Benchmark
  public boolean plain(Owned s) {
    return incRefThenDecRef(s.plain);
  }

  @Benchmark
  public boolean atomic(Owned s) {
    return incRefThenDecRef(s.atomic);
  }

  @Benchmark
  @Group("atomicTwoThreadsOneObject")
  @GroupThreads(2)
  public boolean atomicContended(SharedAtomic s) {
    return incRefThenDecRef(s.atomic);
  }

  @Benchmark
  public boolean biasedOwner(Owned s) {
    return incRefThenDecRef(s.biased);
  }

  @Benchmark
  public boolean biasedNonOwner(Foreign s) {
    return incRefThenDecRef(s.biased);
  }

  @Benchmark
  public boolean immortal(Owned s) {
    return incRefThenDecRef(s.immortal);
  }

  /** The measured operation: one pair, whose result is returned so JMH keeps it. */
  private static boolean incRefThenDecRef(HeapObject<String> object) {
    object.incRef();
    return object.decRef();
  }
}

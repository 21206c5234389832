package dev.gillab.refcount.bench;

import dev.gillab.refcount.CountStrategy;
import dev.gillab.refcount.Heap;
import dev.gillab.refcount.HeapObject;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the heap's bookkeeping costs: allocating and freeing a small object on a heap (the
 * interpreter's int per loop iteration), against creating the same object with {@code new} and
 * no heap. Average time per operation, in nanoseconds.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class AllocationBenchmark {

  /** The small object: what an interpreter's int is. */
  public static final class SmallInt {
    final long value;

    SmallInt(long value) {
      this.value = value;
    }
  }

  /**
   * The same counted object made with {@code new} and no heap: a value, an id and a count, as
   * a heap object has, but no counters, no checks and no free.
   */
  public static final class CountedWithoutHeap {
    final long id;
    final Object value;
    int count = 1;

    CountedWithoutHeap(long id, Object value) {
      this.id = id;
      this.value = value;
    }
  }

  private long next;
  private Heap plain;
  private Heap atomic;
  private Heap biased;
  private Heap plainDebug;

  @Setup
  public void setUp() {
    plain = Heap.builder().strategy(CountStrategy.PLAIN).build();
    atomic = Heap.builder().strategy(CountStrategy.ATOMIC).build();
    biased = Heap.builder().strategy(CountStrategy.BIASED).build();
    plainDebug = Heap.builder().strategy(CountStrategy.PLAIN).debug(true).build();
  }

  @Benchmark
  public SmallInt newWithoutHeap() {
    return new SmallInt(next++);
  }

  @Benchmark
  public CountedWithoutHeap newCountedWithoutHeap() {
    long id = next++;
    return new CountedWithoutHeap(id, new SmallInt(id));
  }

  @Benchmark
  public HeapObject<SmallInt> plainAllocateFree() {
    HeapObject<SmallInt> o = plain.allocate(new SmallInt(next++));
    o.decRef();
    return o;
  }

  @Benchmark
  public HeapObject<SmallInt> atomicAllocateFree() {
    HeapObject<SmallInt> o = atomic.allocate(new SmallInt(next++));
    o.decRef();
    return o;
  }

  @Benchmark
  public HeapObject<SmallInt> biasedAllocateFree() {
    HeapObject<SmallInt> o = biased.allocate(new SmallInt(next++));
    o.decRef();
    return o;
  }

  @Benchmark
  public HeapObject<SmallInt> plainDebugAllocateFree() {
    HeapObject<SmallInt> o = plainDebug.allocate(new SmallInt(next++));
    o.decRef();
    return o;
  }
}

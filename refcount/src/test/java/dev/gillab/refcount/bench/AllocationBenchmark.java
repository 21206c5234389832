package dev.gillab.refcount.bench;

import dev.gillab.refcount.CountStrategy;
import dev.gillab.refcount.Heap;
import dev.gillab.refcount.HeapObject;
import dev.gillab.refcount.HeapStats;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the heap's bookkeeping costs: allocating and freeing a small object on a heap (the
 * interpreter's int per loop iteration), against creating the same object with {@code new} and no
 * heap. Average time per operation, in nanoseconds.
 *
 * <p>Every side makes the same payload ({@code new SmallInt(next++)}) and hands what it made to the
 * {@link Blackhole}, so the payload escapes on every side and escape analysis can remove none of
 * them: the heap side pays for the payload, the heap object, the counters and the free; the
 * baseline pays for the payload alone.
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
   * The same counted object made with {@code new} and no heap: a value, an id and a count, as a
   * heap object has, but no counters, no checks and no free.
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

  /** Every allocation was really freed: the heaps end empty (a failed check fails the run). */
  @TearDown
  public void tearDown() {
    for (Heap heap : List.of(plain, atomic, biased, plainDebug)) {
      HeapStats stats = heap.stats();
      if (stats.live() != 0 || stats.allocated() != stats.freed()) {
        throw new IllegalStateException(heap + " ended with live objects");
      }
      heap.close();
    }
  }

  @Benchmark
  public void newWithoutHeap(Blackhole bh) {
    bh.consume(new SmallInt(next++));
  }

  @Benchmark
  public void newCountedWithoutHeap(Blackhole bh) {
    long id = next++;
    bh.consume(new CountedWithoutHeap(id, new SmallInt(id)));
  }

  @Benchmark
  public void plainAllocateFree(Blackhole bh) {
    HeapObject<SmallInt> o = plain.allocate(new SmallInt(next++));
    o.decRef();
    bh.consume(o);
  }

  @Benchmark
  public void atomicAllocateFree(Blackhole bh) {
    HeapObject<SmallInt> o = atomic.allocate(new SmallInt(next++));
    o.decRef();
    bh.consume(o);
  }

  @Benchmark
  public void biasedAllocateFree(Blackhole bh) {
    HeapObject<SmallInt> o = biased.allocate(new SmallInt(next++));
    o.decRef();
    bh.consume(o);
  }

  @Benchmark
  public void plainDebugAllocateFree(Blackhole bh) {
    HeapObject<SmallInt> o = plainDebug.allocate(new SmallInt(next++));
    o.decRef();
    bh.consume(o);
  }
}

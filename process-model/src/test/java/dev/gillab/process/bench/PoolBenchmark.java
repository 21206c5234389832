package dev.gillab.process.bench;

import dev.gillab.process.Codecs;
import dev.gillab.process.ProcessPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A warm pool: round trip of an empty task on 2 workers (sample mode gives the median), tiny tasks
 * per second with 64 in flight, and the same CPU-bound work (4 equal tasks) on 1 and on 2 workers,
 * whose ratio is the speed-up.
 */
@State(Scope.Benchmark)
public class PoolBenchmark {
  private static final byte[] EMPTY = new byte[0];
  private static final int IN_FLIGHT = 64;
  private static final long ROUNDS = 300_000_000L;

  @Param({"2"})
  public int workers;

  private ProcessPool pool;

  @Setup
  public void start() throws InterruptedException {
    pool = readyPool(workers);
  }

  @TearDown
  public void stop() {
    pool.close();
  }

  /** A pool of {@code workers} bench-task workers, every one started: measuring starts warm. */
  static ProcessPool readyPool(int workers) throws InterruptedException {
    ProcessPool pool = ProcessPool.builder().workers(workers).taskModule(BenchTasks.class).build();
    if (!pool.awaitReady(Duration.ofSeconds(60))) {
      pool.close();
      throw new IllegalStateException("workers did not start");
    }
    return pool;
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public byte[] warmRoundTrip() throws Exception {
    return pool.submit(ProcessPool.ECHO_TASK, EMPTY).get(30, TimeUnit.SECONDS);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(IN_FLIGHT)
  public int tinyTasks() throws Exception {
    List<CompletableFuture<byte[]>> futures = new ArrayList<>(IN_FLIGHT);
    for (int i = 0; i < IN_FLIGHT; i++) {
      futures.add(pool.submit(ProcessPool.ECHO_TASK, EMPTY));
    }
    int n = 0;
    for (CompletableFuture<byte[]> f : futures) {
      n += f.get(30, TimeUnit.SECONDS).length;
    }
    return n;
  }

  /** CPU-bound work, equal in total for any worker count: 4 tasks of ROUNDS each. */
  @State(Scope.Benchmark)
  public static class CpuPool {
    @Param({"1", "2"})
    public int cpuWorkers;

    ProcessPool pool;

    @Setup
    public void start() throws Exception {
      pool = readyPool(cpuWorkers);
    }

    @TearDown
    public void stop() {
      pool.close();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long cpuBound(CpuPool cpu) throws Exception {
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      futures.add(cpu.pool.submit(BenchTasks.CRUNCH, ROUNDS, Codecs.int64(), Codecs.int64()));
    }
    long x = 0;
    for (CompletableFuture<Long> f : futures) {
      x ^= f.get(120, TimeUnit.SECONDS);
    }
    return x;
  }
}

package dev.gillab.process.bench;

import dev.gillab.process.Codecs;
import dev.gillab.process.TaskModule;
import dev.gillab.process.TaskRegistry;

/** Tasks for the benchmarks. Stateless. */
public final class BenchTasks implements TaskModule {
  /** CPU-bound: runs the int64 payload rounds of an xorshift generator, returns the last value. */
  public static final String CRUNCH = "bench.crunch";

  @Override
  public void register(TaskRegistry.Builder tasks) {
    tasks.add(CRUNCH, Codecs.int64(), Codecs.int64(), BenchTasks::crunch);
  }

  static long crunch(long rounds) {
    long x = 88172645463325252L;
    for (long i = 0; i < rounds; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
    }
    return x;
  }
}

package dev.gillab.process.bench;

import dev.gillab.process.Codecs;
import dev.gillab.process.TaskModule;
import dev.gillab.process.TaskRegistry;
import dev.gillab.testing.Xorshift;

/** Tasks for the benchmarks. Stateless. */
public final class BenchTasks implements TaskModule {
  /** CPU-bound: runs the int64 payload rounds of an xorshift generator, returns the last value. */
  public static final String CRUNCH = "bench.crunch";

  @Override
  public void register(TaskRegistry.Builder tasks) {
    tasks.add(CRUNCH, Codecs.int64(), Codecs.int64(), BenchTasks::crunch);
  }

  static long crunch(long rounds) {
    return Xorshift.spin(88172645463325252L, rounds);
  }
}

package dev.gillab.threads.bench;

import dev.gillab.threads.explore.Classics;
import dev.gillab.threads.explore.Exploration;
import dev.gillab.threads.explore.Explorer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Schedules explored per second: the score is schedules/s, since each invocation explores every
 * schedule of a program (6 for two threads, 90 for three): on fresh threads per run (the default:
 * virtual threads where the JDK has them), on fresh platform threads ({@code Platform}), and with
 * one reused thread per program thread ({@code Reused}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ExplorerBenchmark {
  private final Explorer explorer = Explorer.defaults();
  private final Explorer platform = Explorer.builder().virtualThreads(false).build();
  private final Explorer reusing = Explorer.builder().reuseThreads(true).build();

  @Benchmark
  @OperationsPerInvocation(6)
  public Exploration lostUpdateTwoThreads() throws InterruptedException {
    return explorer.exhaustive(Classics.lostUpdate(2));
  }

  @Benchmark
  @OperationsPerInvocation(90)
  public Exploration lostUpdateThreeThreads() throws InterruptedException {
    return explorer.exhaustive(Classics.lostUpdate(3));
  }

  @Benchmark
  @OperationsPerInvocation(90)
  public Exploration lostUpdateThreeThreadsPlatform() throws InterruptedException {
    return platform.exhaustive(Classics.lostUpdate(3));
  }

  @Benchmark
  @OperationsPerInvocation(6)
  public Exploration lostUpdateTwoThreadsReused() throws InterruptedException {
    return reusing.exhaustive(Classics.lostUpdate(2));
  }

  @Benchmark
  @OperationsPerInvocation(90)
  public Exploration lostUpdateThreeThreadsReused() throws InterruptedException {
    return reusing.exhaustive(Classics.lostUpdate(3));
  }
}

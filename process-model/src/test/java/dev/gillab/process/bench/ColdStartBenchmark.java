package dev.gillab.process.bench;

import com.google.common.collect.ImmutableList;
import dev.gillab.process.ProcessPool;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Cold start: from launching a worker JVM to its first reply (an empty task), per set of child JVM
 * options ("default" is {@link ProcessPool#FAST_START_OPTIONS}). Sample mode gives the median over
 * every start in the measurement. JMH measures the option sets one after another, so on a shared
 * machine compare them with {@link ColdStartRounds}, which interleaves them.
 */
@State(Scope.Thread)
public class ColdStartBenchmark {
  private static final Map<String, List<String>> OPTIONS =
      Map.of(
          "none",
          List.of(),
          "serialgc",
          List.of("-XX:+UseSerialGC"),
          "noperfdata",
          List.of("-XX:-UsePerfData"),
          "tiered1",
          List.of("-XX:TieredStopAtLevel=1"),
          "xshareoff",
          List.of("-Xshare:off"),
          "default",
          ProcessPool.FAST_START_OPTIONS,
          "default+tiered1",
          ImmutableList.<String>builder()
              .addAll(ProcessPool.FAST_START_OPTIONS)
              .add("-XX:TieredStopAtLevel=1")
              .build());

  @Param({"none", "xshareoff", "serialgc", "noperfdata", "tiered1", "default", "default+tiered1"})
  public String options;

  private ProcessPool pool;

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public byte[] startToFirstReply() throws Exception {
    pool = ProcessPool.builder().workers(1).jvmOptions(OPTIONS.get(options)).build();
    return pool.submit(ProcessPool.ECHO_TASK, new byte[0]).get(60, TimeUnit.SECONDS);
  }

  @TearDown(Level.Invocation)
  public void stop() {
    if (pool != null) {
      pool.shutdownNow();
      pool = null;
    }
  }
}

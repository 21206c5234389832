package dev.gillab.gil.bench;

import dev.gillab.gil.Code;
import dev.gillab.gil.Examples;
import dev.gillab.gil.Interpreter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Countdown iterations per second on one thread with the GIL in force: with the default eval
 * breaker (backward jumps and calls, superinstructions on) and with a check before every
 * instruction (no superinstructions). CPython's figure for the same loop comes from {@link
 * CountdownVsCPython}, which alternates the two in one run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CountdownBenchmark {
  private static final long N = 1_000_000L;

  @Param({"false", "true"})
  public boolean everyInstruction;

  private Interpreter in;
  private Code code;

  @Setup(Level.Trial)
  public void setUp() {
    in = Interpreter.builder().checkEveryInstruction(everyInstruction).build();
    code = Examples.countdown();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    in.close();
  }

  @Benchmark
  @OperationsPerInvocation(1_000_000)
  public Object countdown() {
    return in.run(code, N);
  }
}

package dev.gillab.gil.lessons;

import dev.gillab.gil.Code;
import dev.gillab.gil.Interpreter;
import dev.gillab.gil.InterpreterThread;
import java.time.Duration;
import java.util.List;

/** What several lessons do: run one program on two interpreter threads at once. */
final class TwoThreads {
  /** How long a lesson waits for each thread before it carries on without it. */
  private static final Duration WAIT = Duration.ofMinutes(2);

  private TwoThreads() {}

  /**
   * Starts {@code code(n)} on two threads of {@code in}, waits for both, and answers them; an error
   * either raised stays in its thread ({@link InterpreterThread#error()}).
   */
  static List<InterpreterThread> run(Interpreter in, Code code, long n)
      throws InterruptedException {
    InterpreterThread a = in.start(code, n);
    InterpreterThread b = in.start(code, n);
    a.join(WAIT);
    b.join(WAIT);
    return List.of(a, b);
  }

  /** {@link #run}, then each thread's result: an error either raised is thrown here. */
  static List<InterpreterThread> runToEnd(Interpreter in, Code code, long n)
      throws InterruptedException {
    List<InterpreterThread> both = run(in, code, n);
    both.forEach(InterpreterThread::result);
    return both;
  }
}

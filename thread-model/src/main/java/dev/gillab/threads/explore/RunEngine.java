package dev.gillab.threads.explore;

import com.google.common.collect.ImmutableList;
import dev.gillab.threads.explore.internal.ProgramThread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Runs a program once, step by step, on real threads, with a {@link Chooser} deciding who goes
 * next. Every program thread is stopped and joined before {@link #run} returns.
 */
final class RunEngine {
  private static final long STOP_BOUND_MILLIS = 1_000;

  private final Duration stepTimeout;

  RunEngine(Duration stepTimeout) {
    this.stepTimeout = stepTimeout;
  }

  <S> Execution run(Program<S> program, Chooser chooser) throws InterruptedException {
    S state = program.newState();
    Semaphore done = new Semaphore(0);
    ImmutableList.Builder<ProgramThread> built = ImmutableList.builder();
    for (int i = 0; i < program.threadNames().size(); i++) {
      built.add(
          new ProgramThread(
              program.name().replaceAll("\\s+", "_"),
              program.threadNames().get(i),
              program.stepsOf(i, state),
              done));
    }
    ImmutableList<ProgramThread> threads = built.build();
    threads.forEach(ProgramThread::start);

    List<TraceRow> trace = new ArrayList<>();
    @Nullable ProgramThread stuck = null;
    try {
      while (true) {
        List<ProgramThread> unfinished =
            threads.stream().filter(t -> !t.isFinished()).collect(Collectors.toList());
        if (unfinished.isEmpty()) {
          chooser.finished(trace.size(), threads);
          return finish(program, state, trace, threads);
        }
        ImmutableList<Integer> enabled;
        try {
          enabled = enabledIndices(threads);
        } catch (RuntimeException e) {
          return execution(program, Outcome.STEP_FAILED, trace,
              "an enabled condition threw " + e, null, e, threads);
        }
        if (enabled.isEmpty()) {
          chooser.finished(trace.size(), threads);
          return execution(program, Outcome.DEADLOCK, trace, deadlockVerdict(unfinished), null,
              null, threads);
        }
        int chosen = chooser.choose(trace.size(), threads, enabled);
        ProgramThread thread = threads.get(chosen);
        String label = thread.nextStep().label();
        thread.grantTurn();
        if (!ProgramThread.awaitStep(done, stepTimeout.toNanos())) {
          stuck = thread;
          trace.add(new TraceRow(trace.size() + 1, thread.name(), label, "cut off"));
          return execution(program, Outcome.STEP_TIMED_OUT, trace,
              String.format("step '%s' of %s did not return within %d ms",
                  label, thread.name(), stepTimeout.toMillis()),
              null, null, threads);
        }
        trace.add(new TraceRow(trace.size() + 1, thread.name(), label, thread.lastNote()));
        Throwable failure = thread.failure();
        if (failure != null) {
          return execution(program, Outcome.STEP_FAILED, trace,
              String.format("step '%s' of %s threw %s", label, thread.name(), failure),
              null, failure, threads);
        }
      }
    } finally {
      // Normally done already by execution(); this covers a chooser that rejected the run.
      for (ProgramThread t : threads) {
        t.abort(t == stuck);
      }
      for (ProgramThread t : threads) {
        t.awaitExit(STOP_BOUND_MILLIS);
      }
    }
  }

  private static ImmutableList<Integer> enabledIndices(ImmutableList<ProgramThread> threads) {
    ImmutableList.Builder<Integer> enabled = ImmutableList.builder();
    for (int i = 0; i < threads.size(); i++) {
      ProgramThread t = threads.get(i);
      if (!t.isFinished() && t.nextStep().isEnabled()) {
        enabled.add(i);
      }
    }
    return enabled.build();
  }

  private static String deadlockVerdict(List<ProgramThread> blocked) {
    return "deadlock: "
        + blocked.stream()
            .map(t -> t.name() + " waits at '" + t.nextStep().label() + "'")
            .collect(Collectors.joining("; "));
  }

  private <S> Execution finish(
      Program<S> program, S state, List<TraceRow> trace, List<ProgramThread> threads)
      throws InterruptedException {
    String described = program.describe(state);
    boolean holds;
    try {
      holds = program.invariantHolds(state);
    } catch (RuntimeException e) {
      return execution(program, Outcome.STEP_FAILED, trace,
          "invariant '" + program.invariantName() + "' threw " + e, described, e,
          threads);
    }
    return holds
        ? execution(program, Outcome.PASSED, trace,
            "invariant '" + program.invariantName() + "' held: " + described, described, null,
            threads)
        : execution(program, Outcome.INVARIANT_VIOLATED, trace,
            "invariant '" + program.invariantName() + "' violated: " + described, described,
            null, threads);
  }

  /** Builds the result, first stopping every thread of the run and naming any that would not stop. */
  private Execution execution(
      Program<?> program,
      Outcome outcome,
      List<TraceRow> trace,
      String verdict,
      @Nullable String finalState,
      @Nullable Throwable failure,
      List<ProgramThread> threads) throws InterruptedException {
    ImmutableList.Builder<String> stranded = ImmutableList.builder();
    for (ProgramThread t : threads) {
      t.abort(outcome == Outcome.STEP_TIMED_OUT);
    }
    for (ProgramThread t : threads) {
      if (!t.awaitExit(STOP_BOUND_MILLIS)) {
        stranded.add(t.name());
      }
    }
    return new Execution(program.name(), program.threadNames(), outcome,
        ImmutableList.copyOf(trace), verdict, finalState, failure, stranded.build());
  }
}

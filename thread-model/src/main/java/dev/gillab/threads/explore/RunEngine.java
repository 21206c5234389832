package dev.gillab.threads.explore;

import com.google.common.collect.ImmutableList;
import dev.gillab.threads.explore.internal.ProgramThread;
import dev.gillab.threads.explore.internal.ProgramThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Runs a program once, step by step, on the exploration's program threads, with a {@link Chooser}
 * deciding who goes next. When {@link #run} returns, no step of the run is in flight: a step that
 * did not return in time has had its thread retired and replaced.
 */
final class RunEngine {
  private final Duration stepTimeout;

  RunEngine(Duration stepTimeout) {
    this.stepTimeout = stepTimeout;
  }

  <S> Execution run(Program<S> program, Chooser chooser, ProgramThreads pool)
      throws InterruptedException {
    S state = program.newState();
    Semaphore done = new Semaphore(0);
    ImmutableList<ProgramThread> threads = pool.forNextRun();
    for (int i = 0; i < threads.size(); i++) {
      threads.get(i).arm(program.stepsOf(i, state), done);
    }

    List<TraceRow> trace = new ArrayList<>();
    while (true) {
      List<ProgramThread> unfinished =
          threads.stream().filter(t -> !t.isFinished()).collect(Collectors.toList());
      if (unfinished.isEmpty()) {
        chooser.finished(trace.size(), threads);
        return finish(program, state, trace);
      }
      ImmutableList<Integer> enabled;
      try {
        enabled = enabledIndices(threads);
      } catch (RuntimeException e) {
        return execution(
            program,
            Outcome.STEP_FAILED,
            trace,
            "an enabled condition threw " + e,
            null,
            e,
            ImmutableList.of());
      }
      if (enabled.isEmpty()) {
        chooser.finished(trace.size(), threads);
        return execution(
            program,
            Outcome.DEADLOCK,
            trace,
            deadlockVerdict(unfinished),
            null,
            null,
            ImmutableList.of());
      }
      int chosen = chooser.choose(trace.size(), threads, enabled);
      ProgramThread thread = threads.get(chosen);
      String label = thread.nextStep().label();
      thread.grantTurn();
      if (!ProgramThread.awaitStep(done, stepTimeout.toNanos())) {
        trace.add(new TraceRow(trace.size() + 1, thread.name(), label, "cut off"));
        boolean stopped = pool.replace(chosen);
        return execution(
            program,
            Outcome.STEP_TIMED_OUT,
            trace,
            String.format(
                "step '%s' of %s did not return within %d ms",
                label, thread.name(), stepTimeout.toMillis()),
            null,
            null,
            stopped ? ImmutableList.of() : ImmutableList.of(thread.name()));
      }
      trace.add(new TraceRow(trace.size() + 1, thread.name(), label, thread.lastNote()));
      Throwable failure = thread.failure();
      if (failure != null) {
        return execution(
            program,
            Outcome.STEP_FAILED,
            trace,
            String.format("step '%s' of %s threw %s", label, thread.name(), failure),
            null,
            failure,
            ImmutableList.of());
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

  private static <S> Execution finish(Program<S> program, S state, List<TraceRow> trace) {
    String described = program.describe(state);
    String invariant = "invariant '" + program.invariantName() + "'";
    boolean holds;
    try {
      holds = program.invariantHolds(state);
    } catch (RuntimeException e) {
      return execution(
          program,
          Outcome.STEP_FAILED,
          trace,
          invariant + " threw " + e,
          described,
          e,
          ImmutableList.of());
    }
    return holds
        ? execution(
            program,
            Outcome.PASSED,
            trace,
            invariant + " held: " + described,
            described,
            null,
            ImmutableList.of())
        : execution(
            program,
            Outcome.INVARIANT_VIOLATED,
            trace,
            invariant + " violated: " + described,
            described,
            null,
            ImmutableList.of());
  }

  private static Execution execution(
      Program<?> program,
      Outcome outcome,
      List<TraceRow> trace,
      String verdict,
      @Nullable String finalState,
      @Nullable Throwable failure,
      ImmutableList<String> stranded) {
    return new Execution(
        program.name(),
        program.threadNames(),
        outcome,
        ImmutableList.copyOf(trace),
        verdict,
        finalState,
        failure,
        stranded);
  }
}

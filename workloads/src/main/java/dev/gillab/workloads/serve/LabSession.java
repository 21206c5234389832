package dev.gillab.workloads.serve;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.gillab.gil.step.Stepper;
import java.util.List;
import java.util.Map;

/**
 * One learner's run: a {@link Program} and the {@link Stepper} they are choosing the schedule of. A
 * stepper is not thread-safe, so every use of it is under this session's lock: two requests for the
 * same session (a double click) take turns, and requests for different sessions never wait for each
 * other.
 */
final class LabSession {
  private final Program program;

  @GuardedBy("this")
  private final Stepper stepper;

  LabSession(Program program, Stepper stepper) {
    this.program = program;
    this.stepper = stepper;
  }

  Program program() {
    return program;
  }

  /** The state after running thread {@code threadId} one step. */
  synchronized Map<String, Object> step(String id, int threadId) {
    List<Integer> choices = stepper.choices();
    if (!choices.contains(threadId)) {
      throw new HttpError(
          409,
          "thread "
              + threadId
              + " cannot take a step now; "
              + (choices.isEmpty() ? "the run has ended" : "the threads that can are " + choices));
    }
    stepper.step(threadId);
    return Views.state(id, program, stepper);
  }

  /** The state with the last step taken back (the same state if there was none). */
  synchronized Map<String, Object> undo(String id) {
    stepper.undo();
    return Views.state(id, program, stepper);
  }

  synchronized Map<String, Object> state(String id) {
    return Views.state(id, program, stepper);
  }
}

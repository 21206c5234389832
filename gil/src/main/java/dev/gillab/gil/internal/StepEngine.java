package dev.gillab.gil.internal;

import dev.gillab.gil.Code;
import dev.gillab.gil.SwitchingPolicy;
import dev.gillab.gil.step.Goal;
import dev.gillab.gil.step.Outcome;
import dev.gillab.gil.step.Snapshot;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One stepped run of a program; see {@code dev.gillab.gil.step.Stepper}. Not thread-safe. */
public final class StepEngine {
  public StepEngine(
      Code module,
      String source,
      SwitchingPolicy policy,
      boolean everyInstruction,
      long instructionBudget,
      long maxMemory,
      int maxSteps) {
    throw new UnsupportedOperationException("not yet");
  }

  public List<Integer> choices() {
    throw new UnsupportedOperationException("not yet");
  }

  public int[] choiceArray() {
    throw new UnsupportedOperationException("not yet");
  }

  public boolean canStep(int threadId) {
    throw new UnsupportedOperationException("not yet");
  }

  public void step(int threadId) {
    throw new UnsupportedOperationException("not yet");
  }

  public List<Integer> schedule() {
    throw new UnsupportedOperationException("not yet");
  }

  public Outcome outcome() {
    throw new UnsupportedOperationException("not yet");
  }

  public Snapshot snapshot() {
    throw new UnsupportedOperationException("not yet");
  }

  public @Nullable String globalRepr(String name) {
    throw new UnsupportedOperationException("not yet");
  }

  public boolean reached(Goal goal) {
    throw new UnsupportedOperationException("not yet");
  }
}

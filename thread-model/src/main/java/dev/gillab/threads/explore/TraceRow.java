package dev.gillab.threads.explore;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.errorprone.annotations.Immutable;
import org.jspecify.annotations.Nullable;

/**
 * One executed step of a run: its position (from 1), the thread that took it, the step's label and
 * the note the step returned about the values it read or wrote.
 */
@Immutable
public final class TraceRow {
  private final int index;
  private final String thread;
  private final String step;
  private final @Nullable String note;

  /**
   * A row, as the explorer records it.
   *
   * @param index the step's position in the run, from 1
   * @param thread the thread that took the step
   * @param step the step's label
   * @param note what the step said about the values it read or wrote, or null
   */
  public TraceRow(int index, String thread, String step, @Nullable String note) {
    this.index = index;
    this.thread = checkNotNull(thread, "thread");
    this.step = checkNotNull(step, "step");
    this.note = note;
  }

  /**
   * The step's position in the run.
   *
   * @return from 1
   */
  public int index() {
    return index;
  }

  /**
   * The thread that took the step.
   *
   * @return the thread's name
   */
  public String thread() {
    return thread;
  }

  /**
   * What the step does.
   *
   * @return the step's label, as {@code "tmp = x"}
   */
  public String step() {
    return step;
  }

  /**
   * What the step said about the values it read or wrote.
   *
   * @return the note, as {@code "read 0"}, or null if the step returned none
   */
  public @Nullable String note() {
    return note;
  }

  /**
   * The label with its note, as a cell of {@link Execution#table()}.
   *
   * @return e.g. {@code "tmp = x [read 0]"}
   */
  public String cell() {
    return note == null || note.isEmpty() ? step : step + "  [" + note + "]";
  }

  @Override
  public String toString() {
    return index + ". " + thread + ": " + cell();
  }
}

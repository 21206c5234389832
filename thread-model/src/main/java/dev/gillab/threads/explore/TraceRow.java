package dev.gillab.threads.explore;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.errorprone.annotations.Immutable;
import org.jspecify.annotations.Nullable;

/**
 * One executed step of a run: its position (from 1), the thread that took it, the step's label
 * and the note the step returned about the values it read or wrote.
 */
@Immutable
public final class TraceRow {
  private final int index;
  private final String thread;
  private final String step;
  private final @Nullable String note;

  public TraceRow(int index, String thread, String step, @Nullable String note) {
    this.index = index;
    this.thread = checkNotNull(thread, "thread");
    this.step = checkNotNull(step, "step");
    this.note = note;
  }

  public int index() {
    return index;
  }

  public String thread() {
    return thread;
  }

  public String step() {
    return step;
  }

  public @Nullable String note() {
    return note;
  }

  /** The label with its note: {@code "tmp = x  [read 0]"}. */
  public String cell() {
    return note == null || note.isEmpty() ? step : step + "  [" + note + "]";
  }

  @Override
  public String toString() {
    return index + ". " + thread + ": " + cell();
  }
}

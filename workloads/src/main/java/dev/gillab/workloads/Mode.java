package dev.gillab.workloads;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How an experiment spreads its workers: one after another, as threads of one interpreter, as
 * processes, as interpreters side by side in one JVM. The {@link #label()} is what tables and the
 * JSON document show. Immutable.
 */
public enum Mode {
  /** The workers' jobs one after another on one thread: the baseline of every speed-up. */
  SEQUENTIAL("sequential"),
  /** Threads of one interpreter, under its GIL. */
  THREADS_GIL("threads-gil"),
  /** Threads of one interpreter with no GIL and atomic reference counts (PEP 703). */
  THREADS_NOGIL_ATOMIC("threads-nogil-atomic"),
  /** Threads of one interpreter with no GIL and biased reference counts (PEP 703). */
  THREADS_NOGIL_BIASED("threads-nogil-biased"),
  /** Worker processes of a pool, each running its own interpreter and GIL. */
  PROCESSES("processes"),
  /** Interpreters side by side in one JVM, each with its own GIL (PEP 684). */
  SUBINTERPRETERS("subinterpreters"),
  /** Threads of one interpreter under its GIL, but virtual threads (JDK 21 and later). */
  VIRTUAL_THREADS("virtual-threads");

  private final String label;

  Mode(String label) {
    this.label = label;
  }

  /** {@return the name tables and the JSON document show, e.g. {@code threads-gil}} */
  public String label() {
    return label;
  }

  /**
   * The mode called {@code label}, e.g. {@code "threads-gil"}.
   *
   * @param label a mode's {@link #label()}, in any case
   * @return the mode with that label
   * @throws IllegalArgumentException if no mode has it; the message lists those that exist
   */
  public static Mode ofLabel(String label) {
    for (Mode m : values()) {
      if (m.label.equals(label.toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown mode '"
            + label
            + "'; known: "
            + Arrays.stream(values()).map(Mode::label).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return label;
  }
}

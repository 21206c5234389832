package dev.gillab.workloads.internal;

import org.jspecify.annotations.Nullable;

/**
 * One timed run of one mode: wall seconds, GIL switches and percent of the threads' GIL time spent
 * waiting for it — both null where the mode has no GIL (policy {@code none}) — and the instructions
 * the run's interpreters executed, null where the mode runs none (an echo round trip timed from
 * Java). Immutable.
 */
public record Sample(
    double seconds,
    @Nullable Long switches,
    @Nullable Double waitPercent,
    @Nullable Long instructions) {

  /** A run that executed no counted instructions. */
  public Sample(double seconds, @Nullable Long switches, @Nullable Double waitPercent) {
    this(seconds, switches, waitPercent, null);
  }
}

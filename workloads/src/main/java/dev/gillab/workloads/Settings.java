package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What an experiment runs with: its sizes, the switching policy the user chose, where progress
 * lines go (the command sends them to standard error), and the adaptive mode, or null for a fixed
 * number of timed runs ({@link Sizes#cpuRepeats()} in {@code cpu}, {@link Sizes#repeats()} in
 * {@code io}). {@code convoy} times {@link Sizes#convoyRepeats()} runs either way. Immutable; the
 * progress sink must be thread-safe.
 *
 * @param sizes how big each experiment is
 * @param policy the switching policy the user chose
 * @param progress where progress lines go, one line per call; must be thread-safe
 * @param adaptive the adaptive mode, or null for a fixed number of timed runs
 */
public record Settings(
    Sizes sizes, PolicyChoice policy, Consumer<String> progress, @Nullable Adaptive adaptive) {
  /**
   * Checks that only {@code adaptive} may be null.
   *
   * @param sizes how big each experiment is
   * @param policy the switching policy the user chose
   * @param progress where progress lines go; must be thread-safe
   * @param adaptive the adaptive mode, or null for a fixed number of timed runs
   * @throws NullPointerException if {@code sizes}, {@code policy} or {@code progress} is null
   */
  public Settings {
    checkNotNull(sizes, "sizes");
    checkNotNull(policy, "policy");
    checkNotNull(progress, "progress");
  }

  /**
   * Fixed repeats: no adaptive mode, so each experiment times as many runs as {@code sizes} sets.
   *
   * @param sizes how big each experiment is
   * @param policy the switching policy the user chose
   * @param progress where progress lines go; must be thread-safe
   * @throws NullPointerException if any argument is null
   */
  public Settings(Sizes sizes, PolicyChoice policy, Consumer<String> progress) {
    this(sizes, policy, progress, null);
  }

  /**
   * Quiet settings: no progress lines, fixed repeats.
   *
   * @param sizes how big each experiment is
   * @param policy the switching policy the user chose
   * @return settings that drop every progress line
   * @throws NullPointerException if either argument is null
   */
  public static Settings of(Sizes sizes, PolicyChoice policy) {
    return new Settings(sizes, policy, line -> {});
  }

  /**
   * The same settings under {@code other}.
   *
   * @param other the switching policy to run under instead
   * @return these settings with {@code other} in place of {@link #policy()}
   * @throws NullPointerException if {@code other} is null
   */
  public Settings withPolicy(PolicyChoice other) {
    return new Settings(sizes, other, progress, adaptive);
  }

  void say(String line) {
    progress.accept(line);
  }
}

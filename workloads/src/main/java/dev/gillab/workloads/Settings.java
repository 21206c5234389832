package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What an experiment runs with: its sizes, the switching policy the user chose, where progress
 * lines go (the command sends them to standard error), and the adaptive mode, or null for a fixed
 * number of timed runs ({@link Sizes#repeats()}). Immutable; the progress sink must be thread-safe.
 */
public record Settings(
    Sizes sizes, PolicyChoice policy, Consumer<String> progress, @Nullable Adaptive adaptive) {
  public Settings {
    checkNotNull(sizes, "sizes");
    checkNotNull(policy, "policy");
    checkNotNull(progress, "progress");
  }

  /** Fixed repeats. */
  public Settings(Sizes sizes, PolicyChoice policy, Consumer<String> progress) {
    this(sizes, policy, progress, null);
  }

  /** Quiet settings: no progress lines. */
  public static Settings of(Sizes sizes, PolicyChoice policy) {
    return new Settings(sizes, policy, line -> {});
  }

  /** The same settings under {@code other}. */
  public Settings withPolicy(PolicyChoice other) {
    return new Settings(sizes, other, progress, adaptive);
  }

  void say(String line) {
    progress.accept(line);
  }
}

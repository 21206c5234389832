package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.function.Consumer;

/**
 * What an experiment runs with: its sizes, the switching policy the user chose, and where
 * progress lines go (the command sends them to standard error). Immutable; the progress sink
 * must be thread-safe.
 */
public record Settings(Sizes sizes, PolicyChoice policy, Consumer<String> progress) {
  public Settings {
    checkNotNull(sizes, "sizes");
    checkNotNull(policy, "policy");
    checkNotNull(progress, "progress");
  }

  /** Quiet settings: no progress lines. */
  public static Settings of(Sizes sizes, PolicyChoice policy) {
    return new Settings(sizes, policy, line -> {});
  }

  void say(String line) {
    progress.accept(line);
  }
}

package dev.gillab.workloads;

import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every subcommand of {@code gil-lab} has: the top command (its options given before the
 * subcommand, its streams) and its own spec, which a usage error names. Not thread-safe: filled by
 * picocli on one thread.
 */
abstract class Subcommand implements Callable<Integer> {
  @ParentCommand GilLab parent;

  @Spec CommandSpec spec;

  /** A usage error saying {@code message}, followed by this command's usage. */
  final ParameterException usageError(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** Refuses every top-command option given: this command uses none of them. */
  final void refuseTheTopOptions() {
    parent.options.refuseAllBut(Set.of(), spec, spec.name());
  }
}

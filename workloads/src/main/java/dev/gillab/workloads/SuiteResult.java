package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything one {@code gil-lab} run measured: the JVM and core count it ran on, the timed rows of
 * {@code cpu} and {@code io}, the convoy rows, the race and deadlock outcomes, and the modes it
 * skipped with the reason, the machine around each experiment ({@link MachineRow}) and, when {@link
 * Trust} found the figures to be a busy machine's, the one line that says so ({@code busyMachine},
 * null otherwise). This is the document {@code --json FILE} writes; its schema is in the module
 * README. Immutable.
 */
public record SuiteResult(
    String java,
    int cores,
    List<ResultRow> results,
    List<ConvoyRow> convoy,
    List<RaceRow> race,
    List<DeadlockRow> deadlock,
    List<SkippedRow> skipped,
    List<MachineRow> machine,
    @Nullable String busyMachine) {
  public SuiteResult {
    checkNotNull(java, "java");
    checkArgument(cores >= 1, "cores must be at least 1, was %s", cores);
    results = ImmutableList.copyOf(results);
    convoy = ImmutableList.copyOf(convoy);
    race = ImmutableList.copyOf(race);
    deadlock = ImmutableList.copyOf(deadlock);
    skipped = ImmutableList.copyOf(skipped);
    // A document written before the machine was recorded reads as one with none.
    machine = machine == null ? ImmutableList.of() : ImmutableList.copyOf(machine);
  }

  /**
   * The running JVM's name and version and the cores it sees, with no figures and no machine
   * recorded: what a report of one program run shows where a suite's figures would be.
   */
  public static SuiteResult noFigures() {
    return new SuiteResult(
        javaDescription(),
        Runtime.getRuntime().availableProcessors(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        null);
  }

  /** e.g. {@code "OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1"}. */
  public static String javaDescription() {
    return System.getProperty("java.vm.name") + " " + Runtime.version();
  }
}

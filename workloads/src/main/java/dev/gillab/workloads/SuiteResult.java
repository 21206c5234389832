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
 *
 * @param java the JVM's name and version ({@link #javaDescription()})
 * @param cores the cores the JVM saw
 * @param results the rows of {@code cpu} and {@code io}
 * @param convoy the rows of {@code convoy}
 * @param race the rows of {@code race}
 * @param deadlock the rows of {@code deadlock}
 * @param skipped the modes not run, with the reason
 * @param machine the machine around each experiment, in the order they ran
 * @param busyMachine the line that says the figures are a busy machine's ({@link Trust#verdict}),
 *     or null when they can be trusted
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
  /**
   * Checks the JVM and the core count and copies the lists; a null {@code machine}, as a document
   * written before the machine was recorded reads, becomes an empty list.
   *
   * @param java the JVM's name and version
   * @param cores the cores the JVM saw; at least 1
   * @param results the rows of {@code cpu} and {@code io}
   * @param convoy the rows of {@code convoy}
   * @param race the rows of {@code race}
   * @param deadlock the rows of {@code deadlock}
   * @param skipped the modes not run
   * @param machine the machine around each experiment, or null for none
   * @param busyMachine the busy-machine line, or null
   * @throws IllegalArgumentException if {@code cores} is below 1
   */
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
   * {@return the running JVM's name and version and the cores it sees, with no figures and no
   * machine recorded} It is what a report of one program run shows where a suite's figures would
   * be.
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

  /**
   * {@return the running JVM's name and version, e.g. {@code "OpenJDK 64-Bit Server VM
   * 17.0.15+6-Debian-1deb12u1"}}
   */
  public static String javaDescription() {
    return System.getProperty("java.vm.name") + " " + Runtime.version();
  }
}

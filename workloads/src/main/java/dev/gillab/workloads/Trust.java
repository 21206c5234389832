package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Whether a run's figures can be trusted: a pure function of the {@link MachineSample}s taken
 * around each experiment, so it is the same rule in the tests as on a real machine.
 *
 * <p>An experiment's figures are from a <em>busy machine</em> when the run got less CPU than it
 * wanted: over the experiment (if it lasted at least {@value #MIN_SECONDS_DURING} s; shorter ones
 * are within the OS counters' resolution) other work used more than {@value #OTHERS_PER_CORE} cores
 * per core <em>and</em> the machine was full (this run's cores and other work's together at least
 * {@value #FULL} of all cores), so a thread of this run that wanted a core could not always have
 * one. Other work's cores are the machine's busy time less this run's (its own and its worker JVMs'
 * CPU time), where the OS gives the machine's busy time (Linux).
 *
 * <p>Where it does not, the load average stands in, less an estimate of this run's own part of it:
 * the figures are a busy machine's when the load before an experiment is above {@value
 * #OTHERS_PER_CORE} per core, or the load after it is and the machine was full. The load average is
 * the kernel's moving average of runnable threads over about a minute, so right after one
 * experiment it still carries that experiment's own threads; this run's part is estimated the same
 * way, as a moving average of its CPU share with the load average's time constant, {@value
 * #LOAD_TIME_CONSTANT_SECONDS} s, starting from 0. The estimate is rough (a run's threads that wait
 * count in the load but use no CPU: a load of 1.8 at the start of {@code convoy} with no other work
 * at all was seen), which is why measured busy time comes first.
 *
 * <p>A run is trustworthy when none of its experiments is busy; otherwise {@link #verdict} is the
 * one line the command prints first. Stateless.
 */
public final class Trust {
  /**
   * Other work per core above which figures are a busy machine's: on 2 cores, half a core. A
   * parallel mode wants every core, and 0.55 of 2 cores of other work was seen to take two workers'
   * speed-up from 1.8x to 1.2x.
   */
  public static final double OTHERS_PER_CORE = 0.25;

  /** Share of all cores in use at which the machine counts as full. */
  public static final double FULL = 0.9;

  /** The time constant of the kernel's 1-minute load average. */
  public static final double LOAD_TIME_CONSTANT_SECONDS = 60;

  /** Experiments shorter than this are not judged on what happened during them. */
  public static final double MIN_SECONDS_DURING = 1;

  private Trust() {}

  /**
   * The samples around one experiment.
   *
   * @param experiment the experiment's name, e.g. {@code cpu}
   * @param before the sample taken just before it started
   * @param after the sample taken just after it ended
   */
  public record Span(String experiment, MachineSample before, MachineSample after) {}

  /**
   * The machine rows of {@code spans} (in the order they ran, each after {@code runStart}), each
   * judged by the rule above on a machine of {@code cores} cores.
   *
   * @param cores the cores the JVM sees; at least 1
   * @param runStart the sample taken when the run started, before the first span, from which this
   *     run's own part of the load average is estimated
   * @param spans the experiments' samples, in the order they ran
   * @return a row per span, in the same order; immutable
   * @throws IllegalArgumentException if {@code cores} is below 1
   */
  public static List<MachineRow> judge(int cores, MachineSample runStart, List<Span> spans) {
    checkArgument(cores >= 1, "cores must be at least 1, was %s", cores);
    List<MachineRow> rows = new ArrayList<>();
    MachineSample last = runStart;
    double ownLoad = 0;
    for (Span s : spans) {
      ownLoad = decay(ownLoad, last, s.before());
      double ownBefore = ownLoad;
      ownLoad = decay(ownLoad, s.before(), s.after());
      rows.add(row(cores, s, ownBefore, ownLoad));
      last = s.after();
    }
    return ImmutableList.copyOf(rows);
  }

  /**
   * The line that says the figures are a busy machine's, from the first busy row (naming the
   * others), or null when every row is trustworthy.
   *
   * @param rows the rows {@link #judge} made
   * @return the line, e.g. {@code figures from a busy machine: load 3.1 on 2 cores at the start of
   *     cpu (and 1 more: io); read them as such}, or null if no row is busy
   */
  public static @Nullable String verdict(List<MachineRow> rows) {
    List<MachineRow> busy = rows.stream().filter(r -> r.busy() != null).toList();
    if (busy.isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder("figures from a busy machine: ").append(busy.get(0).busy());
    if (busy.size() > 1) {
      b.append(" (and ")
          .append(busy.size() - 1)
          .append(" more: ")
          .append(
              String.join(
                  ", ", busy.subList(1, busy.size()).stream().map(MachineRow::experiment).toList()))
          .append(')');
    }
    return b.append("; read them as such").toString();
  }

  private static MachineRow row(int cores, Span s, double ownBefore, double ownAfter) {
    MachineSample a = s.before();
    MachineSample b = s.after();
    double seconds = Math.max(0, (b.nanoTime() - a.nanoTime()) / 1e9);
    double jvm = cores(b.jvmCpuNanos() - a.jvmCpuNanos(), seconds);
    double workers = cores(b.childCpuNanos() - a.childCpuNanos(), seconds);
    @Nullable Double others = null;
    if (a.hasMachineBusy() && b.hasMachineBusy() && seconds > 0) {
      others =
          Math.max(0, cores(b.machineBusyNanos() - a.machineBusyNanos(), seconds) - jvm - workers);
    }
    @Nullable String busy = null;
    if (others == null
        && a.hasLoadAverage()
        && a.loadAverage() - ownBefore > OTHERS_PER_CORE * cores) {
      busy =
          String.format(
              Locale.ROOT,
              "load %.1f on %d cores at the start of %s",
              a.loadAverage(),
              cores,
              s.experiment());
    } else if (seconds >= MIN_SECONDS_DURING) {
      double during =
          others != null
              ? others
              : b.hasLoadAverage() ? Math.max(0, b.loadAverage() - ownAfter) : 0;
      if (during > OTHERS_PER_CORE * cores && jvm + workers + during >= FULL * cores) {
        busy =
            String.format(
                Locale.ROOT,
                "other work took %.1f of %d cores during %s",
                during,
                cores,
                s.experiment());
      }
    }
    return new MachineRow(
        s.experiment(),
        seconds,
        cores,
        a.hasLoadAverage() ? a.loadAverage() : null,
        b.hasLoadAverage() ? b.loadAverage() : null,
        ownBefore,
        jvm,
        workers,
        others,
        busy);
  }

  /** The run's own part of the load average at {@code to}, given {@code own} at {@code from}. */
  static double decay(double own, MachineSample from, MachineSample to) {
    double dt = (to.nanoTime() - from.nanoTime()) / 1e9;
    if (dt <= 0) {
      return own;
    }
    double share = (to.ownCpuNanos() - from.ownCpuNanos()) / 1e9 / dt;
    double keep = Math.exp(-dt / LOAD_TIME_CONSTANT_SECONDS);
    return own * keep + Math.max(0, share) * (1 - keep);
  }

  private static double cores(long cpuNanos, double seconds) {
    return seconds <= 0 ? 0 : Math.max(0, cpuNanos / 1e9 / seconds);
  }
}

package dev.gillab.workloads;

import static com.google.common.collect.ImmutableList.toImmutableList;

import com.google.common.collect.ImmutableMap;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options every experiment command shares. Each field is null when not given, so a subcommand's
 * own value can win over the top command's ({@code gil-lab --quick cpu} and {@code gil-lab cpu
 * --quick} mean the same). Not thread-safe: filled by picocli on one thread.
 */
public final class CommonOptions {
  /** What the help says of {@code --policy}, here and on {@code run}. */
  static final String POLICY_HELP =
      "GIL switching policy: interval (default), ticks, io-priority, none.";

  @Option(
      names = "--workers",
      paramLabel = "N",
      description =
          "Workers for cpu and io, and the most CPU-bound threads beside the convoy "
              + "(defaults: cpu 2, io 16, convoy 2).")
  @Nullable Integer workers;

  @Option(names = "--policy", paramLabel = "POLICY", description = POLICY_HELP)
  @Nullable String policy;

  @Option(
      names = "--switch-interval",
      paramLabel = "TIME",
      description =
          "The switch interval, like sys.setswitchinterval: 5ms (default), 500us, "
              + "0.5ms, 1s; a bare number is milliseconds.")
  @Nullable String switchInterval;

  @Option(
      names = "--quick",
      description = "Tiny sizes and one timed run: a smoke test, not a measurement.")
  @Nullable Boolean quick;

  @Option(
      names = "--repeats",
      paramLabel = "N",
      description =
          "Timed runs per mode (default 3, cpu "
              + Sizes.CPU_REPEATS
              + ", convoy "
              + Sizes.CONVOY_REPEATS
              + "; --quick 1).")
  @Nullable Integer repeats;

  @Option(
      names = "--adaptive",
      description =
          "Repeat the timed runs of cpu and io until every"
              + " median's 95 %% interval is within 5 %% of it, or --max-time is reached.")
  @Nullable Boolean adaptive;

  @Option(
      names = "--max-time",
      paramLabel = "TIME",
      description =
          "With --adaptive: the most"
              + " time the timed runs of one batch may take (the cpu modes together; each io mode):"
              + " 90s, 2.5s; a bare number is seconds; default 60s.")
  @Nullable String maxTime;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description =
          "Also write every figure as JSON to"
              + " FILE: a regular file (a symbolic link is written through) or a new one in an existing"
              + " folder; checked before anything runs.")
  @Nullable Path json;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description =
          "Also write a one-page HTML"
              + " report to DIR (index.html, results.json, and the GIL timelines as gil-trace.json for"
              + " ui.perfetto.dev or chrome://tracing): a folder, or a new one in an existing folder;"
              + " checked before anything runs.")
  @Nullable Path report;

  /**
   * Each option's name and field, in the order they are declared here: the order picocli's help
   * lists them in. Each option is named once, in its {@code @Option}, so a new one joins {@link
   * #given} and {@link #mergedOver} without being listed again.
   */
  private static final ImmutableMap<String, VarHandle> OPTIONS = options();

  private static ImmutableMap<String, VarHandle> options() {
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    ImmutableMap.Builder<String, VarHandle> options = ImmutableMap.builder();
    for (Field field : CommonOptions.class.getDeclaredFields()) {
      Option option = field.getAnnotation(Option.class);
      if (option != null) {
        try {
          options.put(option.names()[0], lookup.unreflectVarHandle(field));
        } catch (IllegalAccessException e) {
          throw new LinkageError("an option field of its own class is out of reach", e);
        }
      }
    }
    return options.buildOrThrow();
  }

  /** The options given, by name, in the order the help lists them. */
  List<String> given() {
    return OPTIONS.entrySet().stream()
        .filter(option -> option.getValue().get(this) != null)
        .map(Map.Entry::getKey)
        .collect(toImmutableList());
  }

  /**
   * Refuses the first option given that {@code command} does not use: ignored, it would let a user
   * believe it had taken effect.
   *
   * @throws ParameterException naming the option and the command
   */
  void refuseAllBut(Set<String> used, CommandSpec spec, String command) {
    for (String name : given()) {
      if (!used.contains(name)) {
        throw new ParameterException(spec.commandLine(), name + " does not apply to " + command);
      }
    }
  }

  /** This command's value where given, else the parent's. */
  CommonOptions mergedOver(@Nullable CommonOptions parent) {
    if (parent == null) {
      return this;
    }
    CommonOptions m = new CommonOptions();
    for (VarHandle field : OPTIONS.values()) {
      @Nullable Object mine = field.get(this);
      field.set(m, mine != null ? mine : field.get(parent));
    }
    return m;
  }
}

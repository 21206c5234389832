package dev.gillab.workloads;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options every experiment command shares. Each field is null when not given, so a
 * subcommand's own value can win over the top command's ({@code gil-lab --quick cpu} and {@code
 * gil-lab cpu --quick} mean the same). Not thread-safe: filled by picocli on one thread.
 */
public final class CommonOptions {
  @Option(names = "--workers", paramLabel = "N",
      description = "Workers for cpu and io, and the most CPU-bound threads beside the convoy "
          + "(defaults: cpu 2, io 16, convoy 2).")
  @Nullable Integer workers;

  @Option(names = "--policy", paramLabel = "POLICY",
      description = "GIL switching policy: interval (default), ticks, io-priority, none.")
  @Nullable String policy;

  @Option(names = "--switch-interval", paramLabel = "TIME",
      description = "The switch interval, like sys.setswitchinterval: 5ms (default), 500us, "
          + "0.5ms, 1s; a bare number is milliseconds.")
  @Nullable String switchInterval;

  @Option(names = "--quick", description = "Tiny sizes and one timed run: a smoke test, not a measurement.")
  @Nullable Boolean quick;

  @Option(names = "--repeats", paramLabel = "N", description = "Timed runs per mode (default 3; --quick 1).")
  @Nullable Integer repeats;

  @Option(names = "--adaptive", description = "Repeat the timed runs of cpu and io until every"
      + " median's 95 %% interval is within 5 %% of it, or --max-time is reached.")
  @Nullable Boolean adaptive;

  @Option(names = "--max-time", paramLabel = "TIME", description = "With --adaptive: the most"
      + " time the timed runs of one batch may take (the cpu modes together; each io mode):"
      + " 90s, 2.5s; a bare number is seconds; default 60s.")
  @Nullable String maxTime;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write every figure as JSON to"
      + " FILE: a regular file (a symbolic link is written through) or a new one in an existing"
      + " folder; checked before anything runs.")
  @Nullable Path json;

  @Option(names = "--report", paramLabel = "DIR", description = "Also write a one-page HTML"
      + " report to DIR (index.html, results.json, and the GIL timelines as gil-trace.json for"
      + " ui.perfetto.dev or chrome://tracing): a folder, or a new one in an existing folder;"
      + " checked before anything runs.")
  @Nullable Path report;

  /** The options given, by name, in the order the help lists them. */
  List<String> given() {
    Map<String, @Nullable Object> values = new LinkedHashMap<>();
    values.put("--workers", workers);
    values.put("--policy", policy);
    values.put("--switch-interval", switchInterval);
    values.put("--quick", quick);
    values.put("--repeats", repeats);
    values.put("--adaptive", adaptive);
    values.put("--max-time", maxTime);
    values.put("--json", json);
    values.put("--report", report);
    List<String> names = new ArrayList<>();
    values.forEach((name, value) -> {
      if (value != null) {
        names.add(name);
      }
    });
    return names;
  }

  /**
   * Refuses the first option given that {@code command} does not use: ignored, it would let a
   * user believe it had taken effect.
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
    m.workers = workers != null ? workers : parent.workers;
    m.policy = policy != null ? policy : parent.policy;
    m.switchInterval = switchInterval != null ? switchInterval : parent.switchInterval;
    m.quick = quick != null ? quick : parent.quick;
    m.repeats = repeats != null ? repeats : parent.repeats;
    m.adaptive = adaptive != null ? adaptive : parent.adaptive;
    m.maxTime = maxTime != null ? maxTime : parent.maxTime;
    m.json = json != null ? json : parent.json;
    m.report = report != null ? report : parent.report;
    return m;
  }
}

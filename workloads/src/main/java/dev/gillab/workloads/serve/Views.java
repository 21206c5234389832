package dev.gillab.workloads.serve;

import dev.gillab.gil.SwitchingPolicy;
import dev.gillab.gil.step.Goal;
import dev.gillab.gil.step.Granularity;
import dev.gillab.gil.step.Level;
import dev.gillab.gil.step.Stepper;
import dev.gillab.workloads.PolicyChoice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON the API answers with, as maps and records Jackson writes as they are: a session's state,
 * a level's summary, and the names of policies and granularities as the page shows them.
 */
final class Views {
  /** The policies the page offers, as the command names them. */
  static final List<String> POLICIES = List.of("interval", "ticks(100)", "io-priority", "none");

  private Views() {}

  /**
   * A session's state: the program (source and bytecode), the threads that may step, the goal and
   * whether it is reached, and the stepper's {@link dev.gillab.gil.step.Snapshot}.
   *
   * @param id the session's id, or null for a replay without a session
   */
  static Map<String, Object> state(@Nullable String id, Program p, Stepper s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("level", p.level() == null ? null : p.level().id());
    m.put("policy", p.policy().spec());
    m.put("granularity", granularity(p.granularity()));
    m.put("fileName", p.fileName());
    m.put("source", p.source());
    m.put("bytecode", s.bytecode());
    m.put("choices", s.choices());
    m.put("goal", p.goal() == null ? null : goal(p.goal(), s.reached(p.goal())));
    m.put("snapshot", s.snapshot());
    return m;
  }

  private static Map<String, Object> goal(Goal g, boolean reached) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("text", g.text());
    m.put("status", reached ? "solved" : "not yet");
    return m;
  }

  /** A level as the picker lists it. */
  static Map<String, Object> level(Level l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", l.id());
    m.put("title", l.title());
    m.put("text", l.text());
    m.put("policy", policy(l.policy()).spec());
    m.put("granularity", granularity(l.granularity()));
    m.put("goal", l.goal().text());
    m.put("solvable", l.solvable());
    return m;
  }

  /** {@code instruction} or {@code switch-point}. */
  static String granularity(Granularity g) {
    return g.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The granularity named, in the page's spelling or the enum's.
   *
   * @throws HttpError 400 if it is none
   */
  static Granularity granularity(String name) {
    String key = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (Granularity g : Granularity.values()) {
      if (g.name().equals(key)) {
        return g;
      }
    }
    throw HttpError.badRequest("unknown granularity; known: instruction, switch-point");
  }

  /** A level's policy as the command names it, so the page can offer it back. */
  static PolicyChoice policy(SwitchingPolicy p) {
    String spec;
    if (!p.excludes()) {
      spec = "none";
    } else if (p.ticksPerRelease() > 0) {
      spec = "ticks(" + p.ticksPerRelease() + ")";
    } else {
      spec = p.prioritizesIo() ? "io-priority" : "interval";
    }
    return PolicyChoice.of(spec, SwitchingPolicy.DEFAULT_INTERVAL);
  }
}

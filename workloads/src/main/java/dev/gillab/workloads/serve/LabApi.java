package dev.gillab.workloads.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.base.Splitter;
import com.google.common.base.Ticker;
import dev.gillab.gil.SwitchingPolicy;
import dev.gillab.gil.UserInput;
import dev.gillab.gil.python.PythonSyntaxError;
import dev.gillab.gil.step.Exhaustion;
import dev.gillab.gil.step.Explorer;
import dev.gillab.gil.step.Found;
import dev.gillab.gil.step.Goal;
import dev.gillab.gil.step.Granularity;
import dev.gillab.gil.step.Level;
import dev.gillab.gil.step.Levels;
import dev.gillab.gil.step.Stepper;
import dev.gillab.workloads.PolicyChoice;
import dev.gillab.workloads.internal.SessionTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/**
 * What each endpoint does, apart from HTTP: list the levels, start a session (from a level or from
 * a learner's source, optionally replaying a schedule), step, undo, read the state, search for a
 * bad schedule, replay a schedule without a session. Requests arrive as parsed JSON or query
 * parameters; answers leave as maps for Jackson; every refusal is an {@link HttpError}.
 * Thread-safe: sessions live in a {@link SessionTable}, each guards its own stepper, and at most
 * {@link ServeLimits#maxSearches()} searches run at once.
 */
final class LabApi {
  /** What tracebacks call a learner's own program. */
  static final String OWN_FILE = "program.py";

  /**
   * The instruction budget of each run a search makes: the levels' runs take a few hundred, and a
   * search runs up to {@link ServeLimits#maxSchedules()} of them, so a hostile program's search is
   * bounded by this times that, not by the session budget times that.
   */
  static final long SEARCH_RUN_INSTRUCTIONS = 50_000;

  private final ServeLimits limits;
  private final SessionTable<LabSession> sessions;
  private final Semaphore searches;
  private final Explorer explorer;

  LabApi(ServeLimits limits, Ticker ticker) {
    this.limits = limits;
    this.sessions = new SessionTable<>(limits.maxSessions(), limits.idleTimeout(), ticker);
    this.searches = new Semaphore(limits.maxSearches());
    this.explorer =
        Explorer.builder()
            .maxPreemptions(limits.maxPreemptions())
            .maxSchedules(limits.maxSchedules())
            .build();
  }

  /** {@code GET /api/levels}: every level, and the policies and granularities there are. */
  Map<String, Object> levels() {
    List<Map<String, Object>> levels = new ArrayList<>();
    for (Level l : Levels.all()) {
      levels.add(Views.level(l));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("levels", levels);
    m.put("policies", Views.POLICIES);
    List<String> gs = new ArrayList<>();
    for (Granularity g : Granularity.values()) {
      gs.add(Views.granularity(g));
    }
    m.put("granularities", gs);
    m.put("goals", List.of("none", "assertionFails", "deadlock", "globalEquals"));
    return m;
  }

  /** {@code POST /api/sessions}: a new session, after {@code schedule} if the body has one. */
  Map<String, Object> create(JsonNode body) {
    if (!body.isObject()) {
      throw HttpError.badRequest("send a JSON object: {\"level\": id} or {\"source\": text}");
    }
    Program p =
        program(
            text(body, "level"),
            text(body, "source"),
            text(body, "policy"),
            text(body, "granularity"),
            body.get("goal"));
    Stepper s = replay(p, schedule(body.get("schedule")));
    LabSession session = new LabSession(p, s);
    String id;
    try {
      id = sessions.add(session);
    } catch (SessionTable.FullException e) {
      throw new HttpError(503, e.getMessage());
    }
    return session.state(id);
  }

  /** {@code GET /api/sessions/{id}}. */
  Map<String, Object> state(String id) {
    return session(id).state(id);
  }

  /** {@code POST /api/sessions/{id}/step} with {@code {"thread": n}}. */
  Map<String, Object> step(String id, JsonNode body) {
    JsonNode t = body.get("thread");
    if (t == null || !t.isInt()) {
      throw HttpError.badRequest("send {\"thread\": n}, n one of the state's choices");
    }
    return session(id).step(id, t.intValue());
  }

  /** {@code POST /api/sessions/{id}/undo}. */
  Map<String, Object> undo(String id) {
    return session(id).undo(id);
  }

  /** {@code DELETE /api/sessions/{id}}. */
  void delete(String id) {
    if (!sessions.remove(id)) {
      throw unknownSession();
    }
  }

  /**
   * {@code POST /api/sessions/{id}/find}: the shortest schedule with the fewest preemptions that
   * reaches the session's goal, from the program's start; the session itself is not moved.
   */
  Map<String, Object> find(String id, JsonNode body) {
    Program p = session(id).program();
    if (p.goal() == null) {
      throw new HttpError(409, "this session has no goal to search for");
    }
    if (!searches.tryAcquire()) {
      throw new HttpError(503, "the server is searching for other sessions; try again shortly");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("maxPreemptions", limits.maxPreemptions());
    m.put("maxSchedules", limits.maxSchedules());
    try {
      Optional<Found> found = explorer.find(searchRun(p), p.goal());
      m.put("found", found.isPresent());
      if (found.isPresent()) {
        m.put("schedule", found.get().schedule());
        m.put("preemptions", found.get().preemptions());
        m.put("schedulesTried", found.get().schedulesTried());
      } else {
        // Whether that is a proof: every schedule within the bound, run to its end.
        Exhaustion all = explorer.exhaust(searchRun(p), p.goal(), limits.maxPreemptions());
        m.put("complete", all.complete());
        m.put("schedulesTried", all.schedules());
      }
    } finally {
      searches.release();
    }
    return m;
  }

  private static Stepper.Builder searchRun(Program p) {
    return p.builder()
        .instructionBudget(Math.min(p.limits().instructionBudget(), SEARCH_RUN_INSTRUCTIONS));
  }

  /**
   * {@code GET /api/replay?level=ID&policy=P&granularity=G&schedule=0.1.1}: the state after the
   * schedule, without a session ({@code source=TEXT} instead of {@code level} for one's own).
   */
  Map<String, Object> replay(Map<String, String> query) {
    Program p =
        program(
            query.get("level"),
            query.get("source"),
            query.get("policy"),
            query.get("granularity"),
            null);
    List<Integer> schedule = new ArrayList<>();
    String text = query.getOrDefault("schedule", "");
    for (String part : Splitter.onPattern("[.,]").omitEmptyStrings().trimResults().split(text)) {
      try {
        schedule.add(Integer.parseInt(part));
      } catch (NumberFormatException e) {
        throw HttpError.badRequest("schedule must be thread ids separated by dots, e.g. 0.1.1");
      }
      checkLength(schedule);
    }
    return Views.state(null, p, replay(p, schedule));
  }

  private Program program(
      @Nullable String levelId,
      @Nullable String source,
      @Nullable String policyName,
      @Nullable String granularityName,
      @Nullable JsonNode goal) {
    if ((levelId == null) == (source == null)) {
      throw HttpError.badRequest("give either a level or a source, not both or neither");
    }
    Level level = null;
    if (levelId != null) {
      try {
        level = Levels.byId(levelId);
      } catch (NoSuchElementException e) {
        throw HttpError.badRequest("no level '" + UserInput.echo(levelId) + "'");
      }
      source = level.source();
    } else if (source.length() > limits.maxBodyBytes()) {
      throw new HttpError(413, "the source is longer than the most a request may carry");
    }
    PolicyChoice policy;
    if (policyName != null) {
      try {
        policy = PolicyChoice.of(policyName, SwitchingPolicy.DEFAULT_INTERVAL);
      } catch (IllegalArgumentException e) {
        throw HttpError.badRequest(
            "unknown policy '" + UserInput.echo(policyName) + "'; known: " + Views.POLICIES);
      }
    } else {
      policy = level != null ? Views.policy(level.policy()) : PolicyChoice.defaultPolicy();
    }
    Granularity g =
        granularityName != null
            ? Views.granularity(granularityName)
            : level != null ? level.granularity() : Granularity.SWITCH_POINT;
    Goal theGoal = level != null ? level.goal() : Goals.parse(goal);
    return new Program(
        level, source, level != null ? level.fileName() : OWN_FILE, policy, g, theGoal, limits);
  }

  /**
   * A fresh stepper of {@code p} after {@code schedule}; a compile error as a 400 with its place.
   */
  private static Stepper replay(Program p, List<Integer> schedule) {
    try {
      return p.builder().replay(schedule);
    } catch (PythonSyntaxError e) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("kind", e.kind());
      d.put("line", e.line());
      d.put("column", e.column());
      d.put("detail", e.detail());
      d.put("sourceLine", e.sourceLine());
      throw new HttpError(400, e.getMessage(), d);
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(e.getMessage());
    }
  }

  private List<Integer> schedule(@Nullable JsonNode n) {
    List<Integer> schedule = new ArrayList<>();
    if (n == null || n.isNull()) {
      return schedule;
    }
    if (!n.isArray()) {
      throw HttpError.badRequest("schedule must be an array of thread ids");
    }
    for (JsonNode e : n) {
      if (!e.isInt()) {
        throw HttpError.badRequest("schedule must be an array of thread ids");
      }
      schedule.add(e.intValue());
      checkLength(schedule);
    }
    return schedule;
  }

  private void checkLength(List<Integer> schedule) {
    if (schedule.size() > limits.maxSteps()) {
      throw HttpError.badRequest("a schedule has at most " + limits.maxSteps() + " steps");
    }
  }

  private LabSession session(String id) {
    return sessions.get(id).orElseThrow(LabApi::unknownSession);
  }

  private static HttpError unknownSession() {
    return HttpError.notFound("no such session: it never was, or it was idle too long and ended");
  }

  private static @Nullable String text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw HttpError.badRequest(field + " must be a string");
    }
    return n.textValue();
  }
}

package dev.gillab.workloads.serve;

import static dev.gillab.workloads.serve.LabServerHttpTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gillab.gil.step.Level;
import dev.gillab.gil.step.Levels;
import dev.gillab.workloads.internal.SessionTableTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JSON API over real steppers: levels, sessions from a level and from source, steps, undo, the
 * goal's status, compile errors with their place, the search for a bad schedule, replay by URL, the
 * session limit, 50 sessions stepped at once each keeping its own state, and the interpreter's
 * sandbox (no file, network or process builtins; budgets that end runaway programs).
 */
class LabApiTest {
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private LabServer server;
  private Http http;

  @BeforeEach
  void start() throws Exception {
    server = start(ServeLimits.defaults());
    http = new Http(server.uri());
  }

  private LabServer start(ServeLimits limits) throws Exception {
    return LabServer.start(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        limits,
        new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    server.close();
    assertEquals("", log.toString(StandardCharsets.UTF_8), "no request failed on the server");
  }

  private JsonNode create(String json) {
    Http.Reply r = http.post("/api/sessions", json);
    assertEquals(201, r.status(), r.body());
    return r.json();
  }

  /** Creating a session from {@code json} is refused with {@code status} and {@code errorStart}. */
  private void assertCreateRefused(int status, String errorStart, String json) {
    assertRefused(status, errorStart, http.post("/api/sessions", json));
  }

  private static String source(String python) {
    try {
      return Http.JSON.writeValueAsString(java.util.Map.of("source", python));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private JsonNode step(JsonNode state, int thread) {
    Http.Reply r =
        http.post(
            "/api/sessions/" + state.get("id").asText() + "/step", "{\"thread\": " + thread + "}");
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  /** Steps the lowest thread that can step until the run ends. */
  private JsonNode runToEnd(JsonNode state) {
    for (int i = 0; i < 10_000 && state.get("choices").size() > 0; i++) {
      state = step(state, state.get("choices").get(0).intValue());
    }
    assertEquals(0, state.get("choices").size(), "the run ended");
    return state;
  }

  private static String global(JsonNode state, String name) {
    for (JsonNode g : state.get("snapshot").get("globals")) {
      if (g.get("name").asText().equals(name)) {
        return g.get("repr").asText();
      }
    }
    return null;
  }

  @Test
  void listsEveryLevelWithThePoliciesAndGranularities() {
    JsonNode r = http.get("/api/levels").json();
    assertEquals(Levels.all().size(), r.get("levels").size());
    JsonNode first = r.get("levels").get(0);
    Level level = Levels.all().get(0);
    assertEquals(level.id(), first.get("id").asText());
    assertEquals(level.title(), first.get("title").asText());
    assertEquals(level.goal().text(), first.get("goal").asText());
    assertEquals(
        "[\"interval\",\"ticks(100)\",\"io-priority\",\"none\"]", r.get("policies").toString());
    assertEquals("[\"instruction\",\"switch-point\"]", r.get("granularities").toString());
  }

  @Test
  void aLevelsSessionStepsUndoesAndReachesItsGoalByTheFoundSchedule() {
    JsonNode s = create("{\"level\": \"lost-update-no-gil\"}");
    String id = s.get("id").asText();
    assertEquals("none", s.get("policy").asText());
    assertEquals("not yet", s.get("goal").get("status").asText());
    assertEquals("[0]", s.get("choices").toString());
    assertTrue(s.get("bytecode").size() > 10);

    Http.Reply found = http.post("/api/sessions/" + id + "/find", "{}");
    assertEquals(200, found.status(), found.body());
    assertTrue(found.json().get("found").asBoolean());
    JsonNode schedule = found.json().get("schedule");
    assertEquals(
        "[]",
        http.get("/api/sessions/" + id).json().get("snapshot").get("schedule").toString(),
        "a search does not move the session");

    for (JsonNode t : schedule) {
      assertEquals("not yet", s.get("goal").get("status").asText());
      s = step(s, t.intValue());
    }
    assertEquals("solved", s.get("goal").get("status").asText());
    assertEquals("1", global(s, "counter"));
    assertEquals("FINISHED", s.get("snapshot").get("outcome").asText());
    assertEquals(schedule.toString(), s.get("snapshot").get("schedule").toString());

    JsonNode undone = http.post("/api/sessions/" + id + "/undo", "").json();
    assertEquals(schedule.size() - 1, undone.get("snapshot").get("steps").intValue());
    assertEquals("not yet", undone.get("goal").get("status").asText());

    JsonNode replayed =
        http.get("/api/replay?level=lost-update-no-gil&schedule=" + joined(schedule)).json();
    assertTrue(replayed.get("id").isNull(), "a replay makes no session");
    assertEquals("solved", replayed.get("goal").get("status").asText());
    assertEquals(schedule.toString(), replayed.get("snapshot").get("schedule").toString());
  }

  private static String joined(JsonNode schedule) {
    List<String> ids = new ArrayList<>();
    schedule.forEach(t -> ids.add(t.asText()));
    return String.join(".", ids);
  }

  @Test
  void aSessionMayStartFromAScheduleAndRefusesAStepNoThreadCanTake() {
    JsonNode s = create("{\"level\": \"opposite-order\", \"schedule\": [0, 0]}");
    assertEquals(2, s.get("snapshot").get("steps").intValue());
    assertRefused(
        409,
        "thread 7 cannot take a step now; the threads that can are [0]",
        http.post("/api/sessions/" + s.get("id").asText() + "/step", "{\"thread\": 7}"));
    assertRefused(
        400,
        "send {\"thread\": n}",
        http.post("/api/sessions/" + s.get("id").asText() + "/step", "{\"thread\": \"0\"}"));
    assertCreateRefused(
        400,
        "schedule step 1 runs thread 5, which cannot take a step then",
        "{\"level\": \"opposite-order\", \"schedule\": [5]}");
    assertCreateRefused(400, "no level 'nope'", "{\"level\": \"nope\"}");
    assertCreateRefused(
        400, "unknown policy 'fair'", "{\"level\": \"opposite-order\", \"policy\": \"fair\"}");
    assertCreateRefused(
        400, "unknown granularity", "{\"level\": \"opposite-order\", \"granularity\": \"x\"}");
    assertCreateRefused(
        400,
        "give either a level or a source",
        "{\"level\": \"opposite-order\", \"source\": \"x = 1\"}");
  }

  @Test
  void ownSourceRunsUnderThePolicyAndGoalChosen() {
    JsonNode s =
        create(
            "{\"source\": \"counter = 41\\ncounter += 1\\nprint(counter)\\n\","
                + " \"policy\": \"ticks(1)\", \"granularity\": \"instruction\","
                + " \"goal\": {\"kind\": \"globalEquals\", \"name\": \"counter\", \"repr\": \"42\"}}");
    assertTrue(s.get("level").isNull());
    assertEquals("ticks(1)", s.get("policy").asText());
    assertEquals("instruction", s.get("granularity").asText());
    assertEquals("make counter end at 42", s.get("goal").get("text").asText());
    s = runToEnd(s);
    assertEquals("42", global(s, "counter"));
    assertEquals("42\n", s.get("snapshot").get("output").asText());
    assertEquals("solved", s.get("goal").get("status").asText());

    JsonNode free = create(source("x = 1\n"));
    assertTrue(free.get("goal").isNull());
    assertRefused(
        409,
        "this session has no goal to search for",
        http.post("/api/sessions/" + free.get("id").asText() + "/find", "{}"));
  }

  @Test
  void aCompileErrorIs400WithItsKindLineAndColumn() {
    Http.Reply r = http.post("/api/sessions", source("x = 1\nif x\n    x = 2\n"));
    assertRefused(400, "program.py:2:5: SyntaxError: expected ':'", r);
    JsonNode e = r.json();
    assertEquals("SyntaxError", e.get("kind").asText());
    assertEquals(2, e.get("line").intValue());
    assertEquals(5, e.get("column").intValue());
    assertEquals("expected ':'", e.get("detail").asText());
    assertEquals("if x", e.get("sourceLine").asText());
  }

  @Test
  void theSearchSolvesEverySolvableLevelWithinTheServersBoundsAndReplaysToSolved() {
    for (Level level : Levels.all()) {
      JsonNode s = create("{\"level\": \"" + level.id() + "\"}");
      JsonNode r = http.post("/api/sessions/" + s.get("id").asText() + "/find", "{}").json();
      assertEquals(level.solvable(), r.get("found").asBoolean(), level.id() + ": " + r);
      if (level.solvable()) {
        JsonNode replayed =
            http.get("/api/replay?level=" + level.id() + "&schedule=" + joined(r.get("schedule")))
                .json();
        assertEquals("solved", replayed.get("goal").get("status").asText(), level.id());
      }
    }
  }

  @Test
  void aLevelNoScheduleSolvesIsSaidToBeProvedSo() {
    JsonNode s = create("{\"level\": \"gil-keeps-plus-equals-whole\"}");
    JsonNode r = http.post("/api/sessions/" + s.get("id").asText() + "/find", "{}").json();
    assertFalse(r.get("found").asBoolean(), r.toString());
    assertTrue(r.get("complete").asBoolean(), r.toString());
    assertTrue(r.get("schedulesTried").longValue() > 1, r.toString());
  }

  @Test
  void aDeletedSessionIsGoneAndAFullServerSays503() throws Exception {
    server.close();
    ServeLimits d = ServeLimits.defaults();
    server =
        start(
            new ServeLimits(
                2,
                Duration.ofMinutes(30),
                d.maxBodyBytes(),
                d.maxMemoryBytes(),
                d.instructionBudget(),
                d.maxSteps(),
                d.maxPreemptions(),
                d.maxSchedules(),
                d.maxSearches(),
                d.threads()));
    http = new Http(server.uri());
    JsonNode a = create(source("x = 1\n"));
    create(source("x = 2\n"));
    assertCreateRefused(503, "the server has 2 live sessions, its most", source("x = 3\n"));
    Http.Reply gone =
        http.send(
            "DELETE",
            "/api/sessions/" + a.get("id").asText(),
            null,
            java.net.http.HttpRequest.BodyPublishers.noBody());
    assertEquals(204, gone.status());
    assertRefused(404, "no such session", http.get("/api/sessions/" + a.get("id").asText()));
    create(source("x = 3\n"));
  }

  @Test
  void fiftySessionsSteppedAtOnceEachKeepTheirOwnState() throws Exception {
    int n = 50;
    ExecutorService clients = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int mine = i;
        results.add(
            clients.submit(
                () -> {
                  go.await(30, TimeUnit.SECONDS);
                  JsonNode s =
                      create(
                          source(
                              "n = "
                                  + mine * 1000
                                  + "\nfor k in range(5):\n"
                                  + "    n = n + 1\nprint(n)\n"));
                  s = runToEnd(s);
                  return global(s, "n") + " " + s.get("snapshot").get("output").asText().trim();
                }));
      }
      go.countDown();
      for (int i = 0; i < n; i++) {
        String expected = (i * 1000 + 5) + " " + (i * 1000 + 5);
        assertEquals(expected, results.get(i).get(60, TimeUnit.SECONDS), "session " + i);
      }
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void stepsOfOneSessionSentAtOnceTakeTurns() throws Exception {
    JsonNode s =
        create(
            "{\"source\": \"n = 0\\nfor k in range(100):\\n    n = n + 1\\n\","
                + " \"granularity\": \"instruction\"}");
    int clicks = 20;
    ExecutorService clients = Executors.newFixedThreadPool(clicks);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<JsonNode>> answers = new ArrayList<>();
      for (int i = 0; i < clicks; i++) {
        answers.add(
            clients.submit(
                () -> {
                  go.await(30, TimeUnit.SECONDS);
                  return step(s, 0);
                }));
      }
      go.countDown();
      List<Integer> seen = new ArrayList<>();
      for (Future<JsonNode> a : answers) {
        seen.add(a.get(60, TimeUnit.SECONDS).get("snapshot").get("steps").intValue());
      }
      seen.sort(null);
      for (int i = 0; i < clicks; i++) {
        assertEquals(i + 1, seen.get(i), "each click saw its own step: " + seen);
      }
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void anIdleSessionEnds() throws Exception {
    server.close();
    SessionTableTest.FakeTicker ticker = new SessionTableTest.FakeTicker();
    server =
        LabServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            ServeLimits.defaults(),
            new PrintStream(log, true, StandardCharsets.UTF_8),
            ticker);
    http = new Http(server.uri());
    String id = create(source("x = 1\n")).get("id").asText();
    ticker.advance(Duration.ofMinutes(29));
    assertEquals(200, http.get("/api/sessions/" + id).status(), "used: its half hour starts again");
    ticker.advance(Duration.ofMinutes(30));
    assertRefused(
        404,
        "no such session: it never was, or it was idle too long and ended",
        http.get("/api/sessions/" + id));
  }

  @Test
  void theInterpreterHasNoFileNetworkOrProcessBuiltins() {
    String[][] programs = {
      {"open('/etc/passwd')", "NameError: name 'open' is not defined"},
      {"import os", "ModuleNotFoundError: No module named 'os'"},
      {"import socket", "ModuleNotFoundError: No module named 'socket'"},
      {"import subprocess", "ModuleNotFoundError: No module named 'subprocess'"},
      {"__import__('os')", "NameError: name '__import__' is not defined"},
      {"eval('1')", "NameError: name 'eval' is not defined"},
      {"exec('x = 1')", "NameError: name 'exec' is not defined"},
      {"input()", "NameError: name 'input' is not defined"},
      {"getattr(print, '__globals__')", "NameError: name 'getattr' is not defined"},
    };
    for (String[] p : programs) {
      JsonNode s = runToEnd(create(source(p[0] + "\n")));
      assertEquals("ERROR", s.get("snapshot").get("outcome").asText(), p[0]);
      String error = s.get("snapshot").get("threads").get(0).get("error").asText();
      assertTrue(error.strip().endsWith(p[1]), p[0] + " => " + error);
    }
  }

  @Test
  void budgetsEndARunawayLoopAHugeAllocationAndEndlessSteps() throws Exception {
    JsonNode sum = runToEnd(create(source("x = sum(range(1000000000000))\n")));
    assertEquals("BUDGET", sum.get("snapshot").get("outcome").asText(), sum.toString());
    JsonNode big = runToEnd(create(source("x = 'a' * 1000000000\n")));
    String error = big.get("snapshot").get("threads").get(0).get("error").asText();
    assertTrue(error.contains("MemoryError"), error);

    server.close();
    ServeLimits d = ServeLimits.defaults();
    server =
        start(
            new ServeLimits(
                d.maxSessions(),
                d.idleTimeout(),
                d.maxBodyBytes(),
                d.maxMemoryBytes(),
                d.instructionBudget(),
                20,
                d.maxPreemptions(),
                d.maxSchedules(),
                d.maxSearches(),
                d.threads()));
    http = new Http(server.uri());
    JsonNode loop = runToEnd(create(source("while True:\n    pass\n")));
    assertEquals("BUDGET", loop.get("snapshot").get("outcome").asText());
    assertEquals(20, loop.get("snapshot").get("steps").intValue());
  }
}

package dev.gillab.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gillab.gil.step.Exhaustion;
import dev.gillab.gil.step.Explorer;
import dev.gillab.gil.step.Found;
import dev.gillab.gil.step.Goal;
import dev.gillab.gil.step.Level;
import dev.gillab.gil.step.Levels;
import dev.gillab.gil.step.Snapshot;
import dev.gillab.gil.step.Stepper;
import dev.gillab.workloads.serve.ServeLimits;
import java.io.File;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page of {@code gil-lab serve} in a real browser: headless Chromium driven by Selenium through
 * the chromedriver on the PATH (the Debian packages {@code chromium} and {@code chromium-driver});
 * neither is ever downloaded, and Selenium Manager does not run, since both paths are given.
 * Without them the test is skipped, saying so.
 *
 * <p>It plays a level as a learner does: clicks a losing schedule thread by thread, checks what the
 * page shows (the global's value and reference count, the timeline, the "solved" banner), undoes
 * and redoes the last step, opens the copied link in a fresh page and checks the same state, lets
 * the page find a deadlock and steps through it, and shows a compile error in place. Then every
 * level in turn: a level the explorer solves is solved by clicking the explorer's schedule, the
 * page checked against the explorer's replay of it; a level the GIL or a lock makes unbreakable is
 * proved so by the page's own search, its count checked against the explorer's. The moment a thread
 * is about to write back a stale value is saved as {@code docs/serve.png}, the chapter's
 * screenshot.
 */
class ServeIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String LEVEL = "lost-update-no-gil";

  /**
   * Clicks an enabled button in the page, answering whether there was one. The page's own click
   * (the event a mouse click fires) in one round trip: a driver's click, which scrolls and moves
   * the mouse first, costs several, and every level's schedule is clicked a step at a time. {@link
   * #aLosingScheduleClickedThroughIsSolvedAndItsLinkReplaysIt} clicks with the mouse.
   */
  private static final String CLICK =
      """
                                      const b = document.getElementById(arguments[0]);
                                      if (!b || b.disabled) return false;
                                      b.click();
                                      return true;\
                                      """;

  private static RunningServe serve;
  private static ChromeDriver driver;
  private static WebDriverWait wait;

  /**
   * Selenium warns when it has no DevTools bindings for the browser's version; the test uses
   * WebDriver only, never DevTools. Held in a field: a logger nobody references can be collected,
   * and its level with it.
   */
  private static final Logger CDP_VERSION_FINDER =
      Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  @BeforeAll
  static void start() throws Exception {
    CDP_VERSION_FINDER.setLevel(java.util.logging.Level.SEVERE);
    Optional<Path> browser = onPath("chromium", "chromium-browser", "google-chrome");
    Optional<Path> chromedriver = onPath("chromedriver");
    assumeTrue(
        browser.isPresent() && chromedriver.isPresent(),
        "no chromium and chromedriver on the PATH (Debian: apt-get install chromium"
            + " chromium-driver): the browser test is skipped");
    serve = new RunningServe();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser.get().toFile());
    // --no-sandbox: Chromium's sandbox refuses to start as root, which CI runs as.
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1400,1950",
        "--hide-scrollbars",
        "--lang=en-US",
        "--font-render-hinting=none");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.get().toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    // Each click is answered in milliseconds: poll that often, not every half second.
    wait = new WebDriverWait(driver, WAIT);
    wait.pollingEvery(Duration.ofMillis(10));
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (serve != null) {
      assertEquals(0, serve.stop());
    }
  }

  private static Optional<Path> onPath(String... names) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .flatMap(dir -> Stream.of(names).map(n -> Path.of(dir, n)))
        .filter(Files::isExecutable)
        .findFirst();
  }

  @Test
  void aLosingScheduleClickedThroughIsSolvedAndItsLinkReplaysIt() throws Exception {
    Level level = Levels.byId(LEVEL);
    List<Integer> schedule = Explorer.defaults().find(level).map(Found::schedule).orElseThrow();
    open(serve.uri().toString());
    new Select(driver.findElement(By.id("level-picker"))).selectByValue(LEVEL);
    wait.until(ExpectedConditions.textToBe(By.id("level-title"), level.title()));
    wait.until(d -> timeline().isEmpty());

    int shot = firstReturn(schedule);
    for (int i = 0; i < schedule.size(); i++) {
      if (i == shot) {
        // The chapter's screenshot: a thread about to write back the value it read before
        // another thread's whole update.
        Files.createDirectories(Path.of("docs"));
        Files.write(Path.of("docs", "serve.png"), driver.getScreenshotAs(OutputType.BYTES));
      }
      if (i == schedule.size() - 1) {
        assertFalse(driver.findElement(By.id("solved")).isDisplayed(), "not solved before the end");
        assertEquals("not yet", text("goal-status"));
      }
      // The page draws its buttons anew with each answer, and the last wait saw the last
      // answer drawn: the button is there, so no wait for it.
      driver.findElement(By.id("run-" + schedule.get(i))).click();
      int steps = i + 1;
      wait.until(d -> timeline().size() == steps);
    }
    assertSolved(schedule.size());
    assertCountsAsTheServerHasThem(schedule);

    // Undo takes the last step back, and so the goal; the same click reaches it again.
    click("undo");
    wait.until(d -> timeline().size() == schedule.size() - 1);
    assertFalse(driver.findElement(By.id("solved")).isDisplayed());
    click("run-" + schedule.get(schedule.size() - 1));
    wait.until(d -> timeline().size() == schedule.size());
    assertSolved(schedule.size());

    click("copy-link");
    String link = driver.findElement(By.id("link")).getAttribute("value");
    assertTrue(link.startsWith(serve.uri() + "#level=" + LEVEL + "&policy=none&"), link);
    driver.get("about:blank");
    open(link);
    wait.until(d -> timeline().size() == schedule.size());
    assertSolved(schedule.size());
    assertCountsAsTheServerHasThem(schedule);
  }

  @Test
  void thePageFindsADeadlockAndStepsThroughIt() {
    open(serve.uri() + "#level=opposite-order");
    wait.until(
        ExpectedConditions.textToBe(By.id("level-title"), Levels.byId("opposite-order").title()));
    String searched = (String) driver.executeScript("return lab.session.id");
    click("find");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("found-step")));
    assertTrue(text("found").startsWith("Found after "), text("found"));
    // Stepping through the found schedule starts a new session; the page ends the old one.
    wait.until(d -> status("api/sessions/" + searched) == 404);
    for (int i = 0; i < 1000 && driver.findElement(By.id("found-step")).isDisplayed(); i++) {
      int before = timeline().size();
      click("found-step");
      wait.until(d -> timeline().size() == before + 1);
    }
    assertEquals("DEADLOCK", text("outcome"));
    assertTrue(driver.findElement(By.id("solved")).isDisplayed());
    assertTrue(
        driver.findElements(By.cssSelector("#thread-buttons button:enabled")).isEmpty(),
        "no thread can run in a deadlock");
  }

  @Test
  void aCompileErrorIsShownWithItsPlace() {
    open(serve.uri().toString());
    click("edit-toggle");
    WebElement editor = driver.findElement(By.id("source-editor"));
    editor.clear();
    editor.sendKeys("x = 1\nif x\n    x = 2\n");
    click("load-source");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("compile-error")));
    assertEquals("line 2, column 5: SyntaxError: expected ':'", text("compile-error"));

    editor.clear();
    editor.sendKeys("x = 1\nif x:\n    x = 2\n");
    click("load-source");
    wait.until(ExpectedConditions.textToBe(By.id("level-title"), "Your own program"));
    assertFalse(driver.findElement(By.id("compile-error")).isDisplayed());
    assertEquals(
        "",
        new Select(driver.findElement(By.id("level-picker")))
            .getFirstSelectedOption()
            .getAttribute("value"));
    assertEquals("none, explore freely", text("goal-text"));
    assertTrue(driver.findElements(By.id("run-0")).get(0).isEnabled());
  }

  static Stream<String> levelIds() {
    return Levels.all().stream().map(Level::id);
  }

  /**
   * A level as a learner finishes it. One the explorer solves: its schedule clicked thread by
   * thread, the goal "not yet" until the last click and "solved" after it, and then the page shows
   * what the explorer's replay of that schedule holds (outcome, steps, timeline, threads, globals,
   * output, the threads that may still run) and what the goal asks for. One it cannot: the page's
   * own search says that every schedule within its bound ran to its end without reaching the goal,
   * as many as the explorer counts with the server's bounds, and moves nothing.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("levelIds")
  void everyLevelIsSolvedByItsScheduleOrProvedUnbreakable(String id) {
    Level level = Levels.byId(id);
    // A new document: opening the same page with another hash would not load it again.
    driver.get("about:blank");
    open(serve.uri() + "#level=" + id);
    assertEquals(level.title(), text("level-title"), id);
    assertEquals(
        level.text(), driver.findElement(By.id("level-text")).getAttribute("textContent"), id);
    assertEquals(level.goal().text(), text("goal-text"), id);
    Shown start = Shown.read();
    assertEquals(List.of(), start.timeline(), id + ": " + start);
    assertEquals("not yet", start.status(), id + ": " + start);
    if (level.solvable()) {
      clickTheExplorersSchedule(level);
    } else {
      findProvesItUnbreakable(level);
    }
  }

  private static void clickTheExplorersSchedule(Level level) {
    String id = level.id();
    Goal goal = level.goal();
    List<Integer> schedule =
        Explorer.defaults()
            .find(level)
            .map(Found::schedule)
            .orElseThrow(() -> new AssertionError(id + ": no schedule reaches " + goal.text()));
    Step step = Step.read();
    for (int i = 0; i < schedule.size(); i++) {
      int thread = schedule.get(i);
      String where = id + ", step " + (i + 1) + " of " + schedule + ": ";
      assertFalse(step.solved(), where + "solved before the schedule's last step: " + step);
      assertEquals("not yet", step.status(), where + step);
      assertTrue(
          (Boolean) driver.executeScript(CLICK, "run-" + thread),
          where + "run-" + thread + " is not enabled: " + step);
      step = awaitTimeline(i + 1, where);
    }
    String where = id + " after " + schedule + ": ";
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("solved")));
    assertEquals("solved", step.status(), where + step);
    Shown page = Shown.read();

    Stepper replay = level.program().replay(schedule);
    assertTrue(replay.reached(goal), where + "the explorer's replay misses " + goal.text());
    Snapshot s = replay.snapshot();
    assertEquals(s.outcome().name(), page.outcome(), where + page);
    assertEquals(String.valueOf(s.steps()), page.steps(), where + page);
    assertEquals(s.schedule().stream().map(t -> "T" + t).toList(), page.timeline(), where);
    assertEquals(s.threads().stream().map(ServeIT::threadRow).toList(), page.threads(), where);
    assertEquals(s.globals().stream().map(ServeIT::globalRow).toList(), page.globals(), where);
    assertEquals(s.output(), page.output(), where);
    assertEquals(s.leaks().stream().map(ServeIT::objectRow).toList(), page.leaks(), where);
    assertEquals(!s.leaks().isEmpty(), page.leaksShown(), where + page);
    assertEquals(replay.choices().stream().map(t -> "run-" + t).toList(), page.enabled(), where);
    assertEquals("", page.error(), where);

    // What the goal asks for, as the page shows it.
    switch (goal.kind()) {
      case GLOBAL_EQUALS -> {
        assertEquals("FINISHED", page.outcome(), where + page);
        assertTrue(
            page.globals().stream()
                .anyMatch(row -> row.startsWith(goal.name() + " | " + goal.repr() + " | ")),
            where + goal.name() + " is not " + goal.repr() + ": " + page.globals());
      }
      case RAISES -> {
        Pattern raised = Pattern.compile("(?m)^" + Pattern.quote(goal.name()) + "(:|$)");
        assertTrue(
            page.threads().stream()
                .anyMatch(
                    row -> row.contains(" | FAILED: Traceback") && raised.matcher(row).find()),
            where + "no thread failed with " + goal.name() + ": " + page.threads());
      }
      case DEADLOCK -> {
        assertEquals("DEADLOCK", page.outcome(), where + page);
        assertEquals(List.of(), page.enabled(), where + "no thread can run in a deadlock");
      }
      case USES_FREED -> {
        Pattern freed =
            Pattern.compile(
                " \\| FAILED: (UseAfterFree|DoubleFree)Exception: (incRef|decRef) .* of \\w+ #\\d+, freed");
        assertTrue(
            page.threads().stream().anyMatch(row -> freed.matcher(row).find()),
            where + "no thread was stopped using a freed object: " + page.threads());
      }
      case LEAKS -> {
        assertTrue(List.of("FINISHED", "ERROR").contains(page.outcome()), where + page);
        assertTrue(page.leaksShown(), where + "no leaked object is shown: " + page);
        Pattern leaked = Pattern.compile("#\\d+ \\| .+ \\| \\w+ \\| [1-9]\\d*");
        assertTrue(
            !page.leaks().isEmpty()
                && page.leaks().stream().allMatch(row -> leaked.matcher(row).matches()),
            where + "the leaked objects are not named with a count: " + page.leaks());
        // What leaked is outside what the roots reach: no global names it, no heap row shows it.
        for (Snapshot.ObjectView o : s.leaks()) {
          assertTrue(
              s.globals().stream().noneMatch(g -> g.id() == o.id())
                  && s.heap().stream().noneMatch(h -> h.id() == o.id()),
              where + o + " is reachable: " + s);
        }
      }
      case STARVES -> {
        assertEquals("RUNNING", page.outcome(), where + page);
        String starved = "T" + goal.threadId();
        List<String> last =
            page.timeline().subList(page.timeline().size() - goal.steps(), page.timeline().size());
        assertFalse(
            last.contains(starved),
            where + starved + " ran in the last " + goal.steps() + " steps: " + last);
        assertTrue(
            page.enabled().contains("run-" + goal.threadId()),
            where + starved + " could not run: " + page);
      }
    }
  }

  private static void findProvesItUnbreakable(Level level) {
    String id = level.id();
    ServeLimits limits = ServeLimits.defaults();
    Exhaustion all =
        Explorer.builder()
            .maxPreemptions(limits.maxPreemptions())
            .maxSchedules(limits.maxSchedules())
            .build()
            .exhaust(level.program(), level.goal(), limits.maxPreemptions());
    assertTrue(all.provesUnreachable(), id + ": the explorer proves nothing: " + all);
    click("find");
    try {
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("found")));
    } catch (TimeoutException e) {
      throw new AssertionError(id + ": the search said nothing: " + Shown.read(), e);
    }
    assertEquals(
        "No schedule with at most "
            + limits.maxPreemptions()
            + " preemptions reaches"
            + " the goal: all "
            + all.schedules()
            + " of them were run to their end.",
        text("found"),
        id);
    // The search moves nothing: the run is still at its start, and nothing is offered to step.
    Shown page = Shown.read();
    assertEquals(List.of(), page.timeline(), id + ": " + page);
    assertEquals("not yet", page.status(), id + ": " + page);
    assertFalse(page.solved(), id + ": " + page);
    assertEquals("", page.error(), id + ": " + page);
    assertFalse(driver.findElement(By.id("found-step")).isDisplayed(), id);
    // The proof is this level's solution, and the page says so.
    assertTrue(driver.findElement(By.id("proved")).isDisplayed(), id + ": no proof banner");
  }

  /**
   * Waits, bounded, until the timeline has {@code steps} entries or the page shows an error, and
   * answers what a step changes: the timeline's length, the goal's status and banner, the thread
   * buttons that are enabled. Read in one round trip a poll; the whole page is read once, at the
   * end.
   */
  private static Step awaitTimeline(int steps, String where) {
    Step page;
    try {
      page =
          wait.until(
              d -> {
                Step now = Step.read();
                return now.steps() == steps || !now.error().isEmpty() ? now : null;
              });
    } catch (TimeoutException e) {
      throw new AssertionError(
          where + "the timeline did not grow to " + steps + ": " + Step.read(), e);
    }
    assertEquals("", page.error(), where + page);
    return page;
  }

  /** What a step changes on the page; see {@link #awaitTimeline}. */
  private record Step(
      int steps, String status, boolean solved, List<String> enabled, String error) {
    private static final String SCRIPT =
        """
                                         const byId = (id) => document.getElementById(id);
                                         return [
                                           document.querySelectorAll('#timeline li').length,
                                           byId('goal-status').textContent,
                                           !byId('solved').hidden,
                                           [...document.querySelectorAll('#thread-buttons button')]
                                               .filter((b) => !b.disabled).map((b) => b.id),
                                           byId('error').hidden ? '' : byId('error').textContent,
                                         ];\
                                         """;

    static Step read() {
      List<?> l = (List<?>) driver.executeScript(SCRIPT);
      return new Step(
          ((Number) l.get(0)).intValue(),
          (String) l.get(1),
          (Boolean) l.get(2),
          Shown.strings(l.get(3)),
          (String) l.get(4));
    }
  }

  /** A row of the threads table as {@link Shown} reads it, from the explorer's replay. */
  private static String threadRow(Snapshot.ThreadView t) {
    return String.join(
        " | ",
        "T" + t.id() + " " + t.name(),
        t.error() == null ? t.state().name() : t.state().name() + ": " + t.error(),
        t.line() > 0 ? String.valueOf(t.line()) : "",
        t.nextInstruction() == null ? "" : t.nextInstruction(),
        t.waitingFor() == null ? "" : t.waitingFor());
  }

  /** A row of the heap or leaks table as {@link Shown} reads it, from the explorer's replay. */
  private static String objectRow(Snapshot.ObjectView o) {
    return String.join(" | ", "#" + o.id(), o.repr(), o.type(), count(o.refCount()));
  }

  /** A row of the globals table as {@link Shown} reads it, from the explorer's replay. */
  private static String globalRow(Snapshot.GlobalView g) {
    return String.join(" | ", g.name(), g.repr(), g.type(), count(g.refCount()));
  }

  /**
   * What the page shows, read in one round trip: the timeline, the goal's status and banner, the
   * thread buttons that are enabled, the error line, the threads, globals and leaked objects tables
   * (cells joined by " | ", as the DOM holds them, line breaks and all) and whether the leaks pane
   * is shown, the output, the outcome and steps.
   */
  private record Shown(
      List<String> timeline,
      String status,
      boolean solved,
      List<String> enabled,
      String error,
      List<String> threads,
      List<String> globals,
      List<String> leaks,
      boolean leaksShown,
      String output,
      String outcome,
      String steps) {
    private static final String SCRIPT =
        """
                                         const byId = (id) => document.getElementById(id);
                                         const all = (sel) => [...document.querySelectorAll(sel)];
                                         const rows = (sel) => all(sel).map(
                                             (tr) => [...tr.cells].map((td) => td.textContent).join(' | '));
                                         return {
                                           timeline: all('#timeline li').map((li) => li.textContent),
                                           status: byId('goal-status').textContent,
                                           solved: !byId('solved').hidden,
                                           enabled: all('#thread-buttons button').filter((b) => !b.disabled).map((b) => b.id),
                                           error: byId('error').hidden ? '' : byId('error').textContent,
                                           threads: rows('#threads tbody tr'),
                                           globals: rows('#globals tbody tr'),
                                           leaks: rows('#leaks tbody tr'),
                                           leaksShown: !byId('leaks-pane').hidden,
                                           output: byId('output').textContent,
                                           outcome: byId('outcome').textContent,
                                           steps: byId('steps').textContent,
                                         };\
                                         """;

    static Shown read() {
      Map<?, ?> m = (Map<?, ?>) driver.executeScript(SCRIPT);
      return new Shown(
          strings(m.get("timeline")),
          (String) m.get("status"),
          (Boolean) m.get("solved"),
          strings(m.get("enabled")),
          (String) m.get("error"),
          strings(m.get("threads")),
          strings(m.get("globals")),
          strings(m.get("leaks")),
          (Boolean) m.get("leaksShown"),
          (String) m.get("output"),
          (String) m.get("outcome"),
          (String) m.get("steps"));
    }

    static List<String> strings(Object list) {
      return ((List<?>) list).stream().map(String.class::cast).toList();
    }
  }

  /** The first step that goes back to a thread the schedule switched away from. */
  private static int firstReturn(List<Integer> schedule) {
    for (int i = 1; i < schedule.size(); i++) {
      if (!schedule.get(i).equals(schedule.get(i - 1))
          && schedule.subList(0, i - 1).contains(schedule.get(i))) {
        return i;
      }
    }
    throw new AssertionError("a lost update needs a preemption: " + schedule);
  }

  private static void assertSolved(int steps) {
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("solved")));
    assertEquals("solved", text("goal-status"));
    assertEquals("FINISHED", text("outcome"));
    assertEquals(String.valueOf(steps), text("steps"));
    assertEquals("1\n", driver.findElement(By.id("output")).getAttribute("textContent"));
    List<WebElement> counter = driver.findElements(By.cssSelector("#globals-counter td"));
    assertEquals("1", counter.get(1).getText(), "the lost update: counter ends at 1");
    assertEquals("int", counter.get(2).getText());
  }

  /**
   * The globals and heap objects on the page, each with the value, type and reference count the
   * server's replay of the same schedule has, in the same order: a run is a function of its
   * schedule, so the live session the clicks made and a replay name their objects alike.
   */
  private static void assertCountsAsTheServerHasThem(List<Integer> schedule) throws Exception {
    String query =
        "api/replay?level="
            + LEVEL
            + "&schedule="
            + schedule.stream().map(String::valueOf).collect(Collectors.joining("."));
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(serve.uri().resolve(query)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    JsonNode snapshot = new ObjectMapper().readTree(r.body()).get("snapshot");
    assertTrue(snapshot.get("globals").size() >= 3, snapshot.toString());
    for (JsonNode g : snapshot.get("globals")) {
      List<WebElement> row =
          driver.findElements(By.cssSelector("#globals-" + g.get("name").asText() + " td"));
      assertEquals(g.get("repr").asText(), row.get(1).getText(), g.toString());
      assertEquals(g.get("type").asText(), row.get(2).getText(), g.toString());
      assertEquals(count(g), row.get(3).getText(), g.toString());
    }
    List<String> expected = new ArrayList<>();
    for (JsonNode o : snapshot.get("heap")) {
      expected.add(
          "#"
              + o.get("id").asText()
              + " "
              + o.get("repr").asText()
              + " "
              + o.get("type").asText()
              + " "
              + count(o));
    }
    List<String> shown = new ArrayList<>();
    for (WebElement row : driver.findElements(By.cssSelector("#heap tbody tr"))) {
      List<String> cells = new ArrayList<>();
      row.findElements(By.tagName("td")).forEach(td -> cells.add(td.getText()));
      shown.add(String.join(" ", cells));
    }
    assertEquals(expected, shown);
  }

  /** The count as the page shows it: an immortal object's as a word. */
  private static String count(JsonNode object) {
    return count(object.get("refCount").intValue());
  }

  private static String count(int n) {
    return n == Integer.MAX_VALUE ? "immortal" : String.valueOf(n);
  }

  private static int status(String path) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(serve.uri().resolve(path)).timeout(WAIT).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void open(String url) {
    driver.get(url);
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
  }

  private static void click(String id) {
    wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
  }

  private static String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  private static List<WebElement> timeline() {
    return driver.findElements(By.cssSelector("#timeline li"));
  }
}

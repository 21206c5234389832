package dev.gillab.threads.explore;

import static dev.gillab.threads.explore.Classics.lostUpdate;
import static dev.gillab.threads.explore.Classics.oppositeLockOrder;
import static dev.gillab.threads.explore.OneStepPrograms.boom;
import static dev.gillab.threads.explore.OneStepPrograms.t1Makes;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gillab.threads.explore.Classics.Counter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ExplorerTest {
  private final Explorer explorer = Explorer.defaults();

  @AfterEach
  void noExplorerThreadOutlivesAnExploration() {
    assertEquals(Set.of(), explorerThreads());
  }

  static Set<String> explorerThreads() {
    Set<String> names = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("explore-") && t.isAlive()) {
        names.add(t.getName());
      }
    }
    return names;
  }

  @Test
  void twoThreadsHaveSixSchedulesAndFourLoseAnUpdate() throws Exception {
    Exploration result = explorer.exhaustive(lostUpdate(2));

    assertEquals(6, result.schedulesExplored());
    assertTrue(result.isComplete());
    assertEquals(4, result.count(Outcome.INVARIANT_VIOLATED));
    assertEquals(2, result.count(Outcome.PASSED));
    assertEquals(4, result.findings().size());
    assertEquals(
        "exhaustive: 6 schedules, 4 findings (INVARIANT_VIOLATED 4), complete", result.summary());
  }

  @Test
  void threeThreadsHaveNinetySchedulesAndEightyFourLoseAnUpdate() throws Exception {
    Exploration result = explorer.exhaustive(lostUpdate(3));

    assertEquals(90, result.schedulesExplored());
    assertEquals(84, result.count(Outcome.INVARIANT_VIOLATED));
    assertEquals(6, result.count(Outcome.PASSED));
  }

  @Test
  void everyScheduleIsDistinct() throws Exception {
    Exploration result =
        Explorer.builder().maxReportedFindings(1000).build().exhaustive(lostUpdate(3));
    Set<Schedule> seen = new HashSet<>();
    result.findings().forEach(e -> assertTrue(seen.add(e.schedule()), "repeated " + e.schedule()));
    assertEquals(84, seen.size());
  }

  @Test
  void findingIsReportedAsTableAndSchedule() throws Exception {
    Execution first = explorer.exhaustive(lostUpdate(2)).firstFinding().orElseThrow();

    assertEquals("T1,T2,T1,T2", first.schedule().toString());
    String nl = System.lineSeparator();
    assertEquals(
        "  | T1                     | T2"
            + nl
            + "- | ---------------------- | ----------------------"
            + nl
            + "1 | tmp = x  [read 0]"
            + nl
            + "2 |                        | tmp = x  [read 0]"
            + nl
            + "3 | x = tmp + 1  [wrote 1]"
            + nl
            + "4 |                        | x = tmp + 1  [wrote 1]"
            + nl
            + "schedule: T1,T2,T1,T2"
            + nl
            + "INVARIANT_VIOLATED: invariant 'x == 2' violated: x = 1"
            + nl,
        first.table());
  }

  @Test
  void replayReproducesTheSameRunEveryTime() throws Exception {
    for (int i = 0; i < 20; i++) {
      Execution run = explorer.replay(lostUpdate(2), "T2,T1,T1,T2");
      assertEquals(Outcome.INVARIANT_VIOLATED, run.outcome());
      assertEquals("x = 1", run.finalState());
      assertEquals("T2,T1,T1,T2", run.schedule().toString());
    }
    Execution serial = explorer.replay(lostUpdate(2), "T1,T1,T2,T2");
    assertEquals(Outcome.PASSED, serial.outcome());
    assertEquals("x = 2", serial.finalState());
  }

  @Test
  void findsTheDeadlockOfOppositeLockOrder() throws Exception {
    Exploration result = explorer.exhaustive(oppositeLockOrder());

    assertEquals(2, result.count(Outcome.DEADLOCK));
    assertEquals(0, result.count(Outcome.INVARIANT_VIOLATED));
    Execution deadlock = result.firstFinding(Outcome.DEADLOCK).orElseThrow();
    assertEquals("T1,T2", deadlock.schedule().toString());
    assertEquals("deadlock: T1 waits at 'lock B'; T2 waits at 'lock A'", deadlock.verdict());
    assertEquals(Outcome.DEADLOCK, explorer.replay(oppositeLockOrder(), "T2,T1").outcome());
  }

  @Test
  void randomSearchIsReproducibleFromItsSeed() throws Exception {
    Exploration a = explorer.random(lostUpdate(3), 42, 50);
    Exploration b = explorer.random(lostUpdate(3), 42, 50);

    assertEquals(50, a.schedulesExplored());
    assertEquals(a.count(Outcome.INVARIANT_VIOLATED), b.count(Outcome.INVARIANT_VIOLATED));
    assertEquals(
        a.findings().stream().map(Execution::schedule).toList(),
        b.findings().stream().map(Execution::schedule).toList());
    assertTrue(a.count(Outcome.INVARIANT_VIOLATED) > 0);
    assertFalse(a.isComplete());
  }

  @Test
  void scheduleBoundCutsTheSearch() throws Exception {
    Exploration result = Explorer.builder().maxSchedules(10).build().exhaustive(lostUpdate(3));
    assertEquals(10, result.schedulesExplored());
    assertFalse(result.isComplete());
  }

  @Test
  void aThrowingStepIsAFindingWithItsSchedule() throws Exception {
    Program<Counter> program =
        t1Makes("throws", boom()).thread("T2", c -> List.of(Step.run("fine", () -> c.x++))).build();

    Exploration result = explorer.exhaustive(program);

    assertEquals(2, result.schedulesExplored());
    assertEquals(2, result.count(Outcome.STEP_FAILED));
    Execution first = result.firstFinding().orElseThrow();
    assertEquals("T1", first.schedule().toString());
    assertEquals("step 'boom' of T1 threw java.lang.IllegalStateException: boom", first.verdict());
    assertTrue(first.failure() instanceof IllegalStateException);
  }

  @Test
  void aStepThatNeverReturnsIsCutOff() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    Program<Counter> program = t1Makes("hangs", Step.run("await forever", never::await)).build();

    Execution run =
        Explorer.builder().stepTimeout(Duration.ofMillis(200)).build().replay(program, "T1");

    assertEquals(Outcome.STEP_TIMED_OUT, run.outcome());
    assertEquals("step 'await forever' of T1 did not return within 200 ms", run.verdict());
    assertEquals(List.of(), run.strandedThreads());
  }

  @Test
  void aStepThatIgnoresInterruptsIsNamedAndStopsTheSearch() throws Exception {
    AtomicBoolean release = new AtomicBoolean();
    Program<Counter> program =
        t1Makes(
                "spins",
                Step.run(
                    "spin",
                    () -> {
                      while (!release.get()) {
                        Thread.onSpinWait(); // deaf to interrupts, on purpose
                      }
                    }))
            .thread("T2", c -> List.of(Step.run("fine", () -> c.x++)))
            .build();
    try {
      Exploration result =
          Explorer.builder().stepTimeout(Duration.ofMillis(100)).build().exhaustive(program);

      assertEquals(1, result.schedulesExplored(), "stops rather than strand one thread a run");
      assertFalse(result.isComplete());
      Execution run = result.firstFinding().orElseThrow();
      assertEquals(Outcome.STEP_TIMED_OUT, run.outcome());
      assertEquals(List.of("T1"), run.strandedThreads());
    } finally {
      release.set(true);
      await().atMost(Duration.ofSeconds(10)).until(() -> explorerThreads().isEmpty());
    }
  }

  @Test
  void replayRejectsAnUnknownThreadBeforeAnythingRuns() {
    Program<Counter> program = t1Makes("throws first", boom()).build();
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> explorer.replay(program, "T1,T9"));
    assertEquals("schedule step 2 names unknown thread 'T9' (threads: T1)", unknown.getMessage());
  }

  @Test
  void everyRunGetsFreshThreadsThatEndWithTheirLastStep() throws Exception {
    Set<Thread> seen = ConcurrentHashMap.newKeySet();
    Program<Counter> program = whoRuns(seen);

    assertEquals(6, explorer.exhaustive(program).schedulesExplored());
    assertEquals(12, seen.size());
    seen.forEach(t -> assertFalse(t.isAlive(), t.getName()));
  }

  @Test
  void reusedThreadsServeEveryRun() throws Exception {
    Set<Thread> seen = ConcurrentHashMap.newKeySet();
    Explorer reusing = Explorer.builder().reuseThreads(true).build();

    Exploration result = reusing.exhaustive(lostUpdate(3));
    assertEquals(84, result.count(Outcome.INVARIANT_VIOLATED));
    assertEquals(6, reusing.exhaustive(whoRuns(seen)).schedulesExplored());
    assertEquals(2, seen.size());
  }

  /** Two threads of two steps that record which real thread ran each step. */
  private static Program<Counter> whoRuns(Set<Thread> seen) {
    return Program.builder("who runs", Counter::new)
        .thread(
            "T1",
            c ->
                List.of(
                    Step.run("a", () -> seen.add(Thread.currentThread())),
                    Step.run("b", () -> seen.add(Thread.currentThread()))))
        .thread(
            "T2",
            c ->
                List.of(
                    Step.run("a", () -> seen.add(Thread.currentThread())),
                    Step.run("b", () -> seen.add(Thread.currentThread()))))
        .build();
  }

  @Test
  void badSchedulesAreRejectedWithWhatAndWhere() {
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> explorer.replay(lostUpdate(2), "T1,T9"));
    assertEquals(
        "schedule step 2 names unknown thread 'T9' (threads: T1, T2)", unknown.getMessage());

    IllegalArgumentException past =
        assertThrows(
            IllegalArgumentException.class, () -> explorer.replay(lostUpdate(2), "T1,T1,T1"));
    assertEquals(
        "schedule step 3 runs thread 'T1' past its last step (it has 2 steps)", past.getMessage());

    IllegalArgumentException past2 =
        assertThrows(
            IllegalArgumentException.class, () -> explorer.replay(lostUpdate(2), "T1,T1,T2,T2,T2"));
    assertEquals(
        "schedule step 5 runs thread 'T2' past its last step (it has 2 steps)", past2.getMessage());

    IllegalArgumentException shortOne =
        assertThrows(IllegalArgumentException.class, () -> explorer.replay(lostUpdate(2), "T1,T2"));
    assertEquals(
        "schedule 'T1,T2' ends after 2 steps, but T1, T2 still have steps to run",
        shortOne.getMessage());

    IllegalArgumentException blocked =
        assertThrows(
            IllegalArgumentException.class, () -> explorer.replay(oppositeLockOrder(), "T1,T2,T1"));
    assertEquals(
        "schedule step 3 runs thread 'T1', whose step 'lock B' is not enabled (deadlock)",
        blocked.getMessage());
  }

  @Test
  void badProgramsAreRejected() {
    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class, () -> Program.builder("empty", Counter::new).build());
    assertEquals(
        "program 'empty' has no threads; add one with thread(name, body)", none.getMessage());

    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Program.builder("p", Counter::new)
                    .thread("T1", c -> List.of())
                    .thread("T1", c -> List.of()));
    assertEquals("program 'p' already has a thread named 'T1'", twice.getMessage());

    IllegalArgumentException badName =
        assertThrows(
            IllegalArgumentException.class,
            () -> Program.builder("p", Counter::new).thread("T 1", c -> List.of()));
    assertEquals(
        "thread name 'T 1' of program 'p' must be non-empty, without white space, ',' or '>'",
        badName.getMessage());
  }
}

package dev.gillab.refcount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gillab.refcount.lessons.CountRaces;
import dev.gillab.threads.explore.Execution;
import dev.gillab.threads.explore.Exploration;
import dev.gillab.threads.explore.Explorer;
import dev.gillab.threads.explore.Outcome;
import dev.gillab.threads.explore.Program;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every schedule of the two-holder programs of {@link CountRaces}, one per way of keeping the
 * count: the explorer finds both failure kinds for a PLAIN count without a lock, and none for
 * ATOMIC, BIASED, or PLAIN under a lock (each run's invariant checks the object was freed and the
 * heap is empty).
 */
@Timeout(60)
class CountRacesExplorerTest {
  private final Explorer explorer = Explorer.defaults();

  @AfterEach
  void noExplorerThreadOutlivesAnExploration() {
    Set<String> alive = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("explore-") && t.isAlive()) {
        alive.add(t.getName());
      }
    }
    assertEquals(Set.of(), alive);
  }

  @Test
  void plainCountsWithoutALockFreeTooEarlyAndLeak() throws Exception {
    Exploration result = explorer.exhaustive(CountRaces.plain(false, null));

    assertTrue(result.isComplete());
    assertEquals(36, result.schedulesExplored());
    assertEquals(10, result.count(Outcome.PASSED));
    assertEquals(24, result.count(Outcome.INVARIANT_VIOLATED));
    assertEquals(2, result.count(Outcome.STEP_FAILED));
  }

  @Test
  void aLostIncrementIsCaughtAsUseAfterFree() throws Exception {
    Exploration result = explorer.exhaustive(CountRaces.plain(false, null));

    for (Execution e : result.findings()) {
      if (e.outcome() == Outcome.STEP_FAILED) {
        UseAfterFreeException uaf = assertInstanceOf(UseAfterFreeException.class, e.failure());
        assertEquals("use after free: object #1 has refCount 0; value() refused", uaf.getMessage());
        assertEquals("T2", e.trace().get(e.trace().size() - 1).thread());
      }
    }
    Execution first = result.firstFinding(Outcome.STEP_FAILED).orElseThrow();
    assertEquals("T1,T2,T2,T1,T2,T2,T2", first.schedule().toString());
  }

  @Test
  void aLostDecrementIsReportedAsALeak() throws Exception {
    Exploration result = explorer.exhaustive(CountRaces.plain(false, null));
    for (Execution e : result.findings()) {
      if (e.outcome() == Outcome.INVARIANT_VIOLATED) {
        assertTrue(e.finalState().matches("refCount [1-9], freed false, live 1"), e.finalState());
      }
    }

    CountRaces.LastState last = new CountRaces.LastState();
    Execution leak = explorer.replay(CountRaces.plain(true, last), "T1,T2,T1,T2,T2,T2,T2,T2,T2");
    assertEquals(Outcome.INVARIANT_VIOLATED, leak.outcome());
    Heap heap = last.get().heap;
    assertEquals(1, heap.leaks().size());
    Leak found = heap.leaks().get(0);
    assertEquals(1, found.objectId());
    assertEquals(1, found.refCount());
    assertEquals("String(shared)", found.value());
    assertTrue(
        found.allocationSite().startsWith("CountRaces.twoHolders(CountRaces.java:"),
        found.allocationSite());
    assertEquals(4, found.lastAccesses().size());
    assertTrue(
        found.lastAccesses().get(3).startsWith("decRef -> 1 on explore-"),
        found.lastAccesses().toString());
  }

  static Stream<Arguments> countsKeptRight() {
    return Stream.of(
        Arguments.of("PLAIN under a lock", CountRaces.plainLocked(), 8),
        Arguments.of("ATOMIC", CountRaces.atomic(), 5),
        Arguments.of("BIASED", CountRaces.biased(), 15));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("countsKeptRight")
  void countsKeptRightNeverGoWrong(String counts, Program<?> program, int schedules)
      throws Exception {
    Exploration result = explorer.exhaustive(program);

    assertTrue(result.isComplete());
    assertEquals(schedules, result.schedulesExplored());
    assertEquals(schedules, result.count(Outcome.PASSED));
    assertEquals("exhaustive: " + schedules + " schedules, 0 findings, complete", result.summary());
  }

  @Test
  void biasedCountsAgreeOverManyRandomSchedules() throws Exception {
    Exploration result = explorer.random(CountRaces.biased(), 42, 200);

    assertEquals(200, result.count(Outcome.PASSED));
  }
}

package dev.gillab.gil.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LevelsTest {
  static Stream<Level> levels() {
    return Levels.all().stream();
  }

  @Test
  void theOppositeOrderDeadlockLeavesEveryThreadBlocked() {
    Level level = Levels.byId("opposite-order");
    Found found = Explorer.defaults().find(level).orElseThrow();
    Snapshot s = level.program().replay(found.schedule()).snapshot();
    assertEquals(Outcome.DEADLOCK, s.outcome());
    assertEquals(
        List.of(Snapshot.ThreadState.BLOCKED, Snapshot.ThreadState.BLOCKED,
            Snapshot.ThreadState.BLOCKED),
        s.threads().stream().map(Snapshot.ThreadView::state).toList());
    assertEquals(
        Arrays.asList("join Thread-1 (left)", "b", "a"),
        s.threads().stream().map(Snapshot.ThreadView::waitingFor).toList());
    assertEquals(
        List.of(new Snapshot.LockView("a", 1, List.of(2)), new Snapshot.LockView("b", 2, List.of(1))),
        s.locks());
    assertNull(s.gilHolder());
    assertEquals("right has b\nleft has a\n", s.output());
    assertEquals(1, found.preemptions());
  }

  @Test
  void everyLevelHasItsOwnIdAndATextThatSaysWhatToDo() {
    assertTrue(Levels.all().size() >= 12);
    assertEquals(Levels.all().size(),
        Levels.all().stream().map(Level::id).distinct().count());
    for (Level l : Levels.all()) {
      assertEquals(l, Levels.byId(l.id()));
      assertFalse(l.text().isBlank(), l.id());
      assertEquals(l.solvable(), !l.title().endsWith("(prove it)"), l.id());
    }
  }

  @Test
  void aFreedListStopsTheReaderWithPlainCountsAndNoGilButNeverUnderTheGil() {
    Level level = Levels.byId("free-while-in-use");
    Found found = Explorer.defaults().find(level).orElseThrow();
    Snapshot s = level.program().replay(found.schedule()).snapshot();
    Snapshot.ThreadView reader = s.threads().get(1);
    assertEquals(Snapshot.ThreadState.FAILED, reader.state());
    assertTrue(reader.error().matches(
            "(UseAfterFree|DoubleFree)Exception: (incRef|decRef) \\S+ of list #\\d+, freed.*\\n"),
        reader.error());
    assertEquals(14, reader.line(), "the reader stops at mine = items");
    // Plain counts under the GIL: the same program, and no schedule frees the list early.
    Level gil = Levels.byId("gil-keeps-counts-whole");
    assertEquals(level.source().substring(level.source().indexOf("import")),
        gil.source().substring(gil.source().indexOf("import")));
    Exhaustion every = Explorer.defaults().exhaust(gil.program(), gil.goal(), Integer.MAX_VALUE);
    assertTrue(every.provesUnreachable(), every.toString());
  }

  @Test
  void aCountChangeUnderNoGilWithPlainCountsIsAReadThenAWriteAStepLater() {
    Stepper s = Levels.byId("free-while-in-use").start();
    while (!s.snapshot().threads().get(0).nextInstruction().startsWith("LOAD_GLOBAL")) {
      s.step(0);
    }
    s.step(0); // LOAD_GLOBAL threading: the module is immortal
    s.step(0); // LOAD_ATTR Thread
    s.step(0); // LOAD_GLOBAL reader: the function's count is read, not yet written
    Snapshot.GlobalView fn = s.snapshot().globals().stream()
        .filter(g -> g.name().equals("reader")).findFirst().orElseThrow();
    assertEquals(1, fn.refCount());
    assertEquals("write counts: function #" + fn.id() + " 1 → 2",
        s.snapshot().threads().get(0).nextInstruction());
    s.step(0);
    assertEquals(2, s.snapshot().globals().stream()
        .filter(g -> g.name().equals("reader")).findFirst().orElseThrow().refCount());
  }

  @Test
  void everyUnbreakableLevelClaimsOnlyWhatTheBoundedSearchProves() {
    for (Level l : Levels.all()) {
      if (!l.solvable()) {
        assertTrue(l.text().contains("up to its bound of preemptions"), l.id());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("levels")
  void theExplorerSolvesEveryLevelOrProvesItCannotBe(Level level) {
    if (level.solvable()) {
      Optional<Found> found = Explorer.defaults().find(level);
      assertTrue(found.isPresent(), level.id() + ": no schedule reaches " + level.goal().text());
      List<Integer> schedule = found.get().schedule();
      Stepper replayed = level.program().replay(schedule);
      assertTrue(replayed.reached(level.goal()), level.id() + ": the replay misses the goal");
      Stepper again = level.program().replay(schedule);
      assertEquals(replayed.snapshot(), again.snapshot(), level.id());
    } else {
      Exhaustion e = Explorer.defaults().exhaust(level);
      assertTrue(e.provesUnreachable(), level.id() + ": " + e);
      assertTrue(e.schedules() > 1, level.id() + ": " + e);
    }
  }
}

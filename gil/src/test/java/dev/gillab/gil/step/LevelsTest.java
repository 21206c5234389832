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

package dev.gillab.gil.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LevelsTest {
  static Stream<Level> levels() {
    return Levels.all().stream();
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

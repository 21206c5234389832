package dev.gillab.gil.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gillab.gil.SwitchingPolicy;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ExplorerTest {
  /**
   * Two threads each do {@code counter += 1} once: the one the main thread starts, and the main
   * thread itself, so that every schedule of every instruction can be run in a test.
   */
  static final String MAIN_AND_ONE =
      """
      import threading

      counter = 0


      def work():
          global counter
          counter += 1


      t = threading.Thread(target=work)
      t.start()
      work()
      """;

  private static Stepper.Builder mainAndOne() {
    return Stepper.builder(MAIN_AND_ONE, "counter.py")
        .policy(SwitchingPolicy.none())
        .granularity(Granularity.INSTRUCTION);
  }

  @Test
  void everyScheduleOfTheCounterEndsAtOneOrTwoAsOftenAsAModelOfItsBytecodeSays() {
    Map<String, Long> ends = new TreeMap<>();
    long schedules =
        Explorer.defaults()
            .forEachSchedule(
                mainAndOne(),
                Integer.MAX_VALUE,
                s ->
                    ends.merge(
                        s.outcome() + " " + s.globalRepr("counter").orElse("?"), 1L, Long::sum));
    Map<Long, Long> model = new TreeMap<>();
    BytecodeModel.count(0, 0, 0, 0, 0, model);
    assertEquals(Map.of(1L, 15_939L, 2L, 2_625L), model); // the model's own sums, by hand
    assertEquals(Map.of("FINISHED 1", model.get(1L), "FINISHED 2", model.get(2L)), ends);
    assertEquals(18_564, schedules);
  }

  /**
   * The instructions each thread runs once the worker exists, written down from the bytecode of
   * {@link #MAIN_AND_ONE} ({@code gil-lab dis}), and every interleaving of them counted by final
   * value: independent of the interpreter and the explorer.
   *
   * <p>The main thread's 12: {@code POP_TOP} (of {@code t.start()}), {@code LOAD_GLOBAL work},
   * {@code CALL_FUNCTION 0}, then {@code work}'s {@code LOAD_GLOBAL counter} (index 3, the read),
   * {@code LOAD_CONST 1}, {@code BINARY_OP +=}, {@code STORE_GLOBAL counter} (index 6, the write),
   * {@code LOAD_CONST None}, {@code RETURN_VALUE}, and the module's {@code POP_TOP}, {@code
   * LOAD_CONST None}, {@code RETURN_VALUE}. The worker's 6: {@code work}'s, the read at 0 and the
   * write at 3.
   */
  private static final class BytecodeModel {
    static final int MAIN = 12;
    static final int MAIN_READ = 3;
    static final int MAIN_WRITE = 6;
    static final int WORKER = 6;
    static final int WORKER_READ = 0;
    static final int WORKER_WRITE = 3;

    static void count(
        int m, int w, long mainValue, long workerValue, long counter, Map<Long, Long> ends) {
      if (m == MAIN && w == WORKER) {
        ends.merge(counter, 1L, Long::sum);
        return;
      }
      if (m < MAIN) {
        count(
            m + 1,
            w,
            m == MAIN_READ ? counter : mainValue,
            workerValue,
            m == MAIN_WRITE ? mainValue + 1 : counter,
            ends);
      }
      if (w < WORKER) {
        count(
            m,
            w + 1,
            mainValue,
            w == WORKER_READ ? counter : workerValue,
            w == WORKER_WRITE ? workerValue + 1 : counter,
            ends);
      }
    }
  }

  @Test
  void losingTheUpdateTakesOnePreemption() {
    Goal lost = Goal.globalEquals("counter", "1");
    assertTrue(Explorer.defaults().exhaust(mainAndOne(), lost, 0).provesUnreachable());
    Optional<Found> found = Explorer.defaults().find(mainAndOne(), lost);
    assertTrue(found.isPresent());
    assertEquals(1, found.get().preemptions());
    Stepper replayed = mainAndOne().replay(found.get().schedule());
    assertEquals(Outcome.FINISHED, replayed.outcome());
    assertEquals(Optional.of("1"), replayed.globalRepr("counter"));
  }

  @Test
  void theFoundScheduleIsTheShortestWithinItsBound() {
    Goal lost = Goal.globalEquals("counter", "1");
    Found found = Explorer.defaults().find(mainAndOne(), lost).orElseThrow();
    Exhaustion bound1 = Explorer.defaults().exhaust(mainAndOne(), lost, 1);
    long shorter =
        Explorer.defaults()
            .forEachSchedule(
                mainAndOne(),
                1,
                s -> {
                  if (s.reached(lost)) {
                    assertTrue(
                        s.schedule().size() >= found.schedule().size(), s.schedule().toString());
                  }
                });
    assertEquals(bound1.schedules(), shorter);
    assertFalse(bound1.provesUnreachable());
  }

  @Test
  void underTheGilPlusEqualsCannotLoseAnUpdateWithinTwoPreemptions() {
    // Level 3: level 1's program under interval, switches only at switch points.
    Stepper.Builder gil = Levels.byId("gil-keeps-plus-equals-whole").program();
    Exhaustion e = Explorer.defaults().exhaust(gil, Goal.globalEquals("counter", "1"), 2);
    assertTrue(e.provesUnreachable(), e.toString());
    assertEquals(Map.of(Outcome.FINISHED, e.schedules()), e.outcomes());
  }

  @Test
  void theScheduleBoundStopsASearch() {
    Explorer small = Explorer.builder().maxSchedules(10).build();
    Exhaustion e = small.exhaust(mainAndOne(), Goal.globalEquals("counter", "3"), 5);
    assertEquals(10, e.schedules());
    assertFalse(e.complete());
    assertFalse(e.provesUnreachable());
  }
}

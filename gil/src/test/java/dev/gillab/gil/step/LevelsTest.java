package dev.gillab.gil.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gillab.gil.SwitchingPolicy;
import dev.gillab.refcount.CountStrategy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
        List.of(
            Snapshot.ThreadState.BLOCKED,
            Snapshot.ThreadState.BLOCKED,
            Snapshot.ThreadState.BLOCKED),
        s.threads().stream().map(Snapshot.ThreadView::state).toList());
    assertEquals(
        Arrays.asList("join Thread-1 (left)", "b", "a"),
        s.threads().stream().map(Snapshot.ThreadView::waitingFor).toList());
    assertEquals(
        List.of(
            new Snapshot.LockView("a", 1, List.of(2)), new Snapshot.LockView("b", 2, List.of(1))),
        s.locks());
    assertNull(s.gilHolder());
    assertEquals("right has b\nleft has a\n", s.output());
    assertEquals(1, found.preemptions());
  }

  @Test
  void everyLevelHasItsOwnIdAndATextThatSaysWhatToDo() {
    assertTrue(Levels.all().size() >= 12);
    assertEquals(Levels.all().size(), Levels.all().stream().map(Level::id).distinct().count());
    for (Level l : Levels.all()) {
      assertEquals(l, Levels.byId(l.id()));
      assertFalse(l.text().isBlank(), l.id());
      assertEquals(l.solvable(), !l.title().endsWith("(prove it)"), l.id());
    }
  }

  /** A level file: a header with every key and {@code more} lines, then {@code program}. */
  private static String levelFile(String more, String program) {
    return "# title: T\n# text: Do it.\n"
        + more
        + "# policy: none\n# granularity: INSTRUCTION\n# goal: deadlock\n# solvable: yes\n"
        + program;
  }

  @Test
  void aLevelThatNamesAnotherLevelsProgramShowsItInFullUnderItsOwnHeader() {
    Map<String, String> files =
        Map.of(
            "01_first.py", levelFile("", "print(1)\n"),
            "02_second.py", levelFile("# program: 01_first.py\n", ""),
            "03_own.py", levelFile("# program: 01_first.py\n", "print(3)\n"),
            "04_chain.py", levelFile("# program: 02_second.py\n", ""));
    Level second = Levels.parse("02_second.py", files::get);
    assertEquals(levelFile("", "print(1)\n"), second.source());
    assertEquals("02_second.py", second.fileName());
    assertEquals(
        "level 03_own.py names the program of 01_first.py and has a program of its own",
        assertThrows(IllegalArgumentException.class, () -> Levels.parse("03_own.py", files::get))
            .getMessage());
    assertEquals(
        "level 04_chain.py names the program of 02_second.py, which names another's",
        assertThrows(IllegalArgumentException.class, () -> Levels.parse("04_chain.py", files::get))
            .getMessage());
    // The built-in levels that name level 1's program show it as level 1 does.
    Level first = Levels.byId("lost-update-no-gil");
    for (String id : List.of("lost-update-every-instruction", "gil-keeps-plus-equals-whole")) {
      String source = Levels.byId(id).source();
      assertFalse(source.contains("# program:"), id);
      assertEquals(
          first.source().substring(first.source().indexOf("import")),
          source.substring(source.indexOf("import")),
          id);
    }
  }

  @Test
  void aFreedListStopsTheReaderWithPlainCountsAndNoGilButNeverUnderTheGil() {
    Level level = Levels.byId("free-while-in-use");
    Found found = Explorer.defaults().find(level).orElseThrow();
    Snapshot s = level.program().replay(found.schedule()).snapshot();
    Snapshot.ThreadView reader = s.threads().get(1);
    assertEquals(Snapshot.ThreadState.FAILED, reader.state());
    assertTrue(
        reader
            .error()
            .matches(
                "(UseAfterFree|DoubleFree)Exception: (incRef|decRef) \\S+ of list #\\d+, freed.*\\n"),
        reader.error());
    assertEquals(14, reader.line(), "the reader stops at mine = items");
    // Plain counts under the GIL: the same program, and no schedule frees the list early.
    Level gil = Levels.byId("gil-keeps-counts-whole");
    assertEquals(
        level.source().substring(level.source().indexOf("import")),
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
    Snapshot.GlobalView fn =
        s.snapshot().globals().stream()
            .filter(g -> g.name().equals("reader"))
            .findFirst()
            .orElseThrow();
    assertEquals(1, fn.refCount());
    assertEquals(
        "write counts: function #" + fn.id() + " 1 → 2",
        s.snapshot().threads().get(0).nextInstruction());
    s.step(0);
    assertEquals(
        2,
        s.snapshot().globals().stream()
            .filter(g -> g.name().equals("reader"))
            .findFirst()
            .orElseThrow()
            .refCount());
  }

  /**
   * No false leak: with whole counts (atomic ones, or plain ones under a GIL) every count is held
   * by something the roots reach, so no schedule of any level, within two preemptions, ends with an
   * object nothing reaches. Each level is run with atomic counts and, under a GIL, with its own
   * counts too; every level but the two that only starve a thread has runs that end.
   */
  @ParameterizedTest
  @MethodSource("levels")
  void noScheduleOfAnyLevelLeaksWithWholeCounts(Level level) {
    List<Stepper.Builder> programs =
        level.policy().excludes()
            ? List.of(level.program().counts(CountStrategy.ATOMIC), level.program())
            : List.of(level.program().counts(CountStrategy.ATOMIC));
    for (Stepper.Builder program : programs) {
      Exhaustion e = Explorer.defaults().exhaust(program, Goal.leaks(), 2);
      assertTrue(e.complete(), level.id() + ": " + e);
      assertNull(e.found(), level.id() + ": a schedule leaks with whole counts: " + e);
      long ended =
          e.outcomes().getOrDefault(Outcome.FINISHED, 0L)
              + e.outcomes().getOrDefault(Outcome.ERROR, 0L);
      // Runs that end are the ones assessed: each level has some, but one that always deadlocks.
      assertTrue(
          ended > 0 || e.outcomes().keySet().equals(Set.of(Outcome.DEADLOCK)),
          level.id() + ": " + e);
    }
  }

  @Test
  void aProgramOfContainersAndFailingThreadsLeaksNothingWithAtomicCounts() {
    String source =
        """
                    import threading

                    table = [[1, 2], (3, 'four'), [5.5, [6, 7 * 10000000000]]]


                    def shuffle(rows, label):
                        mine = list(rows)
                        pair = (mine.pop(), label + str(len(mine)))
                        rows.append([pair, 1000 * 1000000])
                        return pair


                    def broken(rows):
                        keep = [rows, 'held']
                        return keep[5]


                    t1 = threading.Thread(target=shuffle, args=(table, 'x'))
                    t2 = threading.Thread(target=broken, args=(table,))
                    t1.start()
                    t2.start()
                    shuffle(table, 'main')
                    t1.join()
                    t2.join()
                    del table
                    """;
    Stepper.Builder program =
        Stepper.builder(source, "containers.py")
            .policy(SwitchingPolicy.none())
            .granularity(Granularity.INSTRUCTION)
            .counts(CountStrategy.ATOMIC);
    Exhaustion e = Explorer.defaults().exhaust(program, Goal.leaks(), 1);
    assertTrue(e.complete(), e.toString());
    assertNull(e.found(), e.toString());
    assertEquals(Map.of(Outcome.ERROR, e.schedules()), e.outcomes(), "t2 raises IndexError");
    Stepper run = program.build();
    while (!run.choices().isEmpty()) {
      run.step(run.choices().get(run.choices().size() - 1));
    }
    assertEquals(Outcome.ERROR, run.outcome());
    assertEquals(List.of(), run.snapshot().leaks());
  }

  @Test
  void aCycleIsRefusedSoNothingLeaksWhenTheRunEndsByTheError() {
    Stepper s = Stepper.builder("a = [1]\nb = [a]\na.append(b)\n", "cycle.py").build();
    while (!s.choices().isEmpty()) {
      assertEquals(List.of(), s.snapshot().leaks(), "nothing is assessed before the run ends");
      s.step(0);
    }
    Snapshot end = s.snapshot();
    assertEquals(Outcome.ERROR, end.outcome());
    assertTrue(
        end.threads()
            .get(0)
            .error()
            .contains("ValueError: appending would make a list" + " contain itself"),
        end.threads().get(0).error());
    assertFalse(s.reached(Goal.leaks()));
    assertEquals(List.of(), end.leaks());
    assertEquals(
        List.of("[1]", "[[1]]"), end.heap().stream().map(Snapshot.ObjectView::repr).toList());
  }

  @Test
  void twoLostReleasesLeaveTheListAliveWithNoNameAndNeverUnderWholeCounts() {
    Level level = Levels.byId("lose-a-release");
    Found found = Explorer.defaults().find(level).orElseThrow();
    Snapshot s = level.program().replay(found.schedule()).snapshot();
    assertEquals(Outcome.FINISHED, s.outcome());
    assertEquals("3\n3\n", s.output());
    assertTrue(s.globals().stream().noneMatch(g -> g.name().equals("items")), s.toString());
    assertEquals(1, s.leaks().size(), s.toString());
    Snapshot.ObjectView list = s.leaks().get(0);
    assertEquals("list", list.type());
    assertEquals("[1, 2, 3]", list.repr());
    assertEquals(1, list.refCount(), "one decRef lost: the count keeps a reference nobody holds");
    assertTrue(s.heap().stream().noneMatch(o -> o.id() == list.id()), "no root reaches it");
    // The lost release: a reader's at its return, or main's at del items, when the two race.
    assertEquals(1, found.preemptions(), found + "\n" + s);
    // The same program with atomic counts: every schedule within the bound ends with no leak.
    Exhaustion whole =
        Explorer.defaults().exhaust(level.program().counts(CountStrategy.ATOMIC), level.goal(), 2);
    assertTrue(whole.provesUnreachable(), whole.toString());
    // Plain counts under the GIL: the same program, and no schedule at all leaks the list.
    Level gil = Levels.byId("gil-keeps-releases-whole");
    assertEquals(
        level.source().substring(level.source().indexOf("import")),
        gil.source().substring(gil.source().indexOf("import")));
    Exhaustion every = Explorer.defaults().exhaust(gil.program(), gil.goal(), Integer.MAX_VALUE);
    assertTrue(every.provesUnreachable(), every.toString());
    assertEquals(Map.of(Outcome.FINISHED, every.schedules()), every.outcomes());
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

package dev.gillab.gil.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gillab.gil.SwitchingPolicy;
import dev.gillab.gil.python.PythonSyntaxError;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StepperTest {
  /** Level 1's program: two threads each add 1 to counter, started and joined by main. */
  static final Level COUNTER = Levels.byId("lost-update-no-gil");

  /** A fresh run of {@link #COUNTER} with no GIL, every instruction a step. */
  static Stepper counter() {
    return Stepper.of(
        COUNTER.source(), COUNTER.fileName(), SwitchingPolicy.none(), Granularity.INSTRUCTION);
  }

  /** {@code schedule} replayed on a fresh run of {@link #counter()}. */
  static Stepper counterReplayed(List<Integer> schedule) {
    return Stepper.replay(
        COUNTER.source(),
        COUNTER.fileName(),
        SwitchingPolicy.none(),
        Granularity.INSTRUCTION,
        schedule);
  }

  /** Steps the lowest thread that can move until the run ends. */
  static Stepper runLowestFirst(Stepper s) {
    for (int i = 0; i < 10_000 && s.outcome() == Outcome.RUNNING; i++) {
      s.step(s.choices().get(0));
    }
    return s;
  }

  /**
   * Steps the lowest thread that can move until the run ends, and checks how it ended and what it
   * printed.
   *
   * @return the run's last snapshot
   */
  static Snapshot endsLowestFirst(Stepper s, Outcome outcome, String output) {
    Snapshot snap = runLowestFirst(s).snapshot();
    assertEquals(outcome, snap.outcome());
    assertEquals(output, snap.output());
    return snap;
  }

  /** Steps a seeded random choice until the run ends. */
  static Stepper runRandom(Stepper s, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 10_000 && s.outcome() == Outcome.RUNNING; i++) {
      List<Integer> c = s.choices();
      s.step(c.get(random.nextInt(c.size())));
    }
    return s;
  }

  @Test
  void theMainThreadAloneRunsAProgramToItsEnd() {
    Stepper s =
        Stepper.of(
            "x = 1\nprint(x + 1)\n", "t.py", SwitchingPolicy.none(), Granularity.INSTRUCTION);
    assertEquals(List.of(0), s.choices());
    endsLowestFirst(s, Outcome.FINISHED, "2\n");
    assertEquals(List.of(), s.choices());
  }

  @Test
  void threadsAreNumberedInStartOrderAndFinish() {
    Stepper s = counter();
    Snapshot snap = endsLowestFirst(s, Outcome.FINISHED, "2\n");
    assertEquals(List.of(0, 1, 2), snap.threads().stream().map(Snapshot.ThreadView::id).toList());
    assertEquals(
        List.of("MainThread", "Thread-1 (work)", "Thread-2 (work)"),
        snap.threads().stream().map(Snapshot.ThreadView::name).toList());
    assertTrue(snap.threads().stream().allMatch(t -> t.state() == Snapshot.ThreadState.FINISHED));
    assertEquals(java.util.Optional.of("2"), s.globalRepr("counter"));
  }

  @Test
  void replayingASchedulegivesAnEqualSnapshot() {
    for (long seed = 0; seed < 20; seed++) {
      Stepper s = runRandom(counter(), seed);
      Stepper again = counterReplayed(s.schedule());
      assertEquals(s.snapshot(), again.snapshot());
      assertEquals(again.snapshot(), again.snapshot());
    }
  }

  @Test
  void aRunSteppedFromSeveralJavaThreadsReplaysToAnEqualSnapshot() throws InterruptedException {
    Stepper s = counter();
    SplittableRandom random = new SplittableRandom(3);
    for (int round = 0; round < 6 && s.outcome() == Outcome.RUNNING; round++) {
      // A page server steps a run from whichever thread serves the request.
      Thread t =
          new Thread(
              () -> {
                for (int i = 0; i < 10 && s.outcome() == Outcome.RUNNING; i++) {
                  List<Integer> c = s.choices();
                  s.step(c.get(random.nextInt(c.size())));
                }
              });
      t.start();
      t.join(10_000);
    }
    Stepper again = counterReplayed(s.schedule());
    assertEquals(s.snapshot(), again.snapshot());
  }

  @Test
  void undoGivesTheStateOfTheShorterSchedule() {
    Stepper s = counter();
    SplittableRandom random = new SplittableRandom(7);
    List<Snapshot> before = new ArrayList<>();
    while (s.outcome() == Outcome.RUNNING) {
      before.add(s.snapshot());
      List<Integer> c = s.choices();
      s.step(c.get(random.nextInt(c.size())));
    }
    for (int i = before.size() - 1; i >= 0; i--) {
      assertTrue(s.undo());
      assertEquals(before.get(i), s.snapshot());
    }
    assertFalse(s.undo());
  }

  @Test
  void aStepOfAThreadThatCannotMoveIsRefused() {
    Stepper s = counter();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.step(1));
    assertEquals("thread 1 cannot take a step now; the threads that can are [0]", e.getMessage());
  }

  @Test
  void aCompileErrorIsTheCompilersException() {
    assertThrows(
        PythonSyntaxError.class,
        () ->
            Stepper.of("x = (\n", "bad.py", SwitchingPolicy.interval(), Granularity.SWITCH_POINT));
  }

  @Test
  void aRunawayLoopEndsAtTheInstructionBudget() {
    Stepper s =
        Stepper.builder("while True:\n    pass\n", "spin.py").instructionBudget(5_000).build();
    runLowestFirst(s);
    assertEquals(Outcome.BUDGET, s.outcome());
    assertTrue(s.schedule().size() < 5_000, s.schedule().size() + " steps");
  }

  @Test
  void aRunawayAllocationEndsAtTheByteBudget() {
    Stepper s =
        Stepper.builder("xs = []\nwhile True:\n    xs.append('x' * 1000)\n", "grow.py")
            .maxMemory(1 << 20)
            .build();
    runLowestFirst(s);
    assertEquals(Outcome.BUDGET, s.outcome());
    String error = s.snapshot().threads().get(0).error();
    assertTrue(error.endsWith("MemoryError\n"), error);
  }

  @Test
  void aFailedAssertEndsItsThreadWithCPythonsTraceback() {
    String src =
        """
        import threading


        def check():
            assert 1 == 2, "no"


        t = threading.Thread(target=check)
        t.start()
        t.join()
        print("main goes on")
        """;
    Stepper s = Stepper.of(src, "check.py", SwitchingPolicy.interval(), Granularity.SWITCH_POINT);
    Snapshot snap = endsLowestFirst(s, Outcome.ERROR, "main goes on\n");
    assertEquals(Snapshot.ThreadState.FAILED, snap.threads().get(1).state());
    assertEquals(5, snap.threads().get(1).line());
    assertEquals("check", snap.threads().get(1).code());
    assertEquals(
        """
        Traceback (most recent call last):
          File "check.py", line 5, in check
            assert 1 == 2, "no"
        AssertionError: no
        """,
        snap.threads().get(1).error());
    assertTrue(s.reached(Goal.assertionFails()));
  }

  @Test
  void aThreadWaitingForATakenLockIsNotOfferedAndSleepTakesNoTime() {
    String src =
        """
        import threading
        import time

        lock = threading.Lock()


        def holder():
            with lock:
                time.sleep(3600)


        t = threading.Thread(target=holder)
        lock.acquire()
        t.start()
        time.sleep(3600)
        lock.release()
        t.join()
        print(time.monotonic())
        """;
    Stepper s = Stepper.of(src, "hold.py", SwitchingPolicy.interval(), Granularity.SWITCH_POINT);
    while (!s.choices().contains(1)) {
      s.step(0);
    }
    s.step(1); // runs up to the with, where it would wait for the lock main holds
    Snapshot snap = s.snapshot();
    assertFalse(s.choices().contains(1));
    assertEquals(Snapshot.ThreadState.BLOCKED, snap.threads().get(1).state());
    assertEquals("lock", snap.threads().get(1).waitingFor());
    assertEquals(List.of(new Snapshot.LockView("lock", 0, List.of(1))), snap.locks());
    endsLowestFirst(s, Outcome.FINISHED, "7200.0\n");
  }
}

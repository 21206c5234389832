package dev.gillab.refcount.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The heap's counters across threads that come and go. */
@Timeout(60)
class CountersTest {

  private static void runAndJoin(Runnable body) throws InterruptedException {
    Thread t = new Thread(body);
    t.start();
    t.join(10_000);
    assertFalse(t.isAlive(), "worker did not finish in 10 s");
  }

  @Test
  void cellsOfEndedThreadsAreFoldedAwayAndTheirCountsKept() throws Exception {
    Counters counters = new Counters();
    Set<Long> ids = new HashSet<>();
    ids.add(counters.allocate()); // main: live 1
    for (int i = 0; i < 100; i++) { // a pool replacing its threads, one after another
      runAndJoin(
          () -> {
            synchronized (ids) {
              ids.add(counters.allocate());
              ids.add(counters.allocate());
              counters.free();
              counters.allocateImmortal();
            }
          });
    }
    assertEquals(2, counters.cellCount(), "main's cell and the last thread's, not 101");
    assertEquals(201, counters.allocated());
    assertEquals(100, counters.freed());
    assertEquals(100, counters.immortal());
    assertEquals(101, counters.liveAtMost());
    assertEquals(102, counters.peak(), "the last thread had 2 of its own live on top of 100");
    assertEquals(201, ids.size(), "ids stay unique across folded cells");

    runAndJoin(counters::free); // one more thread: folds the last one in, counts on
    assertEquals(2, counters.cellCount());
    assertEquals(101, counters.freed());
    assertEquals(100, counters.liveAtMost());
  }

  @Test
  void theFirstThreadsPeakSurvivesItsCellBeingFolded() throws Exception {
    Counters counters = new Counters();
    runAndJoin(
        () -> {
          counters.allocate();
          counters.allocate();
          counters.allocate(); // alone: live 3, the peak
          counters.free();
          counters.free();
        });
    runAndJoin(counters::free); // folds the first thread's cell
    assertEquals(1, counters.cellCount());
    assertEquals(3, counters.peak());
    assertEquals(0, counters.liveAtMost());
    assertTrue(counters.allocated() == 3 && counters.freed() == 3);
  }
}

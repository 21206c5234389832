package dev.gillab.gil;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** The GIL's counters, its bounded event ring, and its JFR events. */
class InstrumentationTest {
  private static final Duration BOUND = ofSeconds(30);

  /** Two threads loop until the GIL has switched {@code switches} times. */
  private static Interpreter twoCpuThreads(int switches, Interpreter.Builder b) throws Exception {
    AtomicLong target = new AtomicLong(Long.MAX_VALUE);
    Interpreter[] self = new Interpreter[1];
    Interpreter in =
        b.builtin("probe", 0, args -> self[0].gil().switchNumber() >= target.get()).build();
    self[0] = in;
    target.set(in.gil().switchNumber() + switches);
    InterpreterThread x = in.start(Examples.probeLoop());
    InterpreterThread y = in.start(Examples.probeLoop());
    assertTrue(x.join(BOUND));
    assertTrue(y.join(BOUND));
    x.result();
    y.result();
    return in;
  }

  @Test
  void countersAddUp() {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          try (Interpreter in =
              twoCpuThreads(
                  6,
                  Interpreter.builder()
                      .name("stats")
                      .policy(SwitchingPolicy.interval(Duration.ofMillis(1))))) {
            GilStats s = in.gilStats();
            assertEquals("interval(1ms)", s.policy());
            assertTrue(s.switches() >= 6);
            List<GilThreadStats> workers =
                s.threads().stream()
                    .filter(t -> t.threadName().startsWith("stats-thread-"))
                    .collect(Collectors.toList());
            assertEquals(2, workers.size());
            for (GilThreadStats t : workers) {
              assertTrue(t.acquisitions() >= 2, t.toString());
              assertTrue(t.heldNanos() > 0 && t.waitingNanos() > 0, t.toString());
              assertTrue(t.percentWaiting() > 0 && t.percentWaiting() < 100, t.toString());
            }
            // Every switch between the two CPU-bound threads was a forced drop of one of them. The
            // other threads (the one that built the interpreter, say) took part in at most two
            // switches per acquisition of theirs; all the others were worker to worker.
            long otherAcquisitions =
                s.threads().stream()
                    .filter(t -> !t.threadName().startsWith("stats-thread-"))
                    .mapToLong(GilThreadStats::acquisitions)
                    .sum();
            assertTrue(s.totalForcedDrops() >= s.switches() - 2 * otherAcquisitions, s.toString());
            assertTrue(s.totalForcedDrops() >= 1, s.toString());
            assertEquals(
                s.totalHeldNanos(),
                s.threads().stream().mapToLong(GilThreadStats::heldNanos).sum());
          }
        });
  }

  @Test
  void sleepCountsAsAnIoRelease() {
    try (Interpreter in = Interpreter.create()) {
      in.load(Examples.nap());
      in.traceEvents(16);
      in.run(Examples.nap(), 1L);
      GilThreadStats me = in.gilStats().thread(Thread.currentThread().getName()).orElseThrow();
      assertEquals(1, me.ioReleases());
      List<GilEvent.Kind> kinds =
          in.gilEvents().stream().map(GilEvent::kind).collect(Collectors.toList());
      assertEquals(
          List.of(
              GilEvent.Kind.ACQUIRE,
              GilEvent.Kind.IO_RELEASE,
              GilEvent.Kind.IO_RETAKE,
              GilEvent.Kind.ACQUIRE,
              GilEvent.Kind.RELEASE),
          kinds);
    }
  }

  /** A small ring keeps the newest events, consecutive and ordered in sequence and time. */
  @Test
  void theEventRingIsBoundedAndOrdered() {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          try (Interpreter in =
              twoCpuThreads(
                  40,
                  Interpreter.builder()
                      .policy(SwitchingPolicy.interval(Duration.ofMillis(1)))
                      .traceEvents(32))) {
            List<GilEvent> events = in.gilEvents();
            assertEquals(32, events.size());
            assertTrue(events.get(0).sequence() > 0, "old events were let go");
            for (int i = 1; i < events.size(); i++) {
              assertEquals(events.get(i - 1).sequence() + 1, events.get(i).sequence());
              assertTrue(events.get(i - 1).nanoTime() <= events.get(i).nanoTime());
            }
            in.gil().stopTracing();
            assertEquals(events, in.gilEvents());
          }
        });
  }

  @Test
  void jfrRecordsGilEvents() throws Exception {
    Path file = Files.createTempFile("gil", ".jfr");
    try (Recording r = new Recording()) {
      for (String e : List.of("Wait", "DropRequest", "ForcedDrop", "IoRelease")) {
        r.enable("dev.gillab.gil." + e).withoutThreshold();
      }
      r.start();
      assertTimeoutPreemptively(
          BOUND,
          () -> {
            try (Interpreter in =
                twoCpuThreads(
                    4,
                    Interpreter.builder().policy(SwitchingPolicy.interval(Duration.ofMillis(1))))) {
              in.run(Examples.nap(), 1L);
            }
          });
      r.stop();
      r.dump(file);
      Set<String> names =
          RecordingFile.readAllEvents(file).stream()
              .map(RecordedEvent::getEventType)
              .map(t -> t.getName())
              .collect(Collectors.toSet());
      assertTrue(
          names.containsAll(
              Set.of(
                  "dev.gillab.gil.Wait",
                  "dev.gillab.gil.DropRequest",
                  "dev.gillab.gil.ForcedDrop",
                  "dev.gillab.gil.IoRelease")),
          names.toString());
    } finally {
      Files.deleteIfExists(file);
    }
  }
}

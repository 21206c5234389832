package dev.gillab.threads.tally;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

@Timeout(60) // a bug in the barrier shows up as a failure, not a hung build
class OutcomeTallyTest {

  private static final Duration BOUND = Duration.ofSeconds(20);

  /** A time limit no test reaches: the round bound decides, so round counts are exact. */
  private static final Duration GENEROUS = Duration.ofMinutes(10);

  /** A round's state: its number (the factory counts), two slots the actors fill. */
  static final class Slots {
    final int round;
    int left;
    int right;

    Slots(int round) {
      this.round = round;
    }
  }

  /** A clock that only moves when a test moves it. */
  static final class FakeTicker extends Ticker {
    final AtomicLong nanos = new AtomicLong();

    @Override
    public long read() {
      return nanos.get();
    }
  }

  static final class Counter {
    int x;
  }

  @AfterEach
  void noWorkerOutlivesARun() {
    assertEquals(List.of(), liveTallyThreads());
  }

  private static List<String> liveTallyThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("tally-"))
        .map(Thread::getName)
        .collect(Collectors.toList());
  }

  /** Fresh states numbered 1, 2, 3, ... in the order the tally asks for them. */
  private static Supplier<Slots> numbered() {
    AtomicInteger made = new AtomicInteger();
    return () -> new Slots(made.incrementAndGet());
  }

  /** A tally named {@code name} of two actors: "a" fills the left slot, "b" the right one. */
  private static <R> OutcomeTally.Builder<Slots, R> twoWriters(
      String name, Supplier<Slots> states, Function<Slots, R> arbiter) {
    return OutcomeTally.builder(states, arbiter)
        .name(name)
        .actor("a", s -> s.left = 1)
        .actor("b", s -> s.right = 1);
  }

  /** Runs {@code tally}, which must fail, and answers how it failed. */
  private static TallyFailedException failure(OutcomeTally.Builder<Slots, ?> tally) {
    return assertThrows(TallyFailedException.class, tally::run);
  }

  /**
   * Runs a tally named {@code name} of a quick actor and {@code slow}, which outlasts the time
   * limit, and answers how it failed; within {@link #BOUND}, so a hang fails the test and does not
   * hang the build.
   */
  private static TallyFailedException hangs(
      String name, String slowName, Consumer<Slots> slow, Duration limit, Duration grace) {
    return assertTimeoutPreemptively(
        BOUND,
        () ->
            failure(
                OutcomeTally.builder(() -> new Slots(0), s -> "ok")
                    .name(name)
                    .actor("quick", s -> s.left = 1)
                    .actor(slowName, slow)
                    .timeLimit(limit)
                    .hangGrace(grace)));
  }

  /** Outcome "fizz" every third round, "plain" otherwise: exact counts from a 10-round run. */
  private static OutcomeTally.Builder<Slots, String> fizzEveryThird() {
    return twoWriters("fizz", numbered(), s -> s.round % 3 == 0 ? "fizz" : "plain")
        .timeLimit(GENEROUS);
  }

  /** {@link #fizzEveryThird} with "plain" acceptable and one more outcome declared, run. */
  private static TallyResult<String> plainAcceptableAnd(
      String outcome, Expect expect, String description, long rounds) {
    return fizzEveryThird()
        .expect("plain", Expect.ACCEPTABLE, "most rounds")
        .expect(outcome, expect, description)
        .rounds(rounds)
        .run();
  }

  @Test
  void gradesDeclaredOutcomesAndCountsThemExactly() {
    TallyResult<String> result =
        fizzEveryThird()
            .expect("plain", Expect.ACCEPTABLE, "most rounds")
            .expect("fizz", Expect.ACCEPTABLE_INTERESTING, "every third round")
            .expect("buzz", Expect.FORBIDDEN, "never made")
            .rounds(10)
            .run();

    assertEquals(10, result.rounds());
    assertEquals(StopReason.ROUNDS, result.stoppedBy());
    assertEquals(ImmutableMap.of("plain", 7L, "fizz", 3L), result.samples());
    assertEquals(7, result.samples("plain"));
    assertEquals(3, result.samples("fizz"));
    assertEquals(0, result.samples("buzz"));
    assertEquals(Expect.ACCEPTABLE, result.grade("plain"));
    assertEquals(Expect.ACCEPTABLE_INTERESTING, result.grade("fizz"));
    assertEquals(Expect.FORBIDDEN, result.grade("buzz"));
    assertTrue(result.sawInteresting());
    assertFalse(result.sawForbidden());
    assertEquals(ImmutableSet.of("fizz"), result.seen(Expect.ACCEPTABLE_INTERESTING));
  }

  @Test
  void aForbiddenOutcomeSeenIsReported() {
    TallyResult<String> result = plainAcceptableAnd("fizz", Expect.FORBIDDEN, "must not happen", 6);

    assertTrue(result.sawForbidden());
    assertEquals(ImmutableSet.of("fizz"), result.seen(Expect.FORBIDDEN));
    assertEquals(2, result.samples("fizz"));
  }

  @Test
  void tableHasTheFiveColumnsAndDeclaredRowsFirst() {
    TallyResult<String> result = plainAcceptableAnd("buzz", Expect.FORBIDDEN, "never made", 10_000);

    assertEquals(
        """
        RESULT  SAMPLES    FREQ  EXPECT      DESCRIPTION
        plain     6,667  66.67%  ACCEPTABLE  most rounds
        buzz          0   0.00%  FORBIDDEN   never made
        fizz      3,333  33.33%  FORBIDDEN   unlisted outcome
        """,
        result.table());
    assertTrue(
        result.summary().matches("fizz: 10,000 rounds in [\\d,]+ ms, stopped by the round bound"),
        result.summary());
    assertEquals(result.summary() + "\n" + result.table(), result.toString());
  }

  @Test
  void catchAllGradesEveryUnlistedOutcomeInTextOrder() {
    TallyResult<Integer> result =
        twoWriters("mod4", numbered(), s -> s.round % 4)
            .expect(0, Expect.ACCEPTABLE, "a multiple of four")
            .otherwise(Expect.ACCEPTABLE_INTERESTING, "not declared")
            .rounds(8)
            .timeLimit(GENEROUS)
            .run();

    assertEquals(
        """
        RESULT  SAMPLES    FREQ  EXPECT                  DESCRIPTION
        0             2  25.00%  ACCEPTABLE              a multiple of four
        1             2  25.00%  ACCEPTABLE_INTERESTING  not declared
        2             2  25.00%  ACCEPTABLE_INTERESTING  not declared
        3             2  25.00%  ACCEPTABLE_INTERESTING  not declared
        """,
        result.table());
    assertEquals(Expect.ACCEPTABLE_INTERESTING, result.grade(99));
    assertFalse(result.sawForbidden());
  }

  @Test
  void unlistedOutcomesAreForbiddenByDefault() {
    TallyResult<String> result = fizzEveryThird().rounds(3).run();

    assertEquals(Expect.FORBIDDEN, result.grade("plain"));
    assertEquals(OutcomeTally.UNLISTED, result.rows().get(0).description());
    assertFalse(result.rows().get(0).declared());
    assertTrue(result.sawForbidden());
  }

  @Test
  void theRoundBoundIsExactWhenTimeIsGenerous() {
    for (long rounds : new long[] {1, 2, 3, 1_000}) {
      TallyResult<String> result = fizzEveryThird().rounds(rounds).run();
      assertEquals(rounds, result.rounds());
      assertEquals(rounds, result.samples().values().stream().mapToLong(Long::longValue).sum());
      assertEquals(StopReason.ROUNDS, result.stoppedBy());
    }
  }

  @Test
  void theTimeBoundStopsBeforeTheNextRound() {
    FakeTicker ticker = new FakeTicker();
    TallyResult<Integer> result =
        twoWriters(
                "timed",
                numbered(),
                s -> {
                  if (s.round == 5) {
                    ticker.nanos.set(Duration.ofSeconds(1).toNanos()); // time is up after round 5
                  }
                  return s.left + s.right;
                })
            .expect(2, Expect.ACCEPTABLE, "both wrote")
            .rounds(1_000_000)
            .timeLimit(Duration.ofSeconds(1))
            .ticker(ticker)
            .run();

    assertEquals(5, result.rounds());
    assertEquals(StopReason.TIME, result.stoppedBy());
    assertEquals(Duration.ofSeconds(1), result.elapsed());
    assertEquals(5, result.samples(2));
  }

  @Test
  void theArbiterSeesEveryActorsWrites() {
    TallyResult<Integer> result =
        OutcomeTally.builder(() -> new Slots(0), s -> s.left + s.right)
            .name("visible")
            .actor("a", s -> s.left = 1)
            .actor("b", s -> s.right = 2)
            .expect(3, Expect.ACCEPTABLE, "both writes seen")
            .rounds(5_000)
            .timeLimit(GENEROUS)
            .run();

    assertFalse(result.sawForbidden(), result::toString);
    assertEquals(result.rounds(), result.samples(3));
  }

  @Test
  void moreActorsThanProcessorsStillMeetEveryRound() {
    int actors = Runtime.getRuntime().availableProcessors() + 4; // waiters park, never spin
    OutcomeTally.Builder<AtomicInteger, Integer> builder =
        OutcomeTally.builder(AtomicInteger::new, AtomicInteger::get)
            .name("crowd")
            .rounds(2_000)
            .timeLimit(GENEROUS)
            .expect(actors, Expect.ACCEPTABLE, "every actor ran once");
    for (int i = 0; i < actors; i++) {
      builder.actor("a" + i, AtomicInteger::incrementAndGet);
    }

    TallyResult<Integer> result = builder.run();

    assertEquals(2_000, result.rounds());
    assertEquals(ImmutableMap.of(actors, 2_000L), result.samples());
  }

  @Test
  void eachActorKeepsOneWorkerThreadForTheWholeRun() {
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    Set<String> names = ConcurrentHashMap.newKeySet();
    TallyResult<String> result =
        OutcomeTally.builder(() -> new Slots(0), s -> "done")
            .name("reuse")
            .actor("a", s -> threads.add(Thread.currentThread()))
            .actor("b", s -> names.add(Thread.currentThread().getName()))
            .expect("done", Expect.ACCEPTABLE, "ran")
            .rounds(500)
            .timeLimit(GENEROUS)
            .run();

    assertEquals(500, result.rounds());
    assertEquals(1, threads.size());
    assertFalse(threads.contains(Thread.currentThread()));
    assertEquals(Set.of("tally-reuse-b"), names);
  }

  @Test
  void aRunCanBeRepeatedWithFreshCounts() {
    OutcomeTally<Slots, String> tally = fizzEveryThird().rounds(9).build();

    assertEquals(3, tally.run().samples("fizz"));
    assertEquals(3, tally.run().samples("fizz"));
  }

  @Test
  void anActorThatThrowsIsReportedWithItsRound() {
    IllegalStateException boom = new IllegalStateException("boom");
    TallyFailedException e =
        failure(
            fizzEveryThird()
                .actor(
                    "thrower",
                    s -> {
                      if (s.round == 3) {
                        throw boom;
                      }
                    })
                .rounds(10));

    assertEquals("fizz: actor 'thrower' threw in round 3", e.getMessage());
    assertEquals(3, e.round());
    assertSame(boom, e.getCause());
  }

  @Test
  void anArbiterThatThrowsOrReturnsNullIsReported() {
    RuntimeException boom = new RuntimeException("no outcome");
    TallyFailedException thrown =
        failure(
            twoWriters(
                "judge",
                () -> new Slots(0),
                s -> {
                  throw boom;
                }));
    assertEquals("judge: arbiter threw in round 1", thrown.getMessage());
    assertSame(boom, thrown.getCause());

    TallyFailedException nulled =
        failure(twoWriters("judge", numbered(), s -> s.round == 2 ? null : "ok"));
    assertEquals("judge: arbiter returned null in round 2", nulled.getMessage());
    assertEquals(2, nulled.round());
  }

  @Test
  void aStateFactoryThatThrowsIsReported() {
    AtomicInteger made = new AtomicInteger();
    TallyFailedException e =
        failure(
            twoWriters(
                "factory",
                () -> {
                  if (made.incrementAndGet() == 4) {
                    throw new IllegalStateException("out of states");
                  }
                  return new Slots(made.get());
                },
                s -> "ok"));

    assertEquals("factory: state factory threw for round 4", e.getMessage());
    assertEquals("out of states", e.getCause().getMessage());
  }

  @Test
  void aHungActorIsInterruptedAndReported() {
    CountDownLatch never = new CountDownLatch(1);
    TallyFailedException e =
        hangs(
            "hang",
            "stuck",
            s -> {
              try {
                never.await();
              } catch (InterruptedException ie) {
                throw new IllegalStateException("interrupted", ie);
              }
            },
            Duration.ofSeconds(1),
            Duration.ofSeconds(1));

    assertEquals(
        "hang: actor 'stuck' in round 1 did not finish within the time limit (1000 ms) plus grace"
            + " (1000 ms)",
        e.getMessage());
    assertEquals(1, e.round());
  }

  @Test
  void anActorThatIgnoresInterruptsIsNamedAsLeftBehind() throws InterruptedException {
    AtomicInteger release = new AtomicInteger();
    try {
      TallyFailedException e =
          hangs(
              "deaf",
              "spinner",
              s -> {
                while (release.get() == 0) {
                  Thread.onSpinWait();
                }
              },
              Duration.ofSeconds(1),
              Duration.ofSeconds(1));
      assertEquals(
          "deaf: actor 'spinner' in round 1 did not finish within the time limit (1000 ms) plus"
              + " grace (1000 ms); worker threads still running after an interrupt (left as"
              + " daemons): tally-deaf-spinner",
          e.getMessage());
    } finally {
      release.set(1);
    }
    // Released, the spinner sees the abort and ends; the @AfterEach check then holds again.
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("tally-deaf-spinner")) {
        t.join(BOUND.toMillis());
      }
    }
  }

  @Test
  void badDeclarationsAreRejectedWithTheirReason() {
    assertRejected(
        "a tally needs at least 2 actors, got 0",
        () -> OutcomeTally.builder(() -> new Slots(0), s -> "x").build());
    assertRejected(
        "a tally needs at least 2 actors, got 1",
        () -> OutcomeTally.builder(() -> new Slots(0), s -> "x").actor("a", s -> {}).run());
    OutcomeTally.Builder<Slots, String> b =
        OutcomeTally.builder(() -> new Slots(0), s -> "x").actor("a", s -> {});
    assertRejected("rounds must be at least 1, got 0", () -> b.rounds(0));
    assertRejected("actor 'a' is declared twice", () -> b.actor("a", s -> {}));
    b.expect("x", Expect.ACCEPTABLE, "fine");
    assertRejected("outcome x is declared twice", () -> b.expect("x", Expect.FORBIDDEN, "again"));
    assertRejected("time limit must be positive, got PT0S", () -> b.timeLimit(Duration.ZERO));
    assertRejected(
        "hang grace must be positive, got PT-1S", () -> b.hangGrace(Duration.ofSeconds(-1)));
    assertRejected("name must not be blank", () -> b.name(" "));
    assertThrows(NullPointerException.class, () -> OutcomeTally.builder(null, s -> "x"));
  }

  /** {@code declaration} throws {@link IllegalArgumentException} with {@code message}. */
  private static void assertRejected(String message, Executable declaration) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, declaration).getMessage());
  }
}

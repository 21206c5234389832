package dev.gillab.gil;

import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gillab.refcount.CountStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** ticks, ioPriority and none: exclusion, free-threading, the IO hand-off, switch intervals. */
class PoliciesTest {
  private static final Duration BOUND = ofSeconds(30);

  static Stream<Arguments> excludingPolicies() {
    return Stream.of(
        Arguments.of(SwitchingPolicy.interval(Duration.ofMillis(1)), false),
        Arguments.of(SwitchingPolicy.ioPriority(Duration.ofMillis(1)), false),
        Arguments.of(SwitchingPolicy.ticks(), false),
        Arguments.of(SwitchingPolicy.ticks(1), true));
  }

  /**
   * Three threads loop on a probe that counts who is inside it; each stops only once all three have
   * been in, so the GIL provably changed hands. Never were two inside at once.
   */
  @ParameterizedTest
  @MethodSource("excludingPolicies")
  void everyPolicyWithAGilLetsOneThreadRunAtATime(SwitchingPolicy policy, boolean every) {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          int threads = 3;
          EvalLoopProbe probe = new EvalLoopProbe(threads);
          try (Interpreter in =
              probe
                  .install(
                      Interpreter.builder()
                          .policy(policy)
                          .checkEveryInstruction(every)
                          .traceEvents(100_000))
                  .build()) {
            probe.run(in);
            assertEquals(1, probe.maxInside());
            assertTrue(in.gil().switchNumber() >= threads - 1);
            Events.assertOneHolderAtATime(in.gilEvents());
          }
        });
  }

  /**
   * Under {@code none}, two threads meet inside a builtin that waits for both: only possible if
   * both are inside the eval loop at the same moment.
   */
  @ParameterizedTest
  @EnumSource(
      value = CountStrategy.class,
      names = {"ATOMIC", "BIASED"})
  void withoutAGilTwoThreadsAreInsideAtOnce(CountStrategy strategy) {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          try (Interpreter in =
              withoutAGil(strategy, new CyclicBarrier(2)).debugHeap(true).build()) {
            List<InterpreterThread> both = startTwoAndJoin(in, MEET);
            assertEquals(true, both.get(0).result());
            assertEquals(true, both.get(1).result());
            assertEquals(Optional.empty(), in.gil().holder());
            Closing.assertFreesEverything(in);
          }
        });
  }

  /** The same rendezvous under a GIL never completes: the second thread cannot get in. */
  @Test
  void underAGilTheRendezvousNeverHappens() {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          CyclicBarrier rendezvous = new CyclicBarrier(2);
          try (Interpreter in =
              Interpreter.builder()
                  .builtin("rendezvous", 0, args -> meet(rendezvous, Duration.ofMillis(300)))
                  .build()) {
            List<InterpreterThread> both = startTwoAndJoin(in, MEET);
            assertFalse((Boolean) both.get(0).result() && (Boolean) both.get(1).result());
          }
        });
  }

  /**
   * Under {@code none}, two threads append to one shared list at the same moment (they start
   * together, at a rendezvous): the list's own lock keeps every item, and with safe counts the heap
   * is empty after close — what free-threaded CPython needs per-object locks for.
   */
  @ParameterizedTest
  @EnumSource(
      value = CountStrategy.class,
      names = {"ATOMIC", "BIASED"})
  void withoutAGilAppendsToASharedListAreNotLost(CountStrategy strategy) {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          int perThread = 50_000;
          List<String> leaks = new ArrayList<>();
          Interpreter in = withoutAGil(strategy, new CyclicBarrier(2)).leakSink(leaks::add).build();
          try {
            in.setGlobal("xs", List.of());
            Code append =
                metThenRepeated(
                    "append_n", "LOAD_GLOBAL xs", "LOAD_FAST n", "LIST_APPEND 1", "POP_TOP");
            List<InterpreterThread> both = startTwoAndJoin(in, append, (long) perThread);
            assertEquals(0L, both.get(0).result(), "a met b and appended all its items");
            assertEquals(0L, both.get(1).result(), "b met a and appended all its items");
            assertEquals(2 * perThread, ((List<?>) in.globals().get("xs")).size());
          } finally {
            in.close();
          }
          assertEquals(0, in.heap().stats().live(), String.join("\n", leaks));
        });
  }

  /**
   * Under {@code none}, the host replaces a global ({@link Interpreter#setGlobal}) while a program
   * thread stores and loads the same one, both as fast as they can after a rendezvous. Each value
   * the global held is released exactly once, by whoever swapped it out: no double free, no value
   * lost without its release, and with safe counts the heap is empty after close — what
   * free-threaded CPython's per-dict lock is for. {@link Interpreter#globals} reads the racing
   * global too, so a snapshot never converts a value freed under it.
   */
  @ParameterizedTest
  @EnumSource(
      value = CountStrategy.class,
      names = {"ATOMIC", "BIASED"})
  void withoutAGilTheHostAndAProgramReplaceOneGlobalAndFreeEachValueOnce(CountStrategy strategy) {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          int rounds = 50_000;
          CyclicBarrier rendezvous = new CyclicBarrier(2);
          List<String> leaks = new ArrayList<>();
          Interpreter in = withoutAGil(strategy, rendezvous).leakSink(leaks::add).build();
          try {
            Code store =
                metThenRepeated(
                    "store_n", "BUILD_LIST 0", "STORE_GLOBAL g", "LOAD_GLOBAL g", "POP_TOP");
            InterpreterThread t = in.start(store, (long) rounds);
            assertTrue(meet(rendezvous, Duration.ofSeconds(20)), "the program never came");
            for (int i = 0; i < rounds; i++) {
              in.setGlobal("g", List.of((long) i));
              if (i % 16 == 0) {
                assertTrue(in.globals().get("g") instanceof List<?>);
              }
            }
            assertTrue(t.join(BOUND));
            assertEquals(0L, t.result(), "the program stored all its values");
          } finally {
            in.close();
          }
          assertEquals(List.of(), leaks);
          assertEquals(0, in.heap().stats().live());
        });
  }

  /** A program that meets another thread at {@code rendezvous()} and answers whether it came. */
  private static final Code MEET = Assembler.assemble("meet", "CALL rendezvous 0\nRETURN_VALUE");

  /**
   * Policy {@code none} with {@code strategy} counts, and a builtin {@code rendezvous()} that waits
   * up to 20 s for the other party of {@code rendezvous} and answers whether it came.
   */
  private static Interpreter.Builder withoutAGil(CountStrategy strategy, CyclicBarrier rendezvous) {
    return Interpreter.builder()
        .policy(SwitchingPolicy.none())
        .countStrategy(strategy)
        .builtin("rendezvous", 0, args -> meet(rendezvous, Duration.ofSeconds(20)));
  }

  /** Starts {@code code(args)} on two threads of {@code in} and waits for both to end. */
  private static List<InterpreterThread> startTwoAndJoin(Interpreter in, Code code, Object... args)
      throws InterruptedException {
    List<InterpreterThread> both = List.of(in.start(code, args), in.start(code, args));
    for (InterpreterThread t : both) {
      assertTrue(t.join(BOUND), t.name() + " ended");
    }
    return both;
  }

  /**
   * A program of one parameter {@code n} that meets another thread at {@code rendezvous()}, then
   * runs {@code body} {@code n} times and answers what is left of {@code n}: 0 when it ran every
   * round, {@code n} when no one came to the rendezvous.
   */
  private static Code metThenRepeated(String name, String... body) {
    return Assembler.assemble(
        name,
        AsmCountdown.source(List.of("    CALL rendezvous 0", "    POP_JUMP_IF_FALSE end"), body));
  }

  private static boolean meet(CyclicBarrier barrier, Duration timeout) throws InterruptedException {
    try {
      barrier.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | BrokenBarrierException e) {
      return false;
    }
  }

  @Test
  void plainCountsWithoutAGilAreRefused() {
    UnsafeCountsException e =
        assertThrows(
            UnsafeCountsException.class,
            () -> Interpreter.builder().name("ft").policy(SwitchingPolicy.none()).build());
    assertEquals(
        "interpreter 'ft' has no GIL (policy none) but PLAIN reference counts, which only a GIL"
            + " keeps correct: use ATOMIC or BIASED, or call allowUnsafePlainCounts(true) to run"
            + " it anyway and watch the heap catch the damage",
        e.getMessage());
    try (Interpreter in =
        Interpreter.builder()
            .policy(SwitchingPolicy.none())
            .allowUnsafePlainCounts(true)
            .leakSink(s -> {})
            .build()) {
      assertEquals(3L, in.run(Assembler.assemble("t", "LOAD_CONST 3\nRETURN_VALUE")));
    }
  }

  /**
   * ioPriority, with an interval of an hour so that no ordinary drop request can happen: a thread
   * back from IO while another holds the GIL asks at once, the holder drops at its next check, and
   * the GIL goes to the IO thread before anyone else.
   */
  @Test
  void ioPriorityHandsTheGilToTheThreadBackFromIo() {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          CountDownLatch inIo = new CountDownLatch(1);
          CountDownLatch ioDone = new CountDownLatch(1);
          AtomicBoolean stop = new AtomicBoolean();
          AtomicInteger spins = new AtomicInteger();
          try (Interpreter in =
              stoppableProbe(Interpreter.builder(), spins, stop)
                  .policy(SwitchingPolicy.ioPriority(Duration.ofHours(1)))
                  .traceEvents(10_000)
                  .releasingBuiltin(
                      "io",
                      0,
                      args -> {
                        inIo.countDown();
                        return ioDone.await(20, TimeUnit.SECONDS);
                      })
                  .build()) {
            Code ioOnce = Assembler.assemble("io_once", "CALL io 0\nRETURN_VALUE");
            InterpreterThread io = in.start(ioOnce);
            assertTrue(inIo.await(20, TimeUnit.SECONDS));
            InterpreterThread cpu = in.start(Examples.probeLoop());
            await().atMost(BOUND).until(() -> spins.get() > 100);
            ioDone.countDown();
            assertTrue(io.join(BOUND));
            assertEquals(true, io.result());
            stop.set(true);
            assertTrue(cpu.join(BOUND));
            cpu.result();

            List<GilEvent> events = in.gilEvents();
            String ioName = io.name();
            String cpuName = cpu.name();
            int back = indexOf(events, GilEvent.Kind.IO_RETAKE, ioName, 0);
            assertTrue(back >= 0, "no IO_RETAKE in " + events);
            int got = indexOf(events, GilEvent.Kind.ACQUIRE, null, back);
            List<GilEvent> between = events.subList(back, got + 1);
            assertEquals(
                ioName, events.get(got).threadName(), "first ACQUIRE after IO: " + between);
            assertTrue(has(between, GilEvent.Kind.DROP_REQUEST, ioName), between.toString());
            assertTrue(has(between, GilEvent.Kind.FORCED_DROP, cpuName), between.toString());
            assertEquals(1, in.gilStats().thread(cpuName).orElseThrow().forcedDrops());
            Events.assertOneHolderAtATime(events);
          }
        });
  }

  /**
   * The convoy, counted rather than timed: beside a CPU-bound thread ({@code probe_loop.py}), an
   * IO-bound one ({@code echo_loop.py}, its {@code echo()} a GIL-releasing call that returns at
   * once) runs under {@code interval}, and every return from IO finds the GIL taken — the CPU-bound
   * thread was handed it at the release — and waits for a forced drop to get it back, in every one
   * of 30 round trips. (Before a release handed the GIL over, the IO thread took it back first at
   * most returns, whenever the woken CPU-bound thread was not yet running.)
   */
  @Test
  void underIntervalEveryReturnFromIoBesideACpuBoundThreadWaitsForAForcedDrop() {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          AtomicBoolean stop = new AtomicBoolean();
          AtomicInteger spins = new AtomicInteger();
          try (Interpreter in =
              stoppableProbe(Interpreter.builder(), spins, stop)
                  .policy(SwitchingPolicy.interval(Duration.ofMillis(1)))
                  .traceEvents(10_000)
                  .releasingBuiltin("echo", 0, args -> null)
                  .build()) {
            InterpreterThread cpu = in.start(Examples.probeLoop());
            await().atMost(BOUND).until(() -> spins.get() > 0);
            InterpreterThread io = in.start(Examples.echoLoop(), 30L);
            assertTrue(io.join(BOUND));
            stop.set(true);
            assertTrue(cpu.join(BOUND));
            cpu.result();

            List<GilEvent> mine =
                in.gilEvents().stream().filter(e -> e.threadName().equals(io.name())).toList();
            int returns = 0;
            for (int i = 0; i < mine.size() - 1; i++) {
              if (mine.get(i).kind() == GilEvent.Kind.IO_RETAKE) {
                returns++;
                assertEquals(GilEvent.Kind.WAIT, mine.get(i + 1).kind(), "return " + returns);
              }
            }
            assertEquals(30, returns);
            assertTrue(in.gilStats().thread(cpu.name()).orElseThrow().forcedDrops() >= 30);
            Events.assertOneHolderAtATime(in.gilEvents());
          }
        });
  }

  /** ticks(100) releases once per 100 instructions run, counted exactly. */
  @Test
  void ticksReleaseEveryNInstructions() {
    try (Interpreter in =
        Interpreter.builder().policy(SwitchingPolicy.ticks(100)).traceEvents(100_000).build()) {
      Code countdown = Examples.countdown();
      in.load(countdown);
      InterpreterThread t = in.start(countdown, 10_000L);
      assertTimeoutPreemptively(BOUND, () -> assertTrue(t.join(BOUND)));
      long ticks = in.gilEvents().stream().filter(e -> e.kind() == GilEvent.Kind.TICK).count();
      long executed = t.executed();
      // Each tick fires at the first check after 100 instructions; a loop turn is 9.
      assertTrue(ticks <= executed / 100 && ticks >= executed / 109, ticks + " of " + executed);
      assertEquals(ticks + 1, in.gilStats().thread(t.name()).orElseThrow().acquisitions());
    }
  }

  @Test
  void theSwitchIntervalIsPerInterpreter() {
    try (Interpreter a = Interpreter.builder().switchInterval(Duration.ofMillis(2)).build();
        Interpreter b = Interpreter.create();
        Interpreter t = Interpreter.builder().policy(SwitchingPolicy.ticks()).build()) {
      assertEquals(Optional.of(Duration.ofMillis(2)), a.switchInterval());
      assertEquals(Optional.of(Duration.ofMillis(5)), b.switchInterval());
      b.setSwitchInterval(Duration.ofMillis(20));
      assertEquals(Optional.of(Duration.ofMillis(20)), b.switchInterval());
      assertEquals(Optional.of(Duration.ofMillis(2)), a.switchInterval());
      assertEquals(Optional.empty(), t.switchInterval());
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class, () -> t.setSwitchInterval(Duration.ofMillis(1)));
      assertEquals("policy ticks(100) has no switch interval", e.getMessage());
    }
  }

  @Test
  void policiesHaveNames() {
    assertEquals("ticks(100)", SwitchingPolicy.ticks().name());
    assertEquals("ioPriority(5ms)", SwitchingPolicy.ioPriority().name());
    assertEquals("none", SwitchingPolicy.none().name());
    assertEquals(SwitchingPolicy.ticks(7), SwitchingPolicy.ticks(7));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SwitchingPolicy.ticks(0));
    assertEquals("ticks must be at least 1, got 0", e.getMessage());
  }

  static int indexOf(List<GilEvent> events, GilEvent.Kind kind, String thread, int from) {
    for (int i = from; i < events.size(); i++) {
      GilEvent e = events.get(i);
      if (e.kind() == kind && (thread == null || e.threadName().equals(thread))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean has(List<GilEvent> events, GilEvent.Kind kind, String thread) {
    return indexOf(events, kind, thread, 0) >= 0;
  }

  /**
   * A {@code probe()} for {@code probe_loop.py} that counts its calls in {@code spins} and ends the
   * loop once {@code stop} is set: a CPU-bound thread that runs until told.
   */
  private static Interpreter.Builder stoppableProbe(
      Interpreter.Builder b, AtomicInteger spins, AtomicBoolean stop) {
    return b.builtin(
        "probe",
        0,
        args -> {
          spins.incrementAndGet();
          return stop.get();
        });
  }
}

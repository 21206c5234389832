package dev.gillab.gil;

import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Interpreter threads under the GIL. */
class ThreadsTest {
  private static final Duration BOUND = ofSeconds(30);

  /**
   * Four threads call a probe that counts the threads inside it (the probe runs holding the GIL, as
   * every instruction does). A thread stops only once all four have been inside, so the GIL must
   * have changed hands; at no moment were two inside.
   */
  @Test
  void atMostOneThreadRunsBytecodeAtATime() {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          int threads = 4;
          EvalLoopProbe probe = new EvalLoopProbe(threads);
          try (Interpreter in =
              probe
                  .install(
                      Interpreter.builder().policy(SwitchingPolicy.interval(Duration.ofMillis(1))))
                  .build()) {
            probe.run(in);
            assertEquals(1, probe.maxInside());
            assertTrue(in.gil().switchNumber() >= threads - 1);
            assertEquals(0, in.heap().stats().live());
          }
        });
  }

  /**
   * A thread blocked in GIL-releasing IO does not hold the GIL: another thread runs a whole program
   * meanwhile, and the IO thread itself sees that it does not hold it.
   */
  @Test
  void aThreadInReleasingIoNeverHoldsTheGil() {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          CountDownLatch cpuDone = new CountDownLatch(1);
          AtomicBoolean heldDuringIo = new AtomicBoolean(true);
          AtomicBoolean holderWasMe = new AtomicBoolean(true);
          Interpreter[] self = new Interpreter[1];
          try (Interpreter in =
              Interpreter.builder()
                  .releasingBuiltin(
                      "recv",
                      0,
                      args -> {
                        Gil gil = self[0].gil();
                        heldDuringIo.set(gil.isHeldByCurrentThread());
                        holderWasMe.set(
                            gil.holder().filter(t -> t == Thread.currentThread()).isPresent());
                        boolean got = cpuDone.await(20, TimeUnit.SECONDS);
                        return got ? "data" : "timeout";
                      })
                  .build()) {
            self[0] = in;
            InterpreterThread ioThread = in.start(Examples.function("message.py", "receiver"));
            await()
                .atMost(BOUND)
                .until(
                    () ->
                        ioThread.thread().getState() == Thread.State.WAITING
                            || ioThread.thread().getState() == Thread.State.TIMED_WAITING);
            InterpreterThread cpu = in.start(Examples.countdown(), 100_000L);
            assertTrue(cpu.join(BOUND));
            assertEquals(0L, cpu.result());
            cpuDone.countDown();
            assertTrue(ioThread.join(BOUND));
            assertEquals("data", ioThread.result());
            assertFalse(heldDuringIo.get());
            assertFalse(holderWasMe.get());
          }
        });
  }

  /**
   * A thread asleep does not hold the GIL: {@code time.sleep} (the nap of {@code programs/nap.py})
   * and the assembler's {@code sleep(ms)} builtin alike; interrupted, each raises its own error.
   */
  @Test
  void sleepReleasesTheGil() {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          assertReleasedWhileAsleep(
              Examples.nap(), "nap:6: KeyboardInterrupt: sleep was interrupted");
          assertReleasedWhileAsleep(
              Assembler.assemble("sleep", ".params ms\nLOAD_FAST ms\nCALL sleep 1\nRETURN_VALUE"),
              "sleep:3: InterruptedError: sleep was interrupted");
        });
  }

  /** Starts {@code sleeper(3000)}, takes the GIL while it sleeps, then interrupts it. */
  private static void assertReleasedWhileAsleep(Code sleeper, String interrupted)
      throws InterruptedException {
    try (Interpreter in = Interpreter.create()) {
      InterpreterThread t = in.start(sleeper, 3000L);
      await().atMost(BOUND).until(() -> t.thread().getState() == Thread.State.TIMED_WAITING);
      assertTrue(in.gil().tryAcquire(Duration.ofSeconds(1)), "the sleeper let go of the GIL");
      in.gil().release();
      t.thread().interrupt();
      assertTrue(t.join(BOUND));
      InterpreterError e = assertThrows(InterpreterError.class, t::result);
      assertEquals(interrupted, e.getMessage());
    }
  }

  /** Each interpreter has its own GIL: holding one does not stop the other. */
  @Test
  void interpretersAreIndependentValues() {
    try (Interpreter a = Interpreter.builder().name("a").build();
        Interpreter b = Interpreter.builder().name("b").build()) {
      assertNotSame(a.gil(), b.gil());
      assertNotSame(a.heap(), b.heap());
      a.gil().acquire();
      try {
        assertEquals(0L, b.run(Examples.countdown(), 1000L));
      } finally {
        a.gil().release();
      }
      Code set =
          Assembler.assemble("s", "LOAD_CONST 1\nSTORE_GLOBAL g\nLOAD_CONST None\nRETURN_VALUE");
      a.run(set);
      assertEquals(java.util.Map.of("g", 1L), a.globals());
      assertEquals(java.util.Map.of(), b.globals());
    }
  }

  @Test
  void threadsShareGlobals() throws Exception {
    Code add =
        Assembler.assemble(
            "add",
            ".params k\nLOAD_GLOBAL xs\nLOAD_FAST k\nLIST_APPEND 1\nPOP_TOP\nLOAD_CONST None\nRETURN_VALUE");
    try (Interpreter in = Interpreter.create()) {
      in.setGlobal("xs", List.of());
      List<InterpreterThread> ts = new ArrayList<>();
      for (long k = 0; k < 4; k++) {
        ts.add(in.start(add, k));
      }
      for (InterpreterThread t : ts) {
        assertTrue(t.join(BOUND));
        t.result();
      }
      @SuppressWarnings("unchecked")
      List<Object> xs = (List<Object>) in.globals().get("xs");
      assertEquals(Set.of(0L, 1L, 2L, 3L), Set.copyOf(xs));
    }
  }

  /** A timeout too long for milliseconds waits as long as it takes, as the locks' timeouts do. */
  @Test
  void joinTakesAnyDuration() throws Exception {
    Code none = Assembler.assemble("none", "LOAD_CONST None\nRETURN_VALUE");
    try (Interpreter in = Interpreter.create()) {
      InterpreterThread t = in.start(none);
      assertTrue(t.join(Duration.ofSeconds(Long.MAX_VALUE)));
      assertTrue(t.join(Duration.ofSeconds(Long.MIN_VALUE)));
      t.result();
    }
  }
}

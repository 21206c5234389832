package dev.gillab.locks.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs every lesson and checks what it prints: exact lines, except lines given as {@code ~regex}
 * where a figure depends on timing. Also checks that no lesson leaves a thread behind.
 */
@Timeout(60)
class LessonsTest {
  private static final Pattern LESSON_THREADS =
      Pattern.compile("worker.*|P[1-5]|adder-.*|depositor-.*|explore-.*|deadlock-watchdog.*");

  @AfterEach
  void noLessonThreadOutlivesItsLesson() {
    Set<String> alive = Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive).map(Thread::getName)
        .filter(n -> LESSON_THREADS.matcher(n).matches()).collect(Collectors.toSet());
    assertEquals(Set.of(), alive);
  }

  @Test
  void lock01() throws Exception {
    check(Lock_01_OneHolder.class,
        "main holds lock 'A' (held by main)",
        "worker tries A for 20 ms: false",
        "worker releases A: IllegalMonitorStateException: worker cannot release lock 'A': it is held by main",
        "main releases A",
        "worker tries A for 20 ms: true",
        "main takes A twice: DeadlockException: deadlock: main holds A and waits for A",
        "main takes reentrant R twice: hold count 2",
        "2 threads x 100,000 increments under lock 'counter': 200,000 (no update lost)");
  }

  @Test
  void lock02() throws Exception {
    check(Lock_02_GuardedObject.class,
        "read without the lock: IllegalStateException: main must hold lock 'account' to use the object it guards; nobody holds it",
        "read with the lock: balance = 100",
        "worker reads while main holds it: IllegalStateException: worker must hold lock 'account' to use the object it guards; main holds it",
        "2 threads x 10,000 deposits of 1 through withLock: balance = 20,100");
  }

  @Test
  void deadlock01() throws Exception {
    check(Deadlock_01_OppositeOrder.class,
        "== 1. The explorer: every schedule of worker-1 (A, then B) and worker-2 (B, then A)",
        "exhaustive: 6 schedules, 2 findings (DEADLOCK 2), complete",
        "  | worker-1 | worker-2",
        "- | -------- | --------",
        "1 | lock A",
        "2 |          | lock B",
        "schedule: worker-1,worker-2",
        "DEADLOCK: deadlock: worker-1 waits at 'lock B'; worker-2 waits at 'lock A'",
        "== 2. Real threads, wait-for checking WARN: they deadlock and the detector names the cycle",
        "detector: deadlock: worker-1 holds A and waits for B; worker-2 holds B and waits for A",
        "main interrupts both: worker-1 interrupted, worker-2 interrupted",
        "== 3. Real threads, wait-for checking THROW: the closing wait throws instead of blocking",
        "worker-2: DeadlockException: deadlock: worker-1 holds A and waits for B; worker-2 holds B and waits for A",
        "worker-2 released B; worker-1 took B and finished",
        "threads left alive: 0");
  }

  @Test
  void deadlock02() throws Exception {
    check(Deadlock_02_GlobalOrder.class,
        "== 1. The explorer: worker-1 asks for A, B; worker-2 asks for B, A; both take them by id",
        "exhaustive: 2 schedules, 0 findings, complete",
        "worker-2 asks for B, A and runs: lock A, lock B, unlock B, unlock A",
        "== 2. Real threads: 2 x 10,000 transfers in opposite directions",
        "20,000 transfers done; alice 1,000 + bob 1,000 = 2,000 (conserved)",
        "deadlock reports: 0");
  }

  @Test
  void deadlock03() throws Exception {
    check(Deadlock_03_TimeoutAndBackoff.class,
        "== 1. Opposite order, each lock within 2 ms, backoff 1..16 ms with jitter",
        "400 transfers done; alice 1,000 + bob 1,000 = 2,000 (conserved)",
        "~backoffs along the way: \\d+ \\(varies with timing\\)",
        "== 2. A lock that stays busy: 3 attempts, then give up holding nothing",
        "worker: LockTimeoutException: gave up on locks [A, B] after 3 attempts; the last one "
            + "timed out after 5 ms waiting for 'B'; holds A: false");
  }

  @Test
  void deadlock04() throws Exception {
    check(Deadlock_04_PotentialDeadlock.class,
        "== 1. WARN: worker-1 takes A then B; later worker-2 takes B then A",
        "worker-1: took A then B, no wait, no deadlock",
        "worker-2: took B then A, no wait, no deadlock",
        "warnings: 1",
        "potential deadlock: worker-2 acquires A while holding B, but A -> B was established "
            + "before; lock-order cycle: B -> A -> B",
        "  B -> A attempted now by worker-2 at:",
        "  A -> B first established by worker-1 at:",
        "after 20,000 more nestings in both orders: warnings 1",
        "== 2. THROW: the same mistake is refused before the lock is taken",
        "worker-1: took A then B, no wait, no deadlock",
        "worker-2: PotentialDeadlockException: potential deadlock: worker-2 acquires A while "
            + "holding B, but A -> B was established before; lock-order cycle: B -> A -> B; "
            + "A taken: false");
  }

  @Test
  void deadlock05() throws Exception {
    check(Deadlock_05_DiningPhilosophers.class,
        "== broken: everyone takes the left fork first",
        "replay P1,P2,P3,P4,P5: deadlock: P1 waits at 'lock fork-2'; P2 waits at 'lock fork-3'; "
            + "P3 waits at 'lock fork-4'; P4 waits at 'lock fork-5'; P5 waits at 'lock fork-1'",
        "random(seed=5, runs=300): 300 schedules, 54 findings (DEADLOCK 54)",
        "real threads, wait-for THROW, first meal with all five holding their left fork: "
            + "cycles refused 1",
        "~real threads, wait-for THROW: 5,000 meals; later cycles refused and retried: \\d+ \\(varies\\)",
        "== fixed 1: one global order (the lower-numbered fork first)",
        "random(seed=5, runs=300): 300 schedules, 0 findings",
        "real threads, OrderedAcquisition: 5,000 meals, no deadlock",
        "== fixed 2: left first, but each fork within 1 ms, else put both down and back off",
        "real threads, TimedAcquisition: 5,000 meals, no deadlock");
  }

  private static void check(Class<?> lesson, String... expected) throws Exception {
    List<String> lines = run(lesson);
    assertEquals(expected.length, lines.size(), () -> String.join("\n", lines));
    for (int i = 0; i < expected.length; i++) {
      String want = expected[i];
      String got = lines.get(i);
      if (want.startsWith("~")) {
        assertTrue(got.matches(want.substring(1)), "line " + (i + 1) + ": " + got);
      } else {
        assertEquals(want, got, "line " + (i + 1));
      }
    }
  }

  private static List<String> run(Class<?> lesson) throws Exception {
    Method main = lesson.getMethod("main", String[].class);
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String name = Thread.currentThread().getName();
    try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(original);
      Thread.currentThread().setName(name);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    original.print(out);
    return out.lines().toList();
  }
}

package dev.gillab.threads.explore;

import static dev.gillab.threads.explore.Classics.lostUpdate;
import static dev.gillab.threads.explore.OneStepPrograms.t1Makes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gillab.threads.explore.Classics.Counter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a program can see of the threads it runs on: every run gets threads no earlier run touched
 * (identity, thread-locals, death), whatever kind of thread serves them.
 */
@Timeout(60)
class FreshThreadsTest {
  private static final ThreadLocal<String> MARK = new ThreadLocal<>();
  private static final Optional<Method> IS_VIRTUAL = isVirtualMethod();

  @Test
  void noRunSeesAThreadOrThreadLocalOfAnEarlierRun() throws Exception {
    for (Explorer explorer :
        List.of(Explorer.defaults(), Explorer.builder().virtualThreads(false).build())) {
      Set<Thread> seen = ConcurrentHashMap.newKeySet();
      List<String> leftOver = new ArrayList<>();
      Program<Counter> program =
          Program.builder("marks", Counter::new)
              .thread("T1", c -> marks("T1", seen, leftOver))
              .thread("T2", c -> marks("T2", seen, leftOver))
              .thread("T3", c -> marks("T3", seen, leftOver))
              .build();

      Exploration result = explorer.exhaustive(program);

      assertEquals(90, result.count(Outcome.PASSED));
      assertEquals(List.of(), leftOver, "thread-locals set by an earlier run");
      assertEquals(270, seen.size(), "one thread per program thread per run");
      seen.forEach(t -> assertFalse(t.isAlive(), t.getName()));
    }
  }

  @Test
  void programThreadsAreVirtualWhereTheJdkHasThemUnlessTurnedOff() throws Exception {
    Map<String, Boolean> virtual = new ConcurrentHashMap<>();
    Program<Counter> program =
        t1Makes(
                "kinds",
                Step.run("note", () -> virtual.put("program", isVirtual(Thread.currentThread()))))
            .build();
    Program<Counter> asked =
        t1Makes(
                "kinds",
                Step.when(
                    "note",
                    () -> {
                      virtual.put("scheduler", isVirtual(Thread.currentThread()));
                      return true;
                    },
                    () -> null))
            .build();

    boolean jdkHasThem = IS_VIRTUAL.isPresent();
    Explorer.defaults().replay(program, "T1");
    Explorer.defaults().replay(asked, "T1");
    assertEquals(Map.of("program", jdkHasThem, "scheduler", jdkHasThem), virtual);

    Explorer platform = Explorer.builder().virtualThreads(false).build();
    platform.replay(program, "T1");
    platform.replay(asked, "T1");
    assertEquals(Map.of("program", false, "scheduler", false), virtual);
  }

  @Test
  void eachRunHearsOfEveryRunInOrderOnVirtualOrPlatformThreads() throws Exception {
    for (Explorer explorer :
        List.of(Explorer.defaults(), Explorer.builder().virtualThreads(false).build())) {
      List<String> schedules = new ArrayList<>();
      Exploration result =
          explorer.exhaustive(lostUpdate(2), run -> schedules.add(run.schedule().toString()));
      assertEquals(6, result.schedulesExplored());
      assertEquals(
          List.of(
              "T1,T1,T2,T2",
              "T1,T2,T1,T2",
              "T1,T2,T2,T1",
              "T2,T1,T1,T2",
              "T2,T1,T2,T1",
              "T2,T2,T1,T1"),
          schedules);
    }
  }

  /** Two steps that each fail the run's note if the thread-local was set by an earlier run. */
  private static List<Step> marks(String name, Set<Thread> seen, List<String> leftOver) {
    Step.VoidAction check =
        () -> {
          Thread me = Thread.currentThread();
          if (seen.add(me) && MARK.get() != null) {
            synchronized (leftOver) {
              leftOver.add(name + " saw " + MARK.get());
            }
          }
          MARK.set(name + " on " + me);
        };
    return List.of(Step.run("mark", check), Step.run("mark again", check));
  }

  private static boolean isVirtual(Thread t) {
    try {
      return IS_VIRTUAL.isPresent() && (boolean) IS_VIRTUAL.get().invoke(t);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<Method> isVirtualMethod() {
    try {
      return Optional.of(Thread.class.getMethod("isVirtual"));
    } catch (NoSuchMethodException e) {
      return Optional.empty(); // JDK 17: no virtual threads
    }
  }
}

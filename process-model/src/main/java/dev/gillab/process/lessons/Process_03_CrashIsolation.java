package dev.gillab.process.lessons;

import dev.gillab.process.ChildJvm;
import dev.gillab.process.Codecs;
import dev.gillab.process.ExitStatus;
import dev.gillab.process.ProcessPool;
import dev.gillab.process.WorkerCrashedException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A crashing child cannot take its parent down.
 *
 * <h2>The idea</h2>
 *
 * A child JVM that halts, or that is killed with SIGKILL, ends alone: the parent sees an exit
 * status (137 means signal 9, SIGKILL) and carries on. In a pool the same holds per task: the
 * worker that halts fails only its own task, with the exit code and the last lines of its stderr;
 * the task on the other worker finishes, and a replacement worker serves the next one.
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl process-model exec:java -Dexec.mainClass=dev.gillab.process.lessons.Process_03_CrashIsolation
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * a child that halts: exit code 3
 * a child killed from outside: killed by signal 9 (SIGKILL), exit code 137
 * the parent carries on
 * pool of 2, task lesson.halt: WorkerCrashedException, exit code 3, stderr says "halting with exit code 3"
 * pool of 2, task lesson.sleep on the other worker: finished, slept 500 ms
 * pool of 2, the replacement worker answers: sum of 1..10 = 55
 * pool stats: tasks done 2, failed 1; workers started 3, crashed 1
 * </pre>
 */
public final class Process_03_CrashIsolation {
  private Process_03_CrashIsolation() {}

  public static void main(String[] args) throws Exception {
    try (ChildJvm halting =
        ChildJvm.builder(Halt.class).jvmOptions(ProcessPool.FAST_START_OPTIONS).start()) {
      System.out.println(
          "a child that halts: " + halting.waitFor(Duration.ofSeconds(30)).orElseThrow());
    }
    try (ChildJvm sleeping =
        ChildJvm.builder(Sleep.class).jvmOptions(ProcessPool.FAST_START_OPTIONS).start()) {
      sleeping.handle().destroyForcibly();
      ExitStatus status = sleeping.waitFor(Duration.ofSeconds(30)).orElseThrow();
      System.out.println("a child killed from outside: " + status);
    }
    System.out.println("the parent carries on");

    CountDownLatch sleepStarted = new CountDownLatch(1);
    try (ProcessPool pool =
        ProcessPool.builder()
            .workers(2)
            .taskModule(LessonTasks.class)
            .onWorkerStderr(
                line -> {
                  if (line.equals(LessonTasks.SLEEP_STARTED)) {
                    sleepStarted.countDown();
                  }
                })
            .build()) {
      com.google.common.base.Preconditions.checkState(
          pool.awaitReady(Duration.ofSeconds(30)), "the workers did not start");
      CompletableFuture<Long> sleep =
          pool.submit(LessonTasks.SLEEP, 500L, Codecs.int64(), Codecs.int64());
      // Once one worker sleeps, the halt can only go to the other one.
      com.google.common.base.Preconditions.checkState(
          sleepStarted.await(30, TimeUnit.SECONDS), "the sleep did not start");
      CompletableFuture<Long> halt =
          pool.submit(LessonTasks.HALT, 3L, Codecs.int64(), Codecs.int64());
      try {
        halt.get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        WorkerCrashedException crash = (WorkerCrashedException) e.getCause();
        System.out.println(
            "pool of 2, task "
                + crash.taskName()
                + ": WorkerCrashedException, "
                + crash.exitStatus()
                + ", stderr says \""
                + crash.stderrTail().get(0)
                + "\"");
      }
      System.out.println(
          "pool of 2, task lesson.sleep on the other worker: finished, slept "
              + sleep.get(30, TimeUnit.SECONDS)
              + " ms");
      long sum =
          pool.submit(
                  LessonTasks.SUM,
                  new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
                  Codecs.int64s(),
                  Codecs.int64())
              .get(30, TimeUnit.SECONDS);
      System.out.println("pool of 2, the replacement worker answers: sum of 1..10 = " + sum);
      com.google.common.base.Preconditions.checkState(
          pool.awaitReady(Duration.ofSeconds(30)), "the workers did not start");
      var stats = pool.stats();
      System.out.println(
          "pool stats: tasks done "
              + stats.tasksDone()
              + ", failed "
              + stats.tasksFailed()
              + "; workers started "
              + stats.workersStarted()
              + ", crashed "
              + stats.workersCrashed());
    }
  }

  /** A child that halts at once with exit code 3. */
  public static final class Halt {
    private Halt() {}

    public static void main(String[] args) {
      Runtime.getRuntime().halt(3);
    }
  }

  /** A child that sleeps until it is killed. */
  public static final class Sleep {
    private Sleep() {}

    public static void main(String[] args) throws InterruptedException {
      TimeUnit.SECONDS.sleep(60);
    }
  }
}

package dev.gillab.process.lessons;

import dev.gillab.process.Codecs;
import dev.gillab.process.ProcessPool;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Two workers run at the same time.
 *
 * <h2>The idea</h2>
 *
 * Each worker is a whole JVM, with its own heap and its own threads: nothing it does waits for the
 * other. Two CPU-bound tasks given to a pool of two run side by side, one per process: each task
 * reports its worker's pid and when it started and ended, and the two intervals overlap. (Under a
 * GIL, two threads of one interpreter could not both run bytecode at once; two processes can.)
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl process-model exec:java -Dexec.mainClass=dev.gillab.process.lessons.Process_04_PoolRunsInParallel
 * </pre>
 *
 * <h2>Output</h2>
 *
 * (times vary from run to run)
 *
 * <pre>
 * task 1 ran in worker A from   0 ms to 300 ms
 * task 2 ran in worker B from   1 ms to 301 ms
 * two different processes: yes
 * the intervals overlap for 299 ms
 * </pre>
 */
public final class Process_04_PoolRunsInParallel {
  private static final long SPIN_MS = 300;

  private Process_04_PoolRunsInParallel() {}

  public static void main(String[] args) throws Exception {
    try (ProcessPool pool =
        ProcessPool.builder().workers(2).taskModule(LessonTasks.class).build()) {
      com.google.common.base.Preconditions.checkState(
          pool.awaitReady(Duration.ofSeconds(30)), "the workers did not start");
      List<CompletableFuture<byte[]>> futures =
          List.of(
              pool.submit(LessonTasks.SPIN, Codecs.int64().encode(SPIN_MS)),
              pool.submit(LessonTasks.SPIN, Codecs.int64().encode(SPIN_MS)));
      ByteBuffer first = ByteBuffer.wrap(futures.get(0).get(30, TimeUnit.SECONDS));
      ByteBuffer second = ByteBuffer.wrap(futures.get(1).get(30, TimeUnit.SECONDS));
      long pid1 = first.getLong();
      long start1 = first.getLong();
      long end1 = first.getLong();
      long pid2 = second.getLong();
      long start2 = second.getLong();
      long end2 = second.getLong();
      long origin = Math.min(start1, start2);
      System.out.printf(
          "task 1 ran in worker A from %3d ms to %3d ms%n",
          (start1 - origin) / 1000, (end1 - origin) / 1000);
      System.out.printf(
          "task 2 ran in worker %s from %3d ms to %3d ms%n",
          pid2 == pid1 ? "A" : "B", (start2 - origin) / 1000, (end2 - origin) / 1000);
      System.out.println("two different processes: " + (pid1 != pid2 ? "yes" : "no"));
      long overlap = Math.min(end1, end2) - Math.max(start1, start2);
      System.out.println(
          overlap > 0
              ? "the intervals overlap for " + overlap / 1000 + " ms"
              : "the intervals do not overlap");
    }
  }
}

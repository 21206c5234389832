package dev.gillab.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolSmokeTest {
  @Test
  void echo() throws Exception {
    long t0 = System.nanoTime();
    try (ProcessPool pool = ProcessPool.builder().workers(2).taskModule(TestTasks.class).build()) {
      System.out.println(pool.awaitReady(Duration.ofSeconds(20)) + " ready after " + (System.nanoTime() - t0) / 1e6);
      byte[] r = pool.submit(ProcessPool.ECHO_TASK, new byte[] {1, 2, 3}).get();
      assertEquals(3, r.length);
      for (int i = 0; i < 2000; i++) pool.submit(ProcessPool.ECHO_TASK, new byte[0]).get();
      long t1 = System.nanoTime();
      for (int i = 0; i < 5000; i++) pool.submit(ProcessPool.ECHO_TASK, new byte[0]).get();
      System.out.println("rt us " + (System.nanoTime() - t1) / 5000 / 1e3);
      System.out.println(pool.stats());
    }
    System.out.println("closed after " + (System.nanoTime() - t0) / 1e6 + " " + ProcessHandle.current().descendants().count());
  }
}

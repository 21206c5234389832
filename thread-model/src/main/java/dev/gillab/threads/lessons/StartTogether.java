package dev.gillab.threads.lessons;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Lesson helper: runs a body on several fresh threads that all wait at one gate and are let go at
 * once, so they overlap as much as the machine allows; returns when every one has ended.
 *
 * <p>Stateless, so thread-safe; each call uses its own threads and gate.
 */
final class StartTogether {

  private StartTogether() {}

  /** Runs {@code body} on {@code threads} threads named {@code name-1..n}, then joins them all. */
  static void run(int threads, String name, Runnable body) throws InterruptedException {
    CountDownLatch gate = new CountDownLatch(1);
    List<Thread> started = new ArrayList<>();
    for (int i = 1; i <= threads; i++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  gate.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                body.run();
              },
              name + "-" + i);
      t.start();
      started.add(t);
    }
    gate.countDown();
    for (Thread t : started) {
      t.join();
    }
  }
}

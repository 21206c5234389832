package dev.gillab.refcount.lessons;

import dev.gillab.refcount.HeapObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lesson helper: {@code incRef}+{@code decRef} pairs on one object, as many as asked, on whichever
 * threads run it; a thread whose count change throws stops there and counts one error.
 *
 * <p>Thread-safe: the error count is atomic; whether the object's count survives many threads is
 * what the lessons show.
 */
final class CountPairs implements Runnable {
  private final HeapObject<?> object;
  private final int pairs;
  private final AtomicInteger errors = new AtomicInteger();

  CountPairs(HeapObject<?> object, int pairs) {
    this.object = object;
    this.pairs = pairs;
  }

  /** Runs the pairs on the calling thread. */
  @Override
  public void run() {
    try {
      for (int i = 0; i < pairs; i++) {
        object.incRef();
        object.decRef();
      }
    } catch (RuntimeException e) {
      errors.incrementAndGet();
    }
  }

  /** Runs the pairs on one new thread per name, all started before any is waited for. */
  void onThreads(String... names) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (String name : names) {
      Thread t = new Thread(this, name);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
  }

  /** How many threads stopped on an error. */
  int errors() {
    return errors.get();
  }
}

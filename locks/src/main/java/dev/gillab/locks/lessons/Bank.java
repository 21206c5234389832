package dev.gillab.locks.lessons;

import dev.gillab.locks.GuardedObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The two accounts of the transfer lessons, alice and bob with 1,000 each: money moved both ways at
 * once by two workers, and the line that says whether it was conserved. Stateless, so thread-safe.
 */
final class Bank {
  private Bank() {}

  /** Transfers made by one worker, each from {@code from} to {@code to}. */
  interface Transfers {
    void run(GuardedObject<Long> from, GuardedObject<Long> to) throws Exception;
  }

  /**
   * Runs {@code transfers} from alice to bob on worker-1 and from bob to alice on worker-2 at the
   * same time, waits (bounded) for both, and prints what failed.
   */
  static void bothWays(GuardedObject<Long> alice, GuardedObject<Long> bob, Transfers transfers)
      throws InterruptedException {
    List<String> failures = new CopyOnWriteArrayList<>();
    Thread w1 = Bounded.start("worker-1", () -> transfers.run(alice, bob), failures);
    Thread w2 = Bounded.start("worker-2", () -> transfers.run(bob, alice), failures);
    Bounded.join(w1, w2);
    failures.forEach(System.out::println);
  }

  /** Prints how many transfers were done and whether the 2,000 are still there; hold both locks. */
  static void printTotal(int done, GuardedObject<Long> alice, GuardedObject<Long> bob) {
    long sum = alice.get() + bob.get();
    System.out.printf(
        "%,d transfers done; alice %,d + bob %,d = %,d (%s)%n",
        done, alice.get(), bob.get(), sum, sum == 2_000 ? "conserved" : "NOT conserved");
  }
}

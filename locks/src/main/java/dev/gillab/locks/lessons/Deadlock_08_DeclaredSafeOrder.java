package dev.gillab.locks.lessons;

import dev.gillab.locks.DeadlockReport;
import dev.gillab.locks.LockSet;
import dev.gillab.locks.OwnedLock;
import dev.gillab.locks.Policy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * The lock-order checker sees orders, not reasons. Transfers take the account, then the audit
 * trail; audits take the audit trail, then the account; but both always take lock 'books' first, so
 * the two never overlap and cannot deadlock. The checker still sees "account -> audit" and "audit
 * -> account" and warns: a false positive, and one that comes back in every run. Turning the
 * checker off would hide the real mistakes too. Instead the set declares that one order safe, once,
 * with its reason: {@code allowOrder("audit", "account", "...")}. That edge is then never recorded,
 * so no cycle passes through it, whichever of the two orders came first. Nothing else is allowed:
 * taking the ledger and the account in opposite orders, or the audit trail and the ledger, is still
 * reported in the same set. (Guava's {@code CycleDetectingLockFactory} has no such declaration.)
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl locks exec:java -Dexec.mainClass=dev.gillab.locks.lessons.Deadlock_08_DeclaredSafeOrder
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * == 1. Under lock 'books': worker-1 takes account then audit, later worker-2 audit then account
 * without a declaration: potential deadlock: worker-2 acquires account while holding audit, but account -&gt; audit was established before; lock-order cycle: audit -&gt; account -&gt; audit
 * declared: LockSet[waitFor=THROW, order=WARN by NAME, stacks, allowed audit -&gt; account (audits and transfers both run under lock 'books')]
 * with the declaration: warnings 0
 * == 2. Only that edge: in the same set, other opposite orders are still reported
 * worker-4: potential deadlock: worker-4 acquires account while holding ledger, but account -&gt; ledger was established before; lock-order cycle: ledger -&gt; account -&gt; ledger
 * worker-6: potential deadlock: worker-6 acquires audit while holding ledger, but audit -&gt; ledger was established before; lock-order cycle: ledger -&gt; audit -&gt; ledger
 * warnings: 2
 * </pre>
 */
public final class Deadlock_08_DeclaredSafeOrder {
  private Deadlock_08_DeclaredSafeOrder() {}

  private static final String REASON = "audits and transfers both run under lock 'books'";

  public static void main(String[] args) throws InterruptedException {
    Thread.currentThread().setName("main"); // as under plain java; exec:java names its own thread
    System.out.println(
        "== 1. Under lock 'books': worker-1 takes account then audit, later "
            + "worker-2 audit then account");
    List<DeadlockReport> plain = warnings(LockSet.builder());
    System.out.println("without a declaration: " + plain.get(0).summary());

    List<DeadlockReport> reports = Collections.synchronizedList(new ArrayList<>());
    LockSet declared =
        LockSet.builder()
            .order(Policy.WARN)
            .listener(reports::add)
            .allowOrder("audit", "account", REASON)
            .build();
    System.out.println("declared: " + declared);
    underBooks(declared);
    System.out.println("with the declaration: warnings " + reports.size());

    System.out.println(
        "== 2. Only that edge: in the same set, other opposite orders are still " + "reported");
    OwnedLock account = declared.newLock("account");
    OwnedLock audit = declared.newLock("audit");
    OwnedLock ledger = declared.newLock("ledger");
    Lock_01_OneHolder.onThread("worker-3", () -> nest(account, ledger));
    Lock_01_OneHolder.onThread("worker-4", () -> nest(ledger, account));
    System.out.println("worker-4: " + reports.get(0).summary());
    Lock_01_OneHolder.onThread("worker-5", () -> nest(audit, ledger));
    Lock_01_OneHolder.onThread("worker-6", () -> nest(ledger, audit));
    System.out.println("worker-6: " + reports.get(1).summary());
    System.out.println("warnings: " + reports.size());
  }

  /** The warnings of a set made by {@code builder} after both threads ran under 'books'. */
  private static List<DeadlockReport> warnings(LockSet.Builder builder)
      throws InterruptedException {
    List<DeadlockReport> reports = Collections.synchronizedList(new ArrayList<>());
    underBooks(builder.order(Policy.WARN).listener(reports::add).build());
    return reports;
  }

  /** worker-1 transfers (account, then audit), then worker-2 audits (audit, then account). */
  private static void underBooks(LockSet set) throws InterruptedException {
    OwnedLock books = set.newLock("books");
    OwnedLock account = set.newLock("account");
    OwnedLock audit = set.newLock("audit");
    check(Lock_01_OneHolder.onThread("worker-1", () -> underBooks(books, account, audit)));
    check(Lock_01_OneHolder.onThread("worker-2", () -> underBooks(books, audit, account)));
  }

  private static String underBooks(OwnedLock books, OwnedLock first, OwnedLock then)
      throws InterruptedException {
    books.acquire();
    try {
      return nest(first, then);
    } finally {
      books.release();
    }
  }

  private static String nest(OwnedLock outer, OwnedLock inner) throws InterruptedException {
    outer.acquire();
    try {
      inner.acquire();
      inner.release();
      return "done";
    } finally {
      outer.release();
    }
  }

  private static void check(String outcome) {
    if (!outcome.equals("done")) {
      throw new IllegalStateException(outcome);
    }
  }
}

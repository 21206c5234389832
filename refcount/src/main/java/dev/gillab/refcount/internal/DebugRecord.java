package dev.gillab.refcount.internal;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.ArrayDeque;

/**
 * What a debug heap remembers about one object: where it was allocated and its last few accesses
 * (oldest first), each with the thread and the caller's frame. Thread-safe: the access ring is
 * guarded by this record's monitor.
 */
public final class DebugRecord {
  private final String allocationSite;
  private final int kept;

  @GuardedBy("this")
  private final ArrayDeque<String> accesses;

  public DebugRecord(String allocationSite, int kept) {
    this.allocationSite = allocationSite;
    this.kept = kept;
    this.accesses = new ArrayDeque<>(kept);
  }

  public String allocationSite() {
    return allocationSite;
  }

  /** Notes {@code "incRef -> 2 on main at Demo.main(Demo.java:14)"}, forgetting the oldest. */
  public void record(String operation, int countAfter) {
    String line =
        operation
            + " -> "
            + countAfter
            + " on "
            + Thread.currentThread().getName()
            + " at "
            + Sites.caller();
    synchronized (this) {
      if (accesses.size() == kept) {
        accesses.removeFirst();
      }
      accesses.addLast(line);
    }
  }

  public synchronized ImmutableList<String> lastAccesses() {
    return ImmutableList.copyOf(accesses);
  }
}

package dev.gillab.gil;

import com.google.errorprone.annotations.Immutable;

/**
 * What one thread did with a GIL so far: nanoseconds it held it, nanoseconds it waited for it, how
 * often it took it, how often it had to drop it on request (forced drops), and how often it let go
 * around blocking calls. Immutable.
 */
@Immutable
public record GilThreadStats(
    long threadId,
    String threadName,
    long heldNanos,
    long waitingNanos,
    long acquisitions,
    long forcedDrops,
    long ioReleases) {

  /** Waiting as a share of the time the thread held or wanted the GIL, 0 to 100. */
  public double percentWaiting() {
    long total = heldNanos + waitingNanos;
    return total == 0 ? 0 : 100.0 * waitingNanos / total;
  }
}

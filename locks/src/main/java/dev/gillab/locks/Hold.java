package dev.gillab.locks;

/**
 * A held lock (or a group of them) as a resource: {@code try (Hold h = lock.hold()) { ... }}
 * releases on every path out of the block. Closing twice is harmless (the second close does
 * nothing). A hold belongs to the thread that made it: close it on that thread. Not thread-safe, by
 * that confinement.
 */
public interface Hold extends AutoCloseable {
  /** Releases what this hold holds, in reverse order of acquisition; only the first call counts. */
  @Override
  void close();
}

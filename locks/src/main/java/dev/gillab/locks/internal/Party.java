package dev.gillab.locks.internal;

import com.google.errorprone.annotations.Immutable;

/**
 * One thread of a real deadlock: it holds one lock of the cycle ({@code lockName}, shown as {@code
 * holds}: for a read/write lock with the side held) and waits for the next. The stack is where it
 * acquired the lock it holds (the project's locks) or where it is blocked (locks seen only through
 * {@code ThreadMXBean}).
 */
@Immutable
public final class Party {
  final String thread;
  final long threadId;
  final String lockName;
  final String holds;
  final String waitsFor;
  final String stackTitle;
  final String stack;

  public Party(
      String thread,
      long threadId,
      String lockName,
      String holds,
      String waitsFor,
      String stackTitle,
      String stack) {
    this.thread = thread;
    this.threadId = threadId;
    this.lockName = lockName;
    this.holds = holds;
    this.waitsFor = waitsFor;
    this.stackTitle = stackTitle;
    this.stack = stack;
  }

  public long threadId() {
    return threadId;
  }
}

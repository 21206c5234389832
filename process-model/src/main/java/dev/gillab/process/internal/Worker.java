package dev.gillab.process.internal;

import dev.gillab.process.ChildJvm;
import dev.gillab.process.FrameReader;
import dev.gillab.process.FrameWriter;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A worker JVM and its frame pipes, owned by one slot.
 *
 * <p>Thread-safety: the pipes and {@link #tasksRun} belong to the slot thread. {@link #ready} is
 * volatile (read by other threads listing pids); the flags are atomic because timers and {@link
 * PoolSlot#killWorker()} set them before killing the process, and retiring happens once.
 */
final class Worker {
  final ChildJvm child;
  final FrameReader reader;
  final FrameWriter writer;
  final AtomicBoolean killedByPool = new AtomicBoolean();
  final AtomicBoolean retired = new AtomicBoolean();
  volatile boolean ready;
  int tasksRun;

  Worker(ChildJvm child, int maxFrameBytes) {
    this.child = child;
    this.reader = new FrameReader(child.stdout(), maxFrameBytes);
    this.writer = new FrameWriter(child.stdin(), maxFrameBytes);
  }

  /** Kills the tree and waits (bounded) until it is gone: for the slot thread. */
  void kill() {
    killedByPool.set(true);
    child.killTree();
  }

  /** Only sends the kill signals: for timer actions, which must not block the timer thread. */
  void signalKill() {
    killedByPool.set(true);
    child.destroyTree();
  }
}

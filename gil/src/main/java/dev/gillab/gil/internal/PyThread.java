package dev.gillab.gil.internal;

import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * A {@code threading.Thread}: its target and arguments (references it holds until it is freed), its
 * name, and the state of the Java thread that runs it. The main thread has one too ({@code
 * MainThread}, no target), so {@code current_thread()} always has an answer.
 *
 * <p>The running Java thread holds a reference to this object until its target returns, so a
 * started thread stays alive even if the program drops it. {@link #finished} is counted down after
 * the Java thread has let go of the GIL for the last time, so joining it (with the GIL released)
 * never waits on a thread that still needs the GIL.
 */
public final class PyThread extends PyValue {
  private @Nullable PyValue target;
  private @Nullable PyValue args;
  final String name;
  final boolean daemon;
  final CountDownLatch finished = new CountDownLatch(1);
  volatile boolean started;
  volatile long ident;

  /** The Java thread running it, once started. */
  volatile @Nullable Thread java;

  /** Takes over the caller's references to {@code target} and {@code args} (nullable). */
  PyThread(String name, @Nullable PyValue target, @Nullable PyValue args, boolean daemon) {
    super(false);
    this.name = name;
    this.target = target;
    this.args = args;
    this.daemon = daemon;
  }

  @Nullable PyValue target() {
    return target;
  }

  @Nullable PyValue args() {
    return args;
  }

  boolean isAlive() {
    return started && finished.getCount() > 0;
  }

  @Override
  void dropReferences(Collection<PyValue> out) {
    if (target != null) {
      out.add(target);
      target = null;
    }
    if (args != null) {
      out.add(args);
      args = null;
    }
  }

  @Override
  void references(Collection<PyValue> out) {
    if (target != null) {
      out.add(target);
    }
    if (args != null) {
      out.add(args);
    }
  }

  @Override
  public String typeName() {
    return "Thread";
  }

  @Override
  public String toString() {
    String state = !started ? "initial" : isAlive() ? "started" : "stopped";
    return "<Thread("
        + name
        + ", "
        + state
        + (daemon ? " daemon" : "")
        + (started ? " " + ident : "")
        + ")>";
  }
}

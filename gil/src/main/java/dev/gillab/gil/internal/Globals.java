package dev.gillab.gil.internal;

import com.google.errorprone.annotations.ThreadSafe;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The globals of an interpreter or of a stepped run: one {@link GlobalCell} per name, in the order
 * the names were first linked.
 *
 * <p>Like each list, the globals have a lock of their own, this object's monitor: the per-dict lock
 * of free-threaded CPython (PEP 703's critical section on the module's dict). Without a GIL every
 * replacement of a global's value swaps under it — {@code STORE_GLOBAL} and {@code DELETE_GLOBAL}
 * ({@link GlobalCell#replace}), the host's {@link #set}, {@link #close} — so exactly one thread
 * takes over each old value, and releases it once it has let go of the lock (freeing a list takes
 * the list's lock; no lock is held while another is taken). Loads take no lock, as dict reads in
 * free-threaded CPython take none: {@link GlobalCell#loadNewReference} retries when a store freed
 * what it read. Under a GIL the program's stores skip the lock (the GIL already lets one thread at
 * a time at them), and the host's calls take it uncontended.
 */
@ThreadSafe
public final class Globals {
  @GuardedBy("this")
  private final Map<String, GlobalCell> cells = new LinkedHashMap<>();

  @GuardedBy("this")
  private boolean closed;

  /** The cell of {@code name}, made empty the first time it is asked for. */
  public synchronized GlobalCell cell(String name) {
    return cells.computeIfAbsent(name, n -> new GlobalCell(n, this));
  }

  /** The cell of {@code name}, or null if no code has linked it. */
  synchronized @Nullable GlobalCell get(String name) {
    return cells.get(name);
  }

  /** The cells at this moment, in the order they were made. */
  synchronized List<GlobalCell> cells() {
    return new ArrayList<>(cells.values());
  }

  /**
   * Puts {@code v} in {@code name}, taking over the caller's reference, and releases the value it
   * replaces.
   *
   * @throws IllegalStateException once {@link #close} ran ({@code v} is released then)
   */
  public void set(String name, PyValue v) {
    boolean refused;
    PyValue old;
    synchronized (this) {
      refused = closed;
      old = refused ? v : cell(name).swap(v);
    }
    release(old);
    if (refused) {
      throw new IllegalStateException("the globals are closed");
    }
  }

  /**
   * A new reference to the value of every bound global, by name, all taken at one moment: a store
   * cannot free a value while it is still in its cell, and no store runs meanwhile. The caller
   * releases them.
   */
  public synchronized Map<String, PyValue> newReferences() {
    Map<String, PyValue> out = new LinkedHashMap<>();
    for (GlobalCell c : cells.values()) {
      PyValue v = c.value();
      if (v != null) {
        PyValue.incRef(v);
        out.put(c.name(), v);
      }
    }
    return out;
  }

  /** Empties every cell and releases what they held; a later {@link #set} is refused. */
  public void close() {
    List<PyValue> old = new ArrayList<>();
    synchronized (this) {
      closed = true;
      for (GlobalCell c : cells.values()) {
        old.add(c.swap(null));
      }
    }
    old.forEach(Globals::release);
  }

  private static void release(@Nullable PyValue v) {
    if (v != null) {
      PyValue.decRef(v);
    }
  }
}

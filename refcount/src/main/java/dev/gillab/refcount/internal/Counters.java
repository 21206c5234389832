package dev.gillab.refcount.internal;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A heap's ids and counters, kept cheap enough for an allocation per interpreted instruction.
 *
 * <p>Each thread that uses the heap gets its own {@link Cell}: it draws ids from a private
 * block of {@value #ID_BLOCK} (one atomic per block, not per object) and counts its allocations
 * and frees with single-writer plain stores, which need no atomic instruction or fence.
 * Readers sum the cells; a reader on another thread sees each cell as of a moment ago, which is
 * why {@code Heap.stats()} is exact only when nobody is allocating or freeing meanwhile.
 * The first thread to use the heap (an interpreter's main thread, or whoever holds the GIL) finds
 * its cell with one field read; others go through a {@link ThreadLocal}.
 *
 * <p>The peak is exact while one thread uses the heap; with several it is computed from cells
 * read one after another, so it may miss a peak that lasted only while cells were being read.
 * Thread-safe.
 */
public final class Counters {
  static final int ID_BLOCK = 1024;
  private static final VarHandle PEAK;

  static {
    try {
      PEAK = MethodHandles.lookup().findVarHandle(Counters.class, "peak", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final AtomicLong nextBlock = new AtomicLong(1);
  @SuppressWarnings("ThreadLocalUsage") // one per heap on purpose: each heap counts apart
  private final ThreadLocal<Cell> mine = new ThreadLocal<>();
  private final Object cellsLock = new Object();

  @GuardedBy("cellsLock")
  private Cell[] cellsWritten = new Cell[0];

  private volatile Cell[] cells = new Cell[0]; // published copy of cellsWritten
  private volatile Cell first; // the first thread's cell: its fast path
  private volatile long peak;

  /** Counts an allocation by the calling thread; answers the new object's id. */
  public long allocate() {
    Cell c = cell();
    long id = c.nextId();
    c.allocated(1);
    Cell[] all = cells;
    long live = all.length == 1 ? c.allocatedCount() - c.freedCount() : live(all);
    if (live > peak) {
      raisePeak(live);
    }
    return id;
  }

  /** Counts an immortal allocation; answers its id. */
  public long allocateImmortal() {
    Cell c = cell();
    long id = c.nextId();
    c.immortal(1);
    return id;
  }

  /** Counts a free by the calling thread. */
  public void free() {
    cell().freed(1);
  }

  public long allocated() {
    long sum = 0;
    for (Cell c : cells) {
      sum += c.allocatedCount();
    }
    return sum;
  }

  public long freed() {
    long sum = 0;
    for (Cell c : cells) {
      sum += c.freedCount();
    }
    return sum;
  }

  public long immortal() {
    long sum = 0;
    for (Cell c : cells) {
      sum += c.immortalCount();
    }
    return sum;
  }

  public long peak() {
    return peak;
  }

  private static long live(Cell[] all) {
    long live = 0;
    for (Cell c : all) {
      live += c.allocatedCount() - c.freedCount();
    }
    return live;
  }

  private void raisePeak(long live) {
    long p;
    do {
      p = peak;
    } while (live > p && !PEAK.compareAndSet(this, p, live));
  }

  private Cell cell() {
    Cell f = first;
    if (f != null && f.thread == Thread.currentThread()) {
      return f;
    }
    return slowCell();
  }

  private Cell slowCell() {
    Cell c = mine.get();
    if (c == null) {
      c = new Cell(Thread.currentThread(), nextBlock);
      mine.set(c);
      synchronized (cellsLock) {
        cellsWritten = Arrays.copyOf(cellsWritten, cellsWritten.length + 1);
        cellsWritten[cellsWritten.length - 1] = c;
        cells = cellsWritten.clone();
        if (first == null) {
          first = c;
        }
      }
    }
    return c;
  }

  /**
   * One thread's ids and counts. Written only by that thread with plain stores (no fence, no
   * atomic: this is the hot path); other threads read them racily, which on a 64-bit JVM gives
   * a value that was current a moment ago, never a torn one.
   */
  static final class Cell {
    final Thread thread;
    private final AtomicLong blocks;
    private long next;
    private long limit;
    private long allocated;
    private long freed;
    private long immortal;

    Cell(Thread thread, AtomicLong blocks) {
      this.thread = thread;
      this.blocks = blocks;
    }

    long nextId() {
      if (next == limit) {
        next = blocks.getAndAdd(ID_BLOCK);
        limit = next + ID_BLOCK;
      }
      return next++;
    }

    void allocated(long n) {
      allocated += n;
    }

    void freed(long n) {
      freed += n;
    }

    void immortal(long n) {
      immortal += n;
    }

    long allocatedCount() {
      return allocated;
    }

    long freedCount() {
      return freed;
    }

    long immortalCount() {
      return immortal;
    }
  }
}

package dev.gillab.refcount.internal;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * A heap's ids and counters, kept cheap enough for an allocation per interpreted instruction.
 *
 * <p>Each thread that uses the heap gets its own {@link Cell}: it draws ids from a private block of
 * {@value #ID_BLOCK} (one atomic per block, not per object) and counts its allocations and frees
 * with single-writer plain stores, which need no atomic instruction or fence. Readers sum the
 * cells; a reader on another thread sees each cell as of a moment ago, which is why {@code
 * Heap.stats()} is exact only when nobody is allocating or freeing meanwhile. The first thread to
 * use the heap (an interpreter's main thread, or whoever holds the GIL) finds its cell with one
 * field read; others go through a {@link ThreadLocal}.
 *
 * <p>The peak is a live count the heap really had, never more. While one thread is the only one
 * that has counted anything (an interpreter's main thread, the common case) the peak is exact and
 * costs a compare of two fields of its own cell, kept with a plain store: that cell's allocated
 * minus freed <em>is</em> the heap's live count. Once a second thread counts, each allocation sums
 * the cells, reading every allocated count before any freed count; the counts only grow, so the sum
 * is at most the live count at the moment between the two passes: the peak may miss a maximum that
 * lasted only while the cells were being read, but never reports one that did not happen (as
 * current as plain stores make the other threads' counts).
 *
 * <p>Cells do not pile up: when a new thread adds its cell, the cells of threads that have ended
 * are folded into base counts published with the remaining cells in one {@link Cells} snapshot (a
 * reader sums one snapshot, so nothing is counted twice or lost). A heap used by a pool that
 * replaces its threads keeps about one cell per living thread, plus the first cell, kept for its
 * peak. Thread-safe.
 */
public final class Counters {
  static final int ID_BLOCK = 1024;
  private static final VarHandle PEAK;

  static {
    try {
      PEAK = MethodHandles.lookup().findVarHandle(Counters.class, "sharedPeak", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final AtomicLong nextBlock = new AtomicLong(1);

  @SuppressWarnings("ThreadLocalUsage") // one per heap on purpose: each heap counts apart
  private final ThreadLocal<Cell> mine = new ThreadLocal<>();

  private final Object cellsLock = new Object();

  @GuardedBy("cellsLock")
  private Cells cellsWritten = Cells.EMPTY;

  private volatile Cells cells = Cells.EMPTY; // published copy of cellsWritten
  private volatile Cell first; // the first thread's cell: its fast path
  private volatile Cell alone; // the only cell while there is one, then null for good
  private volatile long sharedPeak; // the peak once several threads count

  /** Counts an allocation by the calling thread; answers the new object's id. */
  public long allocate() {
    Cell c = cell();
    long id = c.nextId();
    long ownLive = c.countAllocation();
    // Read after this cell's counts: still alone means no other thread has counted yet, so
    // this cell's live count is the heap's.
    if (alone == c) {
      c.raiseOwnPeak(ownLive);
    } else {
      raiseSharedPeak();
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
    return total(all -> all.allocated, Cell::allocatedCount);
  }

  public long freed() {
    return total(all -> all.freed, Cell::freedCount);
  }

  public long immortal() {
    return total(all -> all.immortal, Cell::immortalCount);
  }

  /**
   * One count of one snapshot: its folded base plus every cell's own. For readers only: a count
   * change never comes here, so the two functions cost nothing on the hot path.
   */
  private long total(ToLongFunction<Cells> base, ToLongFunction<Cell> count) {
    Cells all = cells;
    long sum = base.applyAsLong(all);
    for (Cell c : all.cells) {
      sum += count.applyAsLong(c);
    }
    return sum;
  }

  /** How many cells readers sum now (for tests: ended threads' cells are folded away). */
  int cellCount() {
    return cells.cells.length;
  }

  /** The most objects live at once, as the class comment defines it. */
  public long peak() {
    long p = sharedPeak;
    Cell f = first; // only the first cell can have been alone
    return f == null ? p : Math.max(p, f.ownPeak());
  }

  /**
   * A live count the heap really had a moment ago, never more: every allocated count is read before
   * any freed count, and both only grow.
   */
  public long liveAtMost() {
    Cells all = cells;
    long allocated = all.allocated; // the folded counts are final: order does not matter
    for (Cell c : all.cells) {
      allocated += c.allocatedCount();
    }
    long freed = all.freed;
    for (Cell c : all.cells) {
      freed += c.freedCount();
    }
    return allocated - freed;
  }

  private void raiseSharedPeak() {
    long live = liveAtMost();
    long p = sharedPeak;
    while (live > p && !PEAK.compareAndSet(this, p, live)) {
      p = sharedPeak; // another allocation raised it meanwhile
    }
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
        if (first == null) {
          first = c;
          alone = c;
        } else {
          alone = null; // before this cell counts anything: the first cell stops being the heap
        }
        cellsWritten = cellsWritten.foldEndedAndAdd(c);
        cells = cellsWritten;
      }
    }
    return c;
  }

  /**
   * The cells readers sum, plus the counts folded in from cells of threads that had ended.
   * Immutable: a new snapshot replaces it whenever a thread adds its cell.
   */
  private static final class Cells {
    static final Cells EMPTY = new Cells(new Cell[0], 0, 0, 0);

    final Cell[] cells;
    final long allocated;
    final long freed;
    final long immortal;

    Cells(Cell[] cells, long allocated, long freed, long immortal) {
      this.cells = cells;
      this.allocated = allocated;
      this.freed = freed;
      this.immortal = immortal;
    }

    /**
     * These cells without those of ended threads (their counts folded into the base; a thread found
     * ended by {@code isAlive()} has made all its plain stores visible), plus {@code c}.
     */
    Cells foldEndedAndAdd(Cell c) {
      Cell[] kept = new Cell[cells.length + 1];
      int n = 0;
      long a = allocated;
      long f = freed;
      long i = immortal;
      for (Cell old : cells) {
        if (old.thread.isAlive()) {
          kept[n++] = old;
        } else {
          a += old.allocatedCount();
          f += old.freedCount();
          i += old.immortalCount();
        }
      }
      kept[n++] = c;
      return new Cells(Arrays.copyOf(kept, n), a, f, i);
    }
  }

  /**
   * One thread's ids and counts. Written only by that thread with plain stores (no fence, no
   * atomic: this is the hot path); other threads read them racily, which on a 64-bit JVM gives a
   * value that was current a moment ago, never a torn one.
   */
  static final class Cell {
    final Thread thread;
    private final AtomicLong blocks;
    private long next;
    private long limit;
    private long allocated;
    private long freed;
    private long immortal;
    private long ownPeak; // the heap's peak while this cell was the only one

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

    /** Counts one allocation; answers this cell's allocated minus freed. */
    long countAllocation() {
      long a = allocated + 1;
      allocated = a;
      return a - freed;
    }

    void raiseOwnPeak(long live) {
      if (live > ownPeak) {
        ownPeak = live;
      }
    }

    long ownPeak() {
      return ownPeak;
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

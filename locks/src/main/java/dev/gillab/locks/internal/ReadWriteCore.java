package dev.gillab.locks.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The detectors' view of an owned read/write lock: its synchronizer, its two sides (each a {@link
 * LockCore}, sharing the lock's name, id and order node) and, while wait-for checking is on, who
 * holds it for reading.
 *
 * <p>{@code ReentrantReadWriteLock} counts its readers but does not name them, and a writer waits
 * for every one of them, so the wait-for graph needs them named: each reader puts itself in {@link
 * #readers} after its outermost read acquisition and removes itself before its outermost release.
 * An entry changes only on its own thread, and a thread registered as waiting changes nothing, so
 * the wait-for walk (under the registry lock that every waiter passed through) reads current
 * entries for every thread that can be on a cycle.
 */
public final class ReadWriteCore {
  /** A reader's outermost hold: where it was taken, if recorded. */
  private static final class ReadHold {
    final @Nullable Throwable at;

    ReadHold(@Nullable Throwable at) {
      this.at = at;
    }
  }

  public final RwSync sync = new RwSync();
  public final Side read;
  public final Side write;
  private final @Nullable Map<Thread, ReadHold> readers;

  /** Stack of the writer's outermost acquisition; written and cleared by the writer only. */
  public @Nullable Throwable writeAcquiredAt;

  public ReadWriteCore(String name, @Nullable OrderNode orderNode, boolean trackReaders) {
    long id = LockCore.nextId();
    this.read = new Side(name, id, orderNode, true);
    this.write = new Side(name, id, orderNode, false);
    this.readers = trackReaders ? new ConcurrentHashMap<>() : null;
  }

  /** The caller took its outermost read hold; {@code at} is where, or null. */
  public void readerIn(@Nullable Throwable at) {
    if (readers != null) {
      readers.put(Thread.currentThread(), new ReadHold(at));
    }
  }

  /** The caller is about to release its outermost read hold. */
  public void readerOut() {
    if (readers != null) {
      readers.remove(Thread.currentThread());
    }
  }

  /** One side of the lock. */
  public final class Side extends LockCore {
    Side(String name, long id, @Nullable OrderNode orderNode, boolean shared) {
      super(name, id, orderNode, shared);
    }

    @Override
    public boolean heldByCurrentThread() {
      return sync.getReadHoldCount() > 0 || sync.isWriteLockedByCurrentThread();
    }

    /** A reader waits for the writer; a writer for the writer and for every reader. */
    @Override
    void addBlockers(List<Holder> out) {
      @Nullable Thread writer = sync.writer();
      if (writer != null) {
        out.add(new Holder(writer, write));
      }
      if (!shared && readers != null) {
        for (Thread reader : readers.keySet()) {
          out.add(new Holder(reader, read));
        }
      }
    }

    @Override
    @Nullable Throwable acquiredAt(Thread holder) {
      if (!shared) {
        return writeAcquiredAt;
      }
      @Nullable ReadHold hold = readers == null ? null : readers.get(holder);
      return hold == null ? null : hold.at;
    }

    @Override
    public String describe() {
      return name + (shared ? " (read)" : " (write)");
    }

    @Override
    boolean isReadWrite() {
      return true;
    }
  }
}

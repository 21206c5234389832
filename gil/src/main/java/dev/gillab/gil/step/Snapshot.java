package dev.gillab.gil.step;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything a page shows of a stepped run at one moment: its threads, its globals, the live
 * objects of its heap with their reference counts, the ones it leaked once it has ended, who holds
 * the GIL and each lock, what it printed, and how it stands. An immutable tree of records of
 * strings, numbers and lists, so Jackson (or any record-aware serializer) writes it as it is.
 *
 * <p>Two snapshots of the same program after the same schedule are equal: the run is a function of
 * its schedule.
 *
 * @param threads every thread the program started, by id (0 is the main thread)
 * @param globals the module's globals that are bound, by name
 * @param heap the live objects that are not immortal, by id
 * @param leaks once the run has ended ({@link Outcome#FINISHED} or {@link Outcome#ERROR}): the
 *     objects it allocated that are still alive although nothing reaches them, by id, each with the
 *     count that keeps it (see {@link Goal.Kind#LEAKS}); empty while it runs, and after a deadlock
 *     or a budget cut it short
 * @param gilHolder the thread that holds the GIL, or null when none does (always null under {@code
 *     none}, which has no GIL)
 * @param locks the {@code threading.Lock}s the program made that are still alive, by object id
 * @param output what {@code print} wrote so far
 * @param outcome how the run stands
 * @param schedule the thread id of each step taken so far
 * @param steps how many steps were taken ({@code schedule.size()})
 */
public record Snapshot(
    List<ThreadView> threads,
    List<GlobalView> globals,
    List<ObjectView> heap,
    List<ObjectView> leaks,
    @Nullable Integer gilHolder,
    List<LockView> locks,
    String output,
    Outcome outcome,
    List<Integer> schedule,
    int steps) {

  /**
   * Copies the lists.
   *
   * @param threads every thread the program started, by id
   * @param globals the module's globals that are bound, by name
   * @param heap the live objects that are not immortal, by id
   * @param leaks once the run has ended, the objects nothing reaches that are still alive, by id
   * @param gilHolder the thread that holds the GIL, or null when none does
   * @param locks the {@code threading.Lock}s the program made that are still alive, by object id
   * @param output what {@code print} wrote so far
   * @param outcome how the run stands
   * @param schedule the thread id of each step taken so far
   * @param steps how many steps were taken
   * @throws NullPointerException if a list is null or holds a null
   */
  public Snapshot {
    threads = List.copyOf(threads);
    globals = List.copyOf(globals);
    heap = List.copyOf(heap);
    leaks = List.copyOf(leaks);
    locks = List.copyOf(locks);
    schedule = List.copyOf(schedule);
  }

  /** What a thread is doing. */
  public enum ThreadState {
    /** It can take a step. */
    RUNNABLE,
    /** Its next step waits for a lock another thread holds, or for a thread to end. */
    BLOCKED,
    /** It returned from its target (or the main thread from the module). */
    FINISHED,
    /** It ended by an uncaught exception; {@link ThreadView#error()} has the traceback. */
    FAILED
  }

  /**
   * One thread.
   *
   * @param id 0 for the main thread, then 1, 2, ... in the order the threads were started
   * @param name the thread's name ({@code MainThread}, {@code Thread-1 (work)}, ...)
   * @param state what it is doing
   * @param line the source line of its next instruction, or of its last once it has ended
   * @param code the code object its next instruction is in ({@code <module>} or a function's name),
   *     as {@link CodeLine#code()} names it
   * @param nextOffset the offset of its next instruction in that code object, or -1 once it has
   *     ended
   * @param nextInstruction the next instruction as {@code gil-lab dis} prints it, or null once it
   *     has ended
   * @param waitingFor what a blocked thread waits for (a lock's name, or {@code join Thread-1
   *     (work)}), else null
   * @param error the traceback of a failed thread as CPython prints it, else null
   */
  public record ThreadView(
      int id,
      String name,
      ThreadState state,
      int line,
      String code,
      int nextOffset,
      @Nullable String nextInstruction,
      @Nullable String waitingFor,
      @Nullable String error) {}

  /**
   * One global.
   *
   * @param name the global's name
   * @param repr its value's {@code repr}
   * @param type its value's type name ({@code int}, {@code list}, {@code function}, ...)
   * @param refCount the value's reference count as the heap keeps it ({@code sys.getrefcount}
   *     prints one more); an immortal object's is {@code Integer.MAX_VALUE}
   * @param id the value's object id, the same in {@link #heap()}: objects are numbered 1, 2, ... in
   *     the order the run allocated them (immortal ones first), so a replay gives every object the
   *     same id, whichever Java threads stepped it
   */
  public record GlobalView(String name, String repr, String type, int refCount, long id) {}

  /**
   * One live object of the heap: one that the globals, the code's constants or a thread's frames
   * reach ({@link #heap()}), or one that nothing reaches once the run has ended ({@link #leaks()}).
   *
   * @param id its object id (see {@link GlobalView#id()})
   * @param type its type name
   * @param repr its {@code repr}
   * @param refCount its reference count
   */
  public record ObjectView(long id, String type, String repr, int refCount) {}

  /**
   * One lock.
   *
   * @param name the global that holds it, or {@code lock#<id>} when no global does
   * @param holder the thread that acquired it and has not released it, or null when it is free
   * @param waiters the threads blocked on it, ascending
   */
  public record LockView(String name, @Nullable Integer holder, List<Integer> waiters) {
    /**
     * Copies the waiters.
     *
     * @param name the global that holds the lock, or {@code lock#<id>} when no global does
     * @param holder the thread that holds the lock, or null when it is free
     * @param waiters the threads blocked on it, ascending
     */
    public LockView {
      waiters = List.copyOf(waiters);
    }
  }
}

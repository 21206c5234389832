package dev.gillab.gil.internal;

import com.google.common.collect.ImmutableMap;
import dev.gillab.gil.Code;
import dev.gillab.gil.Gil;
import dev.gillab.gil.InterpreterError;
import dev.gillab.gil.SwitchingPolicy;
import dev.gillab.gil.step.Goal;
import dev.gillab.gil.step.Outcome;
import dev.gillab.gil.step.Snapshot;
import dev.gillab.refcount.CountChanges;
import dev.gillab.refcount.CountStrategy;
import dev.gillab.refcount.Heap;
import dev.gillab.refcount.HeapObject;
import dev.gillab.refcount.IllegalRefCountException;
import dev.gillab.refcount.PlainCountSteps;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * One stepped run of a program (see {@code dev.gillab.gil.step.Stepper}): an interpreter's heap,
 * globals and runtime, with every Python thread a {@link StepThread} whose frames this engine runs
 * in turn on the caller's Java thread. The eval loop is the interpreter's own ({@link
 * EvalLoop#stepping}), so every instruction does here exactly what it does on a real thread.
 *
 * <p>There is one Java thread, so nothing needs a real GIL: the loop runs under a {@code none} GIL
 * shared by every engine, the heap counts {@code PLAIN} with no allocation guard, and the stepped
 * policy only decides where a step ends and who is shown holding the GIL.
 *
 * <h2>Racing counts</h2>
 *
 * A count change is otherwise whole within its instruction, as under a GIL or with atomic counts. A
 * run with <em>racing counts</em> (no GIL, {@code PLAIN} counts, a step per instruction) takes each
 * change apart as two CPUs with no GIL do: the instruction reads every count it changes ({@code tmp
 * = count}) and the thread's next step writes them ({@code count = tmp ± 1}) and does nothing else.
 * The heap routes its changes here ({@link #change}); another thread's steps between the read and
 * the write can lose an update, which frees an object a thread still holds, or keeps one nobody
 * holds. The heap catches a later use of a freed object ({@code UseAfterFreeException}, {@code
 * DoubleFreeException}) and the thread that made it fails.
 *
 * <h2>Leaks</h2>
 *
 * An object kept by a count nobody holds is alive and unreachable. The heap counts its live objects
 * but does not list them, so the run's object space lists what it allocated ({@link
 * ObjectSpace#alive}); once the run has ended, {@link #leaked} is the objects of that list that no
 * root reaches. The roots are what the interpreter keeps on purpose until it closes (the globals
 * and the code's constants, which its close lets go of) and what a thread still running holds (a
 * daemon's frames and thread object); the immortals, builtins and modules are never counted. Every
 * other count is held by a reachable object, and the interpreter refuses to make a cycle (which
 * this heap could not free), so with whole counts a run leaks nothing.
 *
 * <p>Not thread-safe: one caller at a time.
 */
public final class StepEngine {
  /** Excludes nothing: one Java thread runs every stepped thread. */
  private static final Gil NO_GIL = Gil.create("stepper", SwitchingPolicy.none());

  private static final int MAX_FRAME_DEPTH = 200;

  /** The two methods that can block, compared by identity before anything else is looked at. */
  private static final Method ACQUIRE = Modules.LOCK_METHODS.get("acquire");

  private static final Method JOIN = Modules.THREAD_METHODS.get("join");

  final boolean everyInstruction;
  final EvalLoop loop;
  long virtualNanos;

  private final SwitchingPolicy policy;
  private final String source;
  private final long budget;
  private final int maxSteps;
  private final Heap heap;
  private final ObjectSpace space;
  private final PyRuntime runtime;
  private final ByteArrayOutputStream printed;
  private final Globals globals = new Globals();
  private final IdentityHashMap<Code, LinkedCode> linked = new IdentityHashMap<>();
  private final IdentityHashMap<LinkedCode, Code> sources = new IdentityHashMap<>();
  private final IdentityHashMap<Code, PyValue> codeObjects = new IdentityHashMap<>();
  private final List<StepThread> threads = new ArrayList<>();
  private final @Nullable Shared shared;

  /** Count changes are split into a read and a later write ({@link #change}). */
  private final boolean racingCounts;

  /** The thread whose step is running an instruction, while counts race; else null. */
  private @Nullable StepThread deferring;

  /** Each object whose change was put off, to name it in an error once it is freed. */
  private final IdentityHashMap<HeapObject<?>, PyValue> named = new IdentityHashMap<>();

  /** The freed object a change touched last, and the change, to name it in the error. */
  private @Nullable HeapObject<?> touchedFreed;

  private int touchedDelta;

  /** Once the run has ended: what it leaked ({@link #leaked}), found once. */
  private @Nullable List<PyValue> leaked;

  private int[] schedule = new int[32];
  private int steps;
  private Outcome outcome = Outcome.RUNNING;
  private boolean[] enabled = new boolean[4];
  private int[] choices = new int[0];
  private @Nullable Integer gilHolder;
  private boolean overBudget;

  /**
   * A run of {@code module} before its first step: the module's frame is thread 0's.
   *
   * @param everyInstruction a step is one instruction (else: up to the next switch point)
   * @param racingCounts a count change's write is a step after its read (see the class notes): only
   *     with {@code everyInstruction} under a policy that excludes nothing
   * @param shared what this run shares with the other runs of a search, or null for nothing
   */
  public StepEngine(
      Code module,
      String source,
      SwitchingPolicy policy,
      boolean everyInstruction,
      boolean racingCounts,
      long instructionBudget,
      long maxMemory,
      int maxSteps,
      @Nullable Shared shared) {
    if (racingCounts && (policy.excludes() || !everyInstruction)) {
      throw new IllegalArgumentException("counts race only with no GIL and a step per instruction");
    }
    if (shared != null && shared.counts == null && racingCounts) {
      throw new IllegalArgumentException("a search's runs with racing counts share a routed heap");
    }
    this.policy = policy;
    this.racingCounts = racingCounts;
    this.source = source;
    this.everyInstruction = everyInstruction || !policy.excludes();
    this.budget = instructionBudget;
    this.maxSteps = maxSteps;
    this.shared = shared;
    if (shared == null) {
      Counts counts = racingCounts ? new Counts() : null;
      if (counts != null) {
        counts.run = this;
      }
      this.heap = newHeap(counts);
      this.space = ObjectSpace.numbered(heap, Memory.create(maxMemory, true));
      this.loop = EvalLoop.stepping(space, NO_GIL, MAX_FRAME_DEPTH);
      this.printed = new ByteArrayOutputStream();
      this.runtime = newRuntime(space, loop, printed, instructionBudget);
    } else {
      if (shared.counts != null) {
        shared.counts.run = this;
      }
      this.heap = shared.heap;
      this.space = new ObjectSpace(heap, Memory.create(maxMemory, true), shared.space);
      this.loop = EvalLoop.stepping(space, NO_GIL, MAX_FRAME_DEPTH);
      this.printed = shared.printed;
      printed.reset();
      this.runtime = new PyRuntime(shared.runtime, space, loop, shared.out, instructionBudget);
    }
    LinkedCode main = link(module);
    PyThread mainThread = (PyThread) runtime.newMainThread();
    mainThread.ident = 0;
    StepThread t0 = new StepThread(this, 0, mainThread, new ThreadState(instructionBudget));
    t0.top = new Frame(main, new PyValue[main.localCount()], null, 0);
    t0.frames = 1;
    t0.ts.depth = 1;
    threads.add(t0);
    gilHolder = policy.excludes() ? 0 : null;
    settle();
  }

  /**
   * What the runs of one program share while a schedule search makes them one after another on one
   * thread: a heap, the immortals, the builtins and modules, and the print buffer (each run clears
   * it). Object ids then count on across runs, so a snapshot of such a run names objects by ids no
   * replay repeats; a {@code Stepper}'s own runs share nothing.
   */
  public static final class Shared {
    final @Nullable Counts counts;
    final Heap heap;
    final ObjectSpace space;
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(printed, false, StandardCharsets.UTF_8);
    final PyRuntime runtime;

    /** The first run's linking of each code, whose instructions later runs reuse. */
    final IdentityHashMap<Code, LinkedCode> linked = new IdentityHashMap<>();

    /**
     * What the runs of one search share.
     *
     * @param racingCounts whether the runs race their counts: their heap routes its changes to the
     *     run being made
     */
    public Shared(boolean racingCounts) {
      counts = racingCounts ? new Counts() : null;
      heap = newHeap(counts);
      space = ObjectSpace.numbered(heap, Memory.create(Long.MAX_VALUE, true));
      runtime = newRuntime(space, EvalLoop.stepping(space, NO_GIL, MAX_FRAME_DEPTH), printed, 1);
    }
  }

  /** Sends a heap's count changes to the run that makes them: the last one made. */
  private static final class Counts implements CountChanges {
    @Nullable StepEngine run;

    @Override
    public boolean change(HeapObject<?> object, int delta) {
      StepEngine e = run;
      return e != null
          ? e.change(object, delta)
          : PlainCountSteps.write(object, PlainCountSteps.read(object), delta);
    }
  }

  private static Heap newHeap(@Nullable Counts counts) {
    Heap.Builder b = Heap.builder().name("stepper").strategy(CountStrategy.PLAIN).leakSink(s -> {});
    if (counts != null) {
      b.countChanges(counts);
    }
    return b.build();
  }

  /**
   * A count change of a run with racing counts: while a thread's step runs an instruction, the read
   * now and the write put off to its next step; else both now. A change to an object that is
   * already freed is refused at once, as the heap refuses any use of it.
   */
  boolean change(HeapObject<?> object, int delta) {
    StepThread t = deferring;
    if (t == null || object.isFreed()) {
      if (object.isFreed()) {
        touchedFreed = object;
        touchedDelta = delta;
      }
      return PlainCountSteps.write(object, PlainCountSteps.read(object), delta);
    }
    PyValue value = (PyValue) object.value();
    named.put(object, value);
    t.defer(object, value, delta);
    return false;
  }

  private static PyRuntime newRuntime(
      ObjectSpace space, EvalLoop loop, ByteArrayOutputStream printed, long budget) {
    PrintStream out = new PrintStream(printed, false, StandardCharsets.UTF_8);
    return new PyRuntime(
        space,
        NO_GIL,
        loop,
        out,
        out,
        r -> {
          throw new IllegalStateException("a stepped run starts no Java thread");
        },
        new AtomicInteger(),
        new LongAdder(),
        budget);
  }

  // ---- the chooser's view -------------------------------------------------------------------

  /** The threads that can take a step, ascending; empty once the run has ended. */
  public List<Integer> choices() {
    List<Integer> out = new ArrayList<>(choices.length);
    for (int c : choices) {
      out.add(c);
    }
    return out;
  }

  /**
   * As {@link #choices()}, as an array the caller may keep but must not change: each step makes a
   * new one.
   */
  public int[] choiceArray() {
    return choices;
  }

  /** Whether thread {@code threadId} can take a step now. */
  public boolean canStep(int threadId) {
    return outcome == Outcome.RUNNING
        && threadId >= 0
        && threadId < threads.size()
        && enabled[threadId];
  }

  /** The thread id of each step so far. */
  public List<Integer> schedule() {
    List<Integer> out = new ArrayList<>(steps);
    for (int i = 0; i < steps; i++) {
      out.add(schedule[i]);
    }
    return List.copyOf(out);
  }

  /** How the run stands. */
  public Outcome outcome() {
    return outcome;
  }

  /** The {@code repr} of a bound global, or null. */
  public @Nullable String globalRepr(String name) {
    GlobalCell c = globals.get(name);
    PyValue v = c == null ? null : c.value();
    return v == null ? null : ObjectSpace.repr(v);
  }

  /** Whether the run, as it stands, has reached {@code goal}. */
  public boolean reached(Goal goal) {
    switch (goal.kind()) {
      case RAISES -> {
        for (StepThread t : threads) {
          if (t.state == Snapshot.ThreadState.FAILED && goal.name().equals(t.errorKind)) {
            return true;
          }
        }
        return false;
      }
      case DEADLOCK -> {
        return outcome == Outcome.DEADLOCK;
      }
      case GLOBAL_EQUALS -> {
        return (outcome == Outcome.FINISHED || outcome == Outcome.ERROR)
            && goal.repr().equals(globalRepr(goal.name()));
      }
      case STARVES -> {
        return goal.threadId() < threads.size()
            && threads.get(goal.threadId()).maxStreak >= goal.steps();
      }
      case USES_FREED -> {
        for (StepThread t : threads) {
          if (t.state == Snapshot.ThreadState.FAILED
              && ("UseAfterFreeException".equals(t.errorKind)
                  || "DoubleFreeException".equals(t.errorKind))) {
            return true;
          }
        }
        return false;
      }
      case LEAKS -> {
        return !leaked().isEmpty();
      }
    }
    throw new AssertionError(goal);
  }

  /**
   * Once the run has ended, every thread it waits for done ({@link Outcome#FINISHED} or {@link
   * Outcome#ERROR}): the objects it allocated that are alive although no root reaches them (see the
   * class notes), oldest first. Empty while it runs, and after a deadlock or a budget, where the
   * threads' frames still hold what they hold. An ended run changes no more, so it is found once.
   */
  List<PyValue> leaked() {
    if (outcome != Outcome.FINISHED && outcome != Outcome.ERROR) {
      return List.of();
    }
    if (leaked == null) {
      Map<PyValue, Boolean> reached = StepSnapshots.reachable(this);
      List<PyValue> out = new ArrayList<>();
      for (PyValue v : space.alive()) {
        if (!reached.containsKey(v)) {
          out.add(v);
        }
      }
      leaked = List.copyOf(out);
    }
    return leaked;
  }

  /** Everything a page shows of the run now. */
  public Snapshot snapshot() {
    printedStream().flush();
    return StepSnapshots.of(this);
  }

  // ---- a step -------------------------------------------------------------------------------

  /** Runs one step of {@code threadId}, which {@link #canStep} allows. */
  public void step(int threadId) {
    if (!canStep(threadId)) {
      throw new IllegalArgumentException("thread " + threadId + " cannot take a step now");
    }
    StepThread t = threads.get(threadId);
    for (StepThread s : threads) {
      // The others who could have run and did not: threads this step starts are not among them.
      if (s == t || !enabled[s.id]) {
        s.streak = 0;
      } else {
        s.streak++;
        s.maxStreak = Math.max(s.maxStreak, s.streak);
      }
    }
    if (steps == schedule.length) {
      schedule = Arrays.copyOf(schedule, steps * 2);
    }
    schedule[steps++] = threadId;
    t.inStep = 0;
    t.released = false;
    if (!t.pending.isEmpty()) {
      writeCounts(t);
    } else {
      deferring = racingCounts ? t : null;
      touchedFreed = null;
      try {
        if (t.top == null) {
          startTarget(t);
        } else {
          run(t);
        }
      } catch (PyException e) {
        fail(t, e);
      } catch (IllegalRefCountException e) {
        failOnHeap(t, e);
      } finally {
        deferring = null;
      }
    }
    long executed = 0;
    for (StepThread s : threads) {
      executed += s.ts.executed();
    }
    if (executed > budget || steps >= maxSteps) {
      overBudget = true;
    }
    settle();
    if (policy.excludes()) {
      gilHolder = !t.isDone() && !t.released && enabled[t.id] ? t.id : null;
    }
  }

  /** Resumes {@code t}'s frames until its step is over or it ends. */
  private void run(StepThread t) {
    while (true) {
      Frame f = t.top;
      PyValue r;
      try {
        r = loop.resume(f, t.ts);
      } catch (PyException | IllegalRefCountException e) {
        t.pop(); // the frame unwound itself
        unwindCallers(t, e);
        throw e;
      }
      if (r == Frame.SUSPENDED) {
        if (t.top != f) {
          continue; // a call pushed a frame: run on into it
        }
        return;
      }
      t.pop();
      if (t.top == null) {
        t.lastCode = f.code.name;
        t.lastLine = f.code.lines[f.pc];
        PyValue.decRef(r);
        end(t, Snapshot.ThreadState.FINISHED);
        return;
      }
      Frame caller = t.top;
      caller.sp = Instructions.finishCall(caller.stack, f.returnBase, caller.sp, r);
      caller.pc++;
    }
  }

  /** The frames below one that raised: each adds its line to the traceback and unwinds. */
  private void unwindCallers(StepThread t, RuntimeException e) {
    while (t.top != null) {
      Frame f = t.top;
      if (e instanceof PyException pyException) {
        pyException.addFrame(f.code.filename, f.code.name, f.code.lines[f.pc]);
      }
      try {
        EvalLoop.unwind(f.stack, f.sp, f.locals);
      } catch (PyException | IllegalRefCountException again) {
        // The first error is the one the thread ends with.
      }
      t.pop();
    }
  }

  /** The first step of a thread whose target is not a Python function. */
  private void startTarget(StepThread t) {
    t.inStep = 1;
    if (t.pendingError != null) {
      PyException e = t.pendingError;
      t.pendingError = null;
      throw e;
    }
    PyValue target = t.pendingTarget;
    t.pendingTarget = null;
    if (target != null) {
      PyValue args = t.py.args();
      PyValue[] items = args instanceof PyTuple pyTuple ? pyTuple.items : new PyValue[0];
      PyValue.decRef(target.call(runtime, t.ts, items, 0, items.length, null));
    }
    end(t, Snapshot.ThreadState.FINISHED);
  }

  private void fail(StepThread t, PyException e) {
    InterpreterError error = e.toError();
    List<InterpreterError.Frame> tb = error.traceback();
    if (!tb.isEmpty()) { // where it ended: the innermost frame
      t.lastCode = tb.get(tb.size() - 1).codeName();
      t.lastLine = tb.get(tb.size() - 1).line();
    }
    t.errorKind = error.kind();
    t.error = dev.gillab.gil.Traceback.format(error, this::sourceLine);
    if (error.kind().equals("BudgetExceeded") || error.kind().equals("MemoryError")) {
      overBudget = true;
    }
    end(t, Snapshot.ThreadState.FAILED);
  }

  private void failOnHeap(StepThread t, IllegalRefCountException e) {
    t.errorKind = e.getClass().getSimpleName();
    PyValue v = touchedFreed == null ? null : named.get(touchedFreed);
    t.error =
        t.errorKind
            + ": "
            + (v == null ? e.getMessage() : change(touchedDelta) + " of " + name(v) + ", freed")
            + "\n";
    end(t, Snapshot.ThreadState.FAILED);
  }

  /**
   * A step of racing counts: the writes the thread's last step put off, each {@code count = read +
   * delta}. A write that finds its object freed since its read fails the thread, whose frames
   * unwind; the other writes land all the same.
   */
  private void writeCounts(StepThread t) {
    StepThread.CountWrite failed = null;
    IllegalRefCountException error = null;
    List<StepThread.CountWrite> writes = new ArrayList<>(t.pending);
    t.pending.clear();
    for (StepThread.CountWrite w : writes) {
      try {
        PlainCountSteps.write(w.object, w.read, w.delta);
      } catch (IllegalRefCountException e) {
        if (error == null) {
          error = e;
          failed = w;
        }
      }
    }
    if (error == null) {
      return;
    }
    t.errorKind = error.getClass().getSimpleName();
    t.error =
        t.errorKind
            + ": "
            + change(failed.delta)
            + " of "
            + name(failed.value)
            + ", freed since this thread read its count "
            + failed.read
            + "\n";
    if (t.isDone()) {
      t.state = Snapshot.ThreadState.FAILED;
      return;
    }
    if (t.top != null) {
      t.lastCode = t.top.code.name; // where it stopped: the instruction whose count it wrote
      t.lastLine = t.top.line();
      unwindCallers(t, error);
    }
    end(t, Snapshot.ThreadState.FAILED);
  }

  private static String change(int delta) {
    return delta > 0 ? "incRef (+" + delta + ")" : "decRef (" + delta + ")";
  }

  private static String name(PyValue v) {
    return v.typeName() + " #" + v.serial;
  }

  /** The thread has ended: its thread object is let go of and its joiners may go on. */
  private void end(StepThread t, Snapshot.ThreadState how) {
    t.state = how;
    t.top = null;
    t.py.finished.countDown();
    PyValue.decRef(t.py);
  }

  /**
   * {@code Thread.start()} from a stepped thread: a new stepped thread, numbered in start order,
   * whose first step runs the target's first instruction.
   */
  void start(PyThread py) {
    if (py.started) {
      throw new PyException("RuntimeError", "threads can only be started once");
    }
    PyValue.incRef(py); // the running thread's, as on a real thread
    StepThread t = new StepThread(this, threads.size(), py, new ThreadState(budget));
    py.ident = t.id;
    py.started = true;
    PyValue target = py.target();
    if (target instanceof PyFunction fn) {
      PyValue args = py.args();
      PyValue[] items = args instanceof PyTuple pyTuple ? pyTuple.items : new PyValue[0];
      try {
        PyValue[] locals = fn.bind(items, 0, items.length, null, false);
        t.top = new Frame(fn.code(), locals, null, 0);
        t.frames = 1;
        t.ts.depth = 1;
      } catch (PyException e) {
        t.pendingError = e;
      }
    } else {
      t.pendingTarget = target;
    }
    threads.add(t);
  }

  /** Threads that have not ended: {@code threading.active_count()}. */
  int activeCount() {
    int n = 0;
    for (StepThread t : threads) {
      n += t.isDone() ? 0 : 1;
    }
    return n;
  }

  /**
   * What {@code t}'s instruction at {@code pc} would wait for if it ran now: a taken lock ({@code
   * with lock}, {@code lock.acquire()} with no timeout) or a thread still running ({@code join()}),
   * or null when it would not block.
   */
  @Nullable PyValue blocker(StepThread t, Frame f, int pc, int sp) {
    int word = f.code.words[pc];
    int op = word & LinkedCode.OP_MASK;
    if (op == EvalLoop.BEFORE_WITH) {
      PyValue m = f.stack[sp - 1];
      return m instanceof PyLock pyLock && pyLock.locked() ? m : null;
    }
    if (op != EvalLoop.CALL_FUNCTION && op != EvalLoop.CALL_FUNCTION_KW) {
      return null;
    }
    int argc = word >>> LinkedCode.OP_BITS;
    int top = op == EvalLoop.CALL_FUNCTION_KW ? sp - 1 : sp;
    int base = top - argc;
    if (!(f.stack[base - 1] instanceof PyBoundMethod)) {
      return null;
    }
    PyBoundMethod m = (PyBoundMethod) f.stack[base - 1];
    PyValue self = m.self();
    if (m.method() != ACQUIRE && m.method() != JOIN) {
      return null;
    }
    try {
      Args args =
          new Args(
              m.name(),
              f.stack,
              base,
              argc,
              op == EvalLoop.CALL_FUNCTION_KW ? names(f.stack[sp - 1]) : null);
      if (self instanceof PyLock pyLock) {
        PyValue blocking = args.size() > 0 ? args.get(0) : args.keyword("blocking");
        PyValue timeout = args.size() > 1 ? args.get(1) : args.keyword("timeout");
        boolean blocks = blocking == null || ObjectSpace.truthy(blocking);
        boolean timed = timeout != null && Convert.real(timeout) >= 0;
        return pyLock.locked() && blocks && !timed ? self : null;
      }
      if (self instanceof PyThread joined) {
        PyValue timeout = args.size() > 0 ? args.get(0) : args.keyword("timeout");
        boolean untimed = timeout == null || timeout instanceof PyNone;
        return joined.started && joined.isAlive() && joined != t.py && untimed ? self : null;
      }
    } catch (PyException e) {
      return null; // the call raises when it runs: it does not block
    }
    return null;
  }

  private static String @Nullable [] names(PyValue tuple) {
    if (!(tuple instanceof PyTuple pyTuple)) {
      return null;
    }
    PyValue[] items = pyTuple.items;
    String[] out = new String[items.length];
    for (int i = 0; i < items.length; i++) {
      out[i] = items[i] instanceof PyStr ? ((PyStr) items[i]).value : "";
    }
    return out;
  }

  /** Recomputes who can step and how the run stands. */
  private void settle() {
    int n = threads.size();
    if (enabled.length < n) {
      enabled = new boolean[Math.max(n, enabled.length * 2)];
    }
    boolean waitedFor = false;
    boolean failed = false;
    int count = 0;
    for (int i = 0; i < n; i++) {
      StepThread t = threads.get(i);
      enabled[i] = false;
      if (t.isDone()) {
        failed |= t.state == Snapshot.ThreadState.FAILED;
        if (t.pending.isEmpty()) {
          continue;
        }
      }
      waitedFor |= !t.daemon || !t.pending.isEmpty();
      Frame f = t.top;
      // Writing counts blocks on nothing.
      enabled[i] = !t.pending.isEmpty() || f == null || blocker(t, f, f.pc, f.sp) == null;
      count += enabled[i] ? 1 : 0;
    }
    if (overBudget) {
      outcome = Outcome.BUDGET;
    } else if (!waitedFor) {
      outcome = failed ? Outcome.ERROR : Outcome.FINISHED;
    } else if (count == 0) {
      outcome = Outcome.DEADLOCK;
    } else {
      outcome = Outcome.RUNNING;
    }
    if (outcome != Outcome.RUNNING) {
      choices = new int[0];
      if (policy.excludes()) {
        gilHolder = null;
      }
      return;
    }
    int[] c = new int[count];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (enabled[i]) {
        c[k++] = i;
      }
    }
    choices = c;
  }

  // ---- the world ----------------------------------------------------------------------------

  private LinkedCode link(Code code) {
    LinkedCode l = linked.get(code);
    if (l == null && shared != null && shared.linked.containsKey(code)) {
      // What linking made of this code for an earlier run, with this run's constants and globals.
      LinkedCode t = shared.linked.get(code);
      GlobalCell[] cells = new GlobalCell[t.globals.length];
      for (int i = 0; i < cells.length; i++) {
        cells[i] = globals.cell(t.globals[i].name);
      }
      l = t.withRun(Linker.constants(code, space, this::codeObject), cells);
      linked.put(code, l);
      sources.put(l, code);
    } else if (l == null) {
      l =
          Linker.link(
              code,
              space,
              ImmutableMap.of(),
              globals::cell,
              false,
              runtime::builtin,
              this::codeObject);
      linked.put(code, l);
      sources.put(l, code);
      if (shared != null) {
        shared.linked.put(code, l);
      }
    }
    return l;
  }

  private PyValue codeObject(Code code) {
    return PyCode.of(codeObjects, code, space, this::link);
  }

  private String sourceLine(String filename, int line) {
    int start = 0;
    for (int i = 1; i < line; i++) {
      int next = source.indexOf('\n', start);
      if (next < 0) {
        return "";
      }
      start = next + 1;
    }
    int end = source.indexOf('\n', start);
    return source.substring(start, end < 0 ? source.length() : end).strip();
  }

  private PrintStream printedStream() {
    return runtime.out();
  }

  // ---- for snapshots ------------------------------------------------------------------------

  List<StepThread> threads() {
    return threads;
  }

  List<GlobalCell> globalCells() {
    return globals.cells();
  }

  Iterable<LinkedCode> linkedCodes() {
    return linked.values();
  }

  Code codeOf(LinkedCode code) {
    return sources.get(code);
  }

  String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Nullable Integer gilHolder() {
    return gilHolder;
  }

  int steps() {
    return steps;
  }
}

package dev.gillab.gil.internal;

import dev.gillab.gil.step.Snapshot;
import dev.gillab.refcount.HeapObject;
import dev.gillab.refcount.PlainCountSteps;
import java.util.ArrayList;
import org.jspecify.annotations.Nullable;

/**
 * One Python thread of a stepped run: its chain of frames (innermost on top), its thread state, and
 * where it stands. The eval loop asks it before every instruction whether the step is over ({@link
 * #yieldBefore}), and the blocking builtins hand their work to it instead of waiting ({@link
 * #sleep}, {@link #join}, {@link #acquireTaken}). Confined to the engine's caller.
 */
final class StepThread {
  final StepEngine engine;
  final int id;
  final String name;
  final boolean daemon;
  final ThreadState ts;

  /** The thread object, of which this holds a reference until the thread ends. */
  final PyThread py;

  /** The innermost frame, or null before the first step of a thread with no Python target. */
  @Nullable Frame top;

  /** How many frames the chain has: the thread state's depth while no Java code calls Python. */
  int frames;

  /** Not a Python function: the thread's first step calls it (null: no target at all). */
  @Nullable PyValue pendingTarget;

  /** An error the start found (the target's arguments do not bind): raised at the first step. */
  @Nullable PyException pendingError;

  Snapshot.ThreadState state = Snapshot.ThreadState.RUNNABLE;
  @Nullable String error;
  @Nullable String errorKind;

  /** Where the thread ended: the code object's name and the line. */
  String lastCode = "";

  int lastLine;

  /** Instructions run in the current step. */
  int inStep;

  /** The current step made a call that lets go of the GIL: the step ends after it. */
  boolean released;

  /**
   * The count writes this thread's last step read and has not written yet (racing counts only: see
   * {@link StepEngine#change}); its next step writes them and does nothing else.
   */
  final ArrayList<CountWrite> pending = new ArrayList<>();

  /** Steps other threads took in a row while this one could have run, and the most so far. */
  int streak;

  int maxStreak;

  StepThread(StepEngine engine, int id, PyThread py, ThreadState ts) {
    this.engine = engine;
    this.id = id;
    this.name = py.name;
    this.daemon = py.daemon;
    this.py = py;
    this.ts = ts;
    ts.thread = py;
    ts.step = this;
  }

  /**
   * The read half of a count change, the write put off to this thread's next step. Changes to one
   * object within a step net out into one read and one write, as a compiler keeps a count in a
   * register across an instruction; changes that cancel out write nothing.
   */
  void defer(HeapObject<?> object, PyValue value, int delta) {
    for (int i = 0; i < pending.size(); i++) {
      CountWrite w = pending.get(i);
      if (w.object == object) {
        w.delta += delta;
        if (w.delta == 0) {
          pending.remove(i);
        }
        return;
      }
    }
    pending.add(new CountWrite(object, value, PlainCountSteps.read(object), delta));
  }

  /** A count write put off: {@code count = read + delta} on {@code object}. */
  static final class CountWrite {
    final HeapObject<?> object;

    /** The object's value, to name it once it may be freed. */
    final PyValue value;

    final int read;
    int delta;

    CountWrite(HeapObject<?> object, PyValue value, int read, int delta) {
      this.object = object;
      this.value = value;
      this.read = read;
      this.delta = delta;
    }

    /** {@code list #4 1 → 2}. */
    @Override
    public String toString() {
      return value.typeName() + " #" + value.serial + " " + read + " → " + (read + delta);
    }
  }

  boolean isDone() {
    return state == Snapshot.ThreadState.FINISHED || state == Snapshot.ThreadState.FAILED;
  }

  /**
   * Asked before each instruction of {@code f}: whether this thread's step is over. The first
   * instruction of a step always runs; after it, a step of one instruction is over, and a step to
   * the next switch point ends before a backward jump, a call or an instruction that would block,
   * and after a call that let go of the GIL.
   */
  boolean yieldBefore(Frame f, int pc, int sp) {
    if (f != top) {
      return false; // Python called from Java (a sort key): it runs inside the step
    }
    if (inStep == 0) {
      inStep = 1;
      return false;
    }
    if (engine.everyInstruction || released) {
      return true;
    }
    int op = f.code.words[pc] & LinkedCode.OP_MASK;
    if (op == EvalLoop.JUMP_BACKWARD
        || op == EvalLoop.CALL
        || op == EvalLoop.CALL_FUNCTION
        || op == EvalLoop.CALL_FUNCTION_KW
        || engine.blocker(this, f, pc, sp) != null) {
      return true;
    }
    inStep++;
    return false;
  }

  /** Whether a call from bytecode on {@code ts} is from this thread's own frames. */
  boolean runsFramesOf(ThreadState state) {
    return state == ts && ts.depth == frames;
  }

  /** Pushes the callee's frame (its locals taken over) and suspends the caller. */
  PyValue push(LinkedCode code, PyValue[] locals, int returnBase) {
    if (ts.depth >= engine.loop.maxDepth()) {
      for (PyValue v : locals) {
        if (v != null) {
          PyValue.decRef(v);
        }
      }
      PyException e = new PyException("RecursionError", "maximum recursion depth exceeded");
      e.addFrame(code.filename, code.name, code.lines[0]);
      throw e;
    }
    top = new Frame(code, locals, top, returnBase);
    frames++;
    ts.depth++;
    return Frame.SUSPENDED;
  }

  /** Pops the top frame, which has ended. */
  Frame pop() {
    Frame f = top;
    top = f.back;
    frames--;
    ts.depth--;
    return f;
  }

  /** {@code time.sleep}: virtual time passes, and the step ends after the call. */
  void sleep(long nanos) {
    engine.virtualNanos += nanos;
    released = true;
  }

  /** {@code thread.join(timeout)}: the stepper offers an untimed one only once it can return. */
  void join(PyThread t, long timeoutNanos) {
    if (!t.started) {
      throw new PyException("RuntimeError", "cannot join thread before it is started");
    }
    if (t == py && t.isAlive()) {
      throw new PyException("RuntimeError", "cannot join current thread");
    }
    released = true;
    if (t.isAlive()) {
      if (timeoutNanos < 0) {
        throw new IllegalStateException("thread " + id + " joined a running thread");
      }
      engine.virtualNanos += timeoutNanos; // the wait times out in virtual time
    }
  }

  /** A blocking acquire of a taken lock: only a timed one is offered, and it times out. */
  boolean acquireTaken(double timeoutSeconds) {
    if (timeoutSeconds < 0) {
      throw new IllegalStateException("thread " + id + " waited for a taken lock");
    }
    engine.virtualNanos += Math.round(timeoutSeconds * 1e9);
    released = true;
    return false;
  }

  long virtualNanos() {
    return engine.virtualNanos;
  }
}

package dev.gillab.gil.internal;

import org.jspecify.annotations.Nullable;

/**
 * One activation of linked code, kept on the heap rather than the Java stack: the code, its locals,
 * its value stack and where it is in both. The eval loop runs a frame from {@link #pc} and {@link
 * #sp}; a run that stops part-way (stepping) writes them back, so the frame resumes exactly where
 * it stopped. A real thread's calls recurse on the Java stack as before, each with a frame of its
 * own; a stepped thread's frames form a chain ({@link #back}) that the stepper walks instead.
 *
 * <p>Confined to the thread (Java or stepped) that runs it.
 */
public final class Frame {
  /**
   * What the eval loop answers when it stops a stepped frame before its end (it yielded, or it
   * pushed a callee's frame): never a Python value, never on the heap.
   */
  static final PyValue SUSPENDED = new Suspended();

  final LinkedCode code;
  final PyValue[] locals;
  final PyValue[] stack;
  int sp;
  int pc;

  /** Stepping: the frame that called this one, or null at the bottom of the thread. */
  final @Nullable Frame back;

  /** Stepping: where the callable of the call this frame answers sits on the caller's stack. */
  final int returnBase;

  /** A frame whose locals take over the references in {@code locals}. */
  Frame(LinkedCode code, PyValue[] locals, @Nullable Frame back, int returnBase) {
    this.code = code;
    this.locals = locals;
    this.stack = new PyValue[code.maxStack];
    this.back = back;
    this.returnBase = returnBase;
  }

  /** The source line of the instruction at {@link #pc}. */
  int line() {
    return code.lines[pc];
  }

  private static final class Suspended extends PyValue {
    Suspended() {
      super(true);
    }

    @Override
    public String typeName() {
      return "suspended";
    }
  }
}

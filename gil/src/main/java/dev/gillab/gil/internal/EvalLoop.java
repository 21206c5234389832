package dev.gillab.gil.internal;

import com.google.errorprone.annotations.ThreadSafe;
import dev.gillab.gil.BinaryOp;
import dev.gillab.gil.CompareOp;
import dev.gillab.gil.Gil;
import dev.gillab.gil.InterpreterError;
import dev.gillab.gil.Opcode;
import java.util.ArrayList;

/**
 * The eval loop: runs one frame of linked code on the calling thread, which holds the GIL.
 *
 * <h2>Reference counts</h2>
 *
 * As in CPython, the value stack and the locals own one reference per slot: a load increments, a
 * store hands the popped reference to the slot and releases what the slot held, an operator
 * releases its operands after it has pushed its result. A frame that ends, normally or by an error,
 * releases every local and stack slot it still owns, so a finished program leaves only what globals
 * and constants hold.
 *
 * <h2>Speed</h2>
 *
 * A packed int per instruction and one switch; the eval breaker is a single volatile read at
 * backward jumps and calls ({@link Gil#checkpoint()}); the instruction budget is a local counter
 * checked at the same places. An instruction whose work grows with its operands (the slow paths of
 * the operators, {@code in}, unpacking, formatting) hands the counter to the thread state around
 * that work, which charges it ({@link ThreadState#charge}); the int paths never do. Small ints,
 * bools and None are immortal, so most pushes and pops of them change no count. {@code x = x op y}
 * on an int that only the local and the stack hold updates that int in place instead of allocating
 * a new one and freeing the old (safe because no one else can see it; CPython does the same for
 * {@code s += t} on strs).
 *
 * <h2>Frames, and stepping</h2>
 *
 * The loop runs a {@link Frame} from where the frame says and writes back where it stopped, so a
 * frame can stop before any instruction and resume there later. On a real thread it never stops: a
 * call recurses on the Java stack with a frame of its own. The loop of a {@link StepEngine} ({@link
 * #stepping}) checks the eval breaker before every instruction, and there also asks the stepped
 * thread whether its step is over; a Python call from bytecode pushes the callee's frame and
 * returns to the stepper instead of recursing. One loop serves both, so an opcode does the same
 * thing whoever runs it; the stepping checks sit in the branch a default interpreter never enters.
 *
 * <p>Thread-safe: the loop keeps no state between frames; each call has its own stack.
 */
@ThreadSafe
public final class EvalLoop {
  static final int LOAD_CONST = 0;
  static final int LOAD_FAST = 1;
  static final int STORE_FAST = 2;
  static final int LOAD_GLOBAL = 3;
  static final int STORE_GLOBAL = 4;
  static final int BINARY_OP = 5;
  static final int COMPARE_OP = 6;
  static final int POP_JUMP_IF_FALSE = 7;
  static final int POP_JUMP_IF_TRUE = 8;
  static final int JUMP_FORWARD = 9;
  static final int JUMP_BACKWARD = 10;
  static final int BUILD_LIST = 11;
  static final int LIST_APPEND = 12;
  static final int CALL = 13;
  static final int POP_TOP = 14;
  static final int COPY = 15;
  static final int RETURN_VALUE = 16;
  static final int NOP = 17;
  static final int DELETE_FAST = 18;
  static final int DELETE_GLOBAL = 19;
  static final int UNARY_NEGATIVE = 20;
  static final int UNARY_NOT = 21;
  static final int BINARY_SUBSCR = 22;
  static final int STORE_SUBSCR = 23;
  static final int DELETE_SUBSCR = 24;
  static final int BUILD_TUPLE = 25;
  static final int UNPACK_SEQUENCE = 26;
  static final int SWAP = 27;
  static final int IS_OP = 28;
  static final int CONTAINS_OP = 29;
  static final int GET_ITER = 30;
  static final int FOR_ITER = 31;
  static final int LOAD_ATTR = 32;
  static final int IMPORT_NAME = 33;
  static final int MAKE_FUNCTION = 34;
  static final int CALL_FUNCTION = 35;
  static final int CALL_FUNCTION_KW = 36;
  static final int BEFORE_WITH = 37;
  static final int RAISE_ASSERTION = 38;
  static final int FORMAT_VALUE = 39;
  static final int BUILD_STRING = 40;

  /** Superinstructions: see {@link Superinstructions}. */
  static final int FUSED_COMPARE_JUMP = LinkedCode.OP_MASK - 1;

  static final int FUSED_BINARY_STORE = LinkedCode.OP_MASK;

  static {
    Opcode[] all = Opcode.values();
    if (all.length >= FUSED_COMPARE_JUMP
        || all[LOAD_CONST] != Opcode.LOAD_CONST
        || all[CALL] != Opcode.CALL
        || all[NOP] != Opcode.NOP
        || all[DELETE_FAST] != Opcode.DELETE_FAST
        || all[CALL_FUNCTION] != Opcode.CALL_FUNCTION
        || all[BUILD_STRING] != Opcode.BUILD_STRING
        || all.length != BUILD_STRING + 1) {
      throw new AssertionError("opcode numbering changed");
    }
  }

  private static final int ADD = 0;
  private static final int SUBTRACT = 1;
  private static final int MULTIPLY = 2;
  private static final int FLOOR_DIVIDE = 3;
  private static final int TRUE_DIVIDE = 5;
  private static final int PLAIN_OPS = 6;

  private static final BinaryOp[] BINARY_OPS = BinaryOp.values();
  private static final CompareOp[] COMPARE_OPS = CompareOp.values();

  @SuppressWarnings("ThreadSafe") // used only by the GIL holder
  private final ObjectSpace space;

  private final Gil gil;
  private final boolean checkEveryInstruction;
  private final int maxDepth;

  /** {@code ticks}: release and re-take the GIL every this many instructions; 0 for never. */
  private final int ticks;

  /** No GIL (policy {@code none}): globals are swapped atomically; see {@link GlobalCell}. */
  private final boolean freeThreaded;

  /**
   * Stepped threads ({@link StepEngine}): a frame may stop before any instruction when its thread's
   * step is over, and a call pushes a frame instead of recursing.
   */
  private final boolean stepping;

  @SuppressWarnings("ThreadSafe") // set once, before any code runs
  private PyRuntime rt;

  public EvalLoop(ObjectSpace space, Gil gil, boolean checkEveryInstruction, int maxDepth) {
    this(space, gil, checkEveryInstruction, maxDepth, false);
  }

  private EvalLoop(
      ObjectSpace space, Gil gil, boolean checkEveryInstruction, int maxDepth, boolean stepping) {
    this.space = space;
    this.gil = gil;
    this.checkEveryInstruction = checkEveryInstruction;
    this.maxDepth = maxDepth;
    this.ticks = gil.policy().excludes() ? gil.policy().ticksPerRelease() : 0;
    this.freeThreaded = !gil.policy().excludes();
    this.stepping = stepping;
  }

  /**
   * The loop of a {@link StepEngine}: it checks before every instruction whether the stepped
   * thread's step is over, and runs under a GIL that excludes nothing (one Java thread runs every
   * stepped thread).
   */
  static EvalLoop stepping(ObjectSpace space, Gil gil, int maxDepth) {
    return new EvalLoop(space, gil, true, maxDepth, true);
  }

  /** Connects the Python runtime (builtins, modules, threads); once, before any code runs. */
  void attach(PyRuntime runtime) {
    this.rt = runtime;
  }

  public ObjectSpace space() {
    return space;
  }

  public Gil gil() {
    return gil;
  }

  public int maxDepth() {
    return maxDepth;
  }

  /**
   * Runs {@code code} in a new frame whose locals take over the references in {@code locals} (the
   * arguments first, then nulls for unbound locals). Answers a new reference.
   *
   * <p>An error unwinds as a {@link PyException} that collects a traceback entry per frame; the
   * outermost frame of the thread (depth 0) turns it into the {@link InterpreterError} callers see.
   */
  public PyValue eval(LinkedCode code, PyValue[] locals, ThreadState ts) {
    if (ts.depth >= maxDepth) {
      releaseAll(locals, locals.length);
      PyException e = new PyException("RecursionError", "maximum recursion depth exceeded");
      e.addFrame(code.filename, code.name, code.lines[0]);
      throw ts.depth == 0 ? e.toError() : e;
    }
    if (ticks > 0 && ts.nextTick == Long.MIN_VALUE) {
      ts.nextTick = ts.remaining - ticks;
    }
    ts.depth++;
    try {
      return run(new Frame(code, locals, null, 0), ts);
    } catch (PyException e) {
      if (ts.depth == 1) {
        throw e.toError();
      }
      throw e;
    } finally {
      ts.depth--;
    }
  }

  /**
   * Runs a stepped thread's frame from where it stopped until its step is over ({@link
   * Frame#SUSPENDED}: it yielded, or a call pushed the callee's frame) or it returns (its result, a
   * new reference). An error unwinds this frame only and leaves it; the stepper unwinds the frames
   * below.
   */
  PyValue resume(Frame f, ThreadState ts) {
    return run(f, ts);
  }

  /** An error raised outside any frame (by a builtin called from Java) as users see it. */
  static InterpreterError toError(PyException e) {
    return e.toError();
  }

  @SuppressWarnings("fallthrough")
  private PyValue run(Frame frame, ThreadState ts) {
    final LinkedCode code = frame.code;
    final PyValue[] locals = frame.locals;
    final int[] words = code.words;
    final PyValue[] consts = code.consts;
    final PyValue[] stack = frame.stack;
    final Gil gil = this.gil;
    final boolean every = checkEveryInstruction;
    int sp = frame.sp;
    int pc = frame.pc;
    long remaining = ts.remaining;
    long nextTick = ts.nextTick;
    try {
      while (true) {
        int word = words[pc];
        remaining--;
        if (every) {
          if (stepping && ts.step != null && ts.step.yieldBefore(frame, pc, sp)) {
            frame.pc = pc;
            frame.sp = sp;
            ts.remaining = remaining + 1; // the instruction has not run
            ts.nextTick = nextTick;
            return Frame.SUSPENDED;
          }
          if (remaining < 0) {
            throw budgetExceeded(ts);
          }
          gil.checkpoint();
          if (remaining <= nextTick) {
            nextTick = remaining - ticks;
            gil.tick();
          }
        }
        switch (word & LinkedCode.OP_MASK) {
          case LOAD_CONST -> {
            PyValue o = consts[word >>> LinkedCode.OP_BITS];
            PyValue.incRef(o);
            stack[sp++] = o;
            pc++;
          }
          case LOAD_FAST -> {
            PyValue o = locals[word >>> LinkedCode.OP_BITS];
            if (o == null) {
              throw unbound(code, word >>> LinkedCode.OP_BITS);
            }
            PyValue.incRef(o);
            stack[sp++] = o;
            pc++;
          }
          case STORE_FAST -> {
            int slot = word >>> LinkedCode.OP_BITS;
            PyValue old = locals[slot];
            locals[slot] = stack[--sp];
            if (old != null) {
              PyValue.decRef(old);
            }
            pc++;
          }
          case LOAD_GLOBAL -> {
            GlobalCell cell = code.globals[word >>> LinkedCode.OP_BITS];
            PyValue o;
            if (freeThreaded) {
              o = cell.loadNewReference();
            } else {
              o = cell.value;
              if (o != null) {
                PyValue.incRef(o);
              }
            }
            if (o == null) {
              o = code.builtinFallback[word >>> LinkedCode.OP_BITS];
              if (o == null) {
                throw new PyException("NameError", "name '" + cell.name + "' is not defined");
              }
              PyValue.incRef(o);
            }
            stack[sp++] = o;
            pc++;
          }
          case STORE_GLOBAL -> {
            GlobalCell cell = code.globals[word >>> LinkedCode.OP_BITS];
            PyValue old = cell.replace(stack[--sp], freeThreaded);
            if (old != null) {
              PyValue.decRef(old);
            }
            pc++;
          }
          case BINARY_OP -> {
            PyValue r = stack[sp - 1];
            PyValue l = stack[sp - 2];
            Object lv = l;
            Object rv = r;
            int op = word >>> LinkedCode.OP_BITS;
            PyValue result;
            if (lv instanceof PyInt li && rv instanceof PyInt ri && op % PLAIN_OPS != TRUE_DIVIDE) {
              long x = arith(op, li.value, ri.value);
              if ((x < ObjectSpace.SMALL_MIN || x > ObjectSpace.SMALL_MAX)
                  && l.refCount() == 2
                  && !li.isBool()
                  && storesBackInto(words[pc + 1], locals, l)) {
                // x = x op y with x held only by the local and this stack slot: reuse it.
                li.value = x;
                PyValue.decRef(r);
                sp--;
                pc++;
                break;
              }
              result = space.newInt(x);
            } else {
              ts.remaining = remaining;
              result = Ops.binary(space, ts, BINARY_OPS[op], l, r);
              remaining = ts.remaining;
            }
            sp -= 2;
            stack[sp++] = result;
            PyValue.decRef(l);
            PyValue.decRef(r);
            pc++;
          }
          case COMPARE_OP -> {
            PyValue r = stack[sp - 1];
            PyValue l = stack[sp - 2];
            Object lv = l;
            Object rv = r;
            int op = word >>> LinkedCode.OP_BITS;
            boolean b;
            if (lv instanceof PyInt li && rv instanceof PyInt ri) {
              b = compare(op, li.value, ri.value);
            } else {
              ts.remaining = remaining;
              b = Ops.compare(ts, COMPARE_OPS[op], l, r);
              remaining = ts.remaining;
            }
            sp -= 2;
            stack[sp++] = space.bool(b);
            PyValue.decRef(l);
            PyValue.decRef(r);
            pc++;
          }
          case POP_JUMP_IF_FALSE, POP_JUMP_IF_TRUE -> {
            PyValue o = stack[--sp];
            boolean truth =
                o == space.trueObject() || (o != space.falseObject() && ObjectSpace.truthy(o));
            PyValue.decRef(o);
            if (truth == ((word & LinkedCode.OP_MASK) == POP_JUMP_IF_TRUE)) {
              pc = word >>> LinkedCode.OP_BITS;
            } else {
              pc++;
            }
          }
          case JUMP_FORWARD -> {
            pc = word >>> LinkedCode.OP_BITS;
          }
          case JUMP_BACKWARD -> {
            if (remaining < 0) {
              throw budgetExceeded(ts);
            }
            gil.checkpoint();
            if (remaining <= nextTick) {
              nextTick = remaining - ticks;
              gil.tick();
            }
            pc = word >>> LinkedCode.OP_BITS;
          }
          case BUILD_LIST -> {
            int n = word >>> LinkedCode.OP_BITS;
            ArrayList<PyValue> items = new ArrayList<>(Math.max(n, 4));
            for (int i = sp - n; i < sp; i++) {
              items.add(stack[i]);
            }
            sp -= n; // the list takes over the stack's references, and releases them if it fails
            PyValue list = space.newList(items);
            stack[sp++] = list;
            pc++;
          }
          case LIST_APPEND -> {
            PyValue v = stack[sp - 1];
            PyValue target = stack[sp - 1 - (word >>> LinkedCode.OP_BITS)];
            ts.remaining = remaining;
            Ops.listAppend(ts, target, v);
            remaining = ts.remaining;
            sp--; // the list took over the stack's reference
            pc++;
          }
          case CALL -> {
            if (remaining < 0) {
              throw budgetExceeded(ts);
            }
            gil.checkpoint();
            if (remaining <= nextTick) {
              nextTick = remaining - ticks;
              gil.tick();
            }
            Callable f = code.calls[word >>> LinkedCode.OP_BITS];
            int argc = code.argcs[pc];
            int base = sp - argc;
            ts.remaining = remaining;
            ts.nextTick = nextTick;
            PyValue result = f.call(ts, stack, base, argc);
            remaining = ts.remaining;
            nextTick = ts.nextTick;
            for (int i = base; i < sp; i++) {
              PyValue.decRef(stack[i]);
            }
            sp = base;
            stack[sp++] = result;
            pc++;
          }
          case POP_TOP -> {
            PyValue.decRef(stack[--sp]);
            pc++;
          }
          case COPY -> {
            PyValue o = stack[sp - (word >>> LinkedCode.OP_BITS)];
            PyValue.incRef(o);
            stack[sp++] = o;
            pc++;
          }
          case RETURN_VALUE -> {
            PyValue result = stack[--sp];
            ts.remaining = remaining;
            ts.nextTick = nextTick;
            frame.pc = pc; // where a stepped thread that ends here ended
            releaseAll(locals, locals.length);
            return result;
          }
          case NOP -> {
            pc++;
          }
          case DELETE_FAST -> {
            int slot = word >>> LinkedCode.OP_BITS;
            PyValue old = locals[slot];
            if (old == null) {
              throw unbound(code, slot);
            }
            locals[slot] = null;
            PyValue.decRef(old);
            pc++;
          }
          case DELETE_GLOBAL -> {
            GlobalCell cell = code.globals[word >>> LinkedCode.OP_BITS];
            PyValue old = cell.replace(null, freeThreaded);
            if (old == null) {
              throw new PyException("NameError", "name '" + cell.name + "' is not defined");
            }
            PyValue.decRef(old);
            pc++;
          }
          case UNARY_NEGATIVE -> {
            sp = Instructions.unaryNegative(space, stack, sp);
            pc++;
          }
          case UNARY_NOT -> {
            sp = Instructions.unaryNot(space, stack, sp);
            pc++;
          }
          case BINARY_SUBSCR -> {
            ts.remaining = remaining;
            sp = Instructions.binarySubscr(space, ts, stack, sp);
            remaining = ts.remaining;
            pc++;
          }
          case STORE_SUBSCR -> {
            ts.remaining = remaining;
            sp = Instructions.storeSubscr(ts, stack, sp);
            remaining = ts.remaining;
            pc++;
          }
          case DELETE_SUBSCR -> {
            sp = Instructions.deleteSubscr(stack, sp);
            pc++;
          }
          case BUILD_TUPLE -> {
            sp = Instructions.buildTuple(space, stack, sp, word >>> LinkedCode.OP_BITS);
            pc++;
          }
          case UNPACK_SEQUENCE -> {
            ts.remaining = remaining;
            sp = Instructions.unpack(space, ts, stack, sp, word >>> LinkedCode.OP_BITS);
            remaining = ts.remaining;
            pc++;
          }
          case SWAP -> {
            int i = sp - (word >>> LinkedCode.OP_BITS);
            PyValue top = stack[sp - 1];
            stack[sp - 1] = stack[i];
            stack[i] = top;
            pc++;
          }
          case IS_OP -> {
            sp = Instructions.isOp(space, stack, sp, (word >>> LinkedCode.OP_BITS) == 1);
            pc++;
          }
          case CONTAINS_OP -> {
            ts.remaining = remaining;
            sp = Instructions.contains(space, ts, stack, sp, (word >>> LinkedCode.OP_BITS) == 1);
            remaining = ts.remaining;
            pc++;
          }
          case GET_ITER -> {
            sp = Instructions.getIter(space, stack, sp);
            pc++;
          }
          case FOR_ITER -> {
            PyValue it = stack[sp - 1];
            PyValue next = Instructions.next(space, it);
            if (next == null) {
              stack[--sp] = null;
              PyValue.decRef(it);
              pc = word >>> LinkedCode.OP_BITS;
            } else {
              stack[sp++] = next;
              pc++;
            }
          }
          case LOAD_ATTR -> {
            stack[sp - 1] =
                Attributes.load(space, stack[sp - 1], code.names[word >>> LinkedCode.OP_BITS]);
            pc++;
          }
          case IMPORT_NAME -> {
            // Not stack[sp++] = ...: Java bumps sp before a throwing right-hand side runs.
            PyValue module = rt.module(code.names[word >>> LinkedCode.OP_BITS]); // immortal
            stack[sp++] = module;
            pc++;
          }
          case MAKE_FUNCTION -> {
            sp = Instructions.makeFunction(space, stack, sp);
            pc++;
          }
          case CALL_FUNCTION, CALL_FUNCTION_KW -> {
            if (remaining < 0) {
              throw budgetExceeded(ts);
            }
            gil.checkpoint();
            if (remaining <= nextTick) {
              nextTick = remaining - ticks;
              gil.tick();
            }
            ts.remaining = remaining;
            ts.nextTick = nextTick;
            {
              int top =
                  Instructions.call(
                      rt,
                      ts,
                      stack,
                      sp,
                      word >>> LinkedCode.OP_BITS,
                      (word & LinkedCode.OP_MASK) == CALL_FUNCTION_KW);
              if (top < 0) {
                // Stepping: the callee's frame is pushed; this one waits in its call.
                frame.pc = pc;
                frame.sp = sp;
                return Frame.SUSPENDED;
              }
              sp = top;
            }
            remaining = ts.remaining;
            nextTick = ts.nextTick;
            pc++;
          }
          case BEFORE_WITH -> {
            sp = Instructions.beforeWith(rt, ts, stack, sp);
            pc++;
          }
          case RAISE_ASSERTION -> {
            ts.remaining = remaining;
            throw Instructions.assertion(space, ts, stack, sp, word >>> LinkedCode.OP_BITS);
          }
          case FORMAT_VALUE -> {
            ts.remaining = remaining;
            sp = Instructions.formatValue(space, ts, stack, sp, word >>> LinkedCode.OP_BITS);
            remaining = ts.remaining;
            pc++;
          }
          case BUILD_STRING -> {
            ts.remaining = remaining;
            sp = Instructions.buildString(space, ts, stack, sp, word >>> LinkedCode.OP_BITS);
            remaining = ts.remaining;
            pc++;
          }
          case FUSED_COMPARE_JUMP -> {
            PyValue x = locals[word >>> LinkedCode.OP_BITS];
            PyValue c = consts[words[pc + 1] >>> LinkedCode.OP_BITS];
            if (!(x instanceof PyInt xi) || !(c instanceof PyInt ci)) {
              // Not ints (or unbound): run the LOAD_FAST and carry on unfused.
              if (x == null) {
                throw unbound(code, word >>> LinkedCode.OP_BITS);
              }
              PyValue.incRef(x);
              stack[sp++] = x;
              pc++;
              break;
            }
            // Every count change of the four cancels out: x and c are pushed and popped, the
            // bool is immortal.
            remaining -= 3;
            boolean truth = compare(words[pc + 2] >>> LinkedCode.OP_BITS, xi.value, ci.value);
            int jump = words[pc + 3];
            if (truth == ((jump & LinkedCode.OP_MASK) == POP_JUMP_IF_TRUE)) {
              pc = jump >>> LinkedCode.OP_BITS;
            } else {
              pc += 4;
            }
          }
          case FUSED_BINARY_STORE -> {
            PyValue x = locals[word >>> LinkedCode.OP_BITS];
            PyValue c = consts[words[pc + 1] >>> LinkedCode.OP_BITS];
            if (!(x instanceof PyInt xi) || !(c instanceof PyInt ci)) {
              if (x == null) {
                throw unbound(code, word >>> LinkedCode.OP_BITS);
              }
              PyValue.incRef(x);
              stack[sp++] = x;
              pc++;
              break;
            }
            remaining -= 2;
            pc += 2; // an arithmetic error names the BINARY_OP's line
            long r = arith(words[pc] >>> LinkedCode.OP_BITS, xi.value, ci.value);
            remaining--;
            int slot = words[pc + 1] >>> LinkedCode.OP_BITS;
            pc += 2;
            PyValue old = locals[slot];
            if (old == x
                && !x.immortal
                && (r < ObjectSpace.SMALL_MIN || r > ObjectSpace.SMALL_MAX)
                && !xi.isBool()
                && x.ref.refCount() == 1) {
              // x = x op c, and only this local holds x: update it in place.
              xi.value = r;
              break;
            }
            locals[slot] = space.newInt(r);
            if (old != null) {
              PyValue.decRef(old);
            }
          }
          default -> throw new AssertionError("bad opcode " + (word & LinkedCode.OP_MASK));
        }
      }
    } catch (PyException e) {
      // The lower of the two: work charged inside the failing instruction (or a callee's
      // instructions) is in ts.remaining, instructions of this frame since then in remaining.
      ts.remaining = Math.min(ts.remaining, remaining);
      e.addFrame(code.filename, code.name, code.lines[pc]);
      unwind(stack, sp, locals);
      throw e;
    } catch (RuntimeException | Error e) {
      ts.remaining = Math.min(ts.remaining, remaining);
      unwind(stack, sp, locals);
      throw e;
    }
  }

  private static boolean storesBackInto(int next, PyValue[] locals, PyValue l) {
    return (next & LinkedCode.OP_MASK) == STORE_FAST && locals[next >>> LinkedCode.OP_BITS] == l;
  }

  static long arith(int op, long a, long b) {
    try {
      switch (op % PLAIN_OPS) {
        case ADD -> {
          return Math.addExact(a, b);
        }
        case SUBTRACT -> {
          return Math.subtractExact(a, b);
        }
        case MULTIPLY -> {
          return Math.multiplyExact(a, b);
        }
        case FLOOR_DIVIDE -> {
          if (b == 0) {
            throw zeroDivision();
          }
          if (a == Long.MIN_VALUE && b == -1) {
            throw overflow();
          }
          return Math.floorDiv(a, b);
        }
        default -> {
          if (b == 0) {
            throw new PyException("ZeroDivisionError", "integer modulo by zero");
          }
          return Math.floorMod(a, b);
        }
      }
    } catch (ArithmeticException e) {
      throw overflow();
    }
  }

  static boolean compare(int op, long a, long b) {
    return switch (op) {
      case 0 -> a < b;
      case 1 -> a <= b;
      case 2 -> a == b;
      case 3 -> a != b;
      case 4 -> a > b;
      default -> a >= b;
    };
  }

  private static PyException zeroDivision() {
    return new PyException("ZeroDivisionError", "integer division or modulo by zero");
  }

  private static PyException overflow() {
    return new PyException("OverflowError", "int result does not fit in 64 bits");
  }

  private static PyException unbound(LinkedCode code, int slot) {
    return new PyException(
        "UnboundLocalError",
        "cannot access local variable '"
            + code.localNames[slot]
            + "' where it is not associated with a value");
  }

  private static PyException budgetExceeded(ThreadState ts) {
    return ts.budgetExceeded();
  }

  /** An error leaves the frame: exit the with-blocks still open in it, then release it. */
  static void unwind(PyValue[] stack, int sp, PyValue[] locals) {
    try {
      Instructions.exitWiths(stack, sp);
    } finally {
      releaseFrame(stack, sp, locals);
    }
  }

  private static void releaseFrame(PyValue[] stack, int sp, PyValue[] locals) {
    try {
      releaseAll(stack, sp);
    } finally {
      releaseAll(locals, locals.length);
    }
  }

  private static void releaseAll(PyValue[] slots, int n) {
    for (int i = 0; i < n; i++) {
      PyValue o = slots[i];
      if (o != null) {
        slots[i] = null;
        PyValue.decRef(o);
      }
    }
  }
}

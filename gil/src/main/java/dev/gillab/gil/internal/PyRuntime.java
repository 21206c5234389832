package dev.gillab.gil.internal;

import com.google.common.collect.ImmutableMap;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.gillab.gil.Gil;
import dev.gillab.gil.InterpreterError;
import dev.gillab.gil.Traceback;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * What Python code needs from its interpreter beyond the eval loop: the builtins that {@code
 * LOAD_GLOBAL} falls back to, the modules {@code IMPORT_NAME} finds, calling a value from Java, and
 * the threads {@code threading.Thread} starts — real Java threads from the interpreter's thread
 * factory that take the GIL like any other.
 *
 * <p>One per interpreter, made under the GIL. The builtins and modules are immortal and never
 * change; the thread list is the only shared mutable state and has its own lock.
 */
public final class PyRuntime {
  private final ObjectSpace space;
  private final Gil gil;
  private final EvalLoop loop;
  private final PrintStream out;
  private final PrintStream err;
  private final ThreadFactory threadFactory;
  private final AtomicInteger running;
  private final LongAdder executed;
  private final long budget;

  /** Set in the constructor, then once more by {@link #addHostBuiltins} before any linking. */
  private ImmutableMap<String, PyValue> builtins;

  private final ImmutableMap<String, PyModule> modules;
  private final AtomicInteger threadNames = new AtomicInteger();
  private final AtomicInteger liveThreads = new AtomicInteger();

  @GuardedBy("this")
  private final List<PyThread> nonDaemon = new ArrayList<>();

  /**
   * Makes the builtins and modules; the caller holds the GIL. {@code running} counts the
   * interpreter's running threads (close refuses while any runs); threads started from Python count
   * there too, and each adds the instructions it ran to {@code executed} when it ends.
   */
  public PyRuntime(
      ObjectSpace space,
      Gil gil,
      EvalLoop loop,
      PrintStream out,
      PrintStream err,
      ThreadFactory threadFactory,
      AtomicInteger running,
      LongAdder executed,
      long budget) {
    this.space = space;
    this.gil = gil;
    this.loop = loop;
    this.out = out;
    this.err = err;
    this.threadFactory = threadFactory;
    this.running = running;
    this.executed = executed;
    this.budget = budget;
    this.builtins = PyBuiltins.create(space);
    this.modules =
        ImmutableMap.of(
            "sys", Modules.sys(space),
            "time", Modules.time(space),
            "threading", Modules.threading(space));
    loop.attach(this);
  }

  /**
   * A runtime that shares {@code template}'s builtins and modules (immortal, and their bodies reach
   * the interpreter only through the runtime they are called with): for the many short stepped runs
   * of one program a schedule search makes.
   */
  PyRuntime(PyRuntime template, ObjectSpace space, EvalLoop loop, PrintStream out, long budget) {
    this.space = space;
    this.gil = template.gil;
    this.loop = loop;
    this.out = out;
    this.err = out;
    this.threadFactory = template.threadFactory;
    this.running = new AtomicInteger();
    this.executed = new LongAdder();
    this.budget = budget;
    this.builtins = template.builtins;
    this.modules = template.modules;
    loop.attach(this);
  }

  public ObjectSpace space() {
    return space;
  }

  Gil gil() {
    return gil;
  }

  EvalLoop loop() {
    return loop;
  }

  PrintStream out() {
    return out;
  }

  /**
   * Makes the interpreter's host functions and registered code (what {@code CALL name} reaches)
   * builtins of Python code too, so {@code echo()} finds the host's {@code echo}; a host function
   * named like a Python builtin wins. Called once, while the interpreter is built, before any code
   * is linked.
   */
  public void addHostBuiltins(Iterable<Callable> hosts) {
    ImmutableMap.Builder<String, PyValue> b =
        ImmutableMap.<String, PyValue>builder().putAll(builtins);
    for (Callable fn : hosts) {
      b.put(
          fn.name(),
          space.immortal(
              PyBuiltinFunction.function(
                  fn.name(),
                  (rt, ts, args) -> {
                    if (fn.arity() == Callable.VARIADIC) {
                      args.noKeywords();
                    } else {
                      args.exactly(fn.arity());
                    }
                    PyValue[] a = args.all();
                    return fn.call(ts, a, 0, a.length);
                  })));
    }
    builtins = b.buildKeepingLast();
  }

  /** The builtin {@code name}, or null: what an unbound global falls back to. */
  public @Nullable PyValue builtin(String name) {
    return builtins.get(name);
  }

  /** {@code import name}; ModuleNotFoundError for anything but sys, time and threading. */
  PyModule module(String name) {
    PyModule m = modules.get(name);
    if (m == null) {
      throw new PyException("ModuleNotFoundError", "No module named '" + name + "'");
    }
    return m;
  }

  /** Calls {@code f} with borrowed positional {@code args}; answers a new reference. */
  PyValue call(ThreadState ts, PyValue f, PyValue... args) {
    return f.call(this, ts, args, 0, args.length, null);
  }

  /** {@code Thread-N}: the next default thread name, numbered per interpreter as CPython does. */
  String nextThreadName() {
    return "Thread-" + threadNames.incrementAndGet();
  }

  /** Threads started from Python and still running their target, plus the main thread. */
  int activeCount() {
    return 1 + liveThreads.get();
  }

  /** The {@code MainThread} object of a program run by {@code exec}; a new reference. */
  public PyValue newMainThread() {
    PyThread main = space.container(new PyThread("MainThread", null, null, false));
    main.started = true;
    main.ident = Thread.currentThread().getId();
    return main;
  }

  /** Makes {@code thread} the current thread of {@code ts}; it holds no reference. */
  public static void setCurrentThread(ThreadState ts, PyValue thread) {
    ts.thread = (PyThread) thread;
  }

  /**
   * {@code thread.start()}: a new Java thread from the interpreter's factory takes the GIL and
   * calls the target with the arguments. The Java thread holds a reference to the thread object
   * until the target returns. An error the target raises is printed to the error stream as CPython
   * prints it, and the program carries on.
   *
   * <p>If the factory throws or makes no thread, or the thread fails to start, this raises {@code
   * RuntimeError: can't start new thread} as CPython does when it gets no thread (an {@code Error}
   * passes through as it is); the thread object is then as it was, unstarted, so it may be started
   * again, and nothing is counted as running.
   */
  void start(PyThread t) {
    if (t.started) {
      throw new PyException("RuntimeError", "threads can only be started once");
    }
    Thread java;
    try {
      java = threadFactory.newThread(() -> runThread(t));
    } catch (RuntimeException e) {
      throw new PyException("RuntimeError", "can't start new thread", e);
    }
    if (java == null) {
      throw new PyException("RuntimeError", "can't start new thread");
    }
    // Taken only once there is a thread whose end gives them back, and before it can end.
    PyValue.incRef(t); // the running thread's
    t.ident = java.getId();
    t.java = java;
    t.started = true;
    liveThreads.incrementAndGet();
    running.incrementAndGet();
    try {
      java.start();
    } catch (RuntimeException | Error e) {
      unstart(t); // never started, so it never ends to give them back
      if (e instanceof RuntimeException) {
        throw new PyException("RuntimeError", "can't start new thread", e);
      }
      throw e;
    }
    // Listed only once started: joinNonDaemonThreads copies the list without the GIL, and would
    // wait forever for a thread that never started. Its starter is still running here, so a join
    // that waits for the starter still finds this thread.
    if (!t.daemon) {
      synchronized (this) {
        nonDaemon.add(t);
      }
    }
  }

  /** Gives back what {@link #start} took for {@code t} before its Java thread failed to start. */
  private void unstart(PyThread t) {
    running.decrementAndGet();
    liveThreads.decrementAndGet();
    t.started = false;
    t.java = null;
    t.ident = 0;
    PyValue.decRef(t);
  }

  private void runThread(PyThread t) {
    ThreadState ts = new ThreadState(budget);
    ts.thread = t;
    try {
      gil.acquire();
      try {
        runTarget(ts, t);
      } finally {
        liveThreads.decrementAndGet();
        PyValue.decRef(t);
        gil.release();
      }
    } catch (RuntimeException | Error e) {
      synchronized (err) {
        err.println("Exception in thread " + t.name + ":");
        e.printStackTrace(err);
      }
    } finally {
      executed.add(ts.executed());
      space.heap().mergeBiasedCounts();
      running.decrementAndGet();
      t.finished.countDown();
    }
  }

  private void runTarget(ThreadState ts, PyThread t) {
    PyValue target = t.target();
    if (target == null) {
      return;
    }
    PyValue args = t.args();
    PyValue[] items = args instanceof PyTuple pyTuple ? pyTuple.items : new PyValue[0];
    InterpreterError error;
    try {
      PyValue.decRef(target.call(this, ts, items, 0, items.length, null));
      return;
    } catch (PyException e) {
      error = EvalLoop.toError(e); // raised by a builtin target, outside any frame
    } catch (InterpreterError e) {
      error = e;
    }
    StringBuilder s = new StringBuilder();
    s.append("Exception in thread ").append(t.name).append(":\n");
    s.append(Traceback.formatWithoutSource(error));
    synchronized (err) {
      err.print(s);
      err.flush();
    }
  }

  /** {@code thread.join(timeout)} with the GIL released; {@code timeoutNanos} < 0: forever. */
  void join(PyThread t, long timeoutNanos) {
    if (!t.started) {
      throw new PyException("RuntimeError", "cannot join thread before it is started");
    }
    if (t.ident == Thread.currentThread().getId() && t.isAlive()) {
      throw new PyException("RuntimeError", "cannot join current thread");
    }
    try {
      gil.allowThreads(
          () -> {
            if (timeoutNanos < 0) {
              t.finished.await();
            } else {
              t.finished.await(timeoutNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
            return null;
          });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PyException("KeyboardInterrupt", "join was interrupted");
    }
  }

  /**
   * Waits for every non-daemon thread the program started, including those started meanwhile, as
   * CPython does before it exits. The caller does not hold the GIL.
   *
   * @throws InterruptedException if the caller is interrupted; the threads keep running
   */
  public void joinNonDaemonThreads() throws InterruptedException {
    while (true) {
      List<PyThread> pending;
      synchronized (this) {
        pending = new ArrayList<>(nonDaemon);
        nonDaemon.clear();
      }
      if (pending.isEmpty()) {
        return;
      }
      for (int i = 0; i < pending.size(); i++) {
        try {
          PyThread t = pending.get(i);
          t.finished.await();
          // Then until its Java thread has ended: a BIASED heap merges the counts queued for
          // a thread only once the thread is no longer alive (Heap.mergeBiasedCounts), and the
          // latch opens just before that.
          Thread java = t.java;
          if (java != null) {
            java.join();
          }
        } catch (InterruptedException e) {
          synchronized (this) {
            nonDaemon.addAll(pending.subList(i, pending.size())); // a later call waits again
          }
          throw e;
        }
      }
    }
  }
}

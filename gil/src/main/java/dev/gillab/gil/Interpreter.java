package dev.gillab.gil;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableMap;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.ThreadSafe;
import dev.gillab.gil.internal.Builtins;
import dev.gillab.gil.internal.Callable;
import dev.gillab.gil.internal.EvalLoop;
import dev.gillab.gil.internal.Globals;
import dev.gillab.gil.internal.LinkedCode;
import dev.gillab.gil.internal.Linker;
import dev.gillab.gil.internal.Memory;
import dev.gillab.gil.internal.ObjectSpace;
import dev.gillab.gil.internal.PyCode;
import dev.gillab.gil.internal.PyException;
import dev.gillab.gil.internal.PyRuntime;
import dev.gillab.gil.internal.PyValue;
import dev.gillab.gil.internal.ThreadState;
import dev.gillab.refcount.CountStrategy;
import dev.gillab.refcount.Heap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * An interpreter: a heap of reference-counted objects, globals shared by its threads, builtins, and
 * the {@link Gil} that a thread must hold to run bytecode or allocate.
 *
 * <h2>A value, not a singleton</h2>
 *
 * Each interpreter owns its GIL, its heap and its globals; nothing here is static and mutable.
 * Several interpreters run side by side in one JVM, each with its own GIL (as PEP 684's
 * sub-interpreters do), and threads of one never wait for the GIL of another.
 *
 * <h2>Running code</h2>
 *
 * {@link #run} runs a {@link Code} on the calling thread (taking the GIL, or using it if the caller
 * already holds it); {@link #start} runs it on a new interpreter thread, a real Java thread that
 * must take the GIL like any other. {@link #exec} runs a Python module as a program: on the calling
 * thread as {@code MainThread}, then it waits for the threads the program started ({@code
 * threading.Thread}), as CPython does before it exits. Before anything executes, the code's {@code
 * CALL}s are checked against this interpreter's builtins ({@link VerifyException}). Arguments and
 * results are Java values: {@code Long}, {@code Double} (a float), {@code Boolean}, {@code String},
 * {@code null} (None) and {@code List}s of those; an argument may be an {@code Integer}, {@code
 * Short}, {@code Byte} or {@code Float} too, and a result that is no such value (a function, say)
 * comes out as its repr. An error the program raises is an {@link InterpreterError} naming the
 * line; the frames it unwinds release what they held, so no error leaks.
 *
 * <h2>Bounds</h2>
 *
 * A program cannot take the JVM down with it. Its heap has a byte budget ({@link
 * Builder#maxMemory}, default {@value #DEFAULT_MAX_MEMORY} bytes): each object is charged an
 * estimate of its bytes when it is allocated (and a list as it grows), and an allocation past the
 * budget raises CPython's {@code MemoryError} before the object is built. An optional instruction
 * budget ({@link Builder#instructionBudget}) counts instructions and the work one instruction does
 * on its operands (items copied, compared, repeated or joined), so one {@code ==} of two huge lists
 * stops at the budget as a loop would.
 *
 * <h2>Builtins</h2>
 *
 * For {@code CALL}: {@code print(*args)}, {@code len(x)}, {@code getrefcount(x)} (holders + 1,
 * CPython's answer) and {@code sleep(ms)} (releases the GIL), plus host functions and code
 * registered on the {@link Builder}. For Python code ({@code LOAD_GLOBAL} falls back to them):
 * print, len, range, str, int, float, list, tuple, bool, repr, abs, min, max, sum, sorted, and the
 * modules sys, time and threading ({@code IMPORT_NAME}).
 *
 * <p>Thread-safe: any thread may call any method. Under a GIL, bytecode runs one thread at a time;
 * under {@link SwitchingPolicy#none()} threads run it at once, and what they share locks itself, as
 * in free-threaded CPython: each list has a lock of its own, and so do the globals, under which
 * every replacement of a global's value ({@code STORE_GLOBAL}, {@code DELETE_GLOBAL}, {@link
 * #setGlobal}) swaps, so each old value is released exactly once.
 */
@ThreadSafe
public final class Interpreter implements AutoCloseable {
  /** The heap's byte budget unless the builder sets one: 512 MiB. */
  public static final long DEFAULT_MAX_MEMORY = 512L << 20;

  /** The smallest byte budget a builder takes: 1 MiB. */
  public static final long MIN_MAX_MEMORY = 1L << 20;

  private final String name;
  private final Gil gil;
  private final Heap heap;

  @SuppressWarnings("ThreadSafe") // touched only by the GIL holder
  private final ObjectSpace space;

  private final EvalLoop loop;

  @SuppressWarnings("ThreadSafe") // immutable after construction; callables are bound once
  private final ImmutableMap<String, Callable> builtins;

  /** Cells guarded by the GIL, or without one swapped under the globals' own lock. */
  private final Globals globals = new Globals();

  @SuppressWarnings("ThreadSafe") // linked code is immutable; its constants are freed at close
  private final ConcurrentHashMap<Code, LinkedCode> linked = new ConcurrentHashMap<>();

  @SuppressWarnings("ThreadSafe") // immortal code objects, one per nested code, made under the GIL
  private final ConcurrentHashMap<Code, PyValue> codeObjects = new ConcurrentHashMap<>();

  @SuppressWarnings("ThreadSafe") // immutable after construction but for its own locked state
  private final PyRuntime runtime;

  private final long budget;
  private final boolean fuse;
  private final ThreadFactory threadFactory;
  private final AtomicInteger running = new AtomicInteger();

  /** Instructions of every thread that has ended; see {@link #instructionsExecuted()}. */
  private final LongAdder executed = new LongAdder();

  private volatile boolean closed;

  private Interpreter(Builder b) {
    this.name = b.name;
    if (!b.policy.excludes() && b.strategy == CountStrategy.PLAIN && !b.allowUnsafePlainCounts) {
      throw new UnsafeCountsException(b.name, b.strategy);
    }
    this.gil = Gil.create(b.name, b.policy);
    if (b.switchInterval != null) {
      gil.setSwitchInterval(b.switchInterval);
    }
    if (b.eventCapacity > 0) {
      gil.traceEvents(b.eventCapacity);
    }
    Gil g = gil;
    String heapName = b.name;
    Heap.Builder hb =
        Heap.builder()
            .name(heapName)
            .strategy(b.strategy)
            .debug(b.debugHeap)
            .guard(
                () -> {
                  if (!g.isHeldByCurrentThread()) {
                    throw new IllegalStateException(
                        "allocation refused: thread '"
                            + Thread.currentThread().getName()
                            + "' does not hold the GIL of interpreter '"
                            + heapName
                            + "'");
                  }
                });
    if (b.leakSink != null) {
      hb.leakSink(b.leakSink);
    }
    this.heap = hb.build();
    this.budget = b.budget;
    this.fuse = !b.checkEveryInstruction;
    this.threadFactory = b.threadFactory != null ? b.threadFactory : defaultThreadFactory(name);
    gil.acquire();
    try {
      // A plain counter where the GIL guards every count change (PLAIN counts under a GIL), as
      // it guards the counts; an atomic one where frees may run outside it.
      boolean guarded = b.policy.excludes() && b.strategy == CountStrategy.PLAIN;
      this.space = new ObjectSpace(heap, Memory.create(b.maxMemory, guarded));
      this.loop = new EvalLoop(space, gil, b.checkEveryInstruction, b.maxFrameDepth);
      this.runtime =
          new PyRuntime(space, gil, loop, b.out, b.err, threadFactory, running, executed, b.budget);
      Map<String, Callable> table = new LinkedHashMap<>();
      table.put("print", Builtins.print(space, b.out));
      table.put("len", Builtins.len(space));
      table.put("getrefcount", Builtins.getrefcount(space));
      table.put("sleep", Builtins.sleep(space, gil));
      for (HostEntry h : b.hosts) {
        table.put(h.name, Builtins.host(h.name, h.arity, h.releasesGil, h.fn, space, gil));
      }
      Map<Builtins.CodeFunction, Code> functions = new HashMap<>();
      for (Map.Entry<String, Code> f : b.functions.entrySet()) {
        Builtins.CodeFunction fn =
            new Builtins.CodeFunction(f.getKey(), f.getValue().paramCount(), loop);
        table.put(f.getKey(), fn);
        functions.put(fn, f.getValue());
      }
      this.builtins = ImmutableMap.copyOf(table);
      runtime.addHostBuiltins(
          builtins.values().stream()
              .filter(f -> !Builder.STANDARD.contains(f.name()))
              .collect(java.util.stream.Collectors.toList()));
      try {
        for (Map.Entry<Builtins.CodeFunction, Code> f : functions.entrySet()) {
          f.getKey().bind(link(f.getValue()));
        }
      } catch (RuntimeException e) {
        // A registered function does not verify: free what was linked so far.
        linked.values().forEach(LinkedCode::releaseConstants);
        heap.close();
        throw e;
      }
    } finally {
      gil.release();
    }
  }

  /** {@return a new builder, set to every default} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return a new interpreter with every default: {@code interval(5ms)}, PLAIN counts, no
   * instruction budget}
   */
  public static Interpreter create() {
    return builder().build();
  }

  /**
   * {@return the name the builder gave, which the heap carries too, and, with the default thread
   * factory, the interpreter's threads}
   */
  public String name() {
    return name;
  }

  /** {@return this interpreter's GIL, which a thread must hold to run its bytecode or allocate} */
  public Gil gil() {
    return gil;
  }

  /**
   * A snapshot of the GIL's counters: switches, and per thread the nanoseconds it held and waited
   * for the GIL, its acquisitions, forced drops and IO releases.
   *
   * @return the snapshot; a thread holding the GIL is counted up to now
   */
  public GilStats gilStats() {
    return gil.stats();
  }

  /**
   * {@return the GIL's event ring, oldest first (empty if tracing never started, see {@link
   * #traceEvents}; once it stops, the last ring's events)}
   */
  public List<GilEvent> gilEvents() {
    return gil.events();
  }

  /**
   * Starts recording GIL events into a ring of {@code capacity}; see {@link Gil#traceEvents}.
   *
   * @param capacity how many of the newest events the ring keeps, at least 1
   * @throws IllegalArgumentException if {@code capacity} is less than 1
   */
  public void traceEvents(int capacity) {
    gil.traceEvents(capacity);
  }

  /**
   * {@return this interpreter's switch interval ({@code sys.getswitchinterval}), if its policy has
   * one}
   */
  public Optional<Duration> switchInterval() {
    return gil.switchInterval();
  }

  /**
   * Changes this interpreter's switch interval ({@code sys.setswitchinterval}).
   *
   * @param interval the new interval, positive
   * @throws IllegalArgumentException if {@code interval} is zero or negative
   * @throws IllegalStateException if the policy has no switch interval ({@code ticks}, {@code
   *     none})
   */
  public void setSwitchInterval(Duration interval) {
    gil.setSwitchInterval(interval);
  }

  /**
   * {@return this interpreter's heap, whose allocation guard refuses a thread that does not hold
   * the GIL}
   */
  public Heap heap() {
    return heap;
  }

  /** {@return the heap's byte budget ({@link Builder#maxMemory})} */
  public long maxMemory() {
    return space.memory().max();
  }

  /**
   * {@return the bytes the heap's objects are charged now: an estimate, 0 once a clean run is
   * closed} Exact when no other thread allocates or frees meanwhile.
   */
  public long memoryUsed() {
    return space.memory().used();
  }

  /**
   * {@return the names {@code CALL} may use here, in registration order: the standard builtins,
   * then the host functions, then the registered code}
   */
  public List<String> builtinNames() {
    return builtins.keySet().asList();
  }

  /**
   * Checks {@code code}'s builtins against this interpreter and links it (allocating its constants)
   * without running it. {@link #run} and {@link #start} do this themselves.
   *
   * @param code the code, not null
   * @throws VerifyException for an unknown builtin or a wrong argument count
   */
  public void load(Code code) {
    checkNotNull(code, "code");
    withGil(() -> link(code));
  }

  /**
   * Runs {@code code} with {@code args} on the calling thread, under the GIL, and answers its
   * return value as a Java value.
   *
   * @param code the code to run, not null
   * @param args its arguments as Java values, one per parameter
   * @return the code's return value: a {@code Long}, {@code Boolean}, {@code Double}, {@code
   *     String}, unmodifiable {@code List} of those, or {@code null} for None; any other object as
   *     its repr
   * @throws IllegalArgumentException if the argument count is not the code's parameter count, or an
   *     argument has no interpreter value
   * @throws VerifyException before anything runs, if the code calls an unknown builtin
   * @throws InterpreterError if the program raises an error
   */
  public Object run(Code code, Object... args) {
    checkNotNull(code, "code");
    checkArgs(code, args);
    ThreadState ts = new ThreadState(budget);
    try {
      return withGil(() -> runHeld(code, args, ts));
    } finally {
      executed.add(ts.executed());
    }
  }

  /**
   * Starts a new interpreter thread running {@code code} with {@code args}. The code is checked and
   * linked before the thread starts, so a {@link VerifyException} is thrown here.
   *
   * @param code the code to run, not null
   * @param args its arguments as Java values, one per parameter; the array is copied
   * @return the thread, started
   * @throws IllegalArgumentException if the argument count is not the code's parameter count
   * @throws IllegalStateException if the interpreter is closed, or its thread factory makes no
   *     thread (answers null)
   * @throws RuntimeException what the thread factory or the thread's start throws; no thread runs
   *     then, and none is counted in {@link #runningThreads()}
   */
  public InterpreterThread start(Code code, Object... args) {
    checkNotNull(code, "code");
    checkArgs(code, args);
    checkState(!closed, "interpreter '%s' is closed", name);
    load(code);
    Object[] copy = args.clone();
    InterpreterThread t = new InterpreterThread();
    Thread thread =
        threadFactory.newThread(
            () -> {
              ThreadState ts = new ThreadState(budget);
              try {
                gil.acquire();
                try {
                  t.succeeded(runHeld(code, copy, ts));
                } finally {
                  gil.release();
                }
              } catch (Throwable e) {
                t.failed(e);
              } finally {
                t.executed(ts.executed());
                executed.add(ts.executed());
                heap.mergeBiasedCounts();
                running.decrementAndGet();
              }
            });
    checkState(thread != null, "the thread factory of interpreter '%s' made no thread", name);
    // Counted only once there is a thread to end, and before it can: its end takes the count back.
    running.incrementAndGet();
    try {
      t.start(thread);
    } catch (RuntimeException | Error e) {
      running.decrementAndGet(); // never started, so it never ends
      throw e;
    }
    return t;
  }

  /**
   * Runs module code on the calling thread as the program's main thread ({@code
   * threading.current_thread().name} is {@code MainThread}), then waits — with the GIL released —
   * for every non-daemon thread the program started, as CPython does before it exits. Output goes
   * to the builder's {@code out}; an uncaught error in a started thread is printed to its {@code
   * err} and the program carries on.
   *
   * @param module module code, which takes no arguments; not null
   * @throws IllegalArgumentException if {@code module} takes arguments
   * @throws InterpreterError the module code's error, with its traceback, once the threads have
   *     ended
   * @throws InterpreterError of kind {@code KeyboardInterrupt} if the caller is interrupted while
   *     it waits for the threads (which keep running; the interrupt flag stays set), unless the
   *     module code failed, whose error is thrown then
   * @throws IllegalStateException if the caller holds the GIL (the threads could never end)
   */
  public void exec(Code module) {
    checkNotNull(module, "module");
    checkArgument(
        module.paramCount() == 0,
        "module code takes no arguments, '%s' has %s",
        module.name(),
        module.paramCount());
    checkState(!closed, "interpreter '%s' is closed", name);
    checkState(
        !gil.isHeldByCurrentThread(),
        "exec waits for the program's threads: release the GIL first");
    InterpreterError failed = null;
    ThreadState ts = new ThreadState(budget);
    gil.acquire();
    try {
      LinkedCode code = link(module); // a VerifyException leaves nothing allocated
      PyValue main = runtime.newMainThread();
      PyRuntime.setCurrentThread(ts, main);
      try {
        PyValue.decRef(loop.eval(code, new PyValue[code.localCount()], ts));
      } catch (InterpreterError e) {
        failed = e;
      } finally {
        PyValue.decRef(main);
        executed.add(ts.executed());
      }
    } finally {
      gil.release();
    }
    try {
      runtime.joinNonDaemonThreads();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (failed == null) {
        failed =
            new InterpreterError(
                "KeyboardInterrupt",
                "interrupted while waiting for the program's threads",
                List.of(),
                e);
      }
    }
    // BIASED counts: other threads may have queued objects this (allocating) thread owns for a
    // merge; only the owner merges them.
    withGil(
        () -> {
          heap.mergeBiasedCounts();
          return null;
        });
    if (failed != null) {
      throw failed;
    }
  }

  /**
   * Instructions every thread of this interpreter has run to its end so far — those of {@link
   * #run}, {@link #start}, {@link #exec} and the threads a Python program starts — with the element
   * work the instruction budget charges ({@link Builder#instructionBudget}). A thread still running
   * is not counted yet. The same code with the same arguments counts the same whichever threads run
   * it and under whichever policy: what makes a sequential baseline and a threaded run comparable.
   *
   * @return the instructions, summed over the threads that have ended
   */
  public long instructionsExecuted() {
    return executed.sum();
  }

  /**
   * A snapshot of the globals as Java values, all taken at one moment (under the GIL, and under the
   * globals' own lock, which every store without a GIL takes too).
   *
   * @return a new map from the name of each global that has a value to the value as a Java value;
   *     changing it changes no global
   */
  public Map<String, Object> globals() {
    return withGil(
        () -> {
          Map<String, PyValue> values = globals.newReferences();
          try {
            Map<String, Object> out = new LinkedHashMap<>();
            values.forEach((global, v) -> out.put(global, ObjectSpace.toJava(v)));
            return out;
          } finally {
            values.values().forEach(PyValue::decRef);
          }
        });
  }

  /**
   * Sets a global from a Java value (under the GIL). Without a GIL it may race the program's {@code
   * STORE_GLOBAL} of the same name: one of them replaces the other's value and releases it, once.
   *
   * @param global the global's name, not null
   * @param value the new value as a Java value: a {@code Long}, {@code Integer}, {@code Short},
   *     {@code Byte}, {@code Double}, {@code Float}, {@code Boolean}, {@code String}, {@code List}
   *     of those, or {@code null} for None
   * @throws IllegalArgumentException if {@code value} has no interpreter value
   * @throws IllegalStateException if the interpreter is closed
   */
  public void setGlobal(String global, Object value) {
    checkNotNull(global, "global");
    checkState(!closed, "interpreter '%s' is closed", name);
    withGil(
        () -> {
          globals.set(global, toObject(value));
          return null;
        });
  }

  /**
   * {@return how many interpreter threads are running now: those of {@link #start} and those the
   * program started ({@code threading.Thread})}
   */
  public int runningThreads() {
    return running.get();
  }

  /**
   * Releases the globals and the linked constants, then closes the heap, which reports any object
   * still alive (a leak) to the leak sink. Idempotent.
   *
   * @throws IllegalStateException if interpreter threads are still running
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    checkState(
        running.get() == 0,
        "interpreter '%s' still has %s running thread(s); join them first",
        name,
        running.get());
    closed = true;
    withGil(
        () -> {
          heap.mergeBiasedCounts(); // the closing thread's queue, as exec's end does
          globals.close();
          linked.values().forEach(LinkedCode::releaseConstants);
          return null;
        });
    heap.close();
  }

  @Override
  public String toString() {
    return "Interpreter{" + name + ", " + gil + ", " + heap.stats() + "}";
  }

  private static void checkArgs(Code code, Object[] args) {
    checkNotNull(args, "args");
    checkArgument(
        args.length == code.paramCount(),
        "code '%s' takes %s argument(s), got %s",
        code.name(),
        code.paramCount(),
        args.length);
  }

  private LinkedCode link(Code code) {
    LinkedCode l = linked.get(code);
    if (l == null) {
      checkState(!closed, "interpreter '%s' is closed", name);
      l =
          Linker.link(
              code, space, builtins, globals::cell, fuse, runtime::builtin, this::codeObject);
      linked.put(code, l);
    }
    return l;
  }

  /** The immortal code object of a function body: linked once, shared by every code using it. */
  private PyValue codeObject(Code code) {
    return PyCode.of(codeObjects, code, space, this::link);
  }

  private PyValue toObject(Object value) {
    try {
      return space.fromJava(value);
    } catch (PyException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Runs a program; the caller holds the GIL. */
  private Object runHeld(Code code, Object[] args, ThreadState ts) {
    LinkedCode lc = link(code);
    PyValue[] locals = new PyValue[lc.localCount()];
    try {
      for (int i = 0; i < args.length; i++) {
        locals[i] = toObject(args[i]);
      }
    } catch (RuntimeException e) {
      Arrays.stream(locals).filter(o -> o != null).forEach(PyValue::decRef);
      throw e;
    }
    PyValue result = loop.eval(lc, locals, ts);
    try {
      return ObjectSpace.toJava(result);
    } catch (PyException e) {
      throw new InterpreterError(code.name(), 0, e.kind(), e.getMessage(), null);
    } finally {
      PyValue.decRef(result);
    }
  }

  private <T> T withGil(java.util.function.Supplier<T> body) {
    if (gil.isHeldByCurrentThread()) {
      return body.get();
    }
    gil.acquire();
    try {
      return body.get();
    } finally {
      gil.release();
    }
  }

  private static ThreadFactory defaultThreadFactory(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(null, r, name + "-thread-" + n.incrementAndGet(), 16L << 20);
      t.setDaemon(true);
      return t;
    };
  }

  private static final class HostEntry {
    final String name;
    final int arity;
    final boolean releasesGil;
    final HostFunction fn;

    HostEntry(String name, int arity, boolean releasesGil, HostFunction fn) {
      this.name = name;
      this.arity = arity;
      this.releasesGil = releasesGil;
      this.fn = fn;
    }
  }

  /** Configures an {@link Interpreter}. Not thread-safe. */
  public static final class Builder extends ProgramStreams<Builder> {
    private String name = "interpreter";
    private SwitchingPolicy policy = SwitchingPolicy.interval();
    private CountStrategy strategy = CountStrategy.PLAIN;
    private boolean debugHeap;
    private boolean allowUnsafePlainCounts;
    private Duration switchInterval;
    private int eventCapacity;
    private boolean checkEveryInstruction;
    private int maxFrameDepth = 200;
    private long budget = Long.MAX_VALUE;
    private long maxMemory = DEFAULT_MAX_MEMORY;
    private Consumer<String> leakSink;
    private ThreadFactory threadFactory;
    private final List<HostEntry> hosts = new ArrayList<>();
    private final Map<String, Code> functions = new LinkedHashMap<>();

    /** The builtins every interpreter has for {@code CALL name}; Python has its own of these. */
    static final List<String> STANDARD = List.of("print", "len", "getrefcount", "sleep");

    private final List<String> taken = new ArrayList<>(STANDARD);

    private Builder() {}

    /**
     * Names the interpreter, its heap and its threads. Default {@code "interpreter"}.
     *
     * @param name the name, not blank
     * @return this builder
     * @throws IllegalArgumentException if {@code name} is blank
     */
    @CanIgnoreReturnValue
    public Builder name(String name) {
      checkArgument(!checkNotNull(name, "name").isBlank(), "an interpreter needs a name");
      this.name = name;
      return this;
    }

    /**
     * The GIL's switching policy. Default {@link SwitchingPolicy#interval()}.
     *
     * @param policy the policy, not null
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder policy(SwitchingPolicy policy) {
      this.policy = checkNotNull(policy, "policy");
      return this;
    }

    /**
     * How the heap counts. Default {@code PLAIN}: plain ints are correct because every count
     * changes under the GIL.
     *
     * @param strategy the counting strategy, not null
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder countStrategy(CountStrategy strategy) {
      this.strategy = checkNotNull(strategy, "strategy");
      return this;
    }

    /**
     * Under {@link SwitchingPolicy#none()}, run with {@code PLAIN} counts anyway (default false:
     * {@link #build()} throws {@link UnsafeCountsException}). Only for showing what goes wrong.
     *
     * @param allow whether to build such an interpreter
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder allowUnsafePlainCounts(boolean allow) {
      this.allowUnsafePlainCounts = allow;
      return this;
    }

    /**
     * The starting switch interval for a policy that has one ({@code interval}, {@code
     * ioPriority}); default: the policy's own. {@link #build()} throws if the policy has none.
     *
     * @param interval the interval, positive
     * @return this builder
     * @throws IllegalArgumentException if {@code interval} is zero or negative
     */
    @CanIgnoreReturnValue
    public Builder switchInterval(Duration interval) {
      checkNotNull(interval, "interval");
      checkArgument(
          !interval.isNegative() && !interval.isZero(), "interval must be positive: %s", interval);
      this.switchInterval = interval;
      return this;
    }

    /**
     * Record GIL events from the start into a ring of {@code capacity}. Default: off.
     *
     * @param capacity how many of the newest events the ring keeps, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     */
    @CanIgnoreReturnValue
    public Builder traceEvents(int capacity) {
      checkArgument(capacity >= 1, "event ring capacity must be positive, got %s", capacity);
      this.eventCapacity = capacity;
      return this;
    }

    /**
     * A debug heap names leaked objects and where they were allocated. Default off.
     *
     * @param debug whether the heap is a debug heap
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder debugHeap(boolean debug) {
      this.debugHeap = debug;
      return this;
    }

    /**
     * Check the eval breaker (and the budget) before every instruction instead of only at backward
     * jumps and calls. Default off, as in CPython 3.10+.
     *
     * @param every whether to check before every instruction
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder checkEveryInstruction(boolean every) {
      this.checkEveryInstruction = every;
      return this;
    }

    /**
     * How deep calls of registered code may nest, 1 to 1000. Default 200.
     *
     * @param depth the deepest nesting
     * @return this builder
     * @throws IllegalArgumentException if {@code depth} is not between 1 and 1000
     */
    @CanIgnoreReturnValue
    public Builder maxFrameDepth(int depth) {
      checkArgument(depth >= 1 && depth <= 1000, "maxFrameDepth must be 1..1000, got %s", depth);
      this.maxFrameDepth = depth;
      return this;
    }

    /**
     * Stops a run (per {@link #run} or thread) after about {@code instructions} instructions with a
     * {@code BudgetExceeded} error; counted exactly, checked at backward jumps and calls. The work
     * an instruction does on its operands counts too, checked as it is done: one unit per item
     * copied, compared or scanned, and per 64 chars of str. Default: no limit.
     *
     * @param instructions the budget, positive
     * @return this builder
     * @throws IllegalArgumentException if {@code instructions} is not positive
     */
    @CanIgnoreReturnValue
    public Builder instructionBudget(long instructions) {
      checkArgument(instructions > 0, "instructionBudget must be positive, got %s", instructions);
      this.budget = instructions;
      return this;
    }

    /**
     * The heap's byte budget: an allocation that would take the estimated bytes of the program's
     * objects past it raises {@code MemoryError} instead, before anything is built. At least {@link
     * #MIN_MAX_MEMORY}; default {@link #DEFAULT_MAX_MEMORY}.
     *
     * @param bytes the budget in bytes
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is less than {@link #MIN_MAX_MEMORY}
     */
    @CanIgnoreReturnValue
    public Builder maxMemory(long bytes) {
      checkArgument(
          bytes >= MIN_MAX_MEMORY,
          "maxMemory must be at least %s bytes, got %s",
          MIN_MAX_MEMORY,
          bytes);
      this.maxMemory = bytes;
      return this;
    }

    /**
     * Where closing the heap reports leaks (and over-releases). Default standard error.
     *
     * @param sink called with each report, not null
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder leakSink(Consumer<String> sink) {
      this.leakSink = checkNotNull(sink, "sink");
      return this;
    }

    /**
     * Makes interpreter threads: those of {@link Interpreter#start} and those a program starts
     * ({@code threading.Thread}). Default: daemon threads named {@code <name>-thread-<n>}.
     *
     * @param factory the factory, not null
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder threadFactory(ThreadFactory factory) {
      this.threadFactory = checkNotNull(factory, "factory");
      return this;
    }

    /**
     * A host function that runs holding the GIL; {@code arity} -1 accepts any count.
     *
     * @param name the name the program calls it by
     * @param arity how many arguments it takes, or -1 for any count
     * @param fn the function
     * @return this builder
     * @throws IllegalArgumentException if {@code name} is already defined or {@code arity} is less
     *     than -1
     */
    @CanIgnoreReturnValue
    public Builder builtin(String name, int arity, HostFunction fn) {
      return host(name, arity, false, fn);
    }

    /**
     * A host function that runs with the GIL released (blocking IO): other threads run bytecode
     * meanwhile.
     *
     * @param name the name the program calls it by
     * @param arity how many arguments it takes, or -1 for any count
     * @param fn the function
     * @return this builder
     * @throws IllegalArgumentException if {@code name} is already defined or {@code arity} is less
     *     than -1
     */
    @CanIgnoreReturnValue
    public Builder releasingBuiltin(String name, int arity, HostFunction fn) {
      return host(name, arity, true, fn);
    }

    /**
     * Registers {@code code} as a function {@code CALL} can call by {@code name}; it is checked
     * against the builtins when the interpreter is built ({@link #build()} throws {@link
     * VerifyException}).
     *
     * @param name the name {@code CALL} uses
     * @param code the function's code
     * @return this builder
     * @throws IllegalArgumentException if {@code name} is already defined
     */
    @CanIgnoreReturnValue
    public Builder function(String name, Code code) {
      checkNotNull(code, "code");
      claim(name);
      functions.put(name, code);
      return this;
    }

    /**
     * {@return a new interpreter with this builder's settings}
     *
     * @throws UnsafeCountsException under {@link SwitchingPolicy#none()} with {@code PLAIN} counts,
     *     unless {@link #allowUnsafePlainCounts} allows them
     * @throws IllegalStateException if a switch interval is set and the policy has none
     * @throws VerifyException if a function registered with {@link #function} does not verify
     */
    public Interpreter build() {
      return new Interpreter(this);
    }

    private Builder host(String name, int arity, boolean releases, HostFunction fn) {
      checkNotNull(fn, "fn");
      checkArgument(arity >= -1, "arity must be -1 (any) or at least 0, got %s", arity);
      claim(name);
      hosts.add(new HostEntry(name, arity, releases, fn));
      return this;
    }

    private void claim(String name) {
      checkNotNull(name, "name");
      checkArgument(!taken.contains(name), "builtin '%s' is already defined", name);
      taken.add(name);
    }
  }
}

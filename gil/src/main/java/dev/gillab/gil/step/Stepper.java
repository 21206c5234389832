package dev.gillab.gil.step;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.gillab.gil.Code;
import dev.gillab.gil.Interpreter;
import dev.gillab.gil.SwitchingPolicy;
import dev.gillab.gil.internal.StepEngine;
import dev.gillab.gil.python.PythonCompiler;
import dev.gillab.gil.python.PythonSyntaxError;
import dev.gillab.refcount.CountStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Runs a Python program's threads one step at a time on the calling Java thread, under a chooser
 * outside the program: you.
 *
 * <h2>Design</h2>
 *
 * A program run by an {@code Interpreter} has a real Java thread per Python thread, and which of
 * them runs next is up to the GIL and the operating system. A stepper runs the same bytecode, with
 * the same reference counts, on one Java thread: each Python thread is a stack of frames kept on
 * the heap (code, instruction pointer, value stack, locals), and {@link #step(int)} runs the thread
 * it is given until the end of one step — one instruction, or everything up to the next place the
 * GIL could change hands ({@link Granularity}). Nothing else runs meanwhile, so a run is a pure
 * function of its schedule, the list of thread ids chosen so far: {@link #replay} runs the same
 * schedule to the same state, every time, and {@link #undo()} is a replay of the schedule minus its
 * last step.
 *
 * <p>Threads are numbered 0 (the main thread, running the module) and then 1, 2, ... in the order
 * {@code Thread.start()} starts them. {@link #choices()} offers the threads that can take a step:
 * not one blocked on a {@code threading.Lock} another thread holds, nor one joining a thread that
 * has not ended. {@code time.sleep} and the other calls that release the GIL end a step and
 * complete in virtual time, without sleeping. When no thread can move and some have not ended, the
 * run is a {@link Outcome#DEADLOCK}; an uncaught exception ends its thread with its traceback
 * recorded, as CPython prints it, and the others carry on.
 *
 * <h2>Bounds</h2>
 *
 * The heap has a byte budget ({@link Builder#maxMemory}), the run an instruction budget for all its
 * threads together ({@link Builder#instructionBudget}) and a bound on its steps ({@link
 * Builder#maxSteps}); a run past any of them ends as {@link Outcome#BUDGET}.
 *
 * <p>Not thread-safe: one caller steps a stepper at a time. Steppers share nothing, so many may run
 * side by side.
 */
public final class Stepper {
  private final Builder program;
  private StepEngine engine;

  private Stepper(Builder program, StepEngine engine) {
    this.program = program;
    this.engine = engine;
  }

  /** A stepper over a run the explorer made. */
  static Stepper wrap(Builder program, StepEngine engine) {
    return new Stepper(program, engine);
  }

  /**
   * A stepper for {@code source}, ready before its first step, with the default budgets.
   *
   * @param source the program's Python text
   * @param fileName what tracebacks call the file
   * @param policy the GIL's switching policy: where {@link Granularity#SWITCH_POINT} steps end, and
   *     whether there is a GIL to hold
   * @param granularity how much one step runs
   * @return the stepper
   * @throws PythonSyntaxError if the source does not compile
   */
  public static Stepper of(
      String source, String fileName, SwitchingPolicy policy, Granularity granularity) {
    return builder(source, fileName).policy(policy).granularity(granularity).build();
  }

  /**
   * Runs {@code schedule} on a fresh stepper of the program.
   *
   * @param source the program's Python text
   * @param fileName what tracebacks call the file
   * @param policy the GIL's switching policy
   * @param granularity how much one step runs
   * @param schedule the thread id of each step
   * @return the stepper after the schedule
   * @throws PythonSyntaxError if the source does not compile
   * @throws IllegalArgumentException if a step names a thread that cannot take one then
   */
  public static Stepper replay(
      String source,
      String fileName,
      SwitchingPolicy policy,
      Granularity granularity,
      List<Integer> schedule) {
    return builder(source, fileName).policy(policy).granularity(granularity).replay(schedule);
  }

  /**
   * Starts the configuration of a program's steppers: policy {@code interval}, granularity {@link
   * Granularity#SWITCH_POINT}, and the default budgets.
   *
   * @param source the program's Python text
   * @param fileName what tracebacks call the file
   * @return a builder
   */
  public static Builder builder(String source, String fileName) {
    return new Builder(source, fileName);
  }

  /**
   * The threads that can take a step now, ascending; empty once the run has ended.
   *
   * @return thread ids
   */
  public List<Integer> choices() {
    return engine.choices();
  }

  /**
   * Runs one step of thread {@code threadId}.
   *
   * @param threadId one of {@link #choices()}
   * @throws IllegalArgumentException if the thread cannot take a step now
   */
  public void step(int threadId) {
    checkArgument(
        engine.canStep(threadId),
        "thread %s cannot take a step now; the threads that can are %s",
        threadId,
        engine.choices());
    engine.step(threadId);
  }

  /**
   * Takes back the last step: runs the schedule minus its last choice from a fresh start, which
   * gives exactly the state before that step.
   *
   * @return false when there was no step to take back
   */
  @CanIgnoreReturnValue
  public boolean undo() {
    List<Integer> schedule = engine.schedule();
    if (schedule.isEmpty()) {
      return false;
    }
    StepEngine fresh = program.newEngine();
    for (int id : schedule.subList(0, schedule.size() - 1)) {
      fresh.step(id);
    }
    engine = fresh;
    return true;
  }

  /**
   * The thread id of each step taken so far.
   *
   * @return the schedule, oldest step first
   */
  public List<Integer> schedule() {
    return engine.schedule();
  }

  /**
   * How the run stands.
   *
   * @return {@link Outcome#RUNNING} until no thread can take a step
   */
  public Outcome outcome() {
    return engine.outcome();
  }

  /**
   * Everything a page shows of the run now.
   *
   * @return an immutable snapshot
   */
  public Snapshot snapshot() {
    return engine.snapshot();
  }

  /**
   * The program's bytecode, each code object in the order {@code gil-lab dis} prints them: the
   * module first, then each function.
   *
   * @return one line per instruction
   */
  public List<CodeLine> bytecode() {
    return program.bytecode();
  }

  /**
   * The {@code repr} of global {@code name}, if it is bound.
   *
   * @param name a global of the module
   * @return its value's {@code repr}, or empty
   */
  public Optional<String> globalRepr(String name) {
    checkNotNull(name, "name");
    return Optional.ofNullable(engine.globalRepr(name));
  }

  /**
   * Whether the run, as it stands, has reached {@code goal}.
   *
   * @param goal what the learner tries to cause
   * @return true once it is reached
   */
  public boolean reached(Goal goal) {
    checkNotNull(goal, "goal");
    return engine.reached(goal);
  }

  StepEngine engine() {
    return engine;
  }

  /**
   * A program to step, and its bounds: makes as many steppers of it as you like, compiling it once.
   * Not thread-safe.
   */
  public static final class Builder {
    /** The default instruction budget of a run, all threads together: 1,000,000. */
    public static final long DEFAULT_INSTRUCTION_BUDGET = 1_000_000;

    /** The default heap byte budget of a run: 16 MiB. */
    public static final long DEFAULT_MAX_MEMORY = 16L << 20;

    /** The default bound on a run's steps: 100,000. */
    public static final int DEFAULT_MAX_STEPS = 100_000;

    private final String source;
    private final String fileName;
    private SwitchingPolicy policy = SwitchingPolicy.interval();
    private Granularity granularity = Granularity.SWITCH_POINT;
    private long instructionBudget = DEFAULT_INSTRUCTION_BUDGET;
    private long maxMemory = DEFAULT_MAX_MEMORY;
    private int maxSteps = DEFAULT_MAX_STEPS;
    private CountStrategy counts = CountStrategy.ATOMIC;
    private Code code;
    private ImmutableList<CodeLine> bytecode;

    private Builder(String source, String fileName) {
      this.source = checkNotNull(source, "source");
      this.fileName = checkNotNull(fileName, "fileName");
    }

    /**
     * The switching policy. Default {@code interval}.
     *
     * @param policy where switch-point steps end, and whether there is a GIL
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder policy(SwitchingPolicy policy) {
      this.policy = checkNotNull(policy, "policy");
      return this;
    }

    /**
     * How much one step runs. Default {@link Granularity#SWITCH_POINT}.
     *
     * @param granularity one instruction, or up to the next switch point
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder granularity(Granularity granularity) {
      this.granularity = checkNotNull(granularity, "granularity");
      return this;
    }

    /**
     * How the program's reference counts change. Default {@link CountStrategy#ATOMIC}: each change
     * is whole, as with atomic counts, or with plain ones under a GIL. {@link CountStrategy#PLAIN}
     * under policy {@code none} at {@link Granularity#INSTRUCTION}: counts race, as with no GIL on
     * real CPUs: an instruction reads each count it changes and the thread's next step writes them,
     * so another thread's steps between the two can lose an update, free an object a thread still
     * uses, or keep one nobody holds. Under a GIL, or a step to the next switch point, {@code
     * PLAIN} counts change whole: the GIL lets no other thread run between the halves.
     *
     * @param counts {@code ATOMIC} or {@code PLAIN}
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder counts(CountStrategy counts) {
      checkNotNull(counts, "counts");
      checkArgument(
          counts == CountStrategy.ATOMIC || counts == CountStrategy.PLAIN,
          "counts must be ATOMIC or PLAIN, got %s",
          counts);
      this.counts = counts;
      return this;
    }

    /**
     * The most instructions a run may execute, all threads together, counting the work an
     * instruction does on its operands as {@link Interpreter.Builder#instructionBudget} does.
     * Default {@value #DEFAULT_INSTRUCTION_BUDGET}.
     *
     * @param instructions positive
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder instructionBudget(long instructions) {
      checkArgument(instructions > 0, "instructionBudget must be positive, got %s", instructions);
      this.instructionBudget = instructions;
      return this;
    }

    /**
     * The heap's byte budget, as {@link Interpreter.Builder#maxMemory}. Default 16 MiB.
     *
     * @param bytes at least {@link Interpreter#MIN_MAX_MEMORY}
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder maxMemory(long bytes) {
      checkArgument(
          bytes >= Interpreter.MIN_MAX_MEMORY,
          "maxMemory must be at least %s bytes, got %s",
          Interpreter.MIN_MAX_MEMORY,
          bytes);
      this.maxMemory = bytes;
      return this;
    }

    /**
     * The most steps a run may take. Default {@value #DEFAULT_MAX_STEPS}.
     *
     * @param steps positive
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder maxSteps(int steps) {
      checkArgument(steps > 0, "maxSteps must be positive, got %s", steps);
      this.maxSteps = steps;
      return this;
    }

    /**
     * A stepper of the program, before its first step.
     *
     * @return a new stepper
     * @throws PythonSyntaxError if the source does not compile
     */
    public Stepper build() {
      return new Stepper(this, newEngine());
    }

    /**
     * A stepper of the program after {@code schedule}.
     *
     * @param schedule the thread id of each step
     * @return the stepper
     * @throws PythonSyntaxError if the source does not compile
     * @throws IllegalArgumentException if a step names a thread that cannot take one then
     */
    public Stepper replay(List<Integer> schedule) {
      checkNotNull(schedule, "schedule");
      Stepper s = build();
      List<Integer> copy = new ArrayList<>(schedule);
      for (int i = 0; i < copy.size(); i++) {
        int id = copy.get(i);
        checkArgument(
            s.engine.canStep(id),
            "schedule step %s runs thread %s, which cannot take a step then; the threads that"
                + " can are %s",
            i + 1,
            id,
            s.engine.choices());
        s.engine.step(id);
      }
      return s;
    }

    /** The program's source text. */
    String source() {
      return source;
    }

    /** The compiled program; compiled on first use. */
    Code code() {
      if (code == null) {
        code = PythonCompiler.compile(source, fileName);
      }
      return code;
    }

    ImmutableList<CodeLine> bytecode() {
      if (bytecode == null) {
        bytecode = Listing.of(code());
      }
      return bytecode;
    }

    StepEngine newEngine() {
      return newEngine(null);
    }

    /** A run before its first step; with {@code shared}, one of a search's many runs. */
    StepEngine newEngine(StepEngine.@Nullable Shared shared) {
      return new StepEngine(
          code(),
          source,
          policy,
          granularity == Granularity.INSTRUCTION,
          racingCounts(),
          instructionBudget,
          maxMemory,
          maxSteps,
          shared);
    }

    /** What a search's runs of this program share. */
    StepEngine.Shared newShared() {
      return new StepEngine.Shared(racingCounts());
    }

    /** Whether a count change's write is a step of its own: see {@link #counts}. */
    boolean racingCounts() {
      return counts == CountStrategy.PLAIN
          && !policy.excludes()
          && granularity == Granularity.INSTRUCTION;
    }

    SwitchingPolicy policy() {
      return policy;
    }

    Granularity granularity() {
      return granularity;
    }
  }
}

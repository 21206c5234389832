package dev.gillab.threads.explore;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.CharMatcher;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.Immutable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A concurrent program the explorer can run under any schedule: a factory for fresh shared state, a
 * named {@link ThreadBody} per thread, and an invariant that must hold on the final state of every
 * complete run.
 *
 * <p>The program is a recipe, not a run: every run (every branch of an exhaustive search) starts
 * from {@code stateFactory.get()} and asks each body for fresh steps, so runs never see each
 * other's effects. A program is immutable and may be explored from several threads.
 *
 * <pre>{@code
 * Program<Counter> lostUpdate = Program.builder("x += 1 twice", Counter::new)
 *     .thread("T1", incrementOnce)
 *     .thread("T2", incrementOnce)
 *     .invariant("x == 2", c -> c.x == 2)
 *     .describeState(c -> "x = " + c.x)
 *     .build();
 * }</pre>
 *
 * @param <S> the type of the shared state
 */
@Immutable(containerOf = "S")
@SuppressWarnings("Immutable") // holds functions; they are the recipe and never change
public final class Program<S> {

  private final String name;
  private final Supplier<S> stateFactory;
  private final ImmutableList<String> threadNames;
  private final ImmutableList<ThreadBody<S>> bodies;
  private final String invariantName;
  private final Predicate<S> invariant;
  private final Function<S, String> stateDescriber;

  private Program(Builder<S> b) {
    this.name = b.name;
    this.stateFactory = b.stateFactory;
    this.threadNames = ImmutableList.copyOf(b.threads.keySet());
    this.bodies = ImmutableList.copyOf(b.threads.values());
    this.invariantName = b.invariantName;
    this.invariant = b.invariant;
    this.stateDescriber = b.stateDescriber;
  }

  /**
   * Starts a program called {@code name} whose runs each begin from {@code stateFactory.get()}.
   *
   * @param <S> the type of the shared state
   * @param name what reports call the program; not blank
   * @param stateFactory makes a fresh shared state for each run; must not answer null
   * @return a builder to add threads to
   */
  public static <S> Builder<S> builder(String name, Supplier<S> stateFactory) {
    return new Builder<>(name, stateFactory);
  }

  /**
   * What reports call the program.
   *
   * @return the name given to {@link #builder}
   */
  public String name() {
    return name;
  }

  /**
   * Thread names in the order they were declared.
   *
   * @return the names; thread index {@code i} is {@code threadNames().get(i)}
   */
  public ImmutableList<String> threadNames() {
    return threadNames;
  }

  /**
   * The invariant as reports print it.
   *
   * @return its description, {@code "true"} when the program has none
   */
  public String invariantName() {
    return invariantName;
  }

  /**
   * A fresh shared state for one run.
   *
   * @return what the state factory made
   * @throws NullPointerException if the factory answered null
   */
  public S newState() {
    return checkNotNull(stateFactory.get(), "state factory of '%s' returned null", name);
  }

  /**
   * The steps thread {@code index} takes in a run over {@code state}.
   *
   * @param index the thread's position in {@link #threadNames()}
   * @param state the run's shared state
   * @return the steps its body made for this run
   */
  public ImmutableList<Step> stepsOf(int index, S state) {
    return ImmutableList.copyOf(
        checkNotNull(
            bodies.get(index).steps(state),
            "thread '%s' of '%s' returned null steps",
            threadNames.get(index),
            name));
  }

  /**
   * Checks the invariant on a complete run's final state.
   *
   * @param state the final state
   * @return whether the invariant holds
   */
  public boolean invariantHolds(S state) {
    return invariant.test(state);
  }

  /**
   * A state as reports print it.
   *
   * @param state any state of a run
   * @return the describer's text, {@code toString} by default
   */
  public String describe(S state) {
    return stateDescriber.apply(state);
  }

  /**
   * Builds a {@link Program}; not thread-safe.
   *
   * @param <S> the type of the shared state
   */
  public static final class Builder<S> {
    private static final CharMatcher BAD_NAME_CHARS =
        CharMatcher.whitespace().or(CharMatcher.anyOf(",>"));

    private final String name;
    private final Supplier<S> stateFactory;
    private final Map<String, ThreadBody<S>> threads = new LinkedHashMap<>();
    private String invariantName = "true";
    private Predicate<S> invariant = s -> true;
    private Function<S, String> stateDescriber = String::valueOf;

    private Builder(String name, Supplier<S> stateFactory) {
      checkArgument(!checkNotNull(name, "name").isBlank(), "a program needs a name");
      this.name = name;
      this.stateFactory = checkNotNull(stateFactory, "stateFactory");
    }

    /**
     * Adds a thread. Names appear in schedules ({@code "T1,T2,T1"}), so they may not be blank or
     * contain white space, commas or {@code >}, and must be unique.
     *
     * @param threadName the thread's name in schedules and traces
     * @param body makes the thread's steps for each run
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder<S> thread(String threadName, ThreadBody<S> body) {
      checkNotNull(threadName, "threadName");
      checkArgument(
          !threadName.isEmpty() && BAD_NAME_CHARS.matchesNoneOf(threadName),
          "thread name '%s' of program '%s' must be non-empty, without white space, ',' or '>'",
          threadName,
          name);
      checkArgument(
          !threads.containsKey(threadName),
          "program '%s' already has a thread named '%s'",
          name,
          threadName);
      threads.put(threadName, checkNotNull(body, "body"));
      return this;
    }

    /**
     * The property every complete run's final state must have. Default: none.
     *
     * @param description how reports name it, as {@code "x == 2"}
     * @param invariant the test on the final state
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder<S> invariant(String description, Predicate<S> invariant) {
      this.invariantName = checkNotNull(description, "description");
      this.invariant = checkNotNull(invariant, "invariant");
      return this;
    }

    /**
     * How reports print a state. Default: {@code toString}.
     *
     * @param describer e.g. {@code c -> "x = " + c.x}
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder<S> describeState(Function<S, String> describer) {
      this.stateDescriber = checkNotNull(describer, "describer");
      return this;
    }

    /**
     * Makes the program.
     *
     * @return the immutable program
     * @throws IllegalArgumentException if no thread was added
     */
    public Program<S> build() {
      checkArgument(
          !threads.isEmpty(), "program '%s' has no threads; add one with thread(name, body)", name);
      return new Program<>(this);
    }
  }
}

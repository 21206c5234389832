package dev.gillab.process;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedSet;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Tasks by name: the only way a worker decides what code to run for a request. A request naming a
 * task that is not here fails with a clear message; no class is ever loaded from what the other
 * side sends. Immutable once built (tasks are expected to be stateless); thread-safe.
 */
public final class TaskRegistry {
  private final ImmutableMap<String, Task> tasks;

  private TaskRegistry(ImmutableMap<String, Task> tasks) {
    this.tasks = tasks;
  }

  /**
   * Starts an empty registry.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The task registered under {@code name}.
   *
   * @param name the name a request carries
   * @return the task, or empty if none has that name
   */
  public Optional<Task> find(String name) {
    return Optional.ofNullable(tasks.get(name));
  }

  /**
   * Every registered name, sorted: what a failure message lists when a request names none of them.
   *
   * @return the names
   */
  public ImmutableSortedSet<String> names() {
    return ImmutableSortedSet.copyOf(tasks.keySet());
  }

  /** Collects tasks; not thread-safe. */
  public static final class Builder {
    private final Map<String, Task> tasks = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Registers {@code task} under {@code name}; a name may be registered once.
     *
     * @param name the name requests will use; not empty
     * @param task the work, bytes in and bytes out
     * @return this builder
     * @throws IllegalArgumentException if the name is empty or already taken
     */
    @CanIgnoreReturnValue
    public Builder add(String name, Task task) {
      checkArgument(!name.isEmpty(), "task name is empty");
      checkNotNull(task, "task");
      checkArgument(!tasks.containsKey(name), "task '%s' is registered twice", name);
      tasks.put(name, task);
      return this;
    }

    /**
     * Registers a typed task whose input and output go through codecs, so the task body never sees
     * bytes.
     *
     * @param <I> the task's input type
     * @param <O> the task's output type
     * @param name the name requests will use; not empty
     * @param in decodes the request's payload
     * @param out encodes the result
     * @param body the work
     * @return this builder
     * @throws IllegalArgumentException if the name is empty or already taken
     */
    @CanIgnoreReturnValue
    public <I, O> Builder add(String name, Codec<I> in, Codec<O> out, Function<I, O> body) {
      return add(name, input -> out.encode(body.apply(in.decode(input))));
    }

    /**
     * Lets {@code module} register its tasks.
     *
     * @param module the module
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder addModule(TaskModule module) {
      module.register(this);
      return this;
    }

    /**
     * Registers the tasks of every {@link TaskModule} the service loader finds.
     *
     * @param loader where to look for {@code META-INF/services/dev.gillab.process.TaskModule}
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder addServiceModules(ClassLoader loader) {
      ServiceLoader.load(TaskModule.class, loader).forEach(this::addModule);
      return this;
    }

    /**
     * Makes the registry.
     *
     * @return an immutable registry of the tasks added
     */
    public TaskRegistry build() {
      return new TaskRegistry(ImmutableMap.copyOf(tasks));
    }
  }
}

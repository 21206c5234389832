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
 * Tasks by name: the only way a worker decides what code to run for a request. A request naming
 * a task that is not here fails with a clear message; no class is ever loaded from what the
 * other side sends. Immutable once built (tasks are expected to be stateless); thread-safe.
 */
public final class TaskRegistry {
  private final ImmutableMap<String, Task> tasks;

  private TaskRegistry(ImmutableMap<String, Task> tasks) {
    this.tasks = tasks;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The task registered under {@code name}. */
  public Optional<Task> find(String name) {
    return Optional.ofNullable(tasks.get(name));
  }

  /** Every registered name, sorted. */
  public ImmutableSortedSet<String> names() {
    return ImmutableSortedSet.copyOf(tasks.keySet());
  }

  /** Collects tasks; not thread-safe. */
  public static final class Builder {
    private final Map<String, Task> tasks = new LinkedHashMap<>();

    private Builder() {}

    /** Registers {@code task} under {@code name}; a name may be registered once. */
    @CanIgnoreReturnValue
    public Builder add(String name, Task task) {
      checkArgument(!name.isEmpty(), "task name is empty");
      checkNotNull(task, "task");
      checkArgument(!tasks.containsKey(name), "task '%s' is registered twice", name);
      tasks.put(name, task);
      return this;
    }

    /** Registers a typed task whose input and output go through codecs. */
    @CanIgnoreReturnValue
    public <I, O> Builder add(String name, Codec<I> in, Codec<O> out, Function<I, O> body) {
      return add(name, input -> out.encode(body.apply(in.decode(input))));
    }

    /** Lets {@code module} register its tasks. */
    @CanIgnoreReturnValue
    public Builder addModule(TaskModule module) {
      module.register(this);
      return this;
    }

    /** Registers the tasks of every {@link TaskModule} the service loader finds. */
    @CanIgnoreReturnValue
    public Builder addServiceModules(ClassLoader loader) {
      ServiceLoader.load(TaskModule.class, loader).forEach(this::addModule);
      return this;
    }

    public TaskRegistry build() {
      return new TaskRegistry(ImmutableMap.copyOf(tasks));
    }
  }
}

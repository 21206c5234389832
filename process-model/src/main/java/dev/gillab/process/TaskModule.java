package dev.gillab.process;

/**
 * A set of tasks to register in every worker. Found either through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.gillab.process.TaskModule}) or named explicitly in {@link
 * ProcessPool.Builder#taskModule(Class)}; either way the worker creates it with its public
 * no-argument constructor, so it must have one. Implementations should be stateless.
 */
public interface TaskModule {
  /**
   * Adds this module's tasks; called once in each worker, before its first request.
   *
   * @param tasks the worker's registry, still being built
   */
  void register(TaskRegistry.Builder tasks);
}

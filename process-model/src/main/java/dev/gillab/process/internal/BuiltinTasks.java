package dev.gillab.process.internal;

import dev.gillab.process.Codecs;
import dev.gillab.process.TaskModule;
import dev.gillab.process.TaskRegistry;

/** Tasks every worker has. Stateless; thread-safe. */
public final class BuiltinTasks implements TaskModule {
  /** Returns its input unchanged (an empty task, for round-trip timing). */
  public static final String ECHO = dev.gillab.process.ProcessPool.ECHO_TASK;

  /** Returns the worker's pid as an int64. */
  public static final String PID = dev.gillab.process.ProcessPool.PID_TASK;

  @Override
  public void register(TaskRegistry.Builder tasks) {
    tasks.add(ECHO, input -> input);
    tasks.add(PID, input -> Codecs.int64().encode(ProcessHandle.current().pid()));
  }
}

package dev.gillab.process;

/**
 * Work a worker process runs: bytes in, bytes out. Registered under a name in a {@link
 * TaskRegistry}; the parent only ever names it. An exception it throws comes back to the parent
 * as a {@link TaskFailedException} and the worker carries on. Implementations run on the
 * worker's single request thread, one call at a time.
 */
@FunctionalInterface
public interface Task {
  byte[] run(byte[] input) throws Exception;
}

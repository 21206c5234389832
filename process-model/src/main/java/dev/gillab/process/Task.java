package dev.gillab.process;

/**
 * Work a worker process runs: bytes in, bytes out. Registered under a name in a {@link
 * TaskRegistry}; the parent only ever names it. An exception it throws comes back to the parent as
 * a {@link TaskFailedException} and the worker carries on. Implementations run on the worker's
 * single request thread, one call at a time.
 */
@FunctionalInterface
public interface Task {
  /**
   * Runs the task on a request's payload.
   *
   * @param input the payload the parent sent, as its codec encoded it
   * @return the result's bytes, sent back as the reply's payload
   * @throws Exception to fail this request; the worker reports it and carries on
   */
  byte[] run(byte[] input) throws Exception;
}

package dev.gillab.gil;

/**
 * A call that may block (IO, sleep, a native computation) and touches no interpreter object, so it
 * may run with the GIL released; see {@link Gil#allowThreads(BlockingCall)}.
 *
 * <p>Runs on the calling thread; thread-safety is the implementation's.
 *
 * @param <T> what the call returns
 * @param <X> what the call may throw
 */
@FunctionalInterface
public interface BlockingCall<T, X extends Exception> {
  /**
   * Makes the call. Under {@link Gil#allowThreads} it runs with the GIL released, so it must not
   * touch interpreter objects.
   *
   * @return what {@code allowThreads} hands back to its caller
   * @throws X if the call fails; {@code allowThreads} takes the GIL back before the exception
   *     reaches its caller
   */
  T call() throws X;
}

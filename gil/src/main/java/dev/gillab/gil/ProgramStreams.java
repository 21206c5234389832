package dev.gillab.gil;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.io.PrintStream;

/**
 * What a builder of {@link Interpreter}s or of {@link ProgramRunner}s says about where a program's
 * output and errors go; a runner hands its two streams on to each interpreter it builds. Each
 * setter answers the builder, so calls chain. Not thread-safe.
 *
 * @param <B> the builder
 */
abstract class ProgramStreams<B extends ProgramStreams<B>> {
  PrintStream out = System.out;
  PrintStream err = System.err;

  ProgramStreams() {}

  /**
   * The program's standard output, where {@code print} writes (and a runner's {@code dis}). Default
   * {@code System.out}.
   *
   * @param out the stream, not null
   * @return this builder
   */
  @CanIgnoreReturnValue
  public final B out(PrintStream out) {
    this.out = checkNotNull(out, "out");
    return self();
  }

  /**
   * Where errors are printed: an uncaught error of a thread the program started ({@code
   * threading.Thread}), as CPython prints it to {@code sys.stderr}; for a runner also the program's
   * traceback and why it could not run (a compile error, wrong arguments). Default {@code
   * System.err}.
   *
   * @param err the stream, not null
   * @return this builder
   */
  @CanIgnoreReturnValue
  public final B err(PrintStream err) {
    this.err = checkNotNull(err, "err");
    return self();
  }

  @SuppressWarnings("unchecked") // B is the class that extends this one
  private B self() {
    return (B) this;
  }
}

package dev.gillab.gil.python;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.util.concurrent.Uninterruptibles;
import dev.gillab.gil.Code;
import dev.gillab.gil.python.internal.CompileError;
import dev.gillab.gil.python.internal.Compiler;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Compiles a subset of Python 3 to gil's bytecode. The result is the module's {@link Code}
 * (named {@code <module>}); each {@code def} is a code constant of it. What compiles to what is
 * in the package documentation. Stateless and thread-safe.
 *
 * <p>The compiler recurses over the source's nesting, which CPython's limits bound (200 brackets,
 * 100 indentation levels, expressions about 3,000 deep); what that costs in Java stack depends on
 * the JIT and the caller's stack, so each compilation runs on a thread of its own with a stack
 * ({@link #STACK_BYTES}) that holds the deepest input those limits allow. The caller waits.
 */
public final class PythonCompiler {
  /** Enough for the deepest nesting the limits allow, interpreted frames included. */
  private static final long STACK_BYTES = 32L << 20;

  private PythonCompiler() {}

  /**
   * Compiles a module.
   *
   * @param source the program text; {@code \r\n} and {@code \r} count as newlines
   * @param filename what errors and tracebacks call the file
   * @throws PythonSyntaxError if the source is not valid Python or not in the subset
   */
  public static Code compile(String source, String filename) {
    checkNotNull(source, "source");
    checkNotNull(filename, "filename");
    String text = source.replace("\r\n", "\n").replace('\r', '\n');
    AtomicReference<Code> code = new AtomicReference<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Thread compiler =
        new Thread(
            null,
            () -> {
              try {
                code.set(Compiler.compile(text, filename));
              } catch (CompileError e) {
                failure.set(
                    new PythonSyntaxError(
                        e.kind(),
                        filename,
                        e.line(),
                        Math.max(e.column(), 1),
                        lineOf(text, e.line()),
                        e.detail()));
              } catch (RuntimeException e) {
                failure.set(e);
              }
            },
            "python-compiler",
            STACK_BYTES);
    compiler.setDaemon(true);
    compiler.start();
    // Compiling takes a bounded time, so the wait is not interruptible; an interrupt is kept.
    Uninterruptibles.joinUninterruptibly(compiler);
    if (failure.get() != null) {
      throw failure.get();
    }
    return checkNotNull(code.get(), "the compiler thread ended without a result");
  }

  private static String lineOf(String text, int line) {
    int start = 0;
    for (int i = 1; i < line; i++) {
      int next = text.indexOf('\n', start);
      if (next < 0) {
        return "";
      }
      start = next + 1;
    }
    int end = text.indexOf('\n', start);
    return text.substring(start, end < 0 ? text.length() : end);
  }
}

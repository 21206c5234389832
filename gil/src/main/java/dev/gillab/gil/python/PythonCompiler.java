package dev.gillab.gil.python;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Throwables;
import com.google.common.util.concurrent.Uninterruptibles;
import dev.gillab.gil.Code;
import dev.gillab.gil.python.internal.CompileError;
import dev.gillab.gil.python.internal.ModuleCompiler;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Compiles a subset of Python 3 to gil's bytecode. The result is the module's {@link Code} (named
 * {@code <module>}); each {@code def} is a code constant of it. What compiles to what is in the
 * package documentation. Stateless and thread-safe.
 *
 * <p>The compiler recurses over the source's nesting, which CPython's limits bound (200 brackets,
 * 100 indentation levels, expressions about 3,000 deep); what that costs in Java stack depends on
 * the JIT and on the caller's stack, so compilations run on threads of their own whose stack
 * ({@link #STACK_BYTES}) holds the deepest input those limits allow. The threads are daemons,
 * reused while there is work and gone after a minute idle; the caller waits for its result.
 */
public final class PythonCompiler {
  /** Enough for the deepest nesting the limits allow, interpreted frames included. */
  private static final long STACK_BYTES = 32L << 20;

  private static final ExecutorService COMPILERS =
      Executors.newCachedThreadPool(
          task -> {
            Thread t = new Thread(null, task, "python-compiler", STACK_BYTES);
            t.setDaemon(true);
            return t;
          });

  private PythonCompiler() {}

  /**
   * Compiles a program shipped as a resource (UTF-8) next to {@code anchor}, for programs that are
   * part of a library: a missing or invalid one is the library's bug.
   *
   * @param anchor the class whose package the resource is looked up in, as {@link
   *     Class#getResourceAsStream(String)} does
   * @param resource the resource's name, relative to that package or absolute with a leading {@code
   *     /}; its last path segment is the file name errors and tracebacks print
   * @return the module's code
   * @throws IllegalStateException if the resource is missing or does not compile
   * @throws java.io.UncheckedIOException if the resource cannot be read
   */
  public static Code compileResource(Class<?> anchor, String resource) {
    String text = resourceText(anchor, resource);
    try {
      return compile(text, resource.substring(resource.lastIndexOf('/') + 1));
    } catch (PythonSyntaxError e) {
      throw new IllegalStateException(
          "resource " + resource + " does not compile: " + e.getMessage(), e);
    }
  }

  /**
   * The text of a UTF-8 resource next to {@code anchor}.
   *
   * @param anchor the class whose package the resource is looked up in, as {@link
   *     Class#getResourceAsStream(String)} does
   * @param resource the resource's name, relative to that package or absolute with a leading {@code
   *     /}
   * @return the resource's whole text
   * @throws IllegalStateException if there is none
   * @throws java.io.UncheckedIOException if the resource cannot be read
   */
  public static String resourceText(Class<?> anchor, String resource) {
    checkNotNull(anchor, "anchor");
    checkNotNull(resource, "resource");
    try (java.io.InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no resource " + resource + " beside " + anchor.getName());
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Compiles a module.
   *
   * @param source the program text; {@code \r\n} and {@code \r} count as newlines
   * @param filename what errors and tracebacks call the file
   * @return the module's code, named {@code <module>}
   * @throws PythonSyntaxError if the source is not valid Python or not in the subset
   */
  public static Code compile(String source, String filename) {
    checkNotNull(source, "source");
    checkNotNull(filename, "filename");
    String text = source.replace("\r\n", "\n").replace('\r', '\n');
    Future<Code> result = COMPILERS.submit(() -> ModuleCompiler.compile(text, filename));
    try {
      // Compiling takes a bounded time, so the wait is not interruptible; an interrupt is kept.
      return Uninterruptibles.getUninterruptibly(result);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CompileError c) {
        throw new PythonSyntaxError(
            c.kind(),
            filename,
            c.line(),
            Math.max(c.column(), 1),
            lineOf(text, c.line()),
            c.detail());
      }
      Throwables.throwIfUnchecked(e.getCause());
      throw new IllegalStateException(e.getCause());
    }
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

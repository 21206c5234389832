package dev.gillab.gil;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;

/**
 * Formats an uncaught {@link InterpreterError} as CPython prints one: {@code Traceback (most recent
 * call last):}, then each frame, outermost first, as {@code File "<file>", line <n>, in <code>}
 * with its source line below it (when the source is at hand), then {@code <Kind>: <detail>} ({@code
 * <Kind>} alone when there is no detail, as for a bare {@code assert}). CPython 3.11's {@code
 * ~~^~~} markers under the failing expression are left out. Stateless.
 */
public final class Traceback {
  /** Where a traceback finds the text of a source line. */
  @FunctionalInterface
  public interface Sources {
    /**
     * {@return line {@code line} of {@code filename} without its indentation, or "" if that line is
     * not at hand}
     *
     * @param filename the file, as a frame names it
     * @param line the 1-based line number
     */
    String line(String filename, int line);

    /** {@return sources with no line at all, so that frames print without their lines} */
    static Sources none() {
      return (filename, line) -> "";
    }
  }

  private Traceback() {}

  /**
   * The traceback of {@code error}, ending with a newline. An error that passed no frame is listed
   * in the frame its message names.
   *
   * @param error the error, not null
   * @param sources where the frames' source lines come from, not null
   * @return the traceback's lines, each ending with {@code \n}
   */
  public static String format(InterpreterError error, Sources sources) {
    checkNotNull(error, "error");
    checkNotNull(sources, "sources");
    List<InterpreterError.Frame> frames = error.traceback();
    if (frames.isEmpty()) {
      frames =
          List.of(new InterpreterError.Frame(error.codeName(), error.codeName(), error.line()));
    }
    return format(error, frames, sources);
  }

  /**
   * The traceback of {@code error} without source lines, as the interpreter prints an error that a
   * thread the program started did not catch, ending with a newline. An error that passed no frame
   * (a builtin run as the thread's target raised it) prints as its last line alone.
   *
   * @param error the error, not null
   * @return the traceback's lines, each ending with {@code \n}
   */
  public static String formatWithoutSource(InterpreterError error) {
    checkNotNull(error, "error");
    return format(error, error.traceback(), Sources.none());
  }

  private static String format(
      InterpreterError error, List<InterpreterError.Frame> frames, Sources sources) {
    StringBuilder out = new StringBuilder();
    if (!frames.isEmpty()) {
      out.append("Traceback (most recent call last):\n");
    }
    for (InterpreterError.Frame f : frames) {
      out.append("  File \"")
          .append(f.filename())
          .append("\", line ")
          .append(f.line())
          .append(", in ")
          .append(f.codeName())
          .append('\n');
      String text = sources.line(f.filename(), f.line());
      if (!text.isEmpty()) {
        out.append("    ").append(text).append('\n');
      }
    }
    out.append(error.kind());
    if (!error.detail().isEmpty()) {
      out.append(": ").append(error.detail());
    }
    return out.append('\n').toString();
  }
}

package dev.gillab.process;

import com.google.errorprone.annotations.Immutable;
import java.util.Map;
import java.util.OptionalInt;

/**
 * How a child process ended: its exit code and, when a signal killed it, that signal.
 *
 * <p>On POSIX systems a process killed by signal {@code n} is reported by the JDK with exit code
 * {@code 128 + n}, so 137 is SIGKILL and 143 is SIGTERM. We read it that way; an exit code above
 * 128 that the child chose itself (for example {@code System.exit(130)}) looks the same, which is
 * the POSIX convention too. Immutable and therefore thread-safe.
 *
 * @param exitCode the exit code the JDK reports
 */
@Immutable
public record ExitStatus(int exitCode) {

  private static final Map<Integer, String> SIGNAL_NAMES =
      Map.of(
          1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT", 6, "SIGABRT", 9, "SIGKILL", 11, "SIGSEGV", 13,
          "SIGPIPE", 15, "SIGTERM");

  /** Exit code of a process killed by SIGKILL. */
  public static final int SIGKILL_EXIT_CODE = 137;

  /**
   * The signal that killed the process, if the exit code says one did.
   *
   * @return the signal number (9 for SIGKILL), or empty for a normal exit or on Windows
   */
  public OptionalInt signal() {
    return isPosix() && exitCode > 128 && exitCode < 128 + 65
        ? OptionalInt.of(exitCode - 128)
        : OptionalInt.empty();
  }

  /**
   * Whether the process ended with exit code 0.
   *
   * @return {@code true} for exit code 0
   */
  public boolean isSuccess() {
    return exitCode == 0;
  }

  /** For example {@code "exit code 0"} or {@code "killed by signal 9 (SIGKILL), exit code 137"}. */
  @Override
  public String toString() {
    OptionalInt signal = signal();
    if (signal.isEmpty()) {
      return "exit code " + exitCode;
    }
    String name = SIGNAL_NAMES.getOrDefault(signal.getAsInt(), "SIG" + signal.getAsInt());
    return "killed by signal " + signal.getAsInt() + " (" + name + "), exit code " + exitCode;
  }

  private static boolean isPosix() {
    return !System.getProperty("os.name", "")
        .toLowerCase(java.util.Locale.ROOT)
        .startsWith("windows");
  }
}

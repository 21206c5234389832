package dev.gillab.gil;

/** Formats nanosecond durations the way reports print them (5ms, 250us, 2s). */
final class Durations {
  private Durations() {}

  static String format(long nanos) {
    if (nanos % 1_000_000_000L == 0) {
      return nanos / 1_000_000_000L + "s";
    }
    if (nanos % 1_000_000L == 0) {
      return nanos / 1_000_000L + "ms";
    }
    if (nanos % 1_000L == 0) {
      return nanos / 1_000L + "us";
    }
    return nanos + "ns";
  }
}

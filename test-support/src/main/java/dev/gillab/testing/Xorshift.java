package dev.gillab.testing;

/**
 * CPU-bound work for benchmarks that must measure cores, not memory: Marsaglia's 64-bit xorshift
 * generator run for a number of turns, all in registers, so threads or processes running it side by
 * side share nothing while they run. Stateless.
 */
public final class Xorshift {
  private Xorshift() {}

  /**
   * Runs the generator; a non-zero seed never reaches 0 (each step is a bijection of the non-zero
   * states), so a caller can check that the loop really ran.
   *
   * @param seed the first state
   * @param turns how many steps
   * @return the last state
   */
  public static long spin(long seed, long turns) {
    long x = seed;
    for (long i = 0; i < turns; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
    }
    return x;
  }
}

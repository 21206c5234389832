package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Duration;

/**
 * How big each experiment is. {@link #defaults()} is what {@code gil-lab} with no arguments runs
 * (the whole suite in well under 90 s on 2 cores); {@link #quick()} is a smoke size for a fast look
 * and for the tests. Immutable.
 *
 * @param countdown n of each CPU worker's countdown(n)
 * @param cpuWorkers workers of {@code cpu}
 * @param ioWorkers workers of {@code io}
 * @param ioRounds rounds per IO worker; a round is one sleep and one echo round trip
 * @param ioDelay how long each sleep lasts and how long the echo server waits before replying
 * @param convoyCpuThreads {@code convoy} runs beside 1 up to this many CPU-bound threads
 * @param convoyRoundTripsAlone round trips timed with no other interpreter thread running (a plain
 *     Java loop keeps one core busy meanwhile)
 * @param convoyRoundTripsBeside the most round trips timed beside the CPU-bound threads
 * @param convoyBesideFor how long the round trips beside the CPU-bound threads go on (fewer if
 *     {@code convoyRoundTripsBeside} come first): a time, not a count, since a round trip takes
 *     microseconds under one policy and milliseconds under another
 * @param raceAppends appends per thread in {@code race}
 * @param warmups untimed runs before the timed ones
 * @param repeats timed runs; tables show their median
 * @param cpuRepeats timed runs of {@code cpu}: more than the others by default, since its parallel
 *     modes vary most from run to run (on 2 cores, two interpreter loops side by side, CPython's as
 *     much as the model's)
 * @param convoyRepeats timed runs of {@code convoy}: more than the others by default, since a round
 *     of round trips beside a CPU-bound thread now and then waits on the machine's scheduler rather
 *     than on the GIL (with no GIL at all, too)
 */
public record Sizes(
    long countdown,
    int cpuWorkers,
    int ioWorkers,
    int ioRounds,
    Duration ioDelay,
    int convoyCpuThreads,
    int convoyRoundTripsAlone,
    int convoyRoundTripsBeside,
    Duration convoyBesideFor,
    int raceAppends,
    int warmups,
    int repeats,
    int cpuRepeats,
    int convoyRepeats) {

  /** {@code cpu}'s timed runs by default. */
  public static final int CPU_REPEATS = 9;

  /** {@code convoy}'s timed runs by default. */
  public static final int CONVOY_REPEATS = 5;

  /**
   * Checks every size is in bounds: counts of workers, threads, rounds, round trips, appends and
   * timed runs at least 1, {@code countdown} and {@code warmups} not negative, {@code ioDelay} not
   * negative and {@code convoyBesideFor} positive.
   *
   * @param countdown n of each CPU worker's countdown(n)
   * @param cpuWorkers workers of {@code cpu}
   * @param ioWorkers workers of {@code io}
   * @param ioRounds rounds per IO worker
   * @param ioDelay how long each sleep lasts and how long the echo server waits before replying
   * @param convoyCpuThreads the most CPU-bound threads {@code convoy} runs beside
   * @param convoyRoundTripsAlone round trips timed with no other interpreter thread running
   * @param convoyRoundTripsBeside the most round trips timed beside the CPU-bound threads
   * @param convoyBesideFor how long the round trips beside the CPU-bound threads go on
   * @param raceAppends appends per thread in {@code race}
   * @param warmups untimed runs before the timed ones
   * @param repeats timed runs
   * @param cpuRepeats timed runs of {@code cpu}
   * @param convoyRepeats timed runs of {@code convoy}
   * @throws IllegalArgumentException if a size is out of bounds
   * @throws NullPointerException if {@code ioDelay} or {@code convoyBesideFor} is null
   */
  public Sizes {
    checkArgument(countdown >= 0, "countdown must not be negative, was %s", countdown);
    checkArgument(cpuWorkers >= 1 && ioWorkers >= 1, "workers must be at least 1");
    checkArgument(ioRounds >= 1, "ioRounds must be at least 1, was %s", ioRounds);
    checkArgument(!ioDelay.isNegative(), "ioDelay must not be negative, was %s", ioDelay);
    checkArgument(convoyCpuThreads >= 1, "convoyCpuThreads must be at least 1");
    checkArgument(convoyRoundTripsAlone >= 1 && convoyRoundTripsBeside >= 1, "round trips >= 1");
    checkArgument(
        convoyBesideFor.compareTo(Duration.ZERO) > 0,
        "convoyBesideFor must be positive, was %s",
        convoyBesideFor);
    checkArgument(raceAppends >= 1, "raceAppends must be at least 1");
    checkArgument(warmups >= 0, "warmups must not be negative");
    checkArgument(repeats >= 1, "repeats must be at least 1, was %s", repeats);
    checkArgument(cpuRepeats >= 1, "cpuRepeats must be at least 1, was %s", cpuRepeats);
    checkArgument(convoyRepeats >= 1, "convoyRepeats must be at least 1, was %s", convoyRepeats);
  }

  /**
   * {@return the suite's sizes: countdown(20,000,000) as in the reference figures, 16 IO workers}
   */
  public static Sizes defaults() {
    return new Sizes(
        20_000_000,
        2,
        16,
        1,
        Duration.ofMillis(100),
        2,
        2_000,
        100_000,
        Duration.ofMillis(200),
        100_000,
        1,
        3,
        CPU_REPEATS,
        CONVOY_REPEATS);
  }

  /** {@return a smoke run's sizes: every mode, tiny sizes, one timed run} */
  public static Sizes quick() {
    return new Sizes(
        200_000, 2, 4, 1, Duration.ofMillis(2), 1, 50, 5, Duration.ofMillis(20), 2_000, 1, 1, 1, 1);
  }

  /**
   * The same sizes with {@code workers} CPU workers, IO workers and convoy CPU threads.
   *
   * @param workers the workers of {@code cpu} and {@code io}, and the most CPU-bound threads of
   *     {@code convoy}; at least 1
   * @return these sizes with those three counts replaced
   * @throws IllegalArgumentException if {@code workers} is below 1
   */
  public Sizes withWorkers(int workers) {
    checkArgument(workers >= 1, "workers must be at least 1, was %s", workers);
    return with(workers, workers, workers, repeats, cpuRepeats, convoyRepeats);
  }

  /**
   * The same sizes with {@code repeats} timed runs, in {@code cpu} and {@code convoy} too.
   *
   * @param repeats timed runs of every experiment; at least 1
   * @return these sizes with {@link #repeats()}, {@link #cpuRepeats()} and {@link #convoyRepeats()}
   *     replaced
   * @throws IllegalArgumentException if {@code repeats} is below 1
   */
  public Sizes withRepeats(int repeats) {
    return with(cpuWorkers, ioWorkers, convoyCpuThreads, repeats, repeats, repeats);
  }

  /** These sizes with the counts a user may set replaced; the experiments' own sizes kept. */
  private Sizes with(int cpu, int io, int convoy, int repeats, int cpuRepeats, int convoyRepeats) {
    return new Sizes(
        countdown,
        cpu,
        io,
        ioRounds,
        ioDelay,
        convoy,
        convoyRoundTripsAlone,
        convoyRoundTripsBeside,
        convoyBesideFor,
        raceAppends,
        warmups,
        repeats,
        cpuRepeats,
        convoyRepeats);
  }
}

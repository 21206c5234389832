package dev.gillab.locks;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.ThreadSafe;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Recovery: take several locks in the order given, each with a timeout; when one times out, give
 * back everything taken, wait a random, growing while, and try again.
 *
 * <h2>Design note</h2>
 *
 * For code that cannot order its locks. A thread that times out holding nothing breaks any cycle it
 * was part of, so a deadlock lasts at most one timeout. Two threads that give up together and retry
 * together can collide again and again (livelock); the backoff is exponential with jitter (half the
 * cap, plus a random part of the other half), so they drift apart. After {@code maxAttempts} the
 * call gives up with {@link LockTimeoutException}: the caller decides what failure means. Time is
 * injectable ({@link Sleeper}), and the random sequence starts from a seed, so tests are
 * deterministic.
 *
 * <p>Thread-safe: each call has its own random stream, drawn from one atomic counter.
 */
@ThreadSafe
public final class TimedAcquisition {
  /** How a backoff waits; {@code Thread::sleep} by default. Must be thread-safe. */
  @FunctionalInterface
  public interface Sleeper {
    /**
     * Waits for {@code duration}, or pretends to: a test's sleeper records it and returns.
     *
     * @param duration the backoff chosen
     * @throws InterruptedException if interrupted while waiting; the acquisition then gives up
     */
    void sleep(Duration duration) throws InterruptedException;
  }

  /** Hears every retry: which attempt failed, the lock that was busy, the backoff chosen. */
  @FunctionalInterface
  public interface RetryListener {
    /**
     * Called after an attempt failed and everything it took was given back, before the backoff.
     *
     * @param failedAttempt the attempt that failed, from 1
     * @param busy the lock that timed out
     * @param backoff how long the caller is about to wait
     */
    void onRetry(int failedAttempt, OwnedLock busy, Duration backoff);
  }

  private final Duration timeoutPerLock;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Sleeper sleeper;
  private final RetryListener retryListener;
  private final long seed;
  private final AtomicLong calls = new AtomicLong();

  private TimedAcquisition(Builder b) {
    this.timeoutPerLock = b.timeoutPerLock;
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.sleeper = b.sleeper;
    this.retryListener = b.retryListener;
    this.seed = b.seed;
  }

  /**
   * Starts a configuration with the defaults: 10 ms per lock, 100 attempts, backoff from 1 ms up to
   * 50 ms.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Takes all {@code locks} in the order given; see {@link #acquireAll(List)}.
   *
   * @param locks the locks to take, at least one
   * @return a hold that releases them all, last taken first
   * @throws LockTimeoutException after {@code maxAttempts} failed attempts; nothing is held
   * @throws InterruptedException if interrupted while waiting; nothing is held
   */
  public Hold acquireAll(OwnedLock... locks) throws InterruptedException {
    return acquireAll(Arrays.asList(locks));
  }

  /**
   * Takes all {@code locks} in the order given, each within the per-lock timeout, retrying with
   * backoff; the hold releases them in reverse.
   *
   * @param locks the locks to take, at least one
   * @return a hold that releases them all, last taken first
   * @throws LockTimeoutException after {@code maxAttempts} failed attempts; nothing is held
   * @throws InterruptedException if interrupted while waiting; nothing is held
   */
  public Hold acquireAll(List<OwnedLock> locks) throws InterruptedException {
    checkNotNull(locks, "locks");
    checkArgument(!locks.isEmpty(), "acquireAll needs at least one lock");
    ImmutableList<OwnedLock> ordered = ImmutableList.copyOf(locks);
    SplittableRandom random =
        new SplittableRandom(seed + calls.incrementAndGet() * 0x9E3779B97F4A7C15L);
    OwnedLock busy = ordered.get(0);
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      int taken = 0;
      try {
        for (OwnedLock lock : ordered) {
          if (!lock.tryAcquire(timeoutPerLock)) {
            busy = lock;
            break;
          }
          taken++;
        }
      } finally {
        if (taken < ordered.size()) {
          OrderedAcquisition.releaseInReverse(ordered, taken);
        }
      }
      if (taken == ordered.size()) {
        return new OrderedAcquisition.MultiHold(ordered);
      }
      if (attempt < maxAttempts) {
        Duration pause = backoff(attempt, random);
        retryListener.onRetry(attempt, busy, pause);
        sleeper.sleep(pause);
      }
    }
    throw new LockTimeoutException(
        String.format(
            "gave up on locks [%s] after %d attempts; the last one timed out after %d ms waiting for '%s'",
            ordered.stream().map(OwnedLock::name).collect(Collectors.joining(", ")),
            maxAttempts,
            timeoutPerLock.toMillis(),
            busy.name()));
  }

  /**
   * Exponential with equal jitter: cap = min(max, initial * 2^(attempt-1)); cap/2 + rand(cap/2).
   */
  Duration backoff(int failedAttempt, SplittableRandom random) {
    long initial = initialBackoff.toNanos();
    long cap = maxBackoff.toNanos();
    for (int i = 1; i < failedAttempt && cap > initial; i++) {
      initial = Math.min(cap, initial * 2);
    }
    long capped = Math.min(cap, initial);
    long half = capped / 2;
    return Duration.ofNanos(half + (half > 0 ? random.nextLong(half + 1) : 0));
  }

  /** Configures a {@link TimedAcquisition}; not thread-safe. */
  public static final class Builder {
    private Duration timeoutPerLock = Duration.ofMillis(10);
    private int maxAttempts = 100;
    private Duration initialBackoff = Duration.ofMillis(1);
    private Duration maxBackoff = Duration.ofMillis(50);
    private Sleeper sleeper = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    private RetryListener retryListener = (attempt, busy, backoff) -> {};
    private long seed = System.nanoTime();

    private Builder() {}

    /**
     * How long to wait for each lock of an attempt: the longest a deadlock this call is part of can
     * last. Default 10 ms.
     *
     * @param timeout not negative
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder timeoutPerLock(Duration timeout) {
      checkArgument(!timeout.isNegative(), "timeoutPerLock must not be negative, was %s", timeout);
      this.timeoutPerLock = timeout;
      return this;
    }

    /**
     * Attempts before giving up. Default 100.
     *
     * @param attempts positive
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder maxAttempts(int attempts) {
      checkArgument(attempts > 0, "maxAttempts must be positive, was %s", attempts);
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * The first backoff cap and the largest one; the cap doubles after each failed attempt. Default
     * 1 ms and 50 ms.
     *
     * @param initial the cap after the first failed attempt, positive
     * @param max the largest cap, not less than {@code initial}
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder backoff(Duration initial, Duration max) {
      checkArgument(
          !initial.isNegative() && !initial.isZero(),
          "initial backoff must be positive, was %s",
          initial);
      checkArgument(
          max.compareTo(initial) >= 0,
          "max backoff %s must not be less than the initial backoff %s",
          max,
          initial);
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * Where the jitter's random stream starts. Default: the clock; a fixed seed makes the backoffs
     * of a test repeat.
     *
     * @param seed any value
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * How a backoff waits. Default: {@code Thread.sleep}; a test passes one that only records.
     *
     * @param sleeper thread-safe
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = checkNotNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Who hears of each retry. Default: nobody.
     *
     * @param listener called on the acquiring thread; thread-safe
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder onRetry(RetryListener listener) {
      this.retryListener = checkNotNull(listener, "listener");
      return this;
    }

    /**
     * Makes the acquirer; it may be shared by any number of threads.
     *
     * @return a new acquirer with this builder's settings
     */
    public TimedAcquisition build() {
      return new TimedAcquisition(this);
    }
  }
}

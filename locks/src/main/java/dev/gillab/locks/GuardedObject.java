package dev.gillab.locks;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.ThreadSafe;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A value tied to an {@link OwnedLock}: it can be reached only by a thread that holds the lock.
 *
 * <h2>Design note</h2>
 *
 * The seed's rule "only the holder may touch the object" is checked at run time on every access
 * ({@link #get}, {@link #set}, {@link #with}, {@link #update}): a thread that does not hold the
 * lock gets {@code IllegalStateException} naming itself, the lock and the holder, instead of a
 * silent race. Error Prone's {@code @GuardedBy} proves the same at compile time for fields, but
 * only for locks it understands; this works for any caller. It cannot stop a caller from keeping a
 * reference to a mutable value after releasing: keep values immutable, or touch them only inside
 * {@link #with}.
 *
 * <p>Thread-safe: every access checks the lock, and the lock's acquire/release give the value's
 * writes and reads their happens-before order.
 *
 * @param <T> the type of the guarded value
 */
@ThreadSafe
public final class GuardedObject<T> {
  private final OwnedLock lock;

  /** Guarded by {@link #lock}, checked on every access by {@link #checkHeld}. */
  @SuppressWarnings("ThreadSafe") // guarded by an OwnedLock, which the checker cannot follow
  private T value;

  private GuardedObject(OwnedLock lock, T value) {
    this.lock = lock;
    this.value = value;
  }

  /**
   * Guards {@code initial} with {@code lock}. Nobody need hold the lock to make the guard: no other
   * thread can reach the value before this returns.
   *
   * @param <T> the type of the guarded value
   * @param lock the lock a thread must hold to reach the value
   * @param initial the value, not null
   * @return the guard
   */
  public static <T> GuardedObject<T> of(OwnedLock lock, T initial) {
    return new GuardedObject<>(checkNotNull(lock, "lock"), checkNotNull(initial, "initial"));
  }

  /**
   * The lock to take before {@link #get}, {@link #set}, {@link #with} or {@link #update}.
   *
   * @return the lock that guards the value
   */
  public OwnedLock lock() {
    return lock;
  }

  /**
   * The value; the caller must hold the lock.
   *
   * @return the value
   * @throws IllegalStateException if it does not, e.g. {@code "main must hold lock 'account' to use
   *     the object it guards; nobody holds it"}
   */
  public T get() {
    checkHeld();
    return value;
  }

  /**
   * Replaces the value; the caller must hold the lock.
   *
   * @param newValue the new value, not null
   * @throws IllegalStateException if the caller does not hold the lock
   */
  public void set(T newValue) {
    checkNotNull(newValue, "newValue");
    checkHeld();
    value = newValue;
  }

  /**
   * Applies {@code f} to the value; the caller must hold the lock. The way to read a mutable value
   * without letting a reference to it escape the lock.
   *
   * @param <R> what {@code f} answers
   * @param f the function to apply; it should not keep the value
   * @return what {@code f} answered
   * @throws IllegalStateException if the caller does not hold the lock
   */
  @CanIgnoreReturnValue
  public <R> R with(Function<? super T, ? extends R> f) {
    checkNotNull(f, "f");
    checkHeld();
    return f.apply(value);
  }

  /**
   * Replaces the value by {@code f(value)}; the caller must hold the lock.
   *
   * @param f the update; it must not answer null
   * @return the new value
   * @throws IllegalStateException if the caller does not hold the lock
   */
  @CanIgnoreReturnValue
  public T update(UnaryOperator<T> f) {
    checkNotNull(f, "f");
    checkHeld();
    value =
        checkNotNull(
            f.apply(value), "the update of the object guarded by '%s' returned null", lock.name());
    return value;
  }

  /**
   * Takes the lock, applies {@code f} to the value, releases the lock: {@link #with} for a caller
   * that does not hold the lock yet.
   *
   * @param <R> what {@code f} answers
   * @param f the function to apply; it should not keep the value
   * @return what {@code f} answered
   * @throws InterruptedException if the thread is interrupted while it waits for the lock
   * @throws DeadlockException if taking the lock would close a wait-for cycle (policy THROW)
   */
  @CanIgnoreReturnValue
  public <R> R withLock(Function<? super T, ? extends R> f) throws InterruptedException {
    checkNotNull(f, "f");
    lock.acquire();
    try {
      return f.apply(value);
    } finally {
      lock.release();
    }
  }

  /**
   * Takes the lock, replaces the value by {@code f(value)}, releases the lock: {@link #update} for
   * a caller that does not hold the lock yet.
   *
   * @param f the update; it must not answer null
   * @return the new value
   * @throws InterruptedException if the thread is interrupted while it waits for the lock
   * @throws DeadlockException if taking the lock would close a wait-for cycle (policy THROW)
   */
  @CanIgnoreReturnValue
  public T updateWithLock(UnaryOperator<T> f) throws InterruptedException {
    lock.acquire();
    try {
      return update(f);
    } finally {
      lock.release();
    }
  }

  private void checkHeld() {
    if (!lock.isHeldByCurrentThread()) {
      throw new IllegalStateException(notHeldMessage());
    }
  }

  private String notHeldMessage() {
    @Nullable String who = lock.ownerName();
    return Thread.currentThread().getName()
        + " must hold lock '"
        + lock.name()
        + "' to use the object it guards; "
        + (who == null ? "nobody holds it" : who + " holds it");
  }

  /** {@code "GuardedObject[lock 'A' (free)]"}; never shows the value, which needs the lock. */
  @Override
  public String toString() {
    return "GuardedObject[" + lock + "]";
  }
}

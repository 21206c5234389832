package dev.gillab.workloads.internal;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Ticker;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Live sessions of a server, each under an id nobody can guess: at most {@code capacity} at once,
 * and one left alone for {@code idleTimeout} is gone. An id is 128 bits from {@link SecureRandom}
 * in URL-safe Base64, so a session is reachable only by whoever created it (or was given its id).
 *
 * <p>Expiry is lazy and exact: every call first drops the sessions idle for longer than the
 * timeout, by the injected {@link Ticker}, so a test moves time instead of waiting for it, and a
 * table nobody touches holds only memory. Thread-safe: one lock guards the map; the sessions
 * themselves guard their own state.
 */
public final class SessionTable<S> {
  /** Why a session could not be added: the table is full of sessions still in use. */
  public static final class FullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FullException(int capacity) {
      super("the server has " + capacity + " live sessions, its most; try again later");
    }
  }

  private static final int ID_BYTES = 16;

  private final int capacity;
  private final long idleNanos;
  private final Ticker ticker;
  private final SecureRandom random = new SecureRandom();

  /** Least recently used first (access order), so expiry stops at the first live one. */
  @GuardedBy("this")
  private final LinkedHashMap<String, Entry<S>> sessions = new LinkedHashMap<>(16, 0.75f, true);

  public SessionTable(int capacity, Duration idleTimeout, Ticker ticker) {
    checkArgument(capacity >= 1, "capacity must be at least 1, was %s", capacity);
    checkArgument(
        !idleTimeout.isNegative() && !idleTimeout.isZero(),
        "idleTimeout must be positive, was %s",
        idleTimeout);
    this.capacity = capacity;
    this.idleNanos = idleTimeout.toNanos();
    this.ticker = checkNotNull(ticker, "ticker");
  }

  /**
   * Adds {@code session} under a new id, after dropping the idle ones.
   *
   * @throws FullException if {@code capacity} sessions are still live
   */
  public synchronized String add(S session) {
    checkNotNull(session, "session");
    expire();
    if (sessions.size() >= capacity) {
      throw new FullException(capacity);
    }
    String id;
    do {
      id = newId();
    } while (sessions.containsKey(id));
    sessions.put(id, new Entry<>(session, ticker.read()));
    return id;
  }

  /** The session under {@code id}, touched (its idle time starts again), if it is live. */
  public synchronized Optional<S> get(String id) {
    expire();
    Entry<S> e = sessions.get(id);
    if (e == null) {
      return Optional.empty();
    }
    e.lastUsed = ticker.read();
    return Optional.of(e.session);
  }

  /** Removes the session under {@code id}; whether there was one. */
  public synchronized boolean remove(String id) {
    expire();
    return sessions.remove(id) != null;
  }

  /** How many sessions are live now. */
  public synchronized int size() {
    expire();
    return sessions.size();
  }

  @GuardedBy("this")
  private void expire() {
    long now = ticker.read();
    for (Iterator<Map.Entry<String, Entry<S>>> it = sessions.entrySet().iterator();
        it.hasNext(); ) {
      if (now - it.next().getValue().lastUsed < idleNanos) {
        return; // access order: every later one was used more recently
      }
      it.remove();
    }
  }

  private String newId() {
    byte[] b = new byte[ID_BYTES];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static final class Entry<S> {
    final S session;
    long lastUsed;

    Entry(S session, long lastUsed) {
      this.session = session;
      this.lastUsed = lastUsed;
    }
  }
}

package dev.gillab.workloads.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Session ids, the capacity, and idle expiry by a ticker the test moves. */
public class SessionTableTest {
  /** A ticker that moves only when told. */
  public static final class FakeTicker extends Ticker {
    long nanos;

    @Override
    public long read() {
      return nanos;
    }

    /** Moves time on by {@code d}. */
    public void advance(Duration d) {
      nanos += d.toNanos();
    }
  }

  private final FakeTicker ticker = new FakeTicker();

  @Test
  void idsAre128RandomBitsInUrlSafeBase64AndNeverRepeat() {
    SessionTable<String> t = new SessionTable<>(10_000, Duration.ofMinutes(1), ticker);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = t.add("s" + i);
      assertTrue(id.matches("[A-Za-z0-9_-]{22}"), id);
      assertTrue(ids.add(id), "repeated " + id);
    }
    assertEquals(10_000, t.size());
  }

  @Test
  void eachIdFindsItsOwnSessionAndAnUnknownOneNothing() {
    SessionTable<String> t = new SessionTable<>(4, Duration.ofMinutes(1), ticker);
    String a = t.add("a");
    String b = t.add("b");
    assertEquals(Optional.of("a"), t.get(a));
    assertEquals(Optional.of("b"), t.get(b));
    assertEquals(Optional.empty(), t.get("AAAAAAAAAAAAAAAAAAAAAA"));
    assertTrue(t.remove(a));
    assertEquals(Optional.empty(), t.get(a));
    assertEquals(false, t.remove(a));
  }

  @Test
  void aFullTableRefusesUntilASessionEnds() {
    SessionTable<String> t = new SessionTable<>(2, Duration.ofMinutes(1), ticker);
    String a = t.add("a");
    t.add("b");
    SessionTable.FullException e = assertThrows(SessionTable.FullException.class, () -> t.add("c"));
    assertEquals("the server has 2 live sessions, its most; try again later", e.getMessage());
    t.remove(a);
    t.add("c");
    assertEquals(2, t.size());
  }

  @Test
  void anIdleSessionExpiresAndAUsedOneDoesNot() {
    SessionTable<String> t = new SessionTable<>(2, Duration.ofMinutes(30), ticker);
    String idle = t.add("idle");
    String used = t.add("used");
    ticker.advance(Duration.ofMinutes(20));
    assertEquals(Optional.of("used"), t.get(used)); // touched: its half hour starts again
    ticker.advance(Duration.ofMinutes(10));
    assertEquals(Optional.empty(), t.get(idle), "idle for exactly the timeout: gone");
    assertEquals(Optional.of("used"), t.get(used));
    assertEquals(1, t.size());
  }

  @Test
  void expiryMakesRoomInAFullTable() {
    SessionTable<String> t = new SessionTable<>(1, Duration.ofSeconds(10), ticker);
    t.add("old");
    assertThrows(SessionTable.FullException.class, () -> t.add("new"));
    ticker.advance(Duration.ofSeconds(10));
    String id = t.add("new");
    assertEquals(Optional.of("new"), t.get(id));
  }
}

package dev.gillab.gil.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import org.jspecify.annotations.Nullable;

/**
 * JFR events of the GIL, committed only from its slow paths and only while a recording has them
 * enabled. They appear in JDK Mission Control under "gil-lab / GIL".
 *
 * <p>No event object is made until JFR is up in this JVM (a recording was started, in the process
 * or with {@code -XX:StartFlightRecording}): the first event object a JVM makes loads JFR's
 * machinery, which took 100–220 ms here, and that cost would otherwise land inside the first GIL
 * wait of every program. Until then each helper costs one static read.
 */
public final class GilJfr {
  private GilJfr() {}

  /** Whether JFR is up, so events may be made; once true it stays true. */
  private static boolean up() {
    return FlightRecorder.isInitialized();
  }

  /** A started {@link Wait}, or null while JFR is not up. */
  public static @Nullable Wait beginWait() {
    if (!up()) {
      return null;
    }
    Wait e = new Wait();
    e.begin();
    return e;
  }

  /** Ends a wait begun by {@link #beginWait}. */
  public static void endWait(@Nullable Wait e, String gil, long switchNumber) {
    if (e != null && e.shouldCommit()) {
      e.gil = gil;
      e.switchNumber = switchNumber;
      e.commit();
    }
  }

  /** A started {@link IoRelease}, or null while JFR is not up. */
  public static @Nullable IoRelease beginIoRelease() {
    if (!up()) {
      return null;
    }
    IoRelease e = new IoRelease();
    e.begin();
    return e;
  }

  /** Ends an IO release begun by {@link #beginIoRelease}. */
  public static void endIoRelease(@Nullable IoRelease e, String gil) {
    if (e != null && e.shouldCommit()) {
      e.gil = gil;
      e.commit();
    }
  }

  /** Commits a {@link DropRequest} if JFR is up and the event enabled. */
  public static void dropRequest(String gil, @Nullable Thread holder) {
    if (up()) {
      DropRequest e = new DropRequest();
      if (e.shouldCommit()) {
        e.gil = gil;
        e.holder = holder == null ? null : holder.getName();
        e.commit();
      }
    }
  }

  /** Commits a {@link ForcedDrop} if JFR is up and the event enabled. */
  public static void forcedDrop(String gil) {
    if (up()) {
      ForcedDrop e = new ForcedDrop();
      if (e.shouldCommit()) {
        e.gil = gil;
        e.commit();
      }
    }
  }

  /** A thread waited for the GIL (duration = the wait). */
  @Name("dev.gillab.gil.Wait")
  @Label("GIL Wait")
  @Category({"gil-lab", "GIL"})
  @Description("A thread found the GIL taken and waited until it had it")
  public static final class Wait extends Event {
    @Label("Interpreter")
    public String gil;

    @Label("Switch Number")
    public long switchNumber;
  }

  /** A waiter asked the holder to drop the GIL. */
  @Name("dev.gillab.gil.DropRequest")
  @Label("GIL Drop Request")
  @Category({"gil-lab", "GIL"})
  public static final class DropRequest extends Event {
    @Label("Interpreter")
    public String gil;

    @Label("Holder")
    public String holder;
  }

  /** The holder dropped the GIL because it was asked to. */
  @Name("dev.gillab.gil.ForcedDrop")
  @Label("GIL Forced Drop")
  @Category({"gil-lab", "GIL"})
  public static final class ForcedDrop extends Event {
    @Label("Interpreter")
    public String gil;
  }

  /** A blocking call ran with the GIL released (duration = the call). */
  @Name("dev.gillab.gil.IoRelease")
  @Label("GIL Released For IO")
  @Category({"gil-lab", "GIL"})
  public static final class IoRelease extends Event {
    @Label("Interpreter")
    public String gil;
  }
}

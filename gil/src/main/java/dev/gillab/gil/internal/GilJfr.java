package dev.gillab.gil.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * JFR events of the GIL, committed only from its slow paths and only while a recording has
 * them enabled (an event that is off costs a test of a static flag). They appear in JDK Mission
 * Control under "gil-lab / GIL".
 */
public final class GilJfr {
  private GilJfr() {}

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

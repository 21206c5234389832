package dev.gillab.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommonOptionsTest {
  @Test
  void theOptionsGivenAreNamedInTheOrderTheHelpListsThem() {
    CommonOptions o = new CommonOptions();
    assertEquals(List.of(), o.given());
    o.report = Path.of("out");
    o.workers = 4;
    o.quick = true;
    o.switchInterval = "1ms";
    assertEquals(List.of("--workers", "--switch-interval", "--quick", "--report"), o.given());
  }

  @Test
  void aSubcommandsValueWinsAndTheParentsFillsTheRest() {
    CommonOptions parent = new CommonOptions();
    parent.workers = 2;
    parent.policy = "ticks";
    parent.json = Path.of("parent.json");
    CommonOptions child = new CommonOptions();
    child.workers = 8;
    child.maxTime = "9s";

    CommonOptions m = child.mergedOver(parent);

    assertEquals(8, m.workers);
    assertEquals("ticks", m.policy);
    assertEquals(Path.of("parent.json"), m.json);
    assertEquals("9s", m.maxTime);
    assertEquals(List.of("--workers", "--policy", "--max-time", "--json"), m.given());
    assertSame(child, child.mergedOver(null));
  }
}

package dev.gillab.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** A suite refuses a missing collaborator when it is made, not when it first runs. */
class SuiteTest {
  private static final Settings SETTINGS = Settings.of(Sizes.quick(), PolicyChoice.defaultPolicy());
  private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

  @Test
  void eachArgumentIsRequiredByName() {
    assertEquals(
        "settings",
        assertThrows(NullPointerException.class, () -> new Suite(null, NOWHERE, NOWHERE))
            .getMessage());
    assertEquals(
        "out",
        assertThrows(NullPointerException.class, () -> new Suite(SETTINGS, null, NOWHERE))
            .getMessage());
    assertEquals(
        "err",
        assertThrows(NullPointerException.class, () -> new Suite(SETTINGS, NOWHERE, null))
            .getMessage());
  }
}

package dev.gillab.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteSizesTest {
  @Test
  void unitsArePowersOf1024InAnyCaseAndSpelling() {
    assertEquals(4096, ByteSizes.parse("4096"));
    assertEquals(4096, ByteSizes.parse("4096b"));
    assertEquals(64L << 10, ByteSizes.parse("64k"));
    assertEquals(512L << 20, ByteSizes.parse("512m"));
    assertEquals(64L << 20, ByteSizes.parse("64MiB"));
    assertEquals(64L << 20, ByteSizes.parse("64 MB"));
    assertEquals(1L << 30, ByteSizes.parse("1g"));
    assertEquals(2L << 40, ByteSizes.parse("2T"));
  }

  @Test
  void anythingElseIsRefusedWithWhatWasGiven() {
    for (String bad : new String[] {"", "m", "-1m", "1.5g", "12 apples", "1mm", "1p"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse(bad), bad);
      assertEquals("a size such as 512m, 64MiB or 1g, was '" + bad + "'", e.getMessage());
    }
    assertEquals(
        "a size such as 512m, 64MiB or 1g that fits in 63 bits, was '9000000000000t'",
        assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse("9000000000000t"))
            .getMessage());
  }

  @Test
  void aMaxMemoryHasAFloorOf1m() {
    assertEquals(1L << 20, ByteSizes.maxMemory("--max-memory", "1m"));
    assertEquals(
        "--max-memory must be at least 1m (1048576 bytes), was 1023k",
        assertThrows(
                IllegalArgumentException.class, () -> ByteSizes.maxMemory("--max-memory", "1023k"))
            .getMessage());
  }
}

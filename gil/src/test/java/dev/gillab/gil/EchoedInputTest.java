package dev.gillab.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Input a message repeats is made safe: control characters (a terminal escape included) appear
 * escaped, and a long name is cut, so a hostile file can neither repaint the terminal nor make a
 * megabyte-long error line.
 */
class EchoedInputTest {
  @Test
  void aTerminalEscapeInAnInstructionIsShownEscaped() {
    VerifyException e =
        assertThrows(VerifyException.class, () -> Assembler.assemble("t", "FROB\u001b[2J\n"));
    assertEquals("t:1: unknown instruction 'FROB\\x1b[2J'", e.getMessage());
  }

  @Test
  void aMegabyteNameIsCutToTwoHundredCharacters() {
    String name = "x".repeat(1 << 20);
    VerifyException e =
        assertThrows(VerifyException.class, () -> Assembler.assemble("t", "LOAD_FAST " + name));
    assertEquals("t:1: local '" + "x".repeat(200) + "...' is never assigned", e.getMessage());
    assertTrue(e.getMessage().length() < 300);
  }

  @Test
  void theCodeNameIsEscapedToo() {
    VerifyException e =
        assertThrows(VerifyException.class, () -> Assembler.assemble("a\nb", "NOP\n"));
    assertEquals("a\\x0ab:1: control runs off the end of the code", e.getMessage());
  }

  @Test
  void otherModulesEchoThroughTheSameRule() {
    assertEquals("out\\x1b[2J.json", UserInput.echo("out\u001b[2J.json"));
    assertEquals("x".repeat(200) + "...", UserInput.echo("x".repeat(1000)));
  }
}

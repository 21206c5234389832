package dev.gillab.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Exit statuses, codecs and the task registry: the small value types of the API. */
class ValuesTest {
  @Test
  void exitStatusNamesTheSignal() {
    assertEquals("exit code 0", new ExitStatus(0).toString());
    assertEquals("exit code 3", new ExitStatus(3).toString());
    assertEquals(
        "killed by signal 9 (SIGKILL), exit code 137",
        new ExitStatus(ExitStatus.SIGKILL_EXIT_CODE).toString());
    assertEquals(OptionalInt.of(15), new ExitStatus(143).signal());
    assertEquals(OptionalInt.empty(), new ExitStatus(1).signal());
    assertTrue(new ExitStatus(0).isSuccess());
  }

  @Test
  void codecsRoundTrip() {
    assertEquals("héllo", Codecs.utf8().decode(Codecs.utf8().encode("héllo")));
    assertEquals(-5L, Codecs.int64().decode(Codecs.int64().encode(-5L)));
    assertArrayEquals(
        new long[] {1, Long.MIN_VALUE},
        Codecs.int64s().decode(Codecs.int64s().encode(new long[] {1, Long.MIN_VALUE})));
    assertArrayEquals(new byte[] {4}, Codecs.bytes().decode(new byte[] {4}));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Codecs.int64().decode(new byte[3]));
    assertEquals("an int64 needs 8 bytes, got 3", e.getMessage());
  }

  @Test
  void registryFindsByNameAndRefusesDuplicates() throws Exception {
    TaskRegistry registry =
        TaskRegistry.builder()
            .add("upper", Codecs.utf8(), Codecs.utf8(), s -> s.toUpperCase(java.util.Locale.ROOT))
            .addModule(new TestTasks())
            .build();
    assertEquals(
        "ABC",
        Codecs.utf8()
            .decode(registry.find("upper").orElseThrow().run(Codecs.utf8().encode("abc"))));
    assertTrue(registry.find("nope").isEmpty());
    assertTrue(registry.names().contains(TestTasks.SLEEP));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TaskRegistry.builder().add("x", in -> in).add("x", in -> in));
    assertEquals("task 'x' is registered twice", e.getMessage());
  }
}

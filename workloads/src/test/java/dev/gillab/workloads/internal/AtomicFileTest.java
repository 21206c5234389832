package dev.gillab.workloads.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command-line matrix cannot reach: a body that fails, a body that closes its stream, and
 * something other than a regular file put at the target while the body writes.
 */
class AtomicFileTest {
  @TempDir Path dir;

  @Test
  void aBodyThatClosesItsStreamStillHasItsFileWritten() throws Exception {
    Path f = dir.resolve("a.txt");
    String answer =
        AtomicFile.write(
            f,
            out -> {
              out.write("whole".getBytes(StandardCharsets.UTF_8));
              out.close();
              return "done";
            });
    assertEquals("done", answer);
    assertEquals("whole", Files.readString(f));
    assertEquals(List.of(f), list());
  }

  @Test
  void aFailingBodyLeavesTheOldFileAndNoTemporaryOne() throws Exception {
    Path f = oldFile();
    IOException e =
        writeFails(
            f,
            out -> {
              out.write("half".getBytes(StandardCharsets.UTF_8));
              throw new IOException("disk full");
            });
    assertEquals("disk full", e.getMessage());
    assertEquals("old", Files.readString(f));
    assertEquals(List.of(f), list());
  }

  @Test
  void aLinkPutAtTheTargetDuringTheWriteIsLeftAsItIs() throws Exception {
    Path f = oldFile();
    Path elsewhere = Files.writeString(dir.resolve("elsewhere"), "keep");
    IOException e =
        writeFails(
            f,
            out -> {
              Files.delete(f);
              Files.createSymbolicLink(f, elsewhere);
              return null;
            });
    assertTrue(
        e.getMessage().endsWith("a.txt' is no longer a regular file; left as it is"),
        e.getMessage());
    assertTrue(Files.isSymbolicLink(f));
    assertEquals("keep", Files.readString(elsewhere));
    assertEquals(2, list().size(), "no temporary file left");
  }

  /** {@code a.txt}, holding {@code old}. */
  private Path oldFile() throws IOException {
    return Files.writeString(dir.resolve("a.txt"), "old");
  }

  /** What {@link AtomicFile#write} throws when it writes {@code f} through {@code body}. */
  private static IOException writeFails(Path f, AtomicFile.Body<?> body) {
    return assertThrows(IOException.class, () -> AtomicFile.write(f, body));
  }

  private List<Path> list() throws IOException {
    try (var files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}

package dev.gillab.gil;

import dev.gillab.gil.internal.Echo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A program's source, read with care: only a regular file (a FIFO would block, a device could be
 * endless), at most a set number of bytes (read bounded, so a file that grows meanwhile cannot
 * exhaust memory), strictly UTF-8 (as Python 3 reads source), a leading byte-order mark dropped.
 * Each refusal is one line naming the file, its name echoed safely ({@link Echo}). Immutable.
 */
final class SourceFile implements Traceback.Sources {
  static final long DEFAULT_MAX_BYTES = 16L << 20;

  private final Path path;
  private final String displayName;
  private final String text;
  private final List<String> lines;

  private SourceFile(Path path, String displayName, String text) {
    this.path = path;
    this.displayName = displayName;
    this.text = text;
    this.lines = text.lines().toList();
  }

  static SourceFile read(Path path, long maxBytes) throws ProgramRunner.CannotRun {
    String name = Echo.of(path.toString());
    if (!Files.exists(path)) {
      throw new ProgramRunner.CannotRun(name + ": no such file");
    }
    if (!Files.isRegularFile(path)) {
      throw new ProgramRunner.CannotRun(name + ": not a regular file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    } catch (NoSuchFileException e) {
      throw new ProgramRunner.CannotRun(name + ": no such file");
    } catch (IOException e) {
      throw new ProgramRunner.CannotRun(
          name + ": cannot read: " + Echo.of(String.valueOf(e.getMessage())));
    }
    if (bytes.length > maxBytes) {
      throw new ProgramRunner.CannotRun(
          name + ": file too large (the limit is " + maxBytes + " bytes)");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (MalformedInputException e) {
      throw new ProgramRunner.CannotRun(name + ": not UTF-8 text");
    } catch (CharacterCodingException e) {
      throw new ProgramRunner.CannotRun(name + ": not UTF-8 text");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return new SourceFile(path, name, text);
  }

  Path path() {
    return path;
  }

  /** The file's name as the user gave it, safe to print. */
  String displayName() {
    return displayName;
  }

  String text() {
    return text;
  }

  /** Line {@code n} (1-based) of this file without its indentation, or "" past the end. */
  @Override
  public String line(String filename, int n) {
    return filename.equals(displayName) && n >= 1 && n <= lines.size()
        ? lines.get(n - 1).strip()
        : "";
  }
}

package dev.gillab.workloads.internal;

import dev.gillab.gil.UserInput;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that a reader sees the old content or the new, never half: into a temporary file
 * beside the target, then renamed over it. The target is where {@link OutputPath} allows — through
 * any symbolic link, so the link stays and its target is replaced — and is checked again just
 * before the rename, so what the rename replaces is a regular file or nothing.
 *
 * <p>The temporary file is made with the default permissions, so a new file has the mode the user's
 * umask gives ({@code Files.createTempFile} would make it 0600); a replaced file keeps its
 * permission bits (not its owner, which is whoever writes). Its name is hidden and unique ({@code
 * .NAME.RANDOM.tmp}), created exclusively, and removed if anything fails. Stateless.
 */
public final class AtomicFile {
  private static final int ATTEMPTS = 10;

  /** How much of the target's name the temporary file repeats, leaving room in a name's 255. */
  private static final int NAME_CHARS = 64;

  private AtomicFile() {}

  /** Writes a file's content; may close {@code out}, which then only flushes. */
  @FunctionalInterface
  public interface Body<T> {
    T writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code file} with what {@code body} writes; answers what {@code body} answers.
   *
   * @throws IOException if the path may not be written (as {@link OutputPath} would say) or the
   *     writing fails; the target is then as it was
   */
  public static <T> T write(Path file, Body<T> body) throws IOException {
    Path target = OutputPath.writableTarget(file);
    Path tmp = null;
    FileChannel channel = null;
    for (int attempt = 1; channel == null; attempt++) {
      tmp = target.resolveSibling(tempName(target.getFileName().toString()));
      try {
        channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
    boolean moved = false;
    try {
      T answer;
      try (FileChannel c = channel;
          OutputStream out = Channels.newOutputStream(c)) {
        OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        answer = body.writeTo(new FlushOnClose(buffered));
        buffered.flush();
        c.force(true);
      }
      keepMode(target, tmp);
      requireRegularOrNothing(target);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
      return answer;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static String tempName(String name) {
    String kept = name.length() > NAME_CHARS ? name.substring(0, NAME_CHARS) : name;
    return "."
        + kept
        + "."
        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt())
        + ".tmp";
  }

  /** A replaced file keeps its permission bits; a new one has the umask's. */
  private static void keepMode(Path target, Path tmp) throws IOException {
    Set<PosixFilePermission> mode;
    try {
      mode = Files.getPosixFilePermissions(target);
    } catch (NoSuchFileException e) {
      return;
    } catch (UnsupportedOperationException e) {
      return; // no POSIX permissions to keep
    }
    Files.setPosixFilePermissions(tmp, mode);
  }

  /** The rename may replace a regular file, never a folder, device, FIFO or socket put there. */
  private static void requireRegularOrNothing(Path target) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    }
    if (!a.isRegularFile()) {
      throw new IOException(
          "'" + UserInput.echo(target.toString()) + "' is no longer a regular file; left as it is");
    }
  }

  /** Lets a body close its stream (Jackson does) without closing the file before it is synced. */
  private static final class FlushOnClose extends FilterOutputStream {
    FlushOnClose(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}

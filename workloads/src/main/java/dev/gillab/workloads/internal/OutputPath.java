package dev.gillab.workloads.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.gillab.gil.UserInput;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.Objects;

/**
 * The one gate for a path the user names for output ({@code --json FILE}, {@code --report DIR}):
 * checked before any work, so a bad path costs nothing but a line, and written by {@link
 * AtomicFile} only where the check allows.
 *
 * <p>The rules. A file's folder must exist (nothing is made on the way) and be writable, since a
 * file is replaced by renaming a new one over it. What is already at the path must be a regular
 * file: a folder, a device, a FIFO or a socket is refused, never replaced (as root, renaming over
 * {@code /dev/full} would delete the device node). A symbolic link is followed to its target, which
 * is written and obeys the same rules; the link stays; a link to nothing is refused. A report
 * folder is the same, with a folder in place of the file: an existing folder, or a new one whose
 * parent exists; and the files the report writes into it must each pass as a file.
 *
 * <p>A refusal is one line: {@code cannot write --json 'PATH': REASON}, the user's path echoed
 * through {@link UserInput#echo}. The check runs again when the file is written, since the run
 * between may be long; what the two cannot close is a path swapped in the instant between the
 * second check and the rename. Stateless.
 */
public final class OutputPath {
  private OutputPath() {}

  /** A path that cannot be written; the message is one line naming the option and the path. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String option, Path path, String reason) {
      super(
          "cannot write " + option + " '" + UserInput.echo(path.toString()) + "': " + reason,
          null,
          false,
          false);
    }
  }

  /**
   * Checks that {@code file}, given as {@code option}, can be written as a file.
   *
   * @throws Refused saying why not
   */
  public static void checkFile(String option, Path file) {
    try {
      target(file);
    } catch (Problem p) {
      throw new Refused(option, file, p.getMessage());
    }
  }

  /**
   * Checks that {@code dir}, given as {@code option}, is or can be made a folder, and that each of
   * {@code files} can be written in it.
   *
   * @throws Refused saying why not
   */
  public static void checkFolder(String option, Path dir, Collection<String> files) {
    try {
      if (folder(dir)) {
        for (String name : files) {
          Path f = dir.resolve(name);
          try {
            target(f);
          } catch (Problem p) {
            throw new Problem("'" + echo(f) + "' is " + p.getMessage());
          }
        }
      }
    } catch (Problem p) {
      throw new Refused(option, dir, p.getMessage());
    }
  }

  /** Makes {@code dir}, the parent being there, unless it is a folder already (or links to one). */
  public static Path makeFolder(Path dir) throws IOException {
    checkNotNull(dir, "dir");
    if (!Files.isDirectory(dir)) {
      Files.createDirectory(dir);
    }
    return dir;
  }

  /**
   * Where {@code file} is written: the real path of the regular file it names, or of the new file
   * in its folder's real path; symbolic links resolved.
   *
   * @throws IOException saying why it cannot be written, as a refusal would
   */
  static Path writableTarget(Path file) throws IOException {
    try {
      return target(file);
    } catch (Problem p) {
      throw new IOException("cannot write '" + echo(file) + "': " + p.getMessage());
    }
  }

  private static Path target(Path file) throws Problem {
    checkNotNull(file, "file");
    if (file.toString().isEmpty()) {
      throw new Problem("no name");
    }
    requireParentFolder(file);
    if (!exists(file)) {
      return newEntry(file);
    }
    Path real = realPath(file);
    if (Files.isDirectory(real)) {
      throw new Problem("a folder, not a file");
    }
    if (!Files.isRegularFile(real)) {
      throw new Problem(special(real) + ", not a regular file");
    }
    writableFolder(real.getParent(), Files.isSymbolicLink(file) ? real.getParent() : parent(file));
    return real;
  }

  /** True if {@code dir} is an existing folder; false if it is a new one that can be made. */
  private static boolean folder(Path dir) throws Problem {
    if (dir.toString().isEmpty()) {
      throw new Problem("no name");
    }
    requireParentFolder(dir);
    if (!exists(dir)) {
      newEntry(dir);
      return false;
    }
    Path real = realPath(dir);
    if (Files.isRegularFile(real)) {
      throw new Problem("a file, not a folder");
    }
    if (!Files.isDirectory(real)) {
      throw new Problem(special(real) + ", not a folder");
    }
    writableFolder(real, dir);
    return true;
  }

  /** Nothing is made on the way: the folder {@code p} is in must be there. */
  private static void requireParentFolder(Path p) throws Problem {
    Path parent = p.toAbsolutePath().getParent();
    if (parent == null) {
      return; // the root
    }
    if (!Files.exists(parent)) {
      throw new Problem("the folder '" + echo(parent(p)) + "' does not exist");
    }
    if (!Files.isDirectory(parent)) {
      throw new Problem("'" + echo(parent(p)) + "' is not a folder");
    }
  }

  /** The real path a new {@code entry} gets, in its folder, which must be writable. */
  private static Path newEntry(Path entry) throws Problem {
    Path realParent = realPath(entry.toAbsolutePath().getParent());
    writableFolder(realParent, parent(entry));
    return realParent.resolve(entry.getFileName());
  }

  /**
   * True if something is at {@code p}; a symbolic link must lead somewhere.
   *
   * @throws Problem for a link to nothing, or when {@code p} cannot be looked at
   */
  private static boolean exists(Path p) throws Problem {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw new Problem(unreadable(e));
    }
    if (a.isSymbolicLink() && !Files.exists(p)) {
      Path to;
      try {
        to = Files.readSymbolicLink(p);
      } catch (IOException e) {
        throw new Problem(unreadable(e));
      }
      // The next hop being there means the chain never ends in a file: a loop, or too long.
      throw new Problem(
          "a symbolic link to '"
              + echo(to)
              + "', which "
              + (Files.exists(parent(p).resolve(to), LinkOption.NOFOLLOW_LINKS)
                  ? "leads to no file"
                  : "does not exist"));
    }
    return true;
  }

  /** The folder of {@code p} as the user would name it: as given, or the current one. */
  private static Path parent(Path p) {
    Path given = p.getParent();
    return given != null ? given : Objects.requireNonNullElse(p.toAbsolutePath().getParent(), p);
  }

  private static Path realPath(Path p) throws Problem {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      throw new Problem(unreadable(e));
    }
  }

  private static void writableFolder(Path real, Path shown) throws Problem {
    if (!Files.isWritable(real)) {
      throw new Problem("the folder '" + echo(shown) + "' is not writable");
    }
  }

  /** What a path that is neither file nor folder is, as the file's mode says. */
  private static String special(Path p) {
    try {
      return switch ((Integer) Files.getAttribute(p, "unix:mode") & 0170000) {
        case 0010000 -> "a FIFO";
        case 0140000 -> "a socket";
        case 0020000, 0060000 -> "a device";
        default -> "a special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "a special file"; // a file system without POSIX modes
    }
  }

  private static String unreadable(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "unreadable: permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return "unreadable: " + f.getReason();
    }
    return "unreadable: " + e.getClass().getSimpleName();
  }

  private static String echo(Path p) {
    return UserInput.echo(p.toString());
  }

  /** Why a path cannot be written: a phrase for a refusal's end; control flow, no stack trace. */
  private static final class Problem extends Exception {
    private static final long serialVersionUID = 1L;

    Problem(String reason) {
      super(reason, null, false, false);
    }
  }
}

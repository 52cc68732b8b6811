package org.clvkit.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A folder of outputs that appears complete or not at all: everything is written into a staging
 * folder beside the target ({@code .<name>.<random>.tmp}), and {@link #commit()} swaps it in: the
 * earlier folder is renamed aside ({@code .<name>.<random>.old}), the staging folder renamed to the
 * target, and the earlier one deleted. Closing without a commit deletes the staging folder, so a
 * failed run leaves the earlier folder byte for byte; a killed run leaves it too, with a hidden
 * staging folder beside it. Between the two renames of the swap (microseconds) the target is
 * absent; a run killed exactly there leaves the earlier folder in the {@code .old} folder.
 *
 * <p>Only a folder that is absent, empty, or made by this class (it holds {@link #MARKER}, or a
 * {@code report.html} of an earlier version) is replaced: any other folder is a usage error, so a
 * mistyped {@code -o .} can never swap away a folder of other files.
 *
 * <p>Permissions: a new folder gets those of any new folder of the process (0777 less the umask on
 * POSIX systems); a replaced folder's POSIX permissions pass to its replacement.
 */
final class OutputFolder implements AutoCloseable {
  /** The file that marks a folder written by {@code clv}. */
  static final String MARKER = ".clv-output";

  private final Path target;
  private final Path staging;
  private boolean committed;

  private OutputFolder(Path target, Path staging) {
    this.target = target;
    this.staging = staging;
  }

  /**
   * Creates the staging folder beside {@code target}.
   *
   * @param option the option that named the folder, for messages
   * @throws CliException usage ({@link ExitCodes#USAGE}) when the target holds other files, I/O
   *     ({@link ExitCodes#IO}) when its parent is not writable
   */
  static OutputFolder open(Path target, String option) {
    Path absolute = target.toAbsolutePath().normalize();
    if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
        throw CliException.usage(
            option + " " + target + " must be a folder (or not exist yet), was a file");
      }
      if (!replaceable(absolute)) {
        throw CliException.usage(
            option
                + " "
                + target
                + " must be a new or empty folder or one written by clv, was a folder of other"
                + " files (clv replaces the whole folder)");
      }
    }
    Path parent = absolute.getParent();
    Output.directory(parent);
    try {
      Path staging = AtomicOutput.sibling(absolute, true);
      Files.writeString(staging.resolve(MARKER), "written by clv\n", StandardCharsets.UTF_8);
      return new OutputFolder(absolute, staging);
    } catch (IOException e) {
      throw Output.cannotWrite(target, e);
    }
  }

  private static boolean replaceable(Path folder) {
    if (Files.exists(folder.resolve(MARKER)) || Files.exists(folder.resolve("report.html"))) {
      return true;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      return !entries.iterator().hasNext();
    } catch (IOException e) {
      throw Output.cannotWrite(folder, e);
    }
  }

  /** The folder that becomes the target, as given. */
  Path target() {
    return target;
  }

  /** Where {@code relative} is written now (inside the staging folder). */
  Path staged(String relative) {
    return staging.resolve(relative);
  }

  /** Where {@code relative} will be once committed, for messages. */
  Path finalPath(String relative) {
    return target.resolve(relative);
  }

  /** An output file inside the folder; committing it only completes it in the staging folder. */
  AtomicOutput file(String relative) {
    return AtomicOutput.open(staged(relative));
  }

  /** Writes a whole file inside the folder. */
  void write(String relative, byte[] bytes) {
    try (AtomicOutput out = file(relative)) {
      out.commit(bytes);
    }
  }

  /**
   * Swaps the staging folder in for the target.
   *
   * @throws CliException with {@link ExitCodes#IO} when a rename fails (the earlier folder is then
   *     put back)
   */
  void commit() {
    try {
      Path old = null;
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        old = staging.resolveSibling(staging.getFileName().toString().replace(".tmp", ".old"));
        AtomicOutput.keepPermissions(target, staging);
        AtomicOutput.move(target, old);
      }
      try {
        AtomicOutput.move(staging, target);
      } catch (IOException e) {
        if (old != null) {
          AtomicOutput.move(old, target);
        }
        throw e;
      }
      committed = true;
      if (old != null) {
        deleteTree(old);
      }
    } catch (IOException e) {
      throw Output.cannotWrite(target, e);
    }
  }

  /** Deletes the staging folder unless committed. */
  @Override
  public void close() {
    if (!committed) {
      try {
        deleteTree(staging);
      } catch (IOException ignored) {
        // a hidden folder beside the target: nothing more can be done
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}

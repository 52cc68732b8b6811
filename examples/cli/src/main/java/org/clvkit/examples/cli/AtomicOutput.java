package org.clvkit.examples.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.EnumSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;

/**
 * One output file written so that it appears complete or not at all: the bytes go to a temporary
 * file in the target's folder ({@code .<name>.<random>.tmp}), which {@link #commit()} flushes to
 * disk and moves over the target with {@link StandardCopyOption#ATOMIC_MOVE}. Closing without a
 * commit deletes the temporary file, so a failed run leaves the earlier file byte for byte; a run
 * killed before its commit leaves the earlier file too (and a hidden temporary file).
 *
 * <p>Permissions: a new file gets those of any new file of the process (on POSIX systems 0666 less
 * the umask, as if written in place); a replaced file keeps its POSIX permissions.
 *
 * <p>Opening creates the temporary file at once, so an unwritable output is found before any input
 * is read. With {@link #stdout} the bytes go to standard output instead and commit only flushes.
 *
 * <p>Usage: {@code try (AtomicOutput o = AtomicOutput.open(file)) { write to o.writer(); ...;
 * o.commit(); }}.
 */
final class AtomicOutput implements AutoCloseable {
  /**
   * Test hook: with {@code -Dclvkit.test.pauseAfterRows=N} every output pauses for good after its
   * N-th {@link #row()} (after writing {@code paused writing <file>} on stderr), so that a test can
   * kill the JVM in the middle of a write.
   */
  static final String PAUSE_PROPERTY = "clvkit.test.pauseAfterRows";

  private final Path target;
  private final Path temporary;
  private final PrintWriter stdout;
  private final long pauseAfter;
  private OutputStream stream;
  private Writer writer;
  private long rows;
  private boolean committed;

  private AtomicOutput(Path target, Path temporary, PrintWriter stdout) {
    this.target = target;
    this.temporary = temporary;
    this.stdout = stdout;
    this.pauseAfter = Long.getLong(PAUSE_PROPERTY, -1);
  }

  /**
   * Starts writing {@code target}: creates its parent folders and the temporary file beside it.
   *
   * @throws CliException with {@link ExitCodes#IO} when the folder is not writable
   */
  static AtomicOutput open(Path target) {
    Path absolute = target.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      throw new CliException(ExitCodes.IO, target + ": cannot write: is a directory");
    }
    Output.createParent(absolute);
    try {
      return new AtomicOutput(target, sibling(absolute, false), null);
    } catch (IOException e) {
      throw Output.cannotWrite(target, e);
    }
  }

  /** Writes to {@code stdout} (left open) when {@code file} is null or {@code -}, else as open. */
  static AtomicOutput openOrStdout(Path file, PrintWriter stdout) {
    if (file == null || file.toString().equals("-")) {
      return new AtomicOutput(null, null, stdout);
    }
    return open(file);
  }

  /** The file this output becomes, or null for standard output. */
  Path target() {
    return target;
  }

  /** The raw bytes of the file; gzip-compressed when the target's name ends in {@code .gz}. */
  OutputStream stream() {
    if (stream == null) {
      if (stdout != null) {
        throw new IllegalStateException("standard output takes text: use writer()");
      }
      try {
        OutputStream out =
            new BufferedOutputStream(
                Files.newOutputStream(temporary, StandardOpenOption.TRUNCATE_EXISTING), 1 << 16);
        if (target.getFileName().toString().endsWith(".gz")) {
          out = new GZIPOutputStream(out, 1 << 16);
        }
        stream = out;
      } catch (IOException e) {
        throw Output.cannotWrite(target, e);
      }
    }
    return stream;
  }

  /** A UTF-8 writer over {@link #stream()} (or standard output); closing it does not commit. */
  Writer writer() {
    if (writer == null) {
      if (stdout != null) {
        writer = new StdoutWriter(stdout);
      } else {
        writer = new OutputStreamWriter(uncloseable(stream()), StandardCharsets.UTF_8);
      }
    }
    return writer;
  }

  /** Counts one written row, for the test hook {@link #PAUSE_PROPERTY}. */
  void row() {
    rows++;
    if (rows == pauseAfter && target != null) {
      try {
        if (writer != null) {
          writer.flush();
        }
        stream.flush();
      } catch (IOException e) {
        throw Output.cannotWrite(target, e);
      }
      System.err.println("paused writing " + target);
      System.err.flush();
      while (true) {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Writes all of {@code bytes} and commits. */
  void commit(byte[] bytes) {
    try {
      stream().write(bytes);
    } catch (IOException e) {
      throw Output.cannotWrite(target, e);
    }
    commit();
  }

  /**
   * Flushes everything to disk and moves the temporary file over the target in one step.
   *
   * @throws CliException with {@link ExitCodes#IO} when that fails (the target is then unchanged)
   */
  void commit() {
    try {
      if (writer != null) {
        writer.flush();
      }
      if (stdout != null) {
        committed = true;
        return;
      }
      OutputStream out = stream();
      if (out instanceof GZIPOutputStream) {
        ((GZIPOutputStream) out).finish();
      }
      out.close();
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      keepPermissions(target.toAbsolutePath(), temporary);
      move(temporary, target.toAbsolutePath());
      committed = true;
    } catch (IOException e) {
      throw Output.cannotWrite(target, e);
    }
  }

  /**
   * Creates an empty file or folder with a fresh hidden name beside {@code target} ({@code
   * .<name>.<random>.tmp}), with the default permissions of a new file or folder of the process
   * (unlike {@link Files#createTempFile} and {@link Files#createTempDirectory}, which make them
   * 0600 and 0700 on POSIX systems, so that a colleague could not read the output).
   */
  static Path sibling(Path target, boolean folder) throws IOException {
    String name = target.getFileName().toString();
    // Keep the name within the usual 255-character limit.
    String base = "." + (name.length() > 64 ? name.substring(0, 64) : name) + ".";
    for (int attempt = 0; ; attempt++) {
      Path candidate =
          target.resolveSibling(
              base + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp");
      try {
        if (folder) {
          Files.createDirectory(candidate);
        } else {
          Files.newByteChannel(
                  candidate, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
              .close();
        }
        return candidate;
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }

  /**
   * Gives {@code replacement} the POSIX permissions of {@code target} when both are files or both
   * folders (a replaced output keeps the permissions its owner gave it).
   */
  static void keepPermissions(Path target, Path replacement) throws IOException {
    PosixFileAttributeView existing =
        Files.getFileAttributeView(target, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (existing == null
        || Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)
            != Files.isDirectory(replacement, LinkOption.NOFOLLOW_LINKS)
        || Files.isSymbolicLink(target)) {
      return;
    }
    try {
      Files.setPosixFilePermissions(replacement, existing.readAttributes().permissions());
    } catch (NoSuchFileException e) {
      // removed meanwhile: the output is a new file
    }
  }

  /** Renames {@code from} to {@code to} atomically, replacing {@code to}. */
  static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "cannot replace " + to + " in one step (atomic move not supported here)", e);
    }
  }

  /** Deletes the temporary file unless committed. */
  @Override
  public void close() {
    if (committed || temporary == null) {
      return;
    }
    try {
      if (stream != null) {
        stream.close();
      }
    } catch (IOException ignored) {
      // the temporary file is deleted below in any case
    } finally {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException ignored) {
        // nothing more can be done: it is a hidden file beside the target
      }
    }
  }

  private static OutputStream uncloseable(OutputStream out) {
    return new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }

  /** Standard output as a writer that is flushed, never closed. */
  private static final class StdoutWriter extends Writer {
    private final PrintWriter out;

    StdoutWriter(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
      out.write(cbuf, off, len);
    }

    @Override
    public void flush() {
      out.flush();
    }

    @Override
    public void close() {
      out.flush();
    }
  }
}

package org.clvkit.examples.cli;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Where a text table comes from: a file (gzip-compressed or not, recognised by its first bytes
 * whatever its name) or a resource bundled in the jar. Opening counts the bytes read from the file,
 * for the progress bar.
 */
final class InputSource {
  private final String name;
  private final Path file;
  private final String resource;

  private InputSource(String name, Path file, String resource) {
    this.name = name;
    this.file = file;
    this.resource = resource;
  }

  static InputSource file(Path file) {
    return new InputSource(file.toString(), file, null);
  }

  /** A resource of this jar, shown in messages as {@code name}. */
  static InputSource bundled(String resource, String name) {
    return new InputSource(name, null, resource);
  }

  /** The name to show in messages: the path as given, or the bundled file's name. */
  String name() {
    return name;
  }

  /** The file name without directories, for default delimiters. */
  String fileName() {
    return file == null ? name : file.getFileName().toString();
  }

  boolean isBundled() {
    return file == null;
  }

  /**
   * Whether the data is a regular file that is not gzip-compressed, which can be opened again and
   * read from any offset.
   */
  boolean plainFile() {
    if (file == null || !Files.isRegularFile(file)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      return !(in.read() == 0x1f && in.read() == 0x8b);
    } catch (IOException e) {
      return false;
    }
  }

  /** The size in bytes of the stored (maybe compressed) data, or -1 when unknown. */
  long size() {
    if (file == null) {
      return -1;
    }
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * Opens the data, decompressed when it starts with the gzip magic bytes.
   *
   * @param counter receives the number of stored bytes read so far, may be null
   * @throws CliException with {@link ExitCodes#IO} when the file is missing or unreadable
   */
  InputStream open(long[] counter) {
    InputStream raw;
    try {
      if (file != null) {
        if (Files.isDirectory(file)) {
          throw new CliException(ExitCodes.IO, name + ": is a directory, not a file");
        }
        raw = Files.newInputStream(file);
      } else {
        raw = InputSource.class.getResourceAsStream(resource);
        if (raw == null) {
          throw new IllegalStateException("bundled resource missing: " + resource);
        }
      }
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.IO, name + ": file not found", e);
    } catch (IOException e) {
      throw new CliException(ExitCodes.IO, name + ": cannot read: " + e.getMessage(), e);
    }
    InputStream counted = counter == null ? raw : new Counting(raw, counter);
    try {
      BufferedInputStream buffered = new BufferedInputStream(counted, 1 << 16);
      buffered.mark(2);
      int b0 = buffered.read();
      int b1 = buffered.read();
      buffered.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        return new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
      }
      return buffered;
    } catch (IOException e) {
      try {
        counted.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new CliException(ExitCodes.IO, name + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Counts the bytes read through it into {@code count[0]}. */
  private static final class Counting extends FilterInputStream {
    private final long[] count;

    Counting(InputStream in, long[] count) {
      super(in);
      this.count = count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count[0]++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count[0] += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count[0] += skipped;
      return skipped;
    }
  }
}

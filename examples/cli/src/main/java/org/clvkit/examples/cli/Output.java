package org.clvkit.examples.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Opens output files: parent directories created, gzip when the name ends in {@code .gz}. */
final class Output {
  private Output() {}

  /**
   * A UTF-8 writer to {@code file}, or to {@code stdout} (left open) when {@code file} is null or
   * {@code -}.
   */
  static Writer open(Path file, PrintWriter stdout) {
    if (file == null || file.toString().equals("-")) {
      return new Writer() {
        @Override
        public void write(char[] cbuf, int off, int len) {
          stdout.write(cbuf, off, len);
        }

        @Override
        public void flush() {
          stdout.flush();
        }

        @Override
        public void close() {
          stdout.flush();
        }
      };
    }
    try {
      createParent(file);
      OutputStream out = Files.newOutputStream(file);
      if (file.getFileName().toString().endsWith(".gz")) {
        out = new GZIPOutputStream(out, 1 << 16);
      }
      return new OutputStreamWriter(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw cannotWrite(file, e);
    }
  }

  /** Creates the parent directories of {@code file}. */
  static void createParent(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      try {
        Files.createDirectories(parent);
      } catch (IOException e) {
        throw cannotWrite(file, e);
      }
    }
  }

  /** Creates a directory and its parents. */
  static Path directory(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw cannotWrite(dir, e);
    }
  }

  /** Writes bytes to a file. */
  static void write(Path file, byte[] bytes) {
    createParent(file);
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw cannotWrite(file, e);
    }
  }

  static CliException cannotWrite(Path file, IOException e) {
    return new CliException(ExitCodes.IO, file + ": cannot write: " + e, e);
  }
}

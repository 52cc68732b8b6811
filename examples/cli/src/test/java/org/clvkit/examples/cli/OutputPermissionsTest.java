package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs written through a temporary file get the permissions a file written in place would get:
 * those of any new file of the process for a new output (not the 0600 of {@link
 * Files#createTempFile}, which hid a summary or a report from the analyst's colleagues), and the
 * earlier permissions for a replaced one. POSIX file systems only.
 */
class OutputPermissionsTest {
  @TempDir Path dir;

  @BeforeEach
  void posixOnly() {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
  }

  private static Set<PosixFilePermission> permissions(Path p) throws IOException {
    return Files.getPosixFilePermissions(p);
  }

  /** The permissions of a file (or folder) created in place in {@code dir} by this process. */
  private Set<PosixFilePermission> fresh(boolean folder) throws IOException {
    Path probe = dir.resolve(folder ? "probe-folder" : "probe-file");
    if (folder) {
      Files.createDirectory(probe);
    } else {
      Files.createFile(probe);
    }
    Set<PosixFilePermission> result = permissions(probe);
    Files.delete(probe);
    return result;
  }

  private Path log() {
    return Cli.write(
        dir.resolve("orders.csv"),
        "customer_id,date,amount\nc1,2024-01-02,10.00\nc1,2024-03-05,12.50\nc2,2024-02-01,7.00\n");
  }

  @Test
  void summarize_newOutput_getsTheProcessDefaultPermissions() throws IOException {
    Path summary = dir.resolve("summary.csv");
    Cli.Result r = Cli.run("summarize", log(), "-o", summary, "--progress", "never");
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertEquals(
        PosixFilePermissions.toString(fresh(false)),
        PosixFilePermissions.toString(permissions(summary)));
  }

  @Test
  void summarize_replacedOutput_keepsItsPermissions() throws IOException {
    Path summary = Cli.write(dir.resolve("summary.csv"), "old\n");
    Set<PosixFilePermission> given = PosixFilePermissions.fromString("rw-r-----");
    Files.setPosixFilePermissions(summary, given);
    Cli.Result r = Cli.run("summarize", log(), "-o", summary, "--progress", "never");
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertEquals("rw-r-----", PosixFilePermissions.toString(permissions(summary)));
  }

  @Test
  void report_newFolder_andItsFiles_getTheProcessDefaultPermissions() throws IOException {
    Path report = dir.resolve("report");
    Cli.Result r = Cli.run("report", "-o", report, "--progress", "never");
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertEquals(
        PosixFilePermissions.toString(fresh(true)),
        PosixFilePermissions.toString(permissions(report)));
    String file = PosixFilePermissions.toString(fresh(false));
    try (Stream<Path> walk = Files.walk(report)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p)) {
          assertEquals(file, PosixFilePermissions.toString(permissions(p)), p.toString());
        }
      }
    }
  }

  @Test
  void report_replacedFolder_keepsItsPermissions() throws IOException {
    Path report = dir.resolve("report");
    Cli.Result first = Cli.run("report", "-o", report, "--progress", "never");
    assertEquals(ExitCodes.OK, first.code(), first::toString);
    Files.setPosixFilePermissions(report, PosixFilePermissions.fromString("rwxr-x---"));
    Cli.Result second = Cli.run("report", "-o", report, "--progress", "never");
    assertEquals(ExitCodes.OK, second.code(), second::toString);
    assertEquals("rwxr-x---", PosixFilePermissions.toString(permissions(report)));
  }
}

package org.clvkit.models.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.clvkit.models.bgbb.BgBbModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving to a path: permissions of new and replaced files, atomic replace, failures. */
class ModelFilesSaveTest {
  private static final Provenance PROVENANCE =
      new Provenance("year", Instant.parse("2026-01-31T12:00:00Z"));

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private static void assumePosix() {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "POSIX file permissions only");
  }

  private static List<Path> list(Path directory) throws IOException {
    try (var files = Files.list(directory)) {
      return files.sorted().toList();
    }
  }

  @Test
  void save_newFileGetsThePermissionsOfAnyNewFile(@TempDir Path directory) throws IOException {
    assumePosix();
    // What the umask gives a new file here, created the ordinary way.
    Path ordinary = Files.createFile(directory.resolve("ordinary.txt"));
    Set<PosixFilePermission> expected = Files.getPosixFilePermissions(ordinary);
    assumeFalse(
        expected.equals(OWNER_ONLY), "umask 077 makes every new file 0600: nothing to tell apart");

    Path file = directory.resolve("donations-bgbb.properties");
    ModelFiles.save(SampleModels.BGBB_GIVEN, PROVENANCE, file);

    assertEquals(
        PosixFilePermissions.toString(expected),
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void save_replacedFileKeepsItsPermissions(@TempDir Path directory) throws IOException {
    assumePosix();
    Path file = directory.resolve("donations-bgbb.properties");
    ModelFiles.save(SampleModels.BGBB_GIVEN, PROVENANCE, file);
    // rw-r----- is neither a usual umask default (rw-r--r--, rw-rw-r--) nor createTempFile's 0600.
    Set<PosixFilePermission> chosen = PosixFilePermissions.fromString("rw-r-----");
    assertNotEquals(chosen, Files.getPosixFilePermissions(file));
    Files.setPosixFilePermissions(file, chosen);

    ModelFiles.save(SampleModels.BGBB_FITTED, PROVENANCE, file);

    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(
        SampleModels.BGBB_FITTED.parameters(),
        ModelFiles.load(file, BgBbModel.class).model().parameters());
  }

  @Test
  void save_replacesTheContentAndLeavesNoTemporaryFile(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("m".repeat(200) + ".properties");
    Files.writeString(file, "an older file");

    ModelFiles.save(SampleModels.SBG_GIVEN, PROVENANCE, file);

    assertEquals(ModelFiles.toText(SampleModels.SBG_GIVEN, PROVENANCE), Files.readString(file));
    assertEquals(List.of(file), list(directory), "no temporary file left behind");
  }

  @Test
  void save_ontoADirectoryFailsAndChangesNothing(@TempDir Path directory) throws IOException {
    Path target = Files.createDirectory(directory.resolve("models"));

    FileSystemException e =
        assertThrows(
            FileSystemException.class,
            () -> ModelFiles.save(SampleModels.SBG_GIVEN, PROVENANCE, target));

    assertEquals(target + ": is a directory, not a model file", e.getMessage());
    assertEquals(List.of(target), list(directory));
    assertEquals(List.of(), list(target));
  }

  @Test
  void save_intoAMissingDirectoryFails(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("missing").resolve("model.properties");

    assertThrows(
        NoSuchFileException.class, () -> ModelFiles.save(SampleModels.SBG_GIVEN, PROVENANCE, file));

    assertEquals(List.of(), list(directory));
  }
}

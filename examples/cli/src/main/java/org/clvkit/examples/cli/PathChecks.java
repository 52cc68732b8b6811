package org.clvkit.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks made before anything is read: no output may be an input or another output (compared by
 * real path, so links and {@code ./} spellings are seen through), and no input or output file may
 * lie inside an output folder that a run replaces as a whole. A clash is a usage error (exit 2)
 * naming both paths.
 */
final class PathChecks {
  /** A path and the option (or parameter) that named it. */
  record Named(String option, Path path, boolean folder) {
    static Named file(String option, Path path) {
      return new Named(option, path, false);
    }

    static Named folder(String option, Path path) {
      return new Named(option, path, true);
    }
  }

  private final List<Named> inputs = new ArrayList<>();
  private final List<Named> outputs = new ArrayList<>();

  PathChecks input(String option, Path path) {
    if (path != null && !path.toString().equals("-")) {
      inputs.add(Named.file(option, path));
    }
    return this;
  }

  PathChecks output(String option, Path path) {
    if (path != null && !path.toString().equals("-")) {
      outputs.add(Named.file(option, path));
    }
    return this;
  }

  PathChecks outputFolder(String option, Path path) {
    if (path != null) {
      outputs.add(Named.folder(option, path));
    }
    return this;
  }

  /**
   * Runs the checks.
   *
   * @throws CliException usage ({@link ExitCodes#USAGE}) naming both paths of a clash
   */
  void check() {
    for (int i = 0; i < outputs.size(); i++) {
      Named out = outputs.get(i);
      Path o = real(out.path());
      for (Named in : inputs) {
        clash(out, o, in, real(in.path()), "an input");
      }
      for (int j = 0; j < i; j++) {
        Named other = outputs.get(j);
        clash(out, o, other, real(other.path()), "another output");
      }
    }
  }

  private static void clash(Named out, Path o, Named other, Path p, String what) {
    if (o.equals(p)) {
      throw CliException.usage(
          String.format(
              "%s %s and %s %s are the same file (%s): an output must not overwrite %s",
              out.option(), out.path(), other.option(), other.path(), o, what));
    }
    if (out.folder() && p.startsWith(o)) {
      throw CliException.usage(
          String.format(
              "%s %s is inside the output folder %s %s, which is replaced as a whole: choose"
                  + " another folder",
              other.option(), other.path(), out.option(), out.path()));
    }
    if (other.folder() && o.startsWith(p)) {
      throw CliException.usage(
          String.format(
              "%s %s is inside the output folder %s %s, which is replaced as a whole: choose"
                  + " another folder",
              out.option(), out.path(), other.option(), other.path()));
    }
  }

  /**
   * The real path of a file that may not exist yet: its nearest existing ancestor resolved through
   * links, with the rest appended.
   */
  static Path real(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path existing = absolute;
    List<Path> rest = new ArrayList<>();
    while (existing != null && !Files.exists(existing)) {
      rest.add(existing.getFileName());
      existing = existing.getParent();
    }
    Path result;
    try {
      result = existing == null ? absolute.getRoot() : existing.toRealPath();
    } catch (IOException e) {
      return absolute;
    }
    for (int i = rest.size() - 1; i >= 0; i--) {
      result = result.resolve(rest.get(i));
    }
    return result;
  }
}

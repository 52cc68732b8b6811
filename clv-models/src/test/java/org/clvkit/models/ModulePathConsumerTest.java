package org.clvkit.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.commons.math3.special.Gamma;
import org.clvkit.core.ClvArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small consumer module compiled and run on the module path against the built {@code
 * org.clvkit.core} and {@code org.clvkit.models} (their class directories or jars, each with its
 * {@code module-info.class}) and commons-math3 as an automatic module: the exported API is enough
 * for a program, and the {@code internal} packages are neither visible to the compiler nor
 * accessible by reflection at run time. (The other tests of this module run on the class path.)
 */
class ModulePathConsumerTest {
  private static final String MODULE_INFO =
      "module clvkit.consumer {\n  requires org.clvkit.models;\n}\n";

  private static final String MAIN =
      """
      package consumer;

      import org.clvkit.core.Checks;
      import org.clvkit.core.value.DiscountedClv;
      import org.clvkit.models.bgnbd.BgNbdModel;
      import org.clvkit.models.bgnbd.BgNbdParameters;
      import org.clvkit.models.special.SpecialFunctions;

      public class Main {
        public static void main(String[] args) throws Exception {
          BgNbdModel model = BgNbdModel.of(new BgNbdParameters(0.2426, 4.4136, 0.7929, 2.4259));
          System.out.printf(java.util.Locale.ROOT, "expected %.3f%n",
              model.conditionalExpectedPurchases(39, 2, 30.43, 38.86));
          System.out.printf(java.util.Locale.ROOT, "multiple %.2f%n",
              DiscountedClv.marginMultiple(0.8, 0.10));
          System.out.printf(java.util.Locale.ROOT, "psi(1) %.6f%n", SpecialFunctions.digamma(1));
          System.out.println("checks " + Checks.positive("alpha", 2.0));
          String[][] publicMethods = {
              {"org.clvkit.models.internal.LogPochhammer", "digamma"},
              {"org.clvkit.core.internal.Parallel", "boundary"}};
          for (String[] target : publicMethods) {
            String name = target[0];
            Class<?> internal = Class.forName(name);
            System.out.println(name + " exported "
                + internal.getModule().isExported(internal.getPackageName()));
            try {
              java.lang.reflect.Method method = null;
              for (java.lang.reflect.Method m : internal.getMethods()) {
                if (m.getName().equals(target[1])) {
                  method = m;
                }
              }
              Object[] arguments = new Object[method.getParameterCount()];
              for (int i = 0; i < arguments.length; i++) {
                arguments[i] = method.getParameterTypes()[i] == double.class ? (Object) 1.0 : 1;
              }
              method.invoke(null, arguments);
            } catch (IllegalAccessException expected) {
              System.out.println(name + " inaccessible");
            } catch (ReflectiveOperationException | RuntimeException other) {
              System.out.println(name + " " + other);
            }
          }
          System.out.println("module " + Main.class.getModule().getName()
              + " models in " + BgNbdModel.class.getModule().getName());
        }
      }
      """;

  @TempDir Path dir;

  private static String location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  /** clv-core, clv-models and commons-math3 as found by the class loader of this test. */
  private static String modulePath() throws URISyntaxException {
    return String.join(
        File.pathSeparator,
        location(ClvArgumentException.class),
        location(PurchaseModel.class),
        location(Gamma.class));
  }

  private String compile(Path sources, Path classes, String main) throws Exception {
    Files.createDirectories(sources.resolve("consumer"));
    Files.writeString(sources.resolve("module-info.java"), MODULE_INFO);
    Path mainFile = sources.resolve("consumer/Main.java");
    Files.writeString(mainFile, main);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    List<String> options =
        List.of("--module-path", modulePath(), "-d", classes.toString(), "-Xlint:all");
    boolean ok =
        javac
            .getTask(
                diagnostics,
                null,
                null,
                options,
                null,
                javac
                    .getStandardFileManager(null, null, StandardCharsets.UTF_8)
                    .getJavaFileObjects(sources.resolve("module-info.java"), mainFile))
            .call();
    return (ok ? "OK\n" : "FAILED\n") + diagnostics;
  }

  @Test
  void consumer_compilesAndRunsOnTheModulePathWithoutTheInternalPackages() throws Exception {
    Path classes = dir.resolve("classes");
    String compiled = compile(dir.resolve("src"), classes, MAIN);
    assertTrue(compiled.startsWith("OK"), compiled);

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--module-path");
    command.add(modulePath() + File.pathSeparator + classes);
    command.add("--module");
    command.add("clvkit.consumer/consumer.Main");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "consumer did not finish");
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    // E[Y(39) | 2, 30.43, 38.86] = 1.226 (Fader, Hardie and Lee 2005); margin multiple 2.67
    // (Gupta and Lehmann); ψ(1) = −γ (Euler's constant, DLMF 5.4.12).
    assertEquals(
        String.join(
            System.lineSeparator(),
            "expected 1.226",
            "multiple 2.67",
            "psi(1) -0.577216",
            "checks 2.0",
            "org.clvkit.models.internal.LogPochhammer exported false",
            "org.clvkit.models.internal.LogPochhammer inaccessible",
            "org.clvkit.core.internal.Parallel exported false",
            "org.clvkit.core.internal.Parallel inaccessible",
            "module clvkit.consumer models in org.clvkit.models",
            ""),
        output);
  }

  @Test
  void consumer_cannotCompileAgainstAnInternalPackage() throws Exception {
    for (String internal :
        List.of("org.clvkit.models.internal.Hypergeometric", "org.clvkit.core.internal.Parallel")) {
      String pkg = internal.substring(0, internal.lastIndexOf('.'));
      String main =
          "package consumer;\n\nimport "
              + internal
              + ";\n\npublic class Main {\n  public static void main(String[] args) {}\n}\n";
      Path here = Files.createTempDirectory(dir, "internal");
      String compiled = compile(here.resolve("src"), here.resolve("classes"), main);
      assertFalse(compiled.startsWith("OK"), compiled);
      assertTrue(
          compiled.contains("package " + pkg + " is not visible"),
          "javac should name the hidden package: " + compiled);
    }
  }

  @Test
  void modulePath_holdsTheTwoNamedModules() throws IOException, URISyntaxException {
    for (String location : modulePath().split(File.pathSeparator)) {
      assertTrue(Files.exists(Path.of(location)), location);
    }
    assertTrue(
        Files.exists(Path.of(location(PurchaseModel.class), "module-info.class"))
            || location(PurchaseModel.class).endsWith(".jar"),
        location(PurchaseModel.class));
  }
}

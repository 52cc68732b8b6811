package org.clvkit.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's usage sample compiling and running: extracts the {@code java} block of its
 * "Usage" section, compiles it in memory against the test class path and runs its {@code main}.
 */
class ReadmeSampleTest {
  private static final Path README = Path.of("../../README.md");

  @Test
  void usageSample_compilesAndRuns() throws Exception {
    String source = usageSample(Files.readString(README, StandardCharsets.UTF_8));
    Matcher name = Pattern.compile("public\\s+(?:final\\s+)?class\\s+(\\w+)").matcher(source);
    assertTrue(name.find(), "the README sample declares no public class:\n" + source);
    String className = name.group(1);

    Map<String, byte[]> classes = compile(className, source);

    ClassLoader loader =
        new ClassLoader(getClass().getClassLoader()) {
          @Override
          protected Class<?> findClass(String binaryName) throws ClassNotFoundException {
            byte[] bytes = classes.get(binaryName);
            if (bytes == null) {
              throw new ClassNotFoundException(binaryName);
            }
            return defineClass(binaryName, bytes, 0, bytes.length);
          }
        };
    Method main = loader.loadClass(className).getMethod("main", String[].class);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      main.invoke(null, (Object) new String[0]);
    } catch (InvocationTargetException e) {
      throw new AssertionError("the README sample threw " + e.getCause(), e.getCause());
    } finally {
      System.setOut(original);
    }
    assertFalse(printed.toString(StandardCharsets.UTF_8).isBlank(), "the sample printed nothing");
  }

  /** The first {@code ```java} block after the "## Usage" heading. */
  static String usageSample(String readme) {
    int usage = readme.indexOf("\n## Usage");
    assertTrue(usage >= 0, "README.md has no '## Usage' section");
    int open = readme.indexOf("```java\n", usage);
    assertTrue(open >= 0, "README.md's Usage section has no ```java block");
    int start = open + "```java\n".length();
    int close = readme.indexOf("\n```", start);
    assertTrue(close >= 0, "README.md's java block is not closed");
    return readme.substring(start, close + 1);
  }

  /** Compiles one source file in memory against the test class path; fails with the diagnostics. */
  private static Map<String, byte[]> compile(String className, String source) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertNotNull(compiler, "the tests need a JDK, not a JRE, to compile the README sample");
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Map<String, ByteArrayOutputStream> outputs = new HashMap<>();
    StandardJavaFileManager standard =
        compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
    JavaFileManager inMemory =
        new ForwardingJavaFileManager<>(standard) {
          @Override
          public JavaFileObject getJavaFileForOutput(
              Location location, String binaryName, JavaFileObject.Kind kind, FileObject sibling) {
            return new SimpleJavaFileObject(
                URI.create("mem:///" + binaryName.replace('.', '/') + kind.extension), kind) {
              @Override
              public OutputStream openOutputStream() {
                return outputs.computeIfAbsent(binaryName, n -> new ByteArrayOutputStream());
              }
            };
          }
        };
    JavaFileObject file =
        new SimpleJavaFileObject(
            URI.create("string:///" + className + JavaFileObject.Kind.SOURCE.extension),
            JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    List<String> options = List.of("-classpath", testClassPath(), "--release", "17");
    boolean compiled =
        compiler.getTask(null, inMemory, diagnostics, options, null, List.of(file)).call();
    assertTrue(
        compiled,
        () ->
            "the README sample does not compile:\n"
                + diagnostics.getDiagnostics().stream()
                    .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(null))
                    .collect(Collectors.joining("\n")));
    Map<String, byte[]> classes = new HashMap<>();
    outputs.forEach((binaryName, bytes) -> classes.put(binaryName, bytes.toByteArray()));
    return classes;
  }

  /** Surefire's test class path (it keeps the real one apart when it forks with a manifest jar). */
  private static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }
}

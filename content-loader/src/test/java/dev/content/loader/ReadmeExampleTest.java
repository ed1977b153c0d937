package dev.content.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding example compiles against this build and prints what it promises. */
class ReadmeExampleTest {
  @TempDir
  Path work;

  @Test
  void readmeExampleCompilesAndRuns() throws Exception {
    Path root = Path.of(System.getProperty("content.project.root", "..")).toAbsolutePath();
    String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<!-- embedding-example[^>]*-->\\s*```java\\n(.*?)```", Pattern.DOTALL)
        .matcher(readme);
    assertThat(m.find()).as("README.md has the embedding example block").isTrue();
    Path source = work.resolve("Example.java");
    Files.writeString(source, m.group(1), StandardCharsets.UTF_8);

    int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", work.toString(),
        "-cp", System.getProperty("java.class.path"), source.toString());
    assertThat(status).as("javac exit status").isZero();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    try (URLClassLoader loader = new URLClassLoader(new URL[] {work.toUri().toURL()},
        getClass().getClassLoader())) {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      loader.loadClass("Example").getMethod("main", String[].class)
          .invoke(null, (Object) new String[] {root.resolve("seeds").toString()});
    } finally {
      System.setOut(oldOut);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("网贷逾期了如何防止爆通讯录 — admin\n")
        .contains("  EXPLICIT 微信买东西被骗了钱怎么追回来了 (stub)\n");
  }
}

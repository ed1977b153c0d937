package dev.content.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void missingSourceExitsWithTwoAndNamesThePath(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-lawrefbook");
    int code = run("--source", missing.toString(), "--count", "5", "--out", dir.resolve("out").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("lawrefbook folder not found: " + missing.toAbsolutePath().normalize());
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(run("--count", "x", "--source", "a", "--out", "b")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a number").contains("usage:");
    assertThat(run("--source", "a")).isEqualTo(2);
    assertThat(run("--count", "0", "--source", "a", "--out", "b")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("count must be at least 1");
    assertThat(run("--bogus")).isEqualTo(2);
  }

  @Test
  void writesTheCorpusAndSaysWhere(@TempDir Path dir) throws Exception {
    Path source = SharedData.lawrefbook();
    int code = run("--source", source.toString(), "--count", "12", "--out", dir.toString(), "--seed", "9");
    assertThat(code).isEqualTo(0);
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("wrote 12 files");
    try (var files = Files.list(dir)) {
      assertThat(files.filter(p -> p.getFileName().toString().matches("\\d{3}_[0-9a-f]{16}\\.txt"))).hasSize(12);
    }
  }
}

package dev.content.generator;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find ../shared/data/lawrefbook; they skip when it is absent. */
final class SharedData {
  private SharedData() {}

  static Path lawrefbook() {
    String root = System.getProperty("content.shared.data", "../shared/data");
    Path p = Path.of(root, "lawrefbook");
    assumeTrue(Files.isRegularFile(p.resolve("MANIFEST.tsv")),
        "lawrefbook not found at " + p.toAbsolutePath().normalize() + ": skipping generator tests on real text");
    return p;
  }
}

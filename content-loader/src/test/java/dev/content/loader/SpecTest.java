package dev.content.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Data-driven spec of the seed format: every {@code spec/NAME.txt} is parsed and its structure compared
 * with {@code spec/NAME.expected}. Run with {@code -Dspec.update=true} to rewrite the expected files
 * after a deliberate change, then review the diff.
 */
class SpecTest {
  static Stream<String> fixtures() throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.list(specFolder())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt")).sorted().toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "spec/{0}")
  @MethodSource("fixtures")
  void parsesAsSpecified(String name) throws Exception {
    Path file = specFolder().resolve(name);
    ParseResult result = SeedLoader.create().parse(Files.readAllBytes(file), name);
    String actual = ArticleDump.dump(result);
    Path expectedFile = specFolder().resolve(name.replace(".txt", ".expected"));
    if (Boolean.getBoolean("spec.update")) {
      Path source = Path.of("src/test/resources/spec").resolve(expectedFile.getFileName());
      Files.writeString(source, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
  }

  static Path specFolder() throws URISyntaxException {
    return Path.of(SpecTest.class.getResource("/spec").toURI());
  }
}

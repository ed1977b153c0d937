package dev.content.loader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.content.core.Article;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {
  private final SeedLoader loader = SeedLoader.create();

  @Test
  void writesTheSeedBackByteForByte() throws Exception {
    Path seed = SpecTest.specFolder().resolve("000_cf47211e9869dcd2.txt");
    byte[] original = Files.readAllBytes(seed);
    Article article = loader.parse(seed).article().orElseThrow();

    assertThat(SeedWriter.write(article).getBytes(StandardCharsets.UTF_8)).isEqualTo(original);
  }

  static Stream<String> fixtures() throws Exception {
    return SpecTest.fixtures();
  }

  @ParameterizedTest(name = "spec/{0}")
  @MethodSource("fixtures")
  void parsingWhatWasWrittenGivesTheSameArticle(String name) throws Exception {
    ParseResult first = loader.parse(SpecTest.specFolder().resolve(name));
    if (first.article().isEmpty()) {
      return; // rejected fixtures have nothing to write
    }
    Article a = first.article().get();
    String written = SeedWriter.write(a);
    Article again = loader.parse(written, name).article().orElseThrow();

    assertThat(again.withoutProvenance()).isEqualTo(a.withoutProvenance());
    assertThat(SeedWriter.write(again)).isEqualTo(written);
  }
}

package dev.content.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.content.core.Article;
import dev.content.core.Corpus;
import dev.content.loader.LoadResult;
import dev.content.loader.SeedLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps docs/json-format.md true: its examples are real output for the project's seeds. */
class JsonFormatDocTest {
  private static final Pattern EXAMPLE =
      Pattern.compile("<!-- example: (\\S+) -->\\n```json\\n(.*?)\\n```", Pattern.DOTALL);

  private static Path root;
  private static Corpus seeds;

  @BeforeAll
  static void load() throws Exception {
    root = Path.of(System.getProperty("content.project.root", ".."));
    LoadResult result = SeedLoader.create().load(root.resolve("seeds"));
    assertThat(result.hasErrors()).as("seeds load without errors: %s", result.diagnostics()).isFalse();
    seeds = result.corpus();
  }

  @Test
  void everyExampleOfTheDocIsWhatTheWriterPrints() throws Exception {
    String doc = Files.readString(root.resolve("docs/json-format.md"), StandardCharsets.UTF_8);
    Map<String, String> examples = new LinkedHashMap<>();
    Matcher m = EXAMPLE.matcher(doc);
    while (m.find()) {
      examples.put(m.group(1), m.group(2));
    }
    assertThat(examples).containsKeys("cf47211e9869dcd2");
    ArticleWriter writer = ArticleJson.writer(seeds).pretty();
    Map<String, String> actual = new LinkedHashMap<>();
    for (String id : examples.keySet()) {
      actual.put(id, writer.write(seeds.require(id)));
      // Updating the doc by hand is easier with the real output next to it.
      Path out = Path.of("target", "json-format-" + id + ".json");
      Files.createDirectories(out.getParent());
      Files.writeString(out, actual.get(id) + "\n", StandardCharsets.UTF_8);
    }
    for (String id : examples.keySet()) {
      assertThat(actual.get(id)).as("example %s of docs/json-format.md (real output in content-json/target)", id)
          .isEqualTo(examples.get(id));
    }
  }

  @Test
  void everySeedArticleSurvivesTheRoundTrip() {
    ArticleWriter writer = ArticleJson.writer(seeds);
    for (Article a : seeds.articles()) {
      assertThat(ArticleJson.reader().read(writer.write(a))).isEqualTo(a);
    }
  }
}

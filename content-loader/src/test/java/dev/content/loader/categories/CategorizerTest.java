package dev.content.loader.categories;

import static dev.content.loader.categories.CategoriesFileTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.content.core.Article;
import dev.content.core.CategoryAssignment;
import dev.content.core.CategoryAssignment.Source;
import dev.content.core.Corpus;
import dev.content.core.Taxonomy;
import dev.content.loader.LoadResult;
import dev.content.loader.SeedLoader;
import dev.content.loader.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CategorizerTest {
  /**
   * Loads each fixture corpus the way a user does and compares the category tree, every assignment
   * with its reason, and the diagnostics with {@code <corpus>.expected}.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"with-rules", "without-rules", "broken-in-corpus"})
  void loadingACorpusAssignsFolderThenRulesThenFallback(String corpus) throws IOException {
    LoadResult loaded = SeedLoader.create().load(resource("/categories/" + corpus));
    String expected = Files.readString(resource("/categories/" + corpus + ".expected"), StandardCharsets.UTF_8);
    assertThat(CategoryDump.dump(loaded.corpus(), loaded.diagnostics())).isEqualTo(expected);
  }

  @Test
  void aBrokenCategoriesFileCostsNoArticle() throws IOException {
    LoadResult loaded = SeedLoader.create().load(resource("/categories/broken-in-corpus"));
    assertThat(loaded.corpus().fullArticles()).hasSize(2);
    assertThat(loaded.files()).allMatch(f -> f.loaded());
    assertThat(loaded.diagnostics()).filteredOn(d -> d.severity() == Severity.ERROR)
        .singleElement().hasToString(
            "categories.json:4:23: error: invalid JSON: Unexpected character ('\"' (code 34)): "
                + "was expecting comma to separate Object entries");
    assertThat(loaded.corpus().require("00000000000000c1").primaryCategory()).contains("finance");
  }

  @Test
  void nestedFoldersMapToNestedCategoriesAndUnknownFoldersBecomeCategories() throws IOException {
    Corpus corpus = SeedLoader.create().load(resource("/categories/with-rules")).corpus();
    Taxonomy t = corpus.taxonomy();
    assertThat(t.require("alipay-credit").parent()).contains("loans");
    assertThat(t.require("travel").parent()).isEmpty();
    assertThat(t.require("europe").parent()).contains("travel");
    assertThat(t.require("europe").name()).isEqualTo("europe");
    CategoryAssignment a = corpus.require("00000000000000a3").categories().get(0);
    assertThat(a.slug()).isEqualTo("europe");
    assertThat(a.source()).isEqualTo(Source.FOLDER);
    assertThat(a.evidence()).singleElement()
        .isEqualTo(new CategoryAssignment.Evidence("folder", "travel/europe/", 1));
  }

  @Test
  void aFolderMatchesACategoryByItsChineseNameToo() throws IOException {
    Path dir = Files.createTempDirectory("cats");
    try {
      Files.createDirectories(dir.resolve("征信"));
      Files.writeString(dir.resolve("征信/001_00000000000000d1.txt"), "标题\n\n标题\n\n正文。\n");
      Files.writeString(dir.resolve("categories.json"),
          "{\"categories\": [{\"slug\": \"credit-report\", \"name\": \"征信\"}]}");
      Corpus corpus = SeedLoader.create().load(dir).corpus();
      assertThat(corpus.require("00000000000000d1").primaryCategory()).contains("credit-report");
      assertThat(corpus.taxonomy().all()).hasSize(2);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * The shipped taxonomy files the seed and every stub of its related list: each line of
   * {@code seed-titles.expected} is {@code title TAB primary slug TAB terms the reason must name}.
   */
  @Test
  void theDefaultTaxonomyFilesTheSeedAndItsRelatedArticlesSensibly() throws IOException {
    Path seeds = Path.of(System.getProperty("content.project.root", "..")).resolve("seeds");
    LoadResult loaded = SeedLoader.create().load(seeds);
    assertThat(loaded.diagnostics()).noneMatch(d -> d.file().equals(CategoriesFile.NAME));
    List<String> lines = Files.readAllLines(resource("/categories/seed-titles.expected"), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(7);
    for (String line : lines) {
      String[] f = line.split("\t");
      Article a = loaded.corpus().byTitle(f[0]).orElseThrow();
      CategoryAssignment primary = a.categories().get(0);
      assertThat(primary.slug()).as(f[0]).isEqualTo(f[1]);
      assertThat(primary.source()).as(f[0]).isEqualTo(Source.RULES);
      for (String term : f[2].split(",")) {
        assertThat(primary.reason()).as(f[0]).contains("“" + term + "”");
        assertThat(primary.evidence()).as(f[0]).anyMatch(e -> e.label().equals(term));
      }
    }
  }
}

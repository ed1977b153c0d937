package dev.content.loader.categories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.content.core.Category;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CategoriesFileTest {
  private static final Path BROKEN = resource("/categories/broken");

  static Stream<String> brokenFiles() throws IOException {
    try (Stream<Path> files = Files.list(BROKEN)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList()
          .stream();
    }
  }

  /** Each broken file's diagnostics, as {@code Diagnostic.toString()} lines, match its .expected file. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFiles")
  void reportsEveryProblemOfABrokenFileWithLineAndColumn(String name) throws IOException {
    CategoriesFile.Result result = CategoriesFile.read(BROKEN.resolve(name), name);
    String actual = result.diagnostics().stream().map(Object::toString).collect(Collectors.joining("\n"));
    String expected = Files.readString(BROKEN.resolve(name.replace(".json", ".expected")),
        StandardCharsets.UTF_8).strip();
    assertThat(actual).isEqualTo(expected);
    assertThat(result.hasErrors()).isEqualTo(expected.contains(": error: "));
  }

  @Test
  void keepsTheValidPartsOfAFileWithSemanticErrors() {
    CategoriesFile.Result r = CategoriesFile.read(BROKEN.resolve("unknown-parent.json"), "categories.json");
    assertThat(r.rules()).isPresent();
    assertThat(r.rules().get().taxonomy().all()).extracting(Category::slug)
        .containsExactly("loans", "uncategorized");
  }

  @Test
  void givesNoRulesForMalformedJson() {
    CategoriesFile.Result r = CategoriesFile.read(BROKEN.resolve("missing-comma.json"), "categories.json");
    assertThat(r.rules()).isEmpty();
  }

  @Test
  void readsTheDefaultTaxonomyOfTheProjectWithoutDiagnostics() {
    Path file = Path.of(System.getProperty("content.project.root", "..")).resolve("seeds/categories.json");
    CategoriesFile.Result r = CategoriesFile.read(file, "categories.json");
    assertThat(r.diagnostics()).isEmpty();
    CategoryRules rules = r.rules().orElseThrow();
    assertThat(rules.taxonomy().roots()).extracting(Category::slug)
        .containsExactly("loans", "credit-report", "debt-collection", "fraud", "legal", "uncategorized");
    assertThat(rules.taxonomy().children("loans")).extracting(Category::name)
        .containsExactly("借呗与花呗", "分期与还款方式", "提前还款与违约金", "利率与费用");
    assertThat(rules.terms("early-repayment")).contains(new Term("违约金", 3));
  }

  @Test
  void readsNestedChildrenFlatParentsTermArraysAndSettings() {
    String json = """
        {"settings": {"titleWeight": 2, "threshold": 4.5, "secondaryFraction": 0.25, "maxCategories": 2},
         "categories": [
           {"slug": "a", "name": "甲", "order": 2, "children": [{"slug": "a1", "name": "甲一", "terms": ["x"]}]},
           {"slug": "b", "name": "乙", "order": 1, "description": "说明"},
           {"slug": "b1", "name": "乙一", "parent": "b", "terms": {"y": -1.5}}
         ]}
        """;
    CategoriesFile.Result r = CategoriesFile.parse(json, "categories.json");
    assertThat(r.diagnostics()).isEmpty();
    CategoryRules rules = r.rules().orElseThrow();
    assertThat(rules.taxonomy().all()).extracting(Category::slug)
        .containsExactly("b", "b1", "a", "a1", "uncategorized");
    assertThat(rules.taxonomy().require("b").description()).isEqualTo("说明");
    assertThat(rules.terms("a1")).containsExactly(new Term("x", 1));
    assertThat(rules.terms("b1")).containsExactly(new Term("y", -1.5));
    assertThat(List.of(rules.titleWeight(), rules.threshold(), rules.secondaryFraction()))
        .containsExactly(2.0, 4.5, 0.25);
    assertThat(rules.maxCategories()).isEqualTo(2);
  }

  @Test
  void ignoresAByteOrderMark() {
    CategoriesFile.Result r = CategoriesFile.parse("\uFEFF{\"categories\": []}", "categories.json");
    assertThat(r.diagnostics()).isEmpty();
  }

  static Path resource(String name) {
    try {
      return Path.of(CategoriesFileTest.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}

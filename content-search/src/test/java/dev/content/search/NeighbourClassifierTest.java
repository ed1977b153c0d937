package dev.content.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.content.core.Article;
import dev.content.core.CategoryAssignment;
import dev.content.core.CategoryAssignment.Evidence;
import dev.content.core.CategoryAssignment.Source;
import dev.content.core.Corpus;
import dev.content.core.Taxonomy;
import dev.content.core.Block;
import dev.content.core.Inline;
import dev.content.loader.SeedLoader;
import dev.content.loader.SeedWriter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeighbourClassifierTest {
  private static Corpus loaded;

  @BeforeAll
  static void load() throws IOException, URISyntaxException {
    Path folder = Path.of(NeighbourClassifierTest.class.getResource("/neighbours").toURI());
    loaded = SeedLoader.create().load(folder).corpus();
  }

  @Test
  void cacheKeyChangesWithEverySettingThatChangesTheResult() {
    String defaults = NeighbourClassifier.create().cacheKey().orElseThrow();
    assertThat(NeighbourClassifier.builder().build().cacheKey()).contains(defaults);
    List<NeighbourClassifier> variants = List.of(
        NeighbourClassifier.builder().k(10).build(),
        NeighbourClassifier.builder().profileWeight(0.3).build(),
        NeighbourClassifier.builder().termWeight(0.2).build(),
        NeighbourClassifier.builder().termTemperature(0.9).build(),
        NeighbourClassifier.builder().profileWeight(0).termWeight(0).build());
    assertThat(variants).allSatisfy(v -> assertThat(v.cacheKey().orElseThrow()).isNotEqualTo(defaults));
    assertThat(variants.stream().map(v -> v.cacheKey().orElseThrow()).distinct()).hasSize(variants.size());
  }

  @Test
  void labelledArticlesVoteForUnplacedOnesBySimilarContent() {
    NeighbourClassifier.Result r = NeighbourClassifier.create().classify(loaded);
    assertThat(r.voters()).isEqualTo(6);
    assertThat(primary(r.corpus(), "00000000000000e7")).isEqualTo("loans");
    assertThat(primary(r.corpus(), "00000000000000e8")).isEqualTo("sports");
    assertThat(r.corpus().require("00000000000000e7").categories().get(0).source()).isEqualTo(Source.NEIGHBOURS);
  }

  @Test
  void theVoteCarriesItsNeighboursAndSimilaritiesAsEvidence() {
    Corpus c = NeighbourClassifier.builder().k(4).build().classify(loaded).corpus();
    CategoryAssignment a = c.require("00000000000000e8").categories().get(0);
    Map<String, String> labels = NeighbourClassifier.labels(c);
    List<Evidence> neighbours = a.evidence().stream().filter(e -> e.kind().equals("neighbour")).toList();
    assertThat(neighbours).isNotEmpty().hasSizeLessThanOrEqualTo(4)
        .allSatisfy(e -> {
          assertThat(labels).containsKey(e.label());
          assertThat(e.weight()).isBetween(0.0, 1.0);
        });
    assertThat(neighbours).extracting(Evidence::weight)
        .isSortedAccordingTo((x, y) -> Double.compare(y, x));
    String closest = neighbours.get(0).label();
    assertThat(labels.get(closest)).isEqualTo("sports");
    // The reason names the tally, the closest voter's title and the terms they share.
    assertThat(a.reason()).startsWith("最相似的 " + neighbours.size() + " 篇已分类文章投票：sports ")
        .contains("《" + c.require(closest).title() + "》")
        .contains("（共有“");
    assertThat(a.score()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
  }

  @Test
  void theCategoryProfileNamesTheArticlesTermsThatPointToTheWinner() {
    CategoryAssignment a = classified("00000000000000e7");
    List<Evidence> terms = evidenceTerms("00000000000000e7", "profile-term");
    assertThat(a.reason()).contains("；类别画像 ").contains("“" + terms.get(0).label() + "”").contains("；综合 ");
  }

  @Test
  void theTermWeightsNameTheArticlesTermsThatRaiseTheWinner() {
    CategoryAssignment a = classified("00000000000000e8");
    List<Evidence> terms = evidenceTerms("00000000000000e8", "weighted-term");
    assertThat(a.reason()).contains("；词项权重 ").contains("“" + terms.get(0).label() + "”")
        .containsSubsequence("；类别画像 ", "；词项权重 ", "；综合 ", "；最接近：");
  }

  @Test
  void eachViewCanDecideAlone() {
    // Votes alone, profiles alone, term weights alone: each files the loan article with the loans.
    for (NeighbourClassifier alone : List.of(NeighbourClassifier.builder().profileWeight(0).termWeight(0).build(),
        NeighbourClassifier.builder().profileWeight(1).termWeight(0).build(),
        NeighbourClassifier.builder().profileWeight(0).termWeight(1).build())) {
      CategoryAssignment a = alone.classify(loaded).corpus().require("00000000000000e7").categories().get(0);
      assertThat(a.slug()).isEqualTo("loans");
      assertThat(a.reason().contains("；词项权重 ")).isEqualTo(alone.termWeight() > 0);
      assertThat(a.reason().contains("；类别画像 ")).isEqualTo(alone.profileWeight() > 0);
    }
  }

  @Test
  void theTermWeightsReadTheTitlesFormAndSayItInTheReason(@TempDir Path folder) throws IOException {
    // The same market news under two folders, with the source's colon (markets) or without it (digest):
    // the characters hardly tell them apart, the colon does.
    List<String> markets = List.of("港股：恒指收涨", "沪指：午后走强", "美股：道指下跌");
    List<String> digest = List.of("港股恒指收涨", "沪指午后走强", "美股道指下跌");
    int n = 0;
    for (String t : markets) {
      headline(folder.resolve("markets"), n++, t);
    }
    for (String t : digest) {
      headline(folder.resolve("digest"), n++, t);
    }
    headline(folder, n, "港股：金价回落");
    Corpus c = SeedLoader.create().load(folder).corpus();
    String id = String.format("%016x", n + 1);
    CategoryAssignment a = NeighbourClassifier.builder().profileWeight(0).termWeight(1).build().classify(c).corpus()
        .require(id).categories().get(0);
    assertThat(a.slug()).isEqualTo("markets");
    List<String> weighted = a.evidence().stream().filter(e -> e.kind().equals("weighted-term"))
        .map(Evidence::label).toList();
    // A form term reads as the reader sees it: the colon, or the colon after 股.
    assertThat(weighted).anyMatch(t -> t.equals(":") || t.equals("股:"));
    assertThat(a.reason()).contains("“" + weighted.stream().filter(t -> t.contains(":")).findFirst().orElseThrow()
        + "”");
  }

  private static void headline(Path dir, int n, String title) throws IOException {
    String id = String.format("%016x", n + 1);
    OffsetDateTime at = OffsetDateTime.of(2025, 1, 1, 8, 0, 0, 0, ZoneOffset.ofHours(8)).plusMinutes(n);
    Article a = Article.builder(id, title).author("admin").likes(0).previousPostAt(at).nextPostAt(at.plusMinutes(1))
        .addBlock(new Block.Paragraph(List.of(Inline.plain(title)), Optional.empty())).build();
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(String.format("%03d_%s.txt", n, id)), SeedWriter.write(a), StandardCharsets.UTF_8);
  }

  @Test
  void aLabelledArticleIsClassifiedAsIfItWereNotLabelled() {
    SimilarityIndex index = SimilarityIndex.of(loaded);
    NeighbourClassifier.Model model = NeighbourClassifier.create()
        .model(loaded, index, NeighbourClassifier.labels(loaded));
    CategoryAssignment a = model.vote("00000000000000e1").orElseThrow();
    assertThat(a.slug()).isEqualTo("loans");
    assertThat(a.evidence()).extracting(Evidence::label).doesNotContain("00000000000000e1");
    assertThat(model.voters("00000000000000e1")).extracting(SimilarArticle::id).doesNotContain("00000000000000e1");
  }

  @Test
  void anArticleSharingNoTermWithAnyVoterStaysUncategorised() {
    NeighbourClassifier.Result r = NeighbourClassifier.create().classify(loaded);
    CategoryAssignment a = r.corpus().require("00000000000000e9").categories().get(0);
    assertThat(a.slug()).isEqualTo(Taxonomy.UNCATEGORISED);
    assertThat(a.source()).isEqualTo(Source.FALLBACK);
    assertThat(r.unresolved()).isEqualTo(1);
  }

  @Test
  void folderAndRuleAssignmentsOutrankTheVote() {
    Corpus c = NeighbourClassifier.create().classify(loaded).corpus();
    for (Article a : loaded.articles()) {
      Source before = a.categories().get(0).source();
      if (before == Source.FOLDER || before == Source.RULES) {
        assertThat(c.require(a.id()).categories()).isEqualTo(a.categories());
      }
    }
    assertThat(c.require("00000000000000ea").categories().get(0).source()).isEqualTo(Source.RULES);
  }

  @Test
  void theCategoryTreeCountsVotedArticles() {
    Corpus c = NeighbourClassifier.create().classify(loaded).corpus();
    assertThat(c.inCategory("loans")).extracting(Article::id)
        .containsExactly("00000000000000e1", "00000000000000e2", "00000000000000e3", "00000000000000e7");
    assertThat(c.inCategory(Taxonomy.UNCATEGORISED)).extracting(Article::id).containsExactly("00000000000000e9");
  }

  @Test
  void withSimilarityPowerZeroEveryVoterCountsTheSame() {
    NeighbourClassifier equal = NeighbourClassifier.builder().k(6).power(0).profileWeight(0).termWeight(0).build();
    SimilarityIndex index = SimilarityIndex.of(loaded);
    Map<String, String> labels = NeighbourClassifier.labels(loaded);
    CategoryAssignment a = equal.model(loaded, index, labels).vote("00000000000000e7").orElseThrow();
    long loans = a.evidence().stream().filter(e -> labels.get(e.label()).equals("loans")).count();
    assertThat(a.score()).isEqualTo((double) loans / a.evidence().size());
  }

  @Test
  void servesAsTheContentLibrarysCategoryStage() {
    ContentLibrary.Options options = ContentLibrary.Options.builder()
        .categoryAssigner(NeighbourClassifier.create()).build();
    try (ContentLibrary library = ContentLibrary.open(loaded, options)) {
      CategoryAssignment a = library.corpus().require("00000000000000e7").categories().get(0);
      assertThat(a.slug()).isEqualTo("loans");
      assertThat(a.source()).isEqualTo(Source.NEIGHBOURS);
    }
  }

  @Test
  void rejectsNonsenseSettings() {
    assertThatThrownBy(() -> NeighbourClassifier.builder().k(0)).hasMessageContaining("k must be at least 1");
    assertThatThrownBy(() -> NeighbourClassifier.builder().power(-1)).hasMessageContaining("power");
    assertThatThrownBy(() -> NeighbourClassifier.builder().profileWeight(1.5)).hasMessageContaining("profileWeight");
    assertThatThrownBy(() -> NeighbourClassifier.builder().profileTemperature(0))
        .hasMessageContaining("profileTemperature");
    assertThatThrownBy(() -> NeighbourClassifier.builder().termWeight(-0.1)).hasMessageContaining("termWeight");
    assertThatThrownBy(() -> NeighbourClassifier.builder().termTemperature(0)).hasMessageContaining("termTemperature");
    assertThatThrownBy(() -> NeighbourClassifier.builder().profileWeight(0.7).termWeight(0.4).build())
        .hasMessageContaining("must not exceed 1");
  }

  private static CategoryAssignment classified(String id) {
    return NeighbourClassifier.create().classify(loaded).corpus().require(id).categories().get(0);
  }

  /** The article's evidence terms of one kind: at most three, each in its text, each with a positive weight. */
  private static List<Evidence> evidenceTerms(String id, String kind) {
    Article article = loaded.require(id);
    List<Evidence> terms = classified(id).evidence().stream().filter(e -> e.kind().equals(kind)).toList();
    assertThat(terms).isNotEmpty().hasSizeLessThanOrEqualTo(3)
        .allSatisfy(e -> {
          assertThat(article.title() + article.bodyText()).contains(e.label());
          assertThat(e.weight()).isPositive();
        });
    return terms;
  }

  private static String primary(Corpus c, String id) {
    return c.require(id).primaryCategory().orElseThrow();
  }

  static List<String> ids(List<Article> articles) {
    return articles.stream().map(Article::id).toList();
  }
}

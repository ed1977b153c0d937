package dev.content.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SearchTest {
  static ContentLibrary lib;

  @BeforeAll
  static void open() {
    lib = ContentLibrary.open(Fixtures.categorised());
  }

  @AfterAll
  static void close() {
    lib.close();
  }

  private static List<String> ids(SearchResults r) {
    return r.hits().stream().map(SearchHit::id).toList();
  }

  @Test
  void findsWangdaiThoughTheWordSegmenterSplitsIt() {
    SearchResults r = lib.search("网贷");
    // Both full articles with 网贷 in the title rank above everything else.
    assertThat(ids(r).subList(0, 2)).containsExactlyInAnyOrder(Fixtures.SEED, Fixtures.LAWYER);
    assertThat(ids(r)).contains(Fixtures.COLLECTION);
    assertThat(r.hits()).filteredOn(h -> h.id().equals(Fixtures.SEED)).first()
        .satisfies(h -> assertThat(h.titleHighlight().marked()).isEqualTo("【网贷】逾期了如何防止爆通讯录"));
  }

  @Test
  void findsAnArticleByATypedQuestion() {
    assertThat(ids(lib.search("征信上的逾期记录多久可以消除"))).first().isEqualTo(Fixtures.CREDIT);
    assertThat(ids(lib.search("被催收爆通讯录了怎么办"))).first().isEqualTo(Fixtures.SEED);
  }

  @Test
  void requiresEveryWhitespaceSeparatedWord() {
    assertThat(ids(lib.search("提前还款 花呗"))).containsExactly(Fixtures.HUABEI);
  }

  @Test
  void fallsBackToPartialMatchesAndSaysSoWhenNothingMatchesEveryWord() {
    SearchResults strict = lib.search("花呗 提前还款");
    assertThat(strict.relaxed()).isFalse();
    SearchResults r = lib.search("花呗 征信修复 律所");
    assertThat(r.relaxed()).isTrue();
    assertThat(ids(r)).contains(Fixtures.HUABEI, Fixtures.CREDIT);
    assertThat(lib.search("比特币").total()).isZero();
  }

  @Test
  void quotedPhraseMatchesOnlyTheExactSequence() {
    SearchResults r = lib.search("\"提前还款\"");
    assertThat(ids(r)).contains(Fixtures.JIEBEI, Fixtures.HUABEI).doesNotContain(Fixtures.CREDIT);
    assertThat(lib.search("“还款提前”").total()).isZero();
    assertThat(lib.search("\"违约金吗\"").hits()).extracting(SearchHit::id).containsExactly(Fixtures.JIEBEI);
  }

  @Test
  void matchesLatinWordsWhateverTheirCaseOrWidth() {
    assertThat(ids(lib.search("apple id"))).first().isEqualTo(Fixtures.APPLE);
    assertThat(ids(lib.search("ＡＰＰＬＥ"))).first().isEqualTo(Fixtures.APPLE);
    SearchHit hit = lib.search("apple 退款").hits().get(0);
    assertThat(hit.titleHighlight().marked()).isEqualTo("【Apple】 ID被盗刷如何申请【退款】");
  }

  @Test
  void highlightsMatchedTermsInASnippetChosenAroundThem() {
    SearchHit hit = lib.search("征信 保存期限").hits().get(0);
    assertThat(hit.id()).isEqualTo(Fixtures.CREDIT);
    Snippet s = hit.snippet();
    assertThat(s.segments()).filteredOn(Snippet.Segment::marked).extracting(Snippet.Segment::text)
        .contains("征信", "保存期限");
    assertThat(s.text()).contains("保存期限");
    for (Span span : s.spans()) {
      String marked = s.text().substring(span.start(), span.end());
      assertThat(marked).isIn("征信", "保存期限");
    }
    assertThat(s.marked()).contains("【保存期限】");
    assertThat(s.render(t -> t.replace("<", "&lt;"), t -> "<b>" + t + "</b>")).contains("<b>保存期限</b>");
  }

  @Test
  void cutsLongSnippetsWithAnEllipsisAndKeepsSpansInside() {
    SearchHit hit = lib.search(SearchRequest.builder("报警").snippetLength(20).build()).hits().stream()
        .filter(h -> h.id().equals(Fixtures.COLLECTION)).findFirst().orElseThrow();
    assertThat(hit.snippet().text()).startsWith("…").contains("报警");
    assertThat(hit.snippet().text().length()).isLessThanOrEqualTo(22);
    assertThat(hit.snippet().marked()).contains("【报警】");
  }

  @Test
  void findsStubsByTitleAndExcerptAndMarksThem() {
    SearchResults r = lib.search("微信买东西被骗");
    SearchHit first = r.hits().get(0);
    assertThat(first.stub()).isTrue();
    assertThat(first.title()).isEqualTo("微信买东西被骗了钱怎么追回来了");
    assertThat(lib.search(SearchRequest.builder("微信买东西被骗").includeStubs(false).build()).hits())
        .noneMatch(SearchHit::stub);
    assertThat(lib.search("蚂蚁金服").hits()).extracting(SearchHit::stub).containsExactly(true);
  }

  @Test
  void pagesThroughResultsWithoutOverlap() {
    SearchRequest first = SearchRequest.builder("还款").pageSize(2).build();
    SearchResults p1 = lib.search(first);
    assertThat(p1.total()).isGreaterThan(4);
    List<String> all = new ArrayList<>();
    for (int page = 1; page <= p1.pageCount(); page++) {
      SearchResults p = lib.search(first.toBuilder().page(page).build());
      assertThat(p.hits().size()).isLessThanOrEqualTo(2);
      all.addAll(ids(p));
    }
    assertThat(all).doesNotHaveDuplicates().hasSize(p1.total());
    assertThat(lib.search(first.toBuilder().page(p1.pageCount() + 1).build()).hits()).isEmpty();
    assertThat(p1.hasNext()).isTrue();
    assertThat(p1.hasPrevious()).isFalse();
  }

  @Test
  void filtersByCategoryIncludingDescendantsAndCountsFacetsAcrossCategories() {
    SearchResults all = lib.search("还款");
    SearchResults loans = lib.search(SearchRequest.builder("还款").category("loans").build());
    assertThat(ids(loans)).contains(Fixtures.JIEBEI, Fixtures.HUABEI, Fixtures.SEED)
        .doesNotContain(Fixtures.CREDIT);
    assertThat(loans.facets()).isEqualTo(all.facets());
    assertThat(all.facets()).anySatisfy(f -> {
      assertThat(f.slug()).isEqualTo("loans");
      assertThat(f.name()).isEqualTo("网贷");
      assertThat(f.count()).isEqualTo(loans.total());
    });
    assertThat(all.facets()).anySatisfy(f -> assertThat(f.slug()).isEqualTo("early-repayment"));
    assertThatThrownBy(() -> lib.search(SearchRequest.builder("还款").category("nope").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
  }

  @Test
  void facetCountsEveryCategoryAndAncestorOfEveryMatchOnce() {
    for (String q : List.of("还款", "逾期", "网贷 逾期")) {
      SearchResults first = lib.search(SearchRequest.builder(q).pageSize(1000).build());
      java.util.Map<String, Integer> expected = new java.util.TreeMap<>();
      for (SearchHit h : first.hits()) {
        java.util.Set<String> slugs = new java.util.TreeSet<>();
        for (String c : h.categories()) {
          lib.corpus().taxonomy().pathToRoot(c).forEach(up -> slugs.add(up.slug()));
        }
        slugs.forEach(s -> expected.merge(s, 1, Integer::sum));
      }
      assertThat(first.hits()).hasSize(first.total());
      java.util.Map<String, Integer> counted = new java.util.TreeMap<>();
      first.facets().forEach(f -> counted.put(f.slug(), f.count()));
      assertThat(counted).as(q).isEqualTo(expected);
      // Ordered by count, then slug; a category filter counts the same facets.
      assertThat(first.facets()).isSortedAccordingTo(java.util.Comparator.comparingInt(FacetCount::count)
          .reversed().thenComparing(FacetCount::slug));
      String top = first.facets().get(0).slug();
      assertThat(lib.search(SearchRequest.builder(q).category(top).build()).facets()).isEqualTo(first.facets());
    }
  }

  @Test
  void filtersByPublishDate() {
    SearchResults r = lib.search(SearchRequest.builder("还款")
        .from(LocalDate.of(2025, 9, 1)).to(LocalDate.of(2025, 9, 30)).includeStubs(false).build());
    assertThat(ids(r)).containsExactlyInAnyOrder(Fixtures.JIEBEI, Fixtures.HUABEI, Fixtures.SEED);
    assertThat(r.hits()).allSatisfy(h -> assertThat(h.date().orElseThrow().getMonthValue()).isEqualTo(9));
  }

  @Test
  void listsAFilteredCategoryNewestFirstForAnEmptyQuery() {
    SearchResults r = lib.search(SearchRequest.builder("").category("rights").includeStubs(false).build());
    assertThat(ids(r)).containsExactly(Fixtures.COLLECTION, Fixtures.SHOPPING, Fixtures.APPLE);
  }

  @Test
  void suggestsTitlesByChinesePrefixThenByInfix() {
    List<Suggestion> s = lib.suggest("网贷", 10);
    assertThat(s).first().satisfies(x -> {
      assertThat(x.id()).isEqualTo(Fixtures.SEED);
      assertThat(x.highlight().marked()).isEqualTo("【网贷】逾期了如何防止爆通讯录");
    });
    assertThat(s).extracting(Suggestion::title).contains("网贷提前还款有违约金怎么办", "找律师起诉网贷平台要多少钱");
    assertThat(s.indexOf(s.stream().filter(x -> x.title().startsWith("找律师")).findFirst().orElseThrow()))
        .isGreaterThan(s.indexOf(s.stream().filter(x -> x.title().startsWith("网贷提前")).findFirst().orElseThrow()));
    assertThat(lib.suggest("apple id", 3)).extracting(Suggestion::id).containsExactly(Fixtures.APPLE);
    assertThat(lib.suggest("网", 1)).hasSize(1);
    assertThat(lib.suggest("  ", 5)).isEmpty();
  }
}

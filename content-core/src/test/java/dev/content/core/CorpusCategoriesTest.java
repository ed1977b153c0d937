package dev.content.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.content.core.CategoryAssignment.Source;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Browsing by category: the tree with counts, chronological pages, previous and next within a category. */
class CorpusCategoriesTest {
  private static final Taxonomy TAXONOMY = Taxonomy.of(List.of(
      new Category("loans", "网贷与借款", Optional.empty(), "", 1),
      new Category("alipay-credit", "借呗与花呗", Optional.of("loans"), "", 1),
      new Category("huabei-only", "花呗", Optional.of("alipay-credit"), "", 1),
      new Category("early-repayment", "提前还款", Optional.of("loans"), "", 2),
      new Category("credit-report", "征信", Optional.empty(), "", 2)));

  /** Articles a..g on consecutive days; each with its categories, primary first. */
  private static final Corpus CORPUS = Corpus.builder().taxonomy(TAXONOMY)
      .add(article("a", 1, "huabei-only"))
      .add(article("b", 2, "early-repayment", "credit-report"))
      .add(article("c", 3, "credit-report"))
      .add(article("d", 4, "alipay-credit"))
      .add(article("e", 5, "loans"))
      .add(article("f", 6, "huabei-only", "early-repayment"))
      .add(article("g", 7, Taxonomy.UNCATEGORISED))
      .build();

  private static Article article(String id, int day, String... slugs) {
    List<CategoryAssignment> cats = java.util.Arrays.stream(slugs)
        .map(s -> new CategoryAssignment(s, Source.RULES, 3, "测试", List.of())).toList();
    return Article.builder(id, "标题" + id).date(LocalDate.of(2025, 1, day)).categories(cats).build();
  }

  @Test
  void aParentCountsTheDistinctArticlesOfItsWholeSubtree() {
    StringBuilder sb = new StringBuilder();
    print(CORPUS.categoryTree(), "", sb);
    assertThat(sb.toString()).isEqualTo("""
        网贷与借款 5
          借呗与花呗 3
            花呗 2
          提前还款 2
        征信 2
        未分类 1
        """);
  }

  private static void print(List<CategoryNode> nodes, String indent, StringBuilder sb) {
    for (CategoryNode n : nodes) {
      sb.append(indent).append(n.category().name()).append(' ').append(n.count()).append('\n');
      print(n.children(), indent + "  ", sb);
    }
  }

  @Test
  void listsACategoryWithItsDescendantsOldestFirst() {
    assertThat(ids(CORPUS.inCategory("loans"))).containsExactly("a", "b", "d", "e", "f");
    assertThat(ids(CORPUS.inCategory("alipay-credit"))).containsExactly("a", "d", "f");
    assertThat(ids(CORPUS.inCategory("credit-report"))).containsExactly("b", "c");
  }

  @Test
  void pagesNewestFirstWithTotals() {
    Page<Article> first = CORPUS.inCategory("loans", true, 1, 2);
    assertThat(ids(first.items())).containsExactly("f", "e");
    assertThat(first.total()).isEqualTo(5);
    assertThat(first.pageCount()).isEqualTo(3);
    assertThat(first.hasPrevious()).isFalse();
    assertThat(first.hasNext()).isTrue();
    Page<Article> last = CORPUS.inCategory("loans", true, 3, 2);
    assertThat(ids(last.items())).containsExactly("a");
    assertThat(last.hasNext()).isFalse();
    assertThat(CORPUS.inCategory("loans", true, 4, 2).items()).isEmpty();
    assertThat(ids(CORPUS.inCategory("loans", false, 1, 2).items())).containsExactly("a", "b");
    assertThatThrownBy(() -> CORPUS.inCategory("loans", true, 0, 2)).hasMessageContaining("page must be at least 1");
  }

  @Test
  void stepsToThePreviousAndNextArticleOfTheSameCategory() {
    assertThat(CORPUS.nextInCategory("a", "alipay-credit")).map(Article::id).hasValue("d");
    assertThat(CORPUS.previousInCategory("f", "alipay-credit")).map(Article::id).hasValue("d");
    assertThat(CORPUS.previousInCategory("a", "alipay-credit")).isEmpty();
    assertThat(CORPUS.nextInCategory("f", "alipay-credit")).isEmpty();
    // b is in credit-report as a secondary category; its neighbour there is c.
    assertThat(CORPUS.nextInCategory("b", "credit-report")).map(Article::id).hasValue("c");
    // An article outside the category has no neighbours in it.
    assertThat(CORPUS.nextInCategory("c", "loans")).isEmpty();
  }

  @Test
  void rejectsUnknownCategoriesAndArticles() {
    assertThatThrownBy(() -> CORPUS.inCategory("nope")).hasMessage("unknown category: nope");
    assertThatThrownBy(() -> CORPUS.nextInCategory("zz", "loans")).hasMessage("unknown article: zz");
  }

  @Test
  void findsACategoryBySlugOrChineseName() {
    assertThat(TAXONOMY.find("credit-report")).map(Category::name).hasValue("征信");
    assertThat(TAXONOMY.find("征信")).map(Category::slug).hasValue("credit-report");
    assertThat(TAXONOMY.find("未分类")).map(Category::slug).hasValue(Taxonomy.UNCATEGORISED);
    assertThat(TAXONOMY.find("旅游")).isEmpty();
  }

  private static List<String> ids(List<Article> articles) {
    return articles.stream().map(Article::id).toList();
  }
}

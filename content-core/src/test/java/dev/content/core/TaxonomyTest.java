package dev.content.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaxonomyTest {
  private static Category cat(String slug, String parent, int order) {
    return new Category(slug, slug + "名", Optional.ofNullable(parent), "", order);
  }

  private final Taxonomy taxonomy = Taxonomy.of(List.of(
      cat("loans", null, 1), cat("early-repayment", "loans", 2), cat("installments", "loans", 1),
      cat("credit", null, 2)));

  @Test
  void alwaysHasTheUncategorisedFallback() {
    assertThat(Taxonomy.empty().roots()).extracting(Category::name).containsExactly("未分类");
    assertThat(taxonomy.roots()).extracting(Category::slug).containsExactly("loans", "credit", "uncategorized");
  }

  @Test
  void walksTheTreeInDisplayOrder() {
    assertThat(taxonomy.children("loans")).extracting(Category::slug)
        .containsExactly("installments", "early-repayment");
    assertThat(taxonomy.pathToRoot("early-repayment")).extracting(Category::slug)
        .containsExactly("early-repayment", "loans");
    assertThat(taxonomy.all()).extracting(Category::slug)
        .containsExactly("loans", "installments", "early-repayment", "credit", "uncategorized");
  }

  @Test
  void rejectsBrokenTrees() {
    assertThatThrownBy(() -> Taxonomy.of(List.of(cat("a", "b", 1))))
        .hasMessage("category a has unknown parent b");
    assertThatThrownBy(() -> Taxonomy.of(List.of(cat("a", "b", 1), cat("b", "a", 1))))
        .hasMessage("category a is part of a parent cycle");
    assertThatThrownBy(() -> Taxonomy.of(List.of(cat("a", null, 1), cat("a", null, 2))))
        .hasMessage("duplicate category slug: a");
  }

  @Test
  void countsArticlesOfDescendantsInTheirParents() {
    CategoryAssignment early = new CategoryAssignment("early-repayment", CategoryAssignment.Source.RULES, 3,
        "标题含“提前还款”", List.of());
    CategoryAssignment loans = new CategoryAssignment("loans", CategoryAssignment.Source.FOLDER, 1, "目录", List.of());
    Corpus corpus = Corpus.builder().taxonomy(taxonomy)
        .add(Article.builder("a", "甲").categories(List.of(early, loans)).build())
        .add(Article.builder("b", "乙").categories(List.of(early)).build())
        .add(Article.builder("c", "丙").build())
        .build();

    CategoryNode loansNode = corpus.categoryTree().get(0);
    assertThat(loansNode.count()).isEqualTo(2); // a counted once although it is in loans and a child
    assertThat(loansNode.children()).extracting(n -> n.category().slug() + "=" + n.count())
        .containsExactly("installments=0", "early-repayment=2");
    assertThat(corpus.inCategory("loans", true, 1, 1).items()).extracting(Article::id).containsExactly("b");
    assertThat(corpus.inCategory("loans", true, 1, 1).pageCount()).isEqualTo(2);
    assertThat(corpus.nextInCategory("a", "loans")).map(Article::id).hasValue("b");
    assertThat(corpus.withCategories(taxonomy, Map.of("c", List.of(loans))).categoryTree().get(0).count())
        .isEqualTo(3);
  }
}

package dev.content.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.content.core.Article;
import dev.content.core.Block;
import dev.content.core.Corpus;
import dev.content.core.Inline;
import dev.content.core.Relation;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RelatedTest {

  @Test
  void listsExplicitEdgesFirstThenComputedOnesUpToK() {
    try (ContentLibrary lib = ContentLibrary.open(Fixtures.categorised())) {
      List<Relation> related = lib.related(Fixtures.SEED);
      assertThat(related).hasSize(6);
      assertThat(related).allMatch(r -> r.kind() == Relation.Kind.EXPLICIT);
      assertThat(related.get(0).reasons().get(0)).isEqualTo(
          new Relation.Reason(Relation.ReasonKind.PAGE, "1", 1));

      List<Relation> more = lib.related(Fixtures.SEED, 9);
      assertThat(more).hasSize(9);
      assertThat(more.subList(0, 6)).isEqualTo(related);
      assertThat(more.subList(6, 9)).allMatch(r -> r.kind() == Relation.Kind.COMPUTED);
      assertThat(more.subList(6, 9)).extracting(Relation::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
      assertThat(more).extracting(Relation::target).doesNotHaveDuplicates().doesNotContain(Fixtures.SEED);
    }
  }

  @Test
  void explainsEveryComputedEdgeWithSharedTermsAndCategories() {
    try (ContentLibrary lib = ContentLibrary.open(Fixtures.categorised())) {
      List<Relation> related = lib.related(Fixtures.HUABEI, 3);
      assertThat(related.get(0).kind()).isEqualTo(Relation.Kind.EXPLICIT);
      assertThat(related.get(0).target()).isEqualTo(Fixtures.JIEBEI);
      // The explicit edge also says how similar the two are.
      assertThat(related.get(0).reasons()).extracting(Relation.Reason::kind)
          .contains(Relation.ReasonKind.PAGE, Relation.ReasonKind.SHARED_TERM, Relation.ReasonKind.SHARED_CATEGORY);
      for (Relation r : related.subList(1, 3)) {
        assertThat(r.kind()).isEqualTo(Relation.Kind.COMPUTED);
        assertThat(r.score()).isBetween(0.0, 1.0);
        List<Relation.Reason> terms = r.reasons().stream()
            .filter(x -> x.kind() == Relation.ReasonKind.SHARED_TERM).toList();
        assertThat(terms).isNotEmpty();
        assertThat(terms).allSatisfy(t -> assertThat(t.weight()).isBetween(0.0, 1.0));
        Article a = lib.corpus().require(Fixtures.HUABEI);
        Article b = lib.corpus().require(r.target());
        for (Relation.Reason t : terms) {
          assertThat((a.title() + a.bodyText()).toLowerCase()).contains(t.label());
          assertThat((b.title() + b.bodyText()).toLowerCase()).contains(t.label());
        }
      }
      Relation jiebeiToHuabei = lib.related(Fixtures.JIEBEI, 6).stream()
          .filter(r -> r.target().equals(Fixtures.HUABEI)).findFirst().orElseThrow();
      assertThat(jiebeiToHuabei.reasons()).contains(
          new Relation.Reason(Relation.ReasonKind.SHARED_CATEGORY, "early-repayment", 0),
          new Relation.Reason(Relation.ReasonKind.SHARED_CATEGORY, "loans", 0));
      assertThat(jiebeiToHuabei.reasons()).extracting(Relation.Reason::label).contains("提前", "还款");
    }
  }

  @Test
  void corpusGraphSeesComputedEdgesMarkedByKind() {
    try (ContentLibrary lib = ContentLibrary.open(Fixtures.corpus())) {
      Corpus c = lib.corpus();
      assertThat(c.graph().related(Fixtures.CREDIT, Relation.Kind.COMPUTED)).hasSize(6);
      assertThat(c.graph().backlinks(Fixtures.CREDIT)).anyMatch(r -> r.kind() == Relation.Kind.COMPUTED);
      // Computed edges point at full articles only: a stub cannot be opened.
      assertThat(c.graph().related(Fixtures.CREDIT, Relation.Kind.COMPUTED))
          .allMatch(r -> c.isFull(r.target()));
    }
  }

  @Test
  void addingAnArticleOnlyInsertsItWhereItIsMoreSimilar() {
    Corpus before = Fixtures.corpus();
    Article newcomer = Article.builder("a1b2c3d4e5f60099", "借呗逾期了会爆通讯录吗")
        .addBlock(new Block.Paragraph(List.of(Inline.plain(
            "借呗逾期之后，支付宝会通过短信和电话提醒还款，一般不会爆通讯录。但如果长期逾期不还，可能被起诉，"
                + "并影响个人征信。建议尽快还款或者与平台协商分期。"))))
        .build();
    // Stubs are passed on too, so that they keep the categories the loader gave them.
    Corpus after = Corpus.builder().taxonomy(before.taxonomy()).addAll(before.articles()).add(newcomer).build();
    try (ContentLibrary first = ContentLibrary.open(before)) {
      Map<String, List<Relation>> old = computed(first);
      ContentLibrary second = first.update(after);
      try {
        Map<String, List<Relation>> neu = computed(second);
        int changed = 0;
        for (String id : old.keySet()) {
          List<Relation> o = old.get(id);
          List<Relation> n = neu.get(id);
          if (o.equals(n)) {
            continue;
          }
          changed++;
          // The only change: the newcomer entered, the weakest old entry (if the list was full) left.
          int at = n.stream().map(Relation::target).toList().indexOf(newcomer.id());
          assertThat(at).as("list of %s changed without the newcomer", id).isNotNegative();
          List<Relation> without = new java.util.ArrayList<>(n);
          without.remove(at);
          assertThat(without).isEqualTo(o.subList(0, Math.min(o.size(), without.size())));
          if (at > 0) {
            assertThat(n.get(at).score()).isLessThanOrEqualTo(n.get(at - 1).score());
          }
        }
        assertThat(changed).as("the newcomer is similar to some articles").isPositive();
        assertThatThrownBy(() -> first.search("网贷")).isInstanceOf(IllegalStateException.class);
        assertThat(second.indexReport().analysed()).isEqualTo(1);
        assertThat(second.indexReport().vectorised()).isEqualTo(1);
      } finally {
        second.close();
      }
    }
  }

  private static Map<String, List<Relation>> computed(ContentLibrary lib) {
    Corpus c = lib.corpus();
    return c.fullArticles().stream().collect(Collectors.toMap(Article::id,
        a -> c.graph().related(a.id(), Relation.Kind.COMPUTED), (x, y) -> x, java.util.TreeMap::new));
  }

  @Test
  void similarityIndexServesArbitraryTextAndRestrictsCandidates() {
    Corpus c = Fixtures.corpus();
    SimilarityIndex sim = SimilarityIndex.of(c);
    List<SimilarArticle> hits = sim.similarToText("", "征信逾期记录五年后删除", 3, c::isFull);
    assertThat(hits).first().extracting(SimilarArticle::id).isEqualTo(Fixtures.CREDIT);
    assertThat(hits.get(0).sharedTerms()).extracting(SharedTerm::term).contains("征信", "逾期");
    assertThat(hits.get(0).sharedTerms().stream().mapToDouble(SharedTerm::weight).sum()).isLessThanOrEqualTo(1.0001);
    Function<String, Boolean> onlyRights = id -> id.equals(Fixtures.SHOPPING) || id.equals(Fixtures.APPLE);
    assertThat(sim.similar(Fixtures.COLLECTION, 5, onlyRights::apply)).extracting(SimilarArticle::id)
        .isSubsetOf(Fixtures.SHOPPING, Fixtures.APPLE);
    assertThat(sim.similar(Fixtures.JIEBEI, 1, c::isFull)).extracting(SimilarArticle::id).containsExactly(Fixtures.HUABEI);
    assertThat(sim.compare(Fixtures.JIEBEI, Fixtures.HUABEI).score())
        .isEqualTo(sim.compare(Fixtures.HUABEI, Fixtures.JIEBEI).score());
    assertThatThrownBy(() -> sim.similar("nope", 3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
  }
}

package dev.content.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CorpusTest {
  private static final OffsetDateTime T0 = OffsetDateTime.parse("2025-09-27T07:19:00+08:00");

  private static RelatedEntry listing(String title, String date) {
    return RelatedEntry.of(title, Optional.of(title + "的摘要…"), Optional.ofNullable(date).map(LocalDate::parse));
  }

  private static Article full(String id, String title, int minutes, RelatedEntry... related) {
    return Article.builder(id, title).previousPostAt(T0.plusMinutes(minutes))
        .nextPostAt(T0.plusMinutes(minutes + 10)).related(List.of(related)).build();
  }

  @Test
  void turnsTitlesOnlySeenInListingsIntoStubsWithStableIds() {
    Corpus corpus = Corpus.builder().add(full("a1", "网贷逾期怎么办", 0, listing("征信怎么修复", "2025-10-24"))).build();

    Article stub = corpus.byTitle("征信怎么修复").orElseThrow();
    assertThat(stub.stub()).isTrue();
    assertThat(stub.id()).isEqualTo(Titles.stubId("征信怎么修复")).startsWith("s-").hasSize(18);
    assertThat(stub.date()).hasValue(LocalDate.parse("2025-10-24"));
    assertThat(stub.excerpt()).hasValue("征信怎么修复的摘要…");
    assertThat(corpus.require("a1").related().get(0).targetId()).hasValue(stub.id());
    assertThat(corpus.isFull(stub.id())).isFalse();
  }

  @Test
  void resolvesListingsToTheFullArticleOnceItsFileIsLoaded() {
    Corpus corpus = Corpus.builder()
        .add(full("a1", "网贷逾期怎么办", 0, listing("征信（怎么）修复？", "2025-10-24")))
        .add(full("a2", "征信(怎么)修复?", 20))
        .build();

    assertThat(corpus.require("a1").related().get(0).targetId()).hasValue("a2");
    assertThat(corpus.stubs()).isEmpty();
    // The listing tells the full article's date and excerpt, which its own page does not.
    assertThat(corpus.require("a2").date()).hasValue(LocalDate.parse("2025-10-24"));
    assertThat(corpus.require("a2").excerpt()).hasValue("征信（怎么）修复？的摘要…");
  }

  @Test
  void matchesTitlesAfterNfkcAndWhitespaceFolding() {
    assertThat(Titles.normalize(" 网贷　逾期ＡＢＣ１２３，怎么办？ ")).isEqualTo("网贷逾期abc123,怎么办?");
    assertThat(Titles.stubId("网贷 逾期")).isEqualTo(Titles.stubId("网贷逾期"));
  }

  @Test
  void ordersChronologicallyAndNavigatesBetweenFullArticles() {
    Article undated = Article.builder("z9", "没有时间的文章").build();
    Corpus corpus = Corpus.builder()
        .add(full("b", "第二篇", 60))
        .add(undated)
        .add(full("a", "第一篇", 0, listing("更早的文章", "2025-09-01")))
        .add(full("c", "第三篇", 120))
        .build();

    assertThat(corpus.articles()).extracting(Article::title)
        .containsExactly("更早的文章", "第一篇", "第二篇", "第三篇", "没有时间的文章");
    assertThat(corpus.fullArticles()).extracting(Article::id).containsExactly("a", "b", "c", "z9");
    assertThat(corpus.previous("b")).map(Article::id).hasValue("a");
    assertThat(corpus.next("b")).map(Article::id).hasValue("c");
    assertThat(corpus.previous("a")).isEmpty();
    assertThat(corpus.previous(Titles.stubId("更早的文章"))).isEmpty();
    assertThatThrownBy(() -> corpus.next("nope")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown article: nope");
  }

  @Test
  void answersGraphQueries() {
    Corpus corpus = Corpus.builder()
        .add(full("a", "甲", 0, listing("乙", null), listing("丙", null), listing("乙", null), listing("甲", null)))
        .add(full("b", "乙", 10, listing("甲", null)))
        .add(full("c", "丙", 20))
        .add(full("d", "丁", 30, listing("戊", null)))
        .build();
    RelatedGraph g = corpus.graph();
    String stub = Titles.stubId("戊");

    assertThat(g.successors("a")).containsExactly("b", "c"); // duplicates and self-links dropped
    assertThat(g.predecessors("a")).containsExactly("b");
    assertThat(g.backlinks("c")).extracting(Relation::source).containsExactly("a");
    assertThat(g.edge("a", "b")).map(Relation::kind).hasValue(Relation.Kind.EXPLICIT);
    assertThat(g.edge("a", "b").orElseThrow().reasons()).extracting(Relation.Reason::label).containsExactly("1");
    assertThat(g.edge("c", "a")).isEmpty();
    assertThat(g.reciprocalPairs()).containsExactly(List.of("a", "b"));
    assertThat(g.connectedComponents()).containsExactly(
        java.util.Set.of("a", "b", "c"), java.util.Set.of("d", stub));
    assertThat(g.asValueGraph().edgeValue("d", stub)).isPresent();
    assertThat(g.edgeCount()).isEqualTo(4);
    assertThatThrownBy(() -> g.related("nope")).isInstanceOf(IllegalArgumentException.class);
  }

  /** 甲 lists 乙; 丙 stands alone. */
  private static Corpus threeArticles() {
    return Corpus.builder()
        .add(full("a", "甲", 0, listing("乙", null)))
        .add(full("b", "乙", 10))
        .add(full("c", "丙", 20))
        .build();
  }

  @Test
  void mergesComputedRelationsAfterExplicitOnes() {
    Corpus corpus = threeArticles();
    Relation.Reason term = new Relation.Reason(Relation.ReasonKind.SHARED_TERM, "网贷", 0.4);
    Corpus withComputed = corpus.withComputedRelations(Map.of("a", List.of(
        new Relation("a", "c", Relation.Kind.COMPUTED, 0.5, List.of(term)),
        new Relation("a", "b", Relation.Kind.COMPUTED, 0.3, List.of(term)))));

    List<Relation> related = withComputed.graph().related("a");
    assertThat(related).extracting(Relation::target).containsExactly("b", "c");
    assertThat(related.get(0).kind()).isEqualTo(Relation.Kind.EXPLICIT);
    assertThat(related.get(0).score()).isEqualTo(0.3);
    assertThat(related.get(0).reasons()).extracting(Relation.Reason::kind)
        .containsExactly(Relation.ReasonKind.PAGE, Relation.ReasonKind.SHARED_TERM);
    assertThat(withComputed.graph().related("a", Relation.Kind.COMPUTED)).extracting(Relation::target)
        .containsExactly("c");
    assertThat(corpus.graph().related("a")).hasSize(1); // snapshots are immutable
    assertThatThrownBy(() -> corpus.withComputedRelations(Map.of("a", List.of(
        new Relation("a", "x", Relation.Kind.COMPUTED, 0.5, List.of())))))
        .hasMessage("unknown article: x");
  }

  @Test
  void makesCompactlyHeldComputedRelationsOnlyWhenTheyAreRead() {
    Corpus corpus = threeArticles();
    Relation.Reason term = new Relation.Reason(Relation.ReasonKind.SHARED_TERM, "网贷", 0.4);
    Map<String, List<Relation>> edges = Map.of(
        "a", List.of(new Relation("a", "c", Relation.Kind.COMPUTED, 0.5, List.of(term)),
            new Relation("a", "b", Relation.Kind.COMPUTED, 0.3, List.of(term))),
        "c", List.of(new Relation("c", "a", Relation.Kind.COMPUTED, 0.5, List.of(term))));
    java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
    Corpus compact = corpus.withComputedRelations(new ComputedRelations() {
      @Override
      public List<String> targets(String source) {
        return edges.getOrDefault(source, List.of()).stream().map(Relation::target).toList();
      }

      @Override
      public List<Relation> relations(String source) {
        made.incrementAndGet();
        return edges.getOrDefault(source, List.of());
      }
    });
    RelatedGraph g = compact.graph();
    assertThat(g.edgeCount()).isEqualTo(3);
    assertThat(g.predecessors("a")).containsExactly("c");
    assertThat(made).as("nothing made to build the graph").hasValue(0);

    Corpus eager = corpus.withComputedRelations(edges);
    for (String id : List.of("a", "b", "c")) {
      assertThat(g.related(id)).isEqualTo(eager.graph().related(id));
      assertThat(g.backlinks(id)).isEqualTo(eager.graph().backlinks(id));
    }
    assertThat(made).hasPositiveValue();
    assertThat(g.reciprocalPairs()).isEqualTo(eager.graph().reciprocalPairs()).containsExactly(List.of("a", "c"));
    assertThat(g.connectedComponents()).isEqualTo(eager.graph().connectedComponents());
    assertThat(compact.withCategories(compact.taxonomy(), Map.of()).graph()).as("categories keep the graph")
        .isSameAs(g);
  }

  @Test
  void rejectsComputedRelationsThatDisagreeWithTheirTargets() {
    Corpus corpus = Corpus.builder().add(full("a", "甲", 0)).add(full("b", "乙", 10)).build();
    Corpus wrong = corpus.withComputedRelations(new ComputedRelations() {
      @Override
      public List<String> targets(String source) {
        return source.equals("a") ? List.of("b") : List.of();
      }

      @Override
      public List<Relation> relations(String source) {
        return List.of();
      }
    });
    assertThatThrownBy(() -> wrong.graph().related("a")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("do not match its targets");
    // Found when read (the graph reads no targets to be made), naming the edge; other nodes still answer.
    Corpus outside = corpus.withComputedRelations(new ComputedRelations() {
      @Override
      public List<String> targets(String source) {
        return source.equals("b") ? List.of("x") : List.of();
      }

      @Override
      public List<Relation> relations(String source) {
        return List.of();
      }
    });
    assertThat(outside.graph().related("a")).isEmpty();
    assertThatThrownBy(() -> outside.graph().related("b")).isInstanceOf(IllegalStateException.class)
        .hasMessage("relation b -> x points outside the graph");
    assertThatThrownBy(() -> outside.graph().edgeCount()).isInstanceOf(IllegalStateException.class)
        .hasMessage("relation b -> x points outside the graph");
    Corpus outsideByPosition = corpus.withComputedRelations(new ComputedRelations() {
      @Override
      public List<String> targets(String source) {
        return List.of();
      }

      @Override
      public int[] targetPositions(int position) {
        return new int[] {position == 0 ? 2 : 0};
      }

      @Override
      public List<Relation> relations(String source) {
        return List.of();
      }
    });
    assertThatThrownBy(() -> outsideByPosition.graph().predecessors("b")).isInstanceOf(IllegalStateException.class)
        .hasMessage("relation a -> #2 points outside the graph");
  }

  @Test
  void putsTheSitesFirstPostBeforeTheSecond() {
    // The first post shows only 下一篇 (the second post's time); the second shows 上一篇 (the first's).
    Article first = Article.builder("p1", "第一篇").nextPostAt(T0.plusMinutes(10)).build();
    Article second = Article.builder("p2", "第二篇").previousPostAt(T0).nextPostAt(T0.plusMinutes(20)).build();
    Article last = Article.builder("p3", "第三篇").previousPostAt(T0.plusMinutes(10)).build();

    Corpus corpus = Corpus.builder().add(last).add(second).add(first).build();

    assertThat(corpus.fullArticles()).extracting(Article::id).containsExactly("p1", "p2", "p3");
  }

  @Test
  void rejectsDuplicateIds() {
    assertThatThrownBy(() -> Corpus.builder().add(full("a", "甲", 0)).add(full("a", "乙", 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("duplicate article id: a");
  }

  @Test
  void newCategoriesReplaceOnlyTheArticlesNamedAndKeepOrderTitlesAndGraph() {
    Corpus built = manyArticles(Taxonomy.empty());
    Taxonomy taxonomy = Taxonomy.of(List.of(new Category("loans", "网贷", Optional.empty(), "", 1)));
    CategoryAssignment loans = new CategoryAssignment("loans", CategoryAssignment.Source.NEIGHBOURS, 0.5, "邻居投票",
        List.of());
    Map<String, List<CategoryAssignment>> given = new java.util.HashMap<>();
    for (int i = 0; i < built.size(); i += 7) {
      given.put(built.articles().get(i).id(), List.of(loans)); // stubs and full articles alike
    }
    given.put(built.articles().get(1).id(), List.of()); // as it was: kept as it is

    Corpus assigned = built.withCategories(taxonomy, given);

    List<Article> expected = built.articles().stream().map(a -> given.containsKey(a.id())
        ? a.toBuilder().categories(given.get(a.id())).build() : a).toList();
    assertThat(assigned.articles()).isEqualTo(expected);
    assertThat(assigned.fullArticles()).isEqualTo(expected.stream().filter(a -> !a.stub()).toList());
    assertThat(assigned.stubs()).isEqualTo(expected.stream().filter(Article::stub).toList());
    assertThat(assigned.inCategory("loans")).hasSize((built.size() + 6) / 7);
    assertThat(assigned.taxonomy()).isSameAs(taxonomy);
    for (Article a : built.articles()) {
      Article now = assigned.require(a.id());
      if (given.containsKey(a.id()) && !given.get(a.id()).isEmpty()) {
        assertThat(now.categories()).containsExactly(loans);
      } else {
        assertThat(now).isSameAs(a);
      }
      assertThat(assigned.byTitle(a.title()).map(Article::id)).hasValue(a.id());
      assertThat(assigned.previous(a.id())).map(Article::id).isEqualTo(built.previous(a.id()).map(Article::id));
      assertThat(assigned.graph().related(a.id())).isEqualTo(built.graph().related(a.id()));
    }
    assertThat(built.withCategories(built.taxonomy(), Map.of()).articles()).isSameAs(built.articles());
    assertThatThrownBy(() -> built.withCategories(taxonomy, Map.of("nothing", List.of(loans))))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown article: nothing");
    assertThatThrownBy(() -> built.withCategories(Taxonomy.empty(), Map.of(built.articles().get(0).id(), List.of(loans))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loans");
  }

  /**
   * Many articles, so that titles, ids and page targets are resolved on several threads; listings of
   * titles no file has become stubs; some articles share a time, some have only a date or nothing.
   */
  private static Corpus manyArticles(Taxonomy taxonomy) {
    Corpus.Builder b = Corpus.builder().taxonomy(taxonomy);
    int n = 2_000;
    for (int i = 0; i < n; i++) {
      Article.Builder a = Article.builder(String.format("%016x", 0xa000 + i), "第" + i + "篇")
          .related(List.of(listing("第" + ((i * 7 + 3) % n) + "篇", null), listing("第" + ((i + 1) % n) + "篇", null),
              listing("没有文件的第" + (i % 40) + "篇", "2025-10-0" + (1 + i % 9))));
      if (i % 5 == 0) {
        a.date(LocalDate.parse("2025-09-27"));
      } else if (i % 11 != 0) {
        a.previousPostAt(T0.plusMinutes(i / 3));
      }
      b.add(a.build());
    }
    return b.build();
  }

  @Test
  void aCorpusOfResolvedArticlesIsTheCorpusTheyCameFrom() {
    int n = 2_000;
    Corpus built = manyArticles(Taxonomy.empty());
    List<Article> stored = new java.util.ArrayList<>(built.fullArticles());
    java.util.Collections.reverse(stored); // any order: the corpus sorts
    stored.addAll(built.stubs());

    Corpus resolved = Corpus.ofResolved(built.zone(), built.taxonomy(), stored);

    assertThat(resolved.articles()).isEqualTo(built.articles());
    assertThat(resolved.fullArticles()).isEqualTo(built.fullArticles());
    assertThat(resolved.stubs()).hasSize(40).isEqualTo(built.stubs());
    assertThat(resolved.graph().nodes()).containsExactlyElementsOf(built.graph().nodes());
    assertThat(resolved.graph().nodes().contains(built.stubs().get(0).id())).isTrue();
    assertThat(resolved.graph().nodes().contains("nothing")).isFalse();
    assertThat(resolved.graph().edgeCount()).isEqualTo(built.graph().edgeCount()).isGreaterThan(2 * n);
    for (Article a : built.articles()) {
      assertThat(resolved.require(a.id())).isSameAs(stored.get(stored.indexOf(a)));
      assertThat(resolved.byTitle(a.title()).map(Article::id)).hasValue(a.id());
      assertThat(resolved.graph().related(a.id())).isEqualTo(built.graph().related(a.id()));
      assertThat(resolved.graph().backlinks(a.id())).isEqualTo(built.graph().backlinks(a.id()));
      assertThat(resolved.previous(a.id())).isEqualTo(built.previous(a.id()));
      assertThat(resolved.next(a.id())).isEqualTo(built.next(a.id()));
    }
    assertThat(resolved.article("nothing")).isEmpty();
    assertThat(resolved.isFull("nothing")).isFalse();
  }

  @Test
  void aCorpusRestoredInItsOrderWithItsTargetsAndTitleOwnersIsTheCorpusItCameFrom() {
    Corpus.Builder b = Corpus.builder();
    manyArticles(Taxonomy.empty()).fullArticles().forEach(b::add);
    // Two full articles with one title, the later one added first: listings and byTitle name the first
    // added, which a restored corpus must know without the order they were added in.
    b.add(full("f0000000000000b2", "同名的文章", 500));
    b.add(full("f0000000000000b1", "同名的文章", 5));
    b.add(full("f0000000000000b3", "列出同名的文章", 50, listing("同名的文章", null)));
    Corpus built = b.build();
    List<Article> order = built.articles();
    Stored stored = new Stored(built, order);

    Corpus restored = Corpus.ofStored(built.zone(), built.taxonomy(), stored);

    assertThat(restored.articles()).isEqualTo(order);
    assertThat(restored.fullArticles()).isEqualTo(built.fullArticles());
    assertThat(restored.stubs()).isEqualTo(built.stubs());
    assertThat(stored.ownerCalls).as("the title index is built when first asked for").hasValue(0);
    assertThat(restored.graph().edgeCount()).isEqualTo(built.graph().edgeCount());
    for (Article a : order) {
      assertThat(restored.require(a.id())).isEqualTo(a).isSameAs(restored.require(a.id()));
      assertThat(restored.byTitle(a.title()).map(Article::id)).isEqualTo(built.byTitle(a.title()).map(Article::id));
      assertThat(restored.graph().related(a.id())).isEqualTo(built.graph().related(a.id()));
      assertThat(restored.graph().backlinks(a.id())).isEqualTo(built.graph().backlinks(a.id()));
      assertThat(restored.previous(a.id())).isEqualTo(built.previous(a.id()));
      assertThat(restored.next(a.id())).isEqualTo(built.next(a.id()));
    }
    assertThat(restored.byTitle("同名的文章").map(Article::id)).hasValue("f0000000000000b2");
    assertThat(restored.graph().successors("f0000000000000b3")).containsExactly("f0000000000000b2");

    Taxonomy none = Taxonomy.empty();
    Stored outside = new Stored(built, order);
    outside.targets = i -> new int[] {order.size()};
    assertThatThrownBy(() -> Corpus.ofStored(built.zone(), none, outside))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("points outside the graph");
    Stored itself = new Stored(built, order);
    itself.targets = i -> new int[] {i};
    assertThatThrownBy(() -> Corpus.ofStored(built.zone(), none, itself))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("relation " + order.get(0).id() + " -> #0 points at itself");
    Stored twiceListed = new Stored(built, order);
    twiceListed.targets = i -> new int[] {(i + 1) % order.size(), (i + 2) % order.size(), (i + 1) % order.size()};
    assertThatThrownBy(() -> Corpus.ofStored(built.zone(), none, twiceListed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("relation " + order.get(0).id() + " -> #1 is listed twice");
    List<Article> twice = new java.util.ArrayList<>(order);
    twice.add(order.get(0));
    Stored repeated = new Stored(built, twice);
    repeated.targets = i -> new int[0];
    assertThatThrownBy(() -> Corpus.ofStored(built.zone(), none, repeated))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate article id");
  }

  /**
   * Articles as a store keeps them: those of {@code order}, restored as copies, counted (also used by
   * {@link LazyGraphTest}).
   */
  static final class Stored implements Corpus.StoredArticles {
    final Corpus built;
    final List<Article> order;
    final java.util.concurrent.atomic.AtomicInteger restores = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger ownerCalls = new java.util.concurrent.atomic.AtomicInteger();
    java.util.function.IntFunction<int[]> targets;
    /** A wrong store restores the article this many positions on. */
    int shift;

    Stored(Corpus built, List<Article> order) {
      this.built = built;
      this.order = order;
      this.targets = built.graph()::successorPositions;
    }

    @Override
    public int size() {
      return order.size();
    }

    @Override
    public String id(int position) {
      return order.get(position).id();
    }

    @Override
    public boolean stub(int position) {
      return order.get(position).stub();
    }

    @Override
    public int[] pageTargets(int position) {
      return targets.apply(position);
    }

    @Override
    public boolean ownsTitle(int position) {
      ownerCalls.incrementAndGet();
      return built.byTitle(order.get(position).title()).orElseThrow().id().equals(order.get(position).id());
    }

    @Override
    public Article article(int position) {
      restores.incrementAndGet();
      // A copy, as a decoder makes: equal, not the same instance.
      return order.get(position + shift).toBuilder().build();
    }
  }

  @Test
  void aCorpusOfStoredArticlesRestoresOnlyWhatIsReadAndAnswersAsTheCorpusItCameFrom() throws Exception {
    Corpus.Builder b = Corpus.builder().taxonomy(Taxonomy.of(List.of(new Category("loans", "网贷", Optional.empty(), "",
        1))));
    manyArticles(Taxonomy.empty()).fullArticles().forEach(b::add);
    b.add(full("f0000000000000b2", "同名的文章", 500));
    b.add(full("f0000000000000b1", "同名的文章", 5));
    Corpus built = b.build();
    List<Article> order = built.articles();
    Stored stored = new Stored(built, order);
    java.util.concurrent.atomic.AtomicInteger restores = stored.restores;

    Corpus lazy = Corpus.ofStored(built.zone(), built.taxonomy(), stored);

    assertThat(restores).as("opening restores no article").hasValue(0);
    assertThat(lazy.size()).isEqualTo(built.size());
    assertThat(lazy.fullArticles()).hasSize(built.fullArticles().size());
    assertThat(lazy.graph().successors(order.get(10).id())).isEqualTo(built.graph().successors(order.get(10).id()));
    assertThat(lazy.isFull(order.get(10).id())).isEqualTo(built.isFull(order.get(10).id()));
    assertThat(restores).as("sizes, kinds and the graph's structure need no article").hasValue(0);
    Article one = lazy.require(order.get(10).id());
    assertThat(one).isEqualTo(order.get(10)).isSameAs(lazy.articles().get(10));
    assertThat(restores).hasValue(1);
    // Read from several threads at once: one instance per position.
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<List<Article>>> reads = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        reads.add(pool.submit(() -> List.copyOf(lazy.articles())));
      }
      for (java.util.concurrent.Future<List<Article>> r : reads) {
        List<Article> got = r.get();
        for (int i = 0; i < got.size(); i++) {
          assertThat(got.get(i)).isSameAs(lazy.articles().get(i));
        }
      }
    } finally {
      pool.shutdown();
    }
    assertThat(lazy.articles()).isEqualTo(built.articles());
    assertThat(lazy.fullArticles()).isEqualTo(built.fullArticles());
    assertThat(lazy.stubs()).isEqualTo(built.stubs());
    for (Article a : order) {
      assertThat(lazy.byTitle(a.title()).map(Article::id)).isEqualTo(built.byTitle(a.title()).map(Article::id));
      assertThat(lazy.graph().related(a.id())).isEqualTo(built.graph().related(a.id()));
      assertThat(lazy.graph().backlinks(a.id())).isEqualTo(built.graph().backlinks(a.id()));
      assertThat(lazy.previous(a.id())).isEqualTo(built.previous(a.id()));
      assertThat(lazy.next(a.id())).isEqualTo(built.next(a.id()));
    }
    assertThat(lazy.articles()).isUnmodifiable();

    // New categories for a few articles restore only those of a fresh lazy corpus.
    restores.set(0);
    Corpus fresh = Corpus.ofStored(built.zone(), built.taxonomy(), stored);
    CategoryAssignment loans = new CategoryAssignment("loans", CategoryAssignment.Source.NEIGHBOURS, 0.5, "邻居投票",
        List.of());
    Map<String, List<CategoryAssignment>> given = Map.of(order.get(3).id(), List.of(loans), order.get(7).id(),
        List.of(loans));
    Corpus assigned = fresh.withCategories(fresh.taxonomy(), given);
    assertThat(restores).as("given their categories when read").hasValue(0);
    assertThat(assigned.require(order.get(3).id()).categories()).containsExactly(loans);
    assertThat(assigned.require(order.get(3).id())).isSameAs(assigned.articles().get(3));
    assertThat(restores).hasValue(1);
    assertThat(assigned.articles()).isEqualTo(built.withCategories(built.taxonomy(), given).articles());
    assertThat(assigned.fullArticles()).isEqualTo(built.withCategories(built.taxonomy(), given).fullArticles());
    assertThat(assigned.inCategory("loans")).extracting(Article::id).containsExactly(order.get(3).id(),
        order.get(7).id());

    // A store that restores another article than it says is caught, with both ids.
    Stored shifted = new Stored(built, order);
    shifted.shift = 1;
    Corpus wrong = Corpus.ofStored(built.zone(), built.taxonomy(), shifted);
    assertThatThrownBy(() -> wrong.articles().get(0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expected " + order.get(0).id());
  }

  @Test
  void aCorpusOfResolvedArticlesRejectsWhatNoCorpusCouldHold() {
    Article a1 = full("a1", "网贷逾期怎么办", 0).toBuilder()
        .related(List.of(listing("征信怎么修复", null).withTargetId("a2"))).build();
    Article a2 = full("a2", "征信怎么修复", 10);
    Taxonomy none = Taxonomy.empty();
    java.time.ZoneId zone = java.time.ZoneId.of("Asia/Shanghai");

    assertThat(Corpus.ofResolved(zone, none, List.of(a1, a2)).graph().successors("a1")).containsExactly("a2");
    assertThatThrownBy(() -> Corpus.ofResolved(zone, none, List.of(a1, a2, a2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("duplicate article id: a2");
    assertThatThrownBy(() -> Corpus.ofResolved(zone, none, List.of(a1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("article a1 lists unknown article a2");
    Article unresolved = full("a3", "没有目标", 20, listing("征信怎么修复", null));
    assertThatThrownBy(() -> Corpus.ofResolved(zone, none, List.of(unresolved)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("article a3 has an unresolved related entry: 征信怎么修复");
  }
}

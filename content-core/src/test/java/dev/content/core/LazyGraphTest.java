package dev.content.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The graph makes a node's merged targets and everyone's backlinks when first asked: it must answer
 * exactly as a graph worked out from the articles and the computed edges, from whichever thread asks
 * first, and over stored articles as over built ones.
 */
class LazyGraphTest {
  private static final OffsetDateTime T0 = OffsetDateTime.parse("2025-09-27T07:19:00+08:00");
  private static final int N = 1_500;

  /** Full articles listing two others and a title no file has (a stub), in a shuffled time order. */
  private static Corpus built() {
    Corpus.Builder b = Corpus.builder();
    for (int i = 0; i < N; i++) {
      b.add(Article.builder(String.format("%016x", 0xb000 + i), "第" + i + "篇")
          .previousPostAt(T0.plusMinutes((i * 37L) % N))
          .related(List.of(
              RelatedEntry.of("第" + ((i * 7 + 3) % N) + "篇", Optional.empty(), Optional.empty()),
              RelatedEntry.of("第" + ((i + 1) % N) + "篇", Optional.empty(), Optional.empty()),
              RelatedEntry.of("没有文件的第" + (i % 30) + "篇", Optional.empty(), Optional.of(LocalDate.parse("2025-10-01")))))
          .build());
    }
    return b.build();
  }

  /** The corpus's articles as a store keeps them: ids, kinds, the graph's page targets, each article restored. */
  private static Corpus.StoredArticles stored(Corpus built) {
    return new CorpusTest.Stored(built, built.articles());
  }

  /**
   * Computed targets by position (corpus order): every fifth article resembles two full articles, itself
   * (dropped) and the first of the two again (dropped); stubs resemble nothing.
   */
  private static int[][] computedPositions(Corpus c) {
    List<Article> all = c.articles();
    int n = all.size();
    int[][] out = new int[n][];
    for (int i = 0; i < n; i++) {
      if (all.get(i).stub() || i % 5 != 0) {
        out[i] = new int[0];
        continue;
      }
      int a = (i * 31 + 11) % n;
      int b = (i + n / 2) % n;
      while (all.get(a).stub() || a == i) {
        a = (a + 1) % n;
      }
      while (all.get(b).stub() || b == i || b == a) {
        b = (b + 1) % n;
      }
      out[i] = new int[] {a, i, b, a};
    }
    return out;
  }

  /** The computed relations to those targets, held by position ({@code byPosition}) or answered by id only. */
  private static ComputedRelations computed(Corpus c, int[][] targets, boolean byPosition) {
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < c.size(); i++) {
      position.put(c.articles().get(i).id(), i);
    }
    Relation.Reason term = new Relation.Reason(Relation.ReasonKind.SHARED_TERM, "网贷", 0.4);
    return new ComputedRelations() {
      @Override
      public List<String> targets(String source) {
        Integer i = position.get(source);
        List<String> out = new ArrayList<>();
        if (i != null) {
          for (int t : targets[i]) {
            out.add(c.articles().get(t).id());
          }
        }
        return out;
      }

      @Override
      public int[] targetPositions(int i) {
        return byPosition ? targets[i].clone() : null;
      }

      @Override
      public List<Relation> relations(String source) {
        List<Relation> out = new ArrayList<>();
        for (String t : targets(source)) {
          out.add(new Relation(source, t, Relation.Kind.COMPUTED, 0.5, List.of(term)));
        }
        return out;
      }
    };
  }

  /** Each article's targets worked out here: page targets, then computed ones, each once, never itself. */
  private static Map<String, List<String>> expectedSuccessors(Corpus c, int[][] computed) {
    Map<String, List<String>> out = new HashMap<>();
    List<Article> all = c.articles();
    for (int i = 0; i < all.size(); i++) {
      Article a = all.get(i);
      Set<String> targets = new LinkedHashSet<>();
      for (RelatedEntry e : a.related()) {
        targets.add(e.targetId().orElseThrow());
      }
      for (int t : computed[i]) {
        targets.add(all.get(t).id());
      }
      targets.remove(a.id());
      out.put(a.id(), List.copyOf(targets));
    }
    return out;
  }

  private static Map<String, List<String>> expectedPredecessors(Corpus c, Map<String, List<String>> successors) {
    Map<String, List<String>> out = new HashMap<>();
    for (Article a : c.articles()) {
      out.put(a.id(), new ArrayList<>());
    }
    for (Article s : c.articles()) {
      for (String t : successors.get(s.id())) {
        out.get(t).add(s.id());
      }
    }
    return out;
  }

  @Test
  void aGraphMadeOnFirstUseAnswersAsOneWorkedOutFromTheArticles() {
    Corpus built = built();
    Corpus restored = Corpus.ofStored(built.zone(), built.taxonomy(), stored(built));
    int[][] targets = computedPositions(built);
    Map<String, List<String>> successors = expectedSuccessors(built, targets);
    Map<String, List<String>> predecessors = expectedPredecessors(built, successors);
    int edges = successors.values().stream().mapToInt(List::size).sum();

    // Without computed edges: page targets only.
    Map<String, List<String>> pageOnly = expectedSuccessors(built, new int[built.size()][0]);
    Map<String, List<String>> listedBy = expectedPredecessors(built, pageOnly);
    for (Corpus plain : List.of(built, restored)) {
      for (Article a : built.articles()) {
        assertThat(plain.graph().successors(a.id())).isEqualTo(pageOnly.get(a.id()));
        assertThat(plain.graph().predecessors(a.id())).isEqualTo(listedBy.get(a.id()));
      }
      assertThat(plain.graph().edgeCount()).isEqualTo(pageOnly.values().stream().mapToInt(List::size).sum());
    }

    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < built.size(); i++) {
      position.put(built.articles().get(i).id(), i);
    }
    Corpus reference = built.withComputedRelations(computed(built, targets, false));
    List<Corpus> lazy = List.of(reference, built.withComputedRelations(computed(built, targets, true)),
        restored.withComputedRelations(computed(restored, targets, true)),
        restored.withComputedRelations(computed(restored, targets, false)));
    for (Corpus c : lazy) {
      RelatedGraph g = c.graph();
      for (Article a : built.articles()) {
        assertThat(g.successors(a.id())).isEqualTo(successors.get(a.id()));
        assertThat(g.related(a.id())).isEqualTo(reference.graph().related(a.id()));
      }
      assertThat(g.edgeCount()).isEqualTo(edges);
      for (Article a : built.articles()) {
        assertThat(g.predecessors(a.id())).isEqualTo(predecessors.get(a.id()));
        assertThat(g.backlinks(a.id())).isEqualTo(reference.graph().backlinks(a.id()));
        assertThat(g.successorPositions(position.get(a.id())))
            .containsExactly(successors.get(a.id()).stream().mapToInt(position::get).toArray());
      }
      assertThat(g.reciprocalPairs()).isEqualTo(reference.graph().reciprocalPairs()).isNotEmpty();
      assertThat(g.connectedComponents()).isEqualTo(reference.graph().connectedComponents());
      assertThat(g.asValueGraph()).isEqualTo(reference.graph().asValueGraph());
    }
    assertThat(reference.graph().reciprocalPairs()).allSatisfy(pair -> {
      assertThat(successors.get(pair.get(0))).contains(pair.get(1));
      assertThat(successors.get(pair.get(1))).contains(pair.get(0));
    });
  }

  @Test
  void threadsAskingAStoredCorpusTheirFirstQuestionsAtOnceGetOneAnswer() throws Exception {
    Corpus built = built();
    int[][] targets = computedPositions(built);
    Map<String, List<String>> successors = expectedSuccessors(built, targets);
    Map<String, List<String>> predecessors = expectedPredecessors(built, successors);
    int edges = successors.values().stream().mapToInt(List::size).sum();
    List<String> ids = built.articles().stream().map(Article::id).toList();
    CategoryAssignment loans = new CategoryAssignment("loans", CategoryAssignment.Source.NEIGHBOURS, 0.5, "邻居投票",
        List.of());
    Map<String, List<CategoryAssignment>> filed = new HashMap<>();
    built.stubs().forEach(s -> filed.put(s.id(), List.of(loans)));
    Taxonomy taxonomy = Taxonomy.of(List.of(new Category("loans", "网贷", Optional.empty(), "", 1)));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 5; round++) {
        Corpus restored = Corpus.ofStored(built.zone(), built.taxonomy(), stored(built));
        Corpus c = restored.withCategories(taxonomy, filed).withComputedRelations(computed(restored, targets, true));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Object>>> answers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int first = t;
          answers.add(pool.submit(() -> {
            start.await();
            List<Object> out = new ArrayList<>();
            // Each thread's first question is another one, so the first uses race.
            switch (first) {
              case 0 -> out.add(c.graph().edgeCount());
              case 1 -> out.add(c.graph().predecessors(ids.get(ids.size() / 2)));
              case 2 -> out.add(c.graph().connectedComponents().size());
              default -> out.add(c.articles().get(0));
            }
            Map<String, List<String>> succ = new HashMap<>();
            Map<String, List<String>> pred = new HashMap<>();
            for (String id : ids) {
              succ.put(id, c.graph().successors(id));
              pred.put(id, c.graph().predecessors(id));
            }
            out.add(succ);
            out.add(pred);
            out.add(c.graph().edgeCount());
            out.add(List.copyOf(c.articles()));
            return out;
          }));
        }
        start.countDown();
        List<Article> articles = null;
        for (Future<List<Object>> f : answers) {
          List<Object> got = f.get();
          assertThat(got.get(1)).isEqualTo(successors);
          assertThat(got.get(2)).isEqualTo(predecessors);
          assertThat(got.get(3)).isEqualTo(edges);
          @SuppressWarnings("unchecked")
          List<Article> read = (List<Article>) got.get(4);
          if (articles == null) {
            articles = read;
          }
          for (int i = 0; i < read.size(); i++) {
            assertThat(read.get(i)).as("one instance per position").isSameAs(articles.get(i))
                .isSameAs(c.articles().get(i));
          }
        }
        assertThat(c.stubs()).isNotEmpty().allSatisfy(s -> assertThat(s.categories()).containsExactly(loans));
        assertThat(c.fullArticles()).allSatisfy(a -> assertThat(a.categories()).isEmpty());
      }
    } finally {
      pool.shutdown();
    }
  }
}

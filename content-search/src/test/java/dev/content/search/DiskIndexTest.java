package dev.content.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.content.core.Article;
import dev.content.core.Block;
import dev.content.core.Category;
import dev.content.core.CategoryAssignment;
import dev.content.core.Corpus;
import dev.content.core.Inline;
import dev.content.core.LazyBody;
import dev.content.core.Relation;
import dev.content.core.Source;
import dev.content.core.Taxonomy;
import dev.content.search.internal.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskIndexTest {
  @TempDir
  Path dir;

  private ContentLibrary open(Corpus c) {
    return ContentLibrary.open(c, ContentLibrary.Options.builder().indexDirectory(dir).build());
  }

  @Test
  void reopeningAnUnchangedCorpusAnalysesNothing() {
    Corpus c = Fixtures.corpus();
    SearchResults before;
    Map<String, List<Relation>> related = new HashMap<>();
    try (ContentLibrary lib = open(c)) {
      assertThat(lib.indexReport().analysed()).isEqualTo(c.size());
      assertThat(lib.indexReport().rebuilt()).isEmpty();
      assertThat(lib.indexReport().relatedReused()).isFalse();
      before = lib.search("网贷 逾期");
      c.articles().forEach(a -> related.put(a.id(), lib.related(a.id())));
    }
    try (ContentLibrary lib = open(Fixtures.corpus())) {
      IndexReport r = lib.indexReport();
      assertThat(r.analysed()).isZero();
      assertThat(r.vectorised()).isZero();
      assertThat(r.reused()).isEqualTo(c.size());
      assertThat(r.chars()).isZero();
      assertThat(r.relatedReused()).as("related lists read back, none computed").isTrue();
      assertThat(lib.search("网贷 逾期").hits()).isEqualTo(before.hits());
      assertThat(lib.related(Fixtures.CREDIT)).isNotEmpty();
      c.articles().forEach(a -> assertThat(lib.related(a.id())).as(a.id()).isEqualTo(related.get(a.id())));
    }
  }

  @Test
  void recomputesRelatedListsWhenAnArticleChangesOrTheSettingsDo() {
    Corpus c = Fixtures.corpus();
    try (ContentLibrary lib = open(c)) {
      assertThat(lib.indexReport().relatedReused()).isFalse();
    }
    Article credit = c.require(Fixtures.CREDIT);
    Article changed = credit.toBuilder().addBlock(new Block.Paragraph(List.of(Inline.plain("补充：网贷逾期的征信修复。"))))
        .build();
    Corpus next = Corpus.builder().taxonomy(c.taxonomy()).addAll(c.articles().stream()
        .map(a -> a.id().equals(Fixtures.CREDIT) ? changed : a).toList()).build();
    try (ContentLibrary lib = open(next)) {
      assertThat(lib.indexReport().relatedReused()).as("one text changed").isFalse();
    }
    try (ContentLibrary lib = open(next)) {
      assertThat(lib.indexReport().relatedReused()).isTrue();
    }
    try (ContentLibrary lib = ContentLibrary.open(next, ContentLibrary.Options.builder().indexDirectory(dir)
        .relatedLimit(3).build())) {
      assertThat(lib.indexReport().relatedReused()).as("another related limit").isFalse();
      assertThat(lib.corpus().graph().related(Fixtures.CREDIT, Relation.Kind.COMPUTED)).hasSize(3);
    }
  }

  @Test
  void reanalysesOnlyChangedArticlesAndDropsRemovedOnes() {
    Corpus c = Fixtures.corpus();
    try (ContentLibrary lib = open(c)) {
      assertThat(lib.search("律师费").total()).isPositive();
    }
    Article credit = c.require(Fixtures.CREDIT);
    Article changed = credit.toBuilder().addBlock(new Block.Paragraph(List.of(Inline.plain("补充：个人信息保护法也有规定。"))))
        .build();
    Corpus next = Corpus.builder().taxonomy(c.taxonomy()).addAll(c.articles().stream()
            .filter(a -> !a.id().equals(Fixtures.LAWYER))
            .map(a -> a.id().equals(Fixtures.CREDIT) ? changed : a).toList())
        .build();
    try (ContentLibrary lib = open(next)) {
      IndexReport r = lib.indexReport();
      assertThat(r.analysed()).isEqualTo(1);
      assertThat(r.deleted()).isEqualTo(1);
      assertThat(r.reused()).isEqualTo(next.size() - 1);
      assertThat(lib.search("个人信息保护法").hits()).extracting(SearchHit::id).contains(Fixtures.CREDIT);
      SearchResults gone = lib.search("律师费");
      assertThat(gone.hits()).extracting(SearchHit::id).doesNotContain(Fixtures.LAWYER);
      assertThat(gone.relaxed()).as("no article has 律师费 any more").isTrue();
    }
  }

  @Test
  void rebuildsByItselfWhenTheAnalyserVersionChanges() {
    Corpus c = Fixtures.corpus();
    try (ContentLibrary lib = open(c)) {
      assertThat(lib.indexReport().rebuilt()).isEmpty();
    }
    // Switching the search analysis to bigrams plus words changes the index version.
    ContentLibrary.Options words = ContentLibrary.Options.builder().indexDirectory(dir)
        .searchTerms(TermMode.BOTH).build();
    try (ContentLibrary lib = ContentLibrary.open(c, words)) {
      assertThat(lib.indexReport().rebuilt()).get().asString().contains("analyser version changed");
      assertThat(lib.indexReport().analysed()).isEqualTo(c.size());
      assertThat(lib.search("网贷").hits()).isNotEmpty();
    }
    try (ContentLibrary lib = ContentLibrary.open(c, words)) {
      assertThat(lib.indexReport().rebuilt()).isEmpty();
      assertThat(lib.indexReport().analysed()).isZero();
    }
  }

  @Test
  void refusesAFolderAnotherLibraryHoldsOpen() {
    try (ContentLibrary lib = open(Fixtures.corpus())) {
      assertThatThrownBy(() -> open(Fixtures.corpus())).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("in use");
    }
  }

  @Test
  void recoversWithoutRepairAfterTheIndexingProcessIsKilled() throws Exception {
    int n = 30_000;
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
        Synthetic.class.getName(), dir.toString(), Integer.toString(n))
        .redirectErrorStream(true).redirectOutput(dir.resolveSibling(dir.getFileName() + "-child.log").toFile())
        .start();
    try {
      // Wait for the first intermediate commit, then kill -9 the indexer in the middle of its work.
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (commits() < 2 && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(child.isAlive()).as("child still indexing when killed").isTrue();
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    Corpus c = Synthetic.corpus(n);
    try (ContentLibrary lib = open(c)) {
      IndexReport r = lib.indexReport();
      assertThat(r.rebuilt()).isEmpty();
      assertThat(r.reused()).as("work committed before the kill is kept").isPositive();
      assertThat(r.analysed()).as("the rest is indexed now").isPositive();
      assertThat(r.reused() + r.analysed()).isEqualTo(n);
      SearchResults all = lib.search(SearchRequest.builder("").build());
      assertThat(all.total()).isEqualTo(n);
      assertThat(all.countsExact()).as("listing without text is counted exactly").isTrue();
      assertThat(lib.search("第29999篇").hits()).isNotEmpty();
      SearchResults narrow = lib.search("29999");
      assertThat(narrow.total()).isEqualTo(1);
      assertThat(narrow.countsExact()).isTrue();
      // Every article says 补充说明: the term-at-a-time path counts every match.
      SearchResults every = lib.search("补充说明");
      assertThat(every.countsExact()).isTrue();
      assertThat(every.total()).isEqualTo(n);
      assertThat(every.hits()).hasSize(10);
      // Lucene's path (here a quoted phrase) stops counting at 10,000 matches; the page is still ranked.
      SearchResults broad = lib.search("\"补充说明\"");
      assertThat(broad.countsExact()).isFalse();
      assertThat(broad.total()).as("a lower bound: the count bound itself").isEqualTo(10_000);
      assertThat(broad.hits()).hasSize(10);
      assertThat(broad.facets()).allMatch(f -> f.count() <= 10_000);
      // The one pass that counts up to the bound and then skips ranks the same page as one that
      // counts on: the first ten of a deeper page are the first page.
      SearchResults deeper = lib.search(SearchRequest.builder("\"补充说明\"").pageSize(20).build());
      assertThat(deeper.hits().subList(0, 10)).isEqualTo(broad.hits());
      assertThat(deeper.facets()).isEqualTo(broad.facets());
    }
  }

  /** Everything a reader can see of a library, for comparing two of them. */
  private record View(Map<String, List<CategoryAssignment>> categories, Map<String, List<Relation>> related,
      Map<String, List<Relation>> backlinks, List<SearchResults> searches, List<List<Suggestion>> suggestions,
      Map<String, List<SimilarArticle>> similar) {}

  private static final List<SearchRequest> QUERIES = List.of(SearchRequest.of("网贷 逾期"),
      SearchRequest.of("征信"), SearchRequest.builder("还款").category("loans").build(),
      SearchRequest.of("\"律师费\""), SearchRequest.builder("").build(), SearchRequest.of("苹果 退款"));

  private static View view(ContentLibrary lib) {
    Map<String, List<CategoryAssignment>> categories = new LinkedHashMap<>();
    Map<String, List<Relation>> related = new LinkedHashMap<>();
    Map<String, List<Relation>> backlinks = new LinkedHashMap<>();
    Map<String, List<SimilarArticle>> similar = new LinkedHashMap<>();
    for (Article a : lib.corpus().articles()) {
      categories.put(a.id(), a.categories());
      related.put(a.id(), lib.corpus().graph().related(a.id()));
      backlinks.put(a.id(), lib.corpus().graph().backlinks(a.id()));
    }
    List<SearchResults> searches = QUERIES.stream().map(lib::search).toList();
    List<List<Suggestion>> suggestions = List.of(lib.suggest("网贷", 8), lib.suggest("借", 8));
    for (Article a : lib.corpus().articles()) {
      similar.put(a.id(), lib.similarity().similar(a.id(), 5));
    }
    return new View(categories, related, backlinks, searches, suggestions, similar);
  }

  /**
   * The corpus with every full article's body lazy, as the loader's snapshot gives it: the blocks are
   * fetched (and counted in {@code reads}) only when something reads them.
   */
  private static Corpus lazyBodies(Corpus c, AtomicInteger reads) {
    Corpus.Builder b = Corpus.builder().taxonomy(c.taxonomy());
    for (Article a : c.fullArticles()) {
      List<Block> blocks = a.body();
      String digest = a.source().flatMap(Source::digest).orElseThrow();
      LazyBody known = LazyBody.of(blocks, digest, () -> blocks);
      b.add(a.toBuilder().body(LazyBody.restore(known.key(), known.size(), known.hashCode(), known.opening(),
          known.openingComplete(), () -> {
            reads.incrementAndGet();
            return blocks;
          })).build());
    }
    return b.build();
  }

  @Test
  void reopeningGivesExactlyTheLibraryOfAColdBuild() {
    Corpus c = Fixtures.categorised();
    View cold;
    try (ContentLibrary lib = open(c)) {
      assertThat(lib.indexReport().categoriesReused()).isFalse();
      assertThat(lib.corpus().stubs()).as("stubs to classify").isNotEmpty();
      assertThat(lib.corpus().stubs()).anyMatch(a -> !a.categories().isEmpty()
          && a.categories().get(0).source() == CategoryAssignment.Source.NEIGHBOURS);
      cold = view(lib);
    }
    try (ContentLibrary lib = ContentLibrary.open(c)) {
      assertThat(view(lib)).as("an in-memory build gives the same").isEqualTo(cold);
    }
    try (ContentLibrary lib = open(Fixtures.categorised())) {
      IndexReport r = lib.indexReport();
      assertThat(r.analysed()).isZero();
      assertThat(r.vectorised()).isZero();
      assertThat(r.relatedReused()).isTrue();
      assertThat(r.categoriesReused()).as("the category stage was not run again").isTrue();
      assertThat(r.phases()).as("the corpus is the one the folder was brought up to date with: no article"
          + " is hashed or compared").containsKeys("reopen key", "categories", "related")
          .doesNotContainKeys("text keys", "search index");
      assertThat(lib.similarity().loaded()).as("vectors are read only when something asks").isFalse();
      assertThat(view(lib)).isEqualTo(cold);
      assertThat(lib.similarity().loaded()).isTrue();
    }
  }

  @Test
  void aBodyReplacedAfterLoadingUnderTheSameSourceIsAnalysedAgain() {
    Corpus c = Fixtures.categorised();
    try (ContentLibrary lib = open(c)) {
      assertThat(lib.indexReport().analysed()).isEqualTo(c.size());
    }
    try (ContentLibrary lib = open(c)) {
      assertThat(lib.indexReport().phases()).doesNotContainKey("text keys");
    }
    // A program edits a loaded article's body and keeps its source (and digest).
    Article credit = c.require(Fixtures.CREDIT);
    assertThat(credit.source().flatMap(Source::digest)).isPresent();
    List<Block> blocks = new java.util.ArrayList<>(credit.body());
    blocks.add(new Block.Paragraph(List.of(Inline.plain("补充：征信异议申请的流程。")), Optional.empty()));
    Corpus.Builder b = Corpus.builder().taxonomy(c.taxonomy());
    c.withCategories(c.taxonomy(), Map.of()).fullArticles()
        .forEach(a -> b.add(a.id().equals(Fixtures.CREDIT) ? a.toBuilder().body(blocks).build() : a));
    Corpus edited = b.build();
    try (ContentLibrary lib = open(edited)) {
      IndexReport r = lib.indexReport();
      assertThat(r.phases()).as("the ordinary path compares every article").containsKey("text keys");
      assertThat(r.analysed()).isEqualTo(1);
      assertThat(r.vectorised()).isEqualTo(1);
      assertThat(lib.search("征信异议").hits()).extracting(SearchHit::id).contains(Fixtures.CREDIT);
    }
    try (ContentLibrary lib = open(edited)) {
      assertThat(lib.indexReport().phases()).doesNotContainKey("text keys");
      assertThat(lib.indexReport().analysed()).isZero();
      assertThat(lib.search("征信异议").hits()).extracting(SearchHit::id).contains(Fixtures.CREDIT);
    }
  }

  @Test
  void aDamagedOrStaleReopenStateSendsTheOpenDownTheOrdinaryPath() throws IOException {
    Corpus c = Fixtures.categorised();
    View cold = builtView(c);
    Path state = dir.resolve("reopen-state.bin");
    assertThat(state).exists();
    damage(state);
    try (ContentLibrary lib = open(c)) {
      assertThat(lib.indexReport().phases()).containsKey("text keys");
      assertThat(lib.indexReport().analysed()).isZero();
      assertThat(view(lib)).isEqualTo(cold);
    }
    try (ContentLibrary lib = open(c)) {
      assertThat(lib.indexReport().phases()).as("written again").doesNotContainKey("text keys");
      assertThat(view(lib)).isEqualTo(cold);
    }
    // The lists the state names are gone: the open notices and computes them again.
    Files.writeString(dir.resolve("related-lists.bin"), "not a list");
    try (ContentLibrary lib = open(c)) {
      assertThat(lib.indexReport().relatedReused()).isFalse();
      assertThat(view(lib)).isEqualTo(cold);
    }
  }

  @Test
  void reopeningReadsNoBodyOfAnUnchangedArticle() {
    AtomicInteger coldReads = new AtomicInteger();
    try (ContentLibrary lib = open(lazyBodies(Fixtures.categorised(), coldReads))) {
      assertThat(lib.indexReport().analysed()).isPositive();
    }
    assertThat(coldReads).as("a cold build reads every body").hasPositiveValue();
    AtomicInteger reads = new AtomicInteger();
    Corpus again = lazyBodies(Fixtures.categorised(), reads);
    try (ContentLibrary lib = open(again)) {
      assertThat(lib.indexReport().analysed()).isZero();
      assertThat(lib.indexReport().categoriesReused()).isTrue();
      assertThat(lib.indexReport().relatedReused()).isTrue();
      assertThat(lib.related(Fixtures.CREDIT)).isNotEmpty();
      lib.corpus().articles().forEach(a -> lib.corpus().graph().backlinks(a.id()));
      assertThat(reads).as("bodies read by the reopen").hasValue(0);
    }
  }

  @Test
  void theCategoryStageRunsAgainWhenWhatItDependsOnChanges() {
    Corpus c = Fixtures.categorised();
    try (ContentLibrary lib = open(c)) {
      assertThat(lib.indexReport().categoriesReused()).isFalse();
    }
    try (ContentLibrary lib = open(c)) {
      assertThat(lib.indexReport().categoriesReused()).isTrue();
    }
    // Another setting of the classifier.
    ContentLibrary.Options k5 = ContentLibrary.Options.builder().indexDirectory(dir)
        .categoryAssigner(NeighbourClassifier.builder().k(5).build()).build();
    try (ContentLibrary lib = ContentLibrary.open(c, k5)) {
      assertThat(lib.indexReport().categoriesReused()).as("k changed").isFalse();
      assertThat(lib.indexReport().relatedReused()).as("the related lists do not depend on it").isTrue();
      try (ContentLibrary memory = ContentLibrary.open(c, ContentLibrary.Options.builder()
          .categoryAssigner(NeighbourClassifier.builder().k(5).build()).build())) {
        assertThat(view(lib)).isEqualTo(view(memory));
      }
    }
    try (ContentLibrary lib = ContentLibrary.open(c, k5)) {
      assertThat(lib.indexReport().categoriesReused()).isTrue();
    }
    // A loaded category changes: the stage and the search entries of that article, not the related lists.
    Map<String, List<CategoryAssignment>> moved = Map.of(Fixtures.APPLE, List.of(new CategoryAssignment("credit",
        CategoryAssignment.Source.FOLDER, 1, "folder credit", List.of())));
    Corpus recategorised = c.withCategories(c.taxonomy(), moved);
    try (ContentLibrary lib = ContentLibrary.open(recategorised, k5)) {
      assertThat(lib.indexReport().categoriesReused()).as("a loaded category changed").isFalse();
      assertThat(lib.indexReport().relatedReused()).isTrue();
      assertThat(lib.indexReport().analysed()).isPositive();
      assertThat(lib.corpus().require(Fixtures.APPLE).primaryCategory()).contains("credit");
    }
    // The taxonomy changes (a category renamed): the reasons name categories, so the stage runs again.
    List<Category> renamed = recategorised.taxonomy().all().stream()
        .map(x -> x.slug().equals("credit") ? new Category("credit", "个人征信", x.parent(), x.description(), x.order())
            : x)
        .toList();
    Corpus retitled = recategorised.withCategories(Taxonomy.of(renamed), Map.of());
    try (ContentLibrary lib = ContentLibrary.open(retitled, k5)) {
      assertThat(lib.indexReport().categoriesReused()).as("the taxonomy changed").isFalse();
    }
    try (ContentLibrary lib = ContentLibrary.open(retitled, k5)) {
      assertThat(lib.indexReport().categoriesReused()).isTrue();
    }
  }

  @Test
  void aChangedArticleIsTheOnlyOneVectorisedAgain() {
    Corpus c = Fixtures.categorised();
    try (ContentLibrary lib = open(c)) {
      assertThat(lib.indexReport().vectorised()).isEqualTo(c.size());
    }
    Article credit = c.require(Fixtures.CREDIT);
    List<Block> blocks = new java.util.ArrayList<>(credit.body());
    blocks.add(new Block.Paragraph(List.of(Inline.plain("补充：征信异议申请的流程。")), Optional.empty()));
    Corpus next = c.withCategories(c.taxonomy(), Map.of());
    Corpus.Builder b = Corpus.builder().taxonomy(c.taxonomy());
    next.fullArticles().forEach(a -> b.add(a.id().equals(Fixtures.CREDIT) ? a.toBuilder().body(blocks).build() : a));
    Corpus changed = b.build();
    try (ContentLibrary lib = open(changed)) {
      IndexReport r = lib.indexReport();
      assertThat(r.vectorised()).isEqualTo(1);
      assertThat(r.analysed()).isEqualTo(1);
      assertThat(r.categoriesReused()).isFalse();
      assertThat(r.relatedReused()).isFalse();
      try (ContentLibrary memory = ContentLibrary.open(changed)) {
        // Same frozen statistics are not shared with the in-memory build, so compare with a reopen.
        assertThat(memory.search("征信异议").hits()).extracting(SearchHit::id).contains(Fixtures.CREDIT);
      }
      assertThat(lib.search("征信异议").hits()).extracting(SearchHit::id).contains(Fixtures.CREDIT);
    }
  }

  @Test
  void damagedFilesBesideTheIndexAreComputedAgain() throws IOException {
    Corpus c = Fixtures.categorised();
    View cold = builtView(c);
    for (String file : List.of("vectors.bin", "index-state.bin", "categories.bin", "related-lists.bin")) {
      damage(dir.resolve(file));
    }
    try (ContentLibrary lib = open(c)) {
      IndexReport r = lib.indexReport();
      assertThat(r.analysed()).as("the search index itself is intact").isZero();
      assertThat(r.categoriesReused()).isFalse();
      assertThat(r.relatedReused()).isFalse();
      assertThat(view(lib)).isEqualTo(cold);
    }
    try (ContentLibrary lib = open(c)) {
      assertThat(lib.indexReport().categoriesReused()).as("written again").isTrue();
      assertThat(lib.indexReport().relatedReused()).isTrue();
      assertThat(view(lib)).isEqualTo(cold);
    }
    // Truncated, or not the files they claim to be.
    Files.write(dir.resolve("vectors.bin"), new byte[] {1, 2, 3});
    Files.writeString(dir.resolve("related-lists.bin"), "not a list");
    Files.delete(dir.resolve("index-state.bin"));
    try (ContentLibrary lib = open(c)) {
      assertThat(lib.indexReport().relatedReused()).isFalse();
      assertThat(view(lib)).isEqualTo(cold);
    }
  }

  @Test
  void anOpeningStartedBeforeTheCorpusIsThereGivesTheLibraryOfAColdBuild() {
    Corpus c = Fixtures.categorised();
    View cold = builtView(c);
    ContentLibrary.Options options = ContentLibrary.Options.builder().indexDirectory(dir).build();
    ContentLibrary.Opening opening = ContentLibrary.prepare(options);
    Corpus loaded = Fixtures.categorised(); // the corpus arrives after the opening started
    try (ContentLibrary lib = opening.open(loaded)) {
      IndexReport r = lib.indexReport();
      assertThat(r.phases()).containsKeys("reopen key", "lucene open", "categories", "related")
          .doesNotContainKey("text keys");
      assertThat(r.categoriesReused()).isTrue();
      assertThat(r.relatedReused()).isTrue();
      assertThat(view(lib)).isEqualTo(cold);
      assertThatThrownBy(() -> opening.open(loaded)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("opened its library already");
    }
    opening.close(); // after open: the library owns the index, nothing to release twice
  }

  @Test
  void aCorpusKnownByItsMakersIdentityIsReopenedUnderItWithoutBeingHashed() {
    Corpus c = Fixtures.categorised();
    ContentLibrary.Options options = ContentLibrary.Options.builder().indexDirectory(dir).build();
    View cold;
    try (ContentLibrary.Opening opening = ContentLibrary.prepare(options);
        ContentLibrary lib = opening.open(c, "generation-1")) {
      assertThat(lib.indexReport().categoriesReused()).isFalse();
      cold = view(lib);
    }
    try (ContentLibrary.Opening opening = ContentLibrary.prepare(options);
        ContentLibrary lib = opening.open(Fixtures.categorised(), "generation-1")) {
      IndexReport r = lib.indexReport();
      assertThat(r.phases()).doesNotContainKey("text keys");
      assertThat(r.categoriesReused()).isTrue();
      assertThat(r.relatedReused()).isTrue();
      assertThat(view(lib)).isEqualTo(cold);
    }
    // The identity is trusted, not checked: an article edited under the same identity is not seen (which
    // shows that no article was hashed); the maker must give a new identity to a new content.
    Corpus edited = withCreditEdited(c);
    try (ContentLibrary.Opening opening = ContentLibrary.prepare(options);
        ContentLibrary lib = opening.open(edited, "generation-1")) {
      assertThat(lib.indexReport().analysed()).isZero();
      assertThat(lib.indexReport().phases()).doesNotContainKey("text keys");
    }
    try (ContentLibrary.Opening opening = ContentLibrary.prepare(options);
        ContentLibrary lib = opening.open(edited, "generation-2")) {
      assertThat(lib.indexReport().phases()).as("another identity: the ordinary path").containsKey("text keys");
      assertThat(lib.indexReport().analysed()).isEqualTo(1);
    }
    // A state filed under an identity is never found by the hash of the same corpus, nor the other way.
    try (ContentLibrary lib = open(edited)) {
      assertThat(lib.indexReport().phases()).containsKey("text keys");
      assertThat(lib.indexReport().analysed()).isZero();
    }
    try (ContentLibrary.Opening opening = ContentLibrary.prepare(options);
        ContentLibrary lib = opening.open(edited, "generation-2")) {
      assertThat(lib.indexReport().phases()).containsKey("text keys");
    }
    try (ContentLibrary.Opening opening = ContentLibrary.prepare(options)) {
      assertThatThrownBy(() -> opening.open(c, " ")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("identity must not be blank");
    }
  }

  @Test
  void anOpeningNoticesAChangedCorpusAndRebuildsWhatIsStale() {
    Corpus c = Fixtures.categorised();
    builtView(c);
    Corpus edited = withCreditEdited(c);
    try (ContentLibrary.Opening opening = ContentLibrary.prepare(
        ContentLibrary.Options.builder().indexDirectory(dir).build());
        ContentLibrary lib = opening.open(edited)) {
      IndexReport r = lib.indexReport();
      assertThat(r.phases()).as("the ordinary path compares every article").containsKey("text keys");
      assertThat(r.analysed()).isEqualTo(1);
      assertThat(r.vectorised()).isEqualTo(1);
      assertThat(r.relatedReused()).isFalse();
      assertThat(lib.search("征信异议").hits()).extracting(SearchHit::id).contains(Fixtures.CREDIT);
    }
    try (ContentLibrary lib = open(edited); ContentLibrary memory = ContentLibrary.open(edited)) {
      assertThat(lib.indexReport().phases()).as("filed again for the new corpus").doesNotContainKey("text keys");
      assertThat(lib.corpus().require(Fixtures.CREDIT).categories())
          .isEqualTo(memory.corpus().require(Fixtures.CREDIT).categories());
    }
  }

  @Test
  void anOpeningClosedUnusedReleasesTheFolderAndAFolderInUseIsSaidToBe() {
    Corpus c = Fixtures.categorised();
    builtView(c);
    ContentLibrary.Options options = ContentLibrary.Options.builder().indexDirectory(dir).build();
    ContentLibrary.prepare(options).close();
    try (ContentLibrary lib = open(c)) {
      assertThat(lib.indexReport().relatedReused()).isTrue();
      try (ContentLibrary.Opening second = ContentLibrary.prepare(options)) {
        assertThatThrownBy(() -> second.open(c)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("in use by another process");
      }
    }
  }

  @Test
  void anUpdateOfAReopenedLibraryWritesThroughTheFolderLockItsOpenTook() {
    Corpus c = Fixtures.categorised();
    builtView(c);
    Corpus edited = withCreditEdited(c);
    try (ContentLibrary lib = open(c)) {
      assertThat(lib.indexReport().phases()).as("reopened: no writer needed").doesNotContainKey("text keys");
      assertThatThrownBy(() -> open(c)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("in use by another process");
      try (ContentLibrary updated = lib.update(edited)) {
        assertThat(updated.indexReport().analysed()).isEqualTo(1);
        assertThat(updated.search("征信异议").hits()).extracting(SearchHit::id).contains(Fixtures.CREDIT);
        assertThatThrownBy(() -> open(c)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("in use by another process");
      }
    }
    try (ContentLibrary lib = open(edited)) {
      assertThat(lib.indexReport().analysed()).as("the update was committed").isZero();
      assertThat(lib.search("征信异议").hits()).extracting(SearchHit::id).contains(Fixtures.CREDIT);
    }
  }

  @Test
  void aListFoundDamagedWhenReadIsLoggedComputedAgainAndTheNextOpenRewritesTheFile() throws IOException {
    Corpus c = Fixtures.categorised();
    View cold = builtView(c);
    // The middle of the file is the lists' scores and shared terms, which a reopen checks list by list
    // when they are read, not when it opens.
    damage(dir.resolve("related-lists.bin"));
    try (LogCapture logged = new LogCapture();
        ContentLibrary.Opening opening = ContentLibrary.prepare(
        ContentLibrary.Options.builder().indexDirectory(dir).build());
        ContentLibrary lib = opening.open(c)) {
      assertThat(lib.indexReport().relatedReused()).as("the directory is intact: read back").isTrue();
      assertThat(logged.messages()).isEmpty();
      assertThat(view(lib)).as("the damaged list is computed again, never served").isEqualTo(cold);
      assertThat(logged.messages()).anyMatch(m -> m.contains("related-lists.bin") && m.contains("checksum mismatch")
          && m.contains("recomputing"));
      assertThat(dir.resolve("reopen-state.bin")).as("the next open takes the ordinary path").doesNotExist();
    }
    try (ContentLibrary lib = open(c)) {
      assertThat(lib.indexReport().phases()).containsKey("text keys");
      assertThat(lib.indexReport().relatedReused()).as("the whole file is checked there").isFalse();
      assertThat(lib.indexReport().analysed()).as("the search index itself is intact").isZero();
      assertThat(view(lib)).isEqualTo(cold);
    }
    try (ContentLibrary lib = open(c)) {
      assertThat(lib.indexReport().phases()).doesNotContainKey("text keys");
      assertThat(lib.indexReport().relatedReused()).as("written again").isTrue();
      assertThat(view(lib)).isEqualTo(cold);
    }
  }

  @Test
  void aDamagedListsDirectoryReadByAnOpeningIsLoggedAndComputedAgain() throws IOException {
    Corpus c = Fixtures.categorised();
    View cold = builtView(c);
    // Past the magic and key: each list's start, the targets, the lists' checksums, the term table.
    Path file = dir.resolve("related-lists.bin");
    byte[] bytes = Files.readAllBytes(file);
    bytes[200] ^= 0x5a;
    Files.write(file, bytes);
    try (LogCapture logged = new LogCapture();
        ContentLibrary.Opening opening = ContentLibrary.prepare(
        ContentLibrary.Options.builder().indexDirectory(dir).build());
        ContentLibrary lib = opening.open(c)) {
      assertThat(lib.indexReport().relatedReused()).isFalse();
      assertThat(lib.indexReport().analysed()).as("the search index itself is intact").isZero();
      assertThat(logged.messages()).anyMatch(m -> m.contains("related-lists.bin") && m.contains("checksum mismatch")
          && m.contains("recomputing"));
      assertThat(view(lib)).isEqualTo(cold);
    }
    try (ContentLibrary lib = open(c)) {
      assertThat(lib.indexReport().relatedReused()).as("written again").isTrue();
    }
  }

  /** The view of a library built (or reopened) over {@code c} in the folder. */
  /** {@code c} with a paragraph added to {@link Fixtures#CREDIT}'s body, its source (and digest) kept. */
  private static Corpus withCreditEdited(Corpus c) {
    Article credit = c.require(Fixtures.CREDIT);
    List<Block> blocks = new java.util.ArrayList<>(credit.body());
    blocks.add(new Block.Paragraph(List.of(Inline.plain("补充：征信异议申请的流程。")), Optional.empty()));
    Corpus.Builder b = Corpus.builder().taxonomy(c.taxonomy());
    c.fullArticles().forEach(a -> b.add(a.id().equals(Fixtures.CREDIT) ? a.toBuilder().body(blocks).build() : a));
    return b.build();
  }

  private View builtView(Corpus c) {
    try (ContentLibrary lib = open(c)) {
      return view(lib);
    }
  }

  /** Flips bits in the middle of a file. */
  private static void damage(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(file, bytes);
  }

  /** The generation of the newest commit point in the folder (0 when none). */
  private long commits() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString())
          .filter(f -> f.startsWith("segments_"))
          .mapToLong(f -> Long.parseLong(f.substring("segments_".length()), Character.MAX_RADIX))
          .max().orElse(0);
    }
  }

}

package dev.content.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.content.core.Article;
import dev.content.core.Block;
import dev.content.core.Corpus;
import dev.content.core.Inline;
import dev.content.core.Relation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
      // Every article says 补充说明: counting stops at 10,000 matches, the page is still ranked.
      SearchResults broad = lib.search("补充说明");
      assertThat(broad.countsExact()).isFalse();
      assertThat(broad.total()).isGreaterThanOrEqualTo(10_000);
      assertThat(broad.hits()).hasSize(10);
      assertThat(broad.facets()).allMatch(f -> f.count() <= 10_000);
    }
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

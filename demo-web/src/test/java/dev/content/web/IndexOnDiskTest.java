package dev.content.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.content.core.Article;
import dev.content.loader.SeedLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search index kept on disk: reused by a restart, updated by a reload without disturbing readers. */
class IndexOnDiskTest {
  @TempDir
  Path seeds;

  private static int searchTotal(Snapshot s, String q) {
    return s.search().search(q, Optional.empty(), 1, 10).total();
  }

  @Test
  void aRestartOverAnUnchangedCorpusReusesTheIndexKeptInTheSeedsFolder() throws Exception {
    SeedsFolder.standard(seeds);
    Path index = seeds.resolve(".content-index").toAbsolutePath().normalize();
    int documents;
    int hits;
    try (Main.Server server = Main.Server.start(seeds, "127.0.0.1", 0)) {
      assertThat(server.awaitIndexed(Duration.ofMinutes(2))).isTrue();
      Snapshot s = server.snapshot();
      documents = s.search().documents();
      hits = searchTotal(s, "网贷");
      assertThat(hits).isPositive();
      assertThat(s.search().state()).contains("on disk in " + index)
          .contains(", " + documents + " analysed, 0 reused");
      // The index's own writes never cause a reload, and the loader never reads its files.
      long generation = s.generation();
      Thread.sleep(1_500);
      assertThat(server.snapshot().generation()).isEqualTo(generation);
      assertThat(s.report().files()).isEqualTo(3);
      assertThat(s.report().diagnostics()).noneMatch(d -> d.contains(".content-index"));
    }
    try (Main.Server again = Main.Server.start(seeds, "127.0.0.1", 0)) {
      assertThat(again.awaitIndexed(Duration.ofMinutes(2))).isTrue();
      Snapshot s = again.snapshot();
      assertThat(s.search().state()).contains(", 0 analysed, " + documents + " reused");
      assertThat(searchTotal(s, "网贷")).isEqualTo(hits);
      assertThat(s.search().related(Fixtures.SEED)).isNotEmpty();
    }
  }

  @Test
  void aReloadAnalysesOnlyWhatChangedWhileTheOldSnapshotKeepsItsOwnIndex() throws Exception {
    SeedsFolder.standard(seeds);
    SeedsSource source = new SeedsSource(seeds, SeedLoader.create(),
        Optional.of(new IndexFolder(seeds.resolve(".content-index"))));
    Snapshot before = source.load();
    int documents = before.search().documents();
    Article added = Article.builder("00000000feedf00d", "信用卡逾期后如何协商分期").author("admin")
        .body(Fixtures.fraud().body()).build();
    SeedsFolder.write(seeds, added);
    Snapshot after = source.load();
    try {
      assertThat(after.corpus().article(added.id())).isPresent();
      assertThat(after.search().documents()).isEqualTo(documents + 1);
      assertThat(((LibrarySearch) after.search()).library().indexReport().reused()).isPositive();
      assertThat(((LibrarySearch) after.search()).library().indexReport().analysed()).isLessThan(documents);

      // Until the swap is old news, a request holding the old snapshot searches its own index.
      Path oldDir = ((LibrarySearch) before.search()).directory().orElseThrow();
      Path newDir = ((LibrarySearch) after.search()).directory().orElseThrow();
      assertThat(newDir).isNotEqualTo(oldDir);
      assertThat(before.search().search("信用卡逾期后如何协商分期", Optional.empty(), 1, 10).hits())
          .noneMatch(h -> h.article().id().equals(added.id()));
      assertThat(after.search().search("信用卡逾期后如何协商分期", Optional.empty(), 1, 10).hits())
          .anyMatch(h -> h.article().id().equals(added.id()));
      assertThat(before.search().related(Fixtures.SEED)).isNotEmpty();

      source.retire(before);
      assertThat(oldDir).doesNotExist();
      assertThat(searchTotal(after, "网贷")).isPositive();
    } finally {
      after.search().close();
    }
  }

  @Test
  void anIndexFolderThatCannotBeWrittenFallsBackToMemory() throws Exception {
    SeedsFolder.standard(seeds);
    Path notAFolder = Files.writeString(seeds.resolve("index-file"), "x");
    SeedsSource source = new SeedsSource(seeds, SeedLoader.create(), Optional.of(new IndexFolder(notAFolder)));
    Snapshot s = source.load();
    try {
      assertThat(s.search().state()).contains("in memory");
      assertThat(searchTotal(s, "网贷")).isPositive();
    } finally {
      s.search().close();
    }
  }
}

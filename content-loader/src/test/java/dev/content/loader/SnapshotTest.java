package dev.content.loader;

import static dev.content.loader.SeedPages.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.content.core.Article;
import dev.content.core.LazyBody;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {
  private static final String CATEGORIES = """
      {"categories": [
        {"slug": "credit", "name": "征信", "terms": {"征信": 3}},
        {"slug": "loans", "name": "网贷", "terms": {"网贷": 3, "逾期": 2}}
      ]}
      """;

  @TempDir
  Path tmp;
  Path corpus;
  Path snapshot;

  /** Writes a file dated an hour ago, as files are that a user did not just edit. */
  /** Changes a3, adds a5 and removes a4: the folder a later load must notice. */
  private void changeAddAndRemoveFiles() throws IOException {
    write("loans/003_00000000000000a3.txt", page("网贷逾期了怎么办", "网贷逾期后要主动联系平台，说明情况。", ""));
    write("005_00000000000000a5.txt", page("征信多久能恢复", "征信不良记录保存五年。", ""));
    Files.delete(corpus.resolve("004_00000000000000a4.txt"));
  }

  private void write(String path, String text) throws IOException {
    Path file = corpus.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
  }

  @BeforeEach
  void corpus() throws IOException {
    corpus = tmp.resolve("corpus");
    snapshot = tmp.resolve("index/corpus.snapshot");
    write("categories.json", CATEGORIES);
    write("001_00000000000000a1.txt", page("征信上的网贷账户怎么消除", "征信报告上的网贷记录。\n\n一、法律是怎么规定的\n\n"
        + "1. **保持沟通**，避免失联。", "  • 网贷逾期了怎么办\n\n    摘要…\n\n    2025年10月1日\n\n"
        + "  • 没有文件的标题\n\n    另一个摘要…\n\n    2025年10月2日"));
    write("002_00000000000000a2.txt", "");
    write("loans/003_00000000000000a3.txt", page("网贷逾期了怎么办", "网贷逾期后要主动联系平台。", ""));
    write("004_00000000000000a4.txt", page("控制字符\u0007的文章", "正文\u0001四。", ""));
    write("more/001_00000000000000a1.txt", page("花呗逾期了怎么办", "花呗正文。", ""));
  }

  private SeedLoader loader() {
    return SeedLoader.builder().snapshot(snapshot).build();
  }

  private static SnapshotUse use(LoadResult r) {
    return r.snapshot().orElseThrow();
  }

  /** A snapshot load must give exactly what a plain parse gives. */
  private void assertSameAsParse(LoadResult result) throws IOException {
    LoadResult parsed = SeedLoader.create().load(corpus);
    assertThat(result.diagnostics()).isEqualTo(parsed.diagnostics());
    assertThat(result.files()).isEqualTo(parsed.files());
    assertThat(result.corpus().taxonomy()).isEqualTo(parsed.corpus().taxonomy());
    assertThat(result.corpus().articles()).isEqualTo(parsed.corpus().articles());
    assertThat(result.corpus().categoryTree()).isEqualTo(parsed.corpus().categoryTree());
    for (Article a : parsed.corpus().articles()) {
      assertThat(result.corpus().byTitle(a.title()).map(Article::id))
          .isEqualTo(parsed.corpus().byTitle(a.title()).map(Article::id));
      assertThat(result.corpus().graph().related(a.id())).isEqualTo(parsed.corpus().graph().related(a.id()));
      assertThat(result.corpus().next(a.id())).isEqualTo(parsed.corpus().next(a.id()));
    }
    for (Article a : parsed.corpus().fullArticles()) {
      Article b = result.corpus().require(a.id());
      assertThat(b.body()).isInstanceOf(LazyBody.class);
      assertThat(List.copyOf(b.body())).isEqualTo(a.body());
      assertThat(b.body().hashCode()).isEqualTo(a.body().hashCode());
      assertThat(b.lead(110)).isEqualTo(a.lead(110));
      assertThat(b.summary(200)).isEqualTo(a.summary(200));
    }
  }

  @Test
  void reusesEveryFileWhenNothingChanged() throws IOException {
    LoadResult first = loader().load(corpus);
    LoadResult second = loader().load(corpus);

    assertThat(use(first)).extracting(SnapshotUse::reused, SnapshotUse::parsed, SnapshotUse::written)
        .containsExactly(0, 5, true);
    assertThat(use(second)).extracting(SnapshotUse::reused, SnapshotUse::parsed, SnapshotUse::removed,
        SnapshotUse::written, SnapshotUse::problem).containsExactly(5, 0, 0, false, java.util.Optional.empty());
    assertThat(second.corpus().require("00000000000000a1").body()).isInstanceOfSatisfying(LazyBody.class,
        b -> assertThat(b.isLoaded()).isFalse());
    assertThat(second.corpus().articles()).isEqualTo(first.corpus().articles());
    // Rule scores kept in the snapshot file the articles as the rules did.
    assertThat(second.corpus().require("00000000000000a1").categories().get(0).source())
        .isEqualTo(dev.content.core.CategoryAssignment.Source.RULES);
    assertThat(second.corpus().require("00000000000000a3").categories()).extracting(c -> c.slug())
        .containsExactly("loans");
    assertThat(second.diagnostics()).isEqualTo(first.diagnostics()).isNotEmpty();
    assertSameAsParse(second);
    // The result is known by the generation of the snapshot that holds it: the one written, then read.
    assertThat(use(first).generation()).hasValueSatisfying(g -> assertThat(g).matches("[0-9a-f]{32}"));
    assertThat(use(second).generation()).isEqualTo(use(first).generation());
  }

  @Test
  void parsesOnlyChangedAndNewFilesAndDropsRemovedOnes() throws IOException {
    LoadResult first = loader().load(corpus);
    changeAddAndRemoveFiles();

    LoadResult result = loader().load(corpus);

    assertThat(use(result)).extracting(SnapshotUse::reused, SnapshotUse::parsed, SnapshotUse::removed,
        SnapshotUse::written).containsExactly(3, 2, 1, true);
    assertThat(result.corpus().require("00000000000000a3").bodyText()).contains("说明情况");
    assertThat(result.corpus().article("00000000000000a4")).isEmpty();
    assertSameAsParse(result);
    LoadResult again = loader().load(corpus);
    assertThat(use(again)).extracting(SnapshotUse::reused, SnapshotUse::parsed).containsExactly(5, 0);
    assertThat(use(result).generation()).as("a new snapshot, a new generation").isPresent()
        .isNotEqualTo(use(first).generation()).isEqualTo(use(again).generation());
  }

  @Test
  void derivesCategoriesAgainWhenCategoriesJsonChanged() throws IOException {
    loader().load(corpus);
    write("categories.json", CATEGORIES.replace("\"征信\": 3", "\"征信\": 1"));

    LoadResult result = loader().load(corpus);

    assertThat(use(result).parsed()).isEqualTo(5);
    assertThat(use(result).problem()).hasValueSatisfying(p -> assertThat(p).contains("categories.json changed"));
    assertSameAsParse(result);
  }

  @Test
  void loadsTheLastLoadUnverifiedWithoutLookingAtTheFolder() throws IOException {
    LoadResult first = loader().load(corpus);
    // Changed, added and removed after that load: the unverified result is still the stored one.
    changeAddAndRemoveFiles();

    SeedLoader loader = loader();
    LoadResult unverified = loader.loadUnverified(corpus).orElseThrow();

    assertThat(unverified.corpus().articles()).isEqualTo(first.corpus().articles());
    assertThat(unverified.diagnostics()).isEqualTo(first.diagnostics()).isNotEmpty();
    assertThat(unverified.files()).isEqualTo(first.files());
    assertThat(unverified.corpus().require("00000000000000a3").bodyText()).isEqualTo("网贷逾期后要主动联系平台。");
    assertThat(use(unverified)).extracting(SnapshotUse::reused, SnapshotUse::parsed, SnapshotUse::removed,
        SnapshotUse::written, SnapshotUse::problem).containsExactly(5, 0, 0, false, java.util.Optional.empty());
    // The verifying load (the same loader: the snapshot is not read again) sees what changed.
    LoadResult verified = loader.load(corpus);
    assertThat(use(verified)).extracting(SnapshotUse::reused, SnapshotUse::parsed, SnapshotUse::removed)
        .containsExactly(3, 2, 1);
    assertSameAsParse(verified);
  }

  @Test
  void theLoadAfterAnUnverifiedOneOfAnUnchangedFolderReturnsTheSameCorpus() throws IOException {
    loader().load(corpus);
    SeedLoader loader = loader();
    LoadResult unverified = loader.loadUnverified(corpus).orElseThrow();

    LoadResult verified = loader.load(corpus);

    assertThat(verified.corpus()).isSameAs(unverified.corpus());
    assertThat(use(verified)).extracting(SnapshotUse::reused, SnapshotUse::parsed, SnapshotUse::written)
        .containsExactly(5, 0, false);
    // Taken once: the next load reads the snapshot file as usual.
    assertThat(loader.load(corpus).corpus()).isNotSameAs(unverified.corpus());
  }

  @Test
  void loadsNothingUnverifiedWithoutAUsableSnapshot() throws IOException {
    assertThat(loader().loadUnverified(corpus)).isEmpty();
    loader().load(corpus);
    assertThat(SeedLoader.builder().zone(ZoneId.of("UTC")).snapshot(snapshot).build().loadUnverified(corpus))
        .isEmpty();
    byte[] bytes = Files.readAllBytes(snapshot);
    bytes[100] ^= 0x5A;
    Files.write(snapshot, bytes);
    assertThat(loader().loadUnverified(corpus)).isEmpty();
    assertThatThrownBy(() -> SeedLoader.create().loadUnverified(corpus))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("snapshot file");
  }

  @Test
  void parsesEverythingAgainWhenTheSnapshotIsCorrupt() throws IOException {
    loader().load(corpus);
    byte[] bytes = Files.readAllBytes(snapshot);
    bytes[100] ^= 0x5A; // in the payload, after the header
    Files.write(snapshot, bytes);

    LoadResult result = loader().load(corpus);

    assertThat(use(result)).extracting(SnapshotUse::reused, SnapshotUse::parsed, SnapshotUse::written)
        .containsExactly(0, 5, true);
    assertThat(use(result).problem()).hasValue("snapshot ignored, every file parsed again: corrupt: checksum mismatch");
    assertSameAsParse(result);
    assertThat(use(loader().load(corpus)).reused()).isEqualTo(5);
  }

  /**
   * Where the snapshot's head ends, as an offset in the file: after the file header (37 bytes) and the
   * key (a zero, its length, its bytes: short enough for one-byte varints), the head's end in the payload.
   */
  private static int headEnd(byte[] bytes) {
    int key = 37 + 2 + bytes[38];
    return 37 + java.nio.ByteBuffer.wrap(bytes, key, 4).getInt();
  }

  @Test
  void aSnapshotDamagedInItsHeadIsNotLoadedUnverified() throws IOException {
    loader().load(corpus);
    byte[] bytes = Files.readAllBytes(snapshot);
    bytes[headEnd(bytes) - 3] ^= 0x5A; // in the head's strings: the files' paths
    Files.write(snapshot, bytes);

    assertThat(loader().loadUnverified(corpus)).isEmpty();
    LoadResult result = loader().load(corpus);
    assertThat(use(result).problem()).hasValue("snapshot ignored, every file parsed again: corrupt: checksum mismatch");
    assertSameAsParse(result);
  }

  @Test
  void aSnapshotDamagedAfterItsHeadIsServedUnverifiedAndParsedAgainByTheVerifyingLoad() throws IOException {
    LoadResult first = loader().load(corpus);
    byte[] bytes = Files.readAllBytes(snapshot);
    bytes[headEnd(bytes) + 2] ^= 0x5A; // in the strings read when an article is read: titles, excerpts
    Files.write(snapshot, bytes);
    SeedLoader loader = loader();

    // Opening reads the head only: the corpus is served, its index whole.
    LoadResult unverified = loader.loadUnverified(corpus).orElseThrow();
    assertThat(List.copyOf(unverified.corpus().graph().nodes())).isEqualTo(List.copyOf(first.corpus().graph().nodes()));
    assertThat(unverified.corpus().graph().edgeCount()).isEqualTo(first.corpus().graph().edgeCount());
    assertThat(unverified.files()).isEqualTo(first.files());
    // The verifying load checks the whole payload before it reuses anything: it parses every file.
    LoadResult verified = loader.load(corpus);
    assertThat(use(verified)).extracting(SnapshotUse::reused, SnapshotUse::parsed, SnapshotUse::written,
        SnapshotUse::problem).containsExactly(0, 5, true,
            java.util.Optional.of("snapshot ignored, every file parsed again: corrupt: checksum mismatch"));
    assertThat(verified.corpus()).isNotSameAs(unverified.corpus());
    assertSameAsParse(verified);
    assertThat(use(loader().load(corpus))).extracting(SnapshotUse::reused, SnapshotUse::problem)
        .containsExactly(5, java.util.Optional.empty());
  }

  @Test
  void aSnapshotWhoseKeyIsDamagedIsCorruptNotOfAnotherFormat() throws IOException {
    loader().load(corpus);
    byte[] bytes = Files.readAllBytes(snapshot);
    bytes[37 + 2 + 3] ^= 0x01; // "format 8" becomes another format
    Files.write(snapshot, bytes);

    assertThat(use(loader().load(corpus)).problem())
        .hasValue("snapshot ignored, every file parsed again: corrupt: checksum mismatch");
  }

  @Test
  void aStoredResultIsDecodedInPlaceTheSameForThreadsReadingItAtOnce() throws Exception {
    for (int i = 0; i < 300; i++) {
      write(String.format("many/%03d_%016x.txt", i, 0xc000 + i), page("第" + i + "篇：征信怎么查",
          "正文" + i + "。", i % 3 == 0 ? "" : "  • 第" + (i + 1) % 300 + "篇：征信怎么查\n\n    摘要…\n\n    2025年10月1日"));
    }
    LoadResult first = loader().load(corpus);
    SeedLoader loader = loader();
    LoadResult unverified = loader.loadUnverified(corpus).orElseThrow();
    int threads = 8;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
      List<java.util.concurrent.Future<List<Object>>> reads = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t * 37;
        reads.add(pool.submit(() -> {
          start.await();
          // Each thread reads every position, from a different place first.
          List<Object> seen = new java.util.ArrayList<>();
          int n = unverified.corpus().size();
          for (int k = 0; k < n; k++) {
            seen.add(unverified.corpus().articles().get((k + offset) % n));
          }
          int f = unverified.files().size();
          for (int k = 0; k < f; k++) {
            seen.add(unverified.files().get((k + offset) % f));
          }
          java.util.Collections.rotate(seen.subList(0, n), offset % n);
          java.util.Collections.rotate(seen.subList(n, n + f), offset % f);
          return seen;
        }));
      }
      List<Object> one = reads.get(0).get();
      for (java.util.concurrent.Future<List<Object>> r : reads) {
        List<Object> other = r.get();
        assertThat(other).isEqualTo(one);
        int n = unverified.corpus().size();
        for (int k = 0; k < n; k++) {
          assertThat(other.get(k)).as("one instance per article").isSameAs(one.get(k));
        }
      }
      assertThat(one.subList(0, unverified.corpus().size())).isEqualTo(first.corpus().articles());
      assertThat(one.subList(unverified.corpus().size(), one.size())).isEqualTo(first.files());
    } finally {
      pool.shutdownNow();
    }
    assertThat(loader.load(corpus).corpus()).isSameAs(unverified.corpus());
  }

  @Test
  void parsesEverythingAgainWhenTheSnapshotIsTruncatedOrForeign() throws IOException {
    loader().load(corpus);
    byte[] bytes = Files.readAllBytes(snapshot);
    Files.write(snapshot, java.util.Arrays.copyOf(bytes, bytes.length - 10));
    assertThat(use(loader().load(corpus)).problem()).hasValueSatisfying(p -> assertThat(p)
        .startsWith("snapshot ignored, every file parsed again: truncated or extended: "));

    Files.writeString(snapshot, "{\"not\": \"a snapshot\"}");
    LoadResult foreign = loader().load(corpus);
    assertThat(use(foreign).problem())
        .hasValue("snapshot ignored, every file parsed again: not a corpus snapshot");
    assertSameAsParse(foreign);

    Files.write(snapshot, new byte[0]);
    assertThat(use(loader().load(corpus)).problem())
        .hasValue("snapshot ignored, every file parsed again: not a corpus snapshot");
  }

  @Test
  void ignoresASnapshotMadeForAnotherZone() throws IOException {
    loader().load(corpus);

    LoadResult utc = SeedLoader.builder().zone(ZoneId.of("UTC")).snapshot(snapshot).build().load(corpus);

    assertThat(use(utc).parsed()).isEqualTo(5);
    assertThat(use(utc).problem()).hasValueSatisfying(p -> assertThat(p)
        .contains("made for another parser, zone or Java").contains("zone Asia/Shanghai").contains("zone UTC"));
  }

  @Test
  void parsesAFileAgainThatChangedJustBeforeItWasRead() throws IOException {
    Files.writeString(corpus.resolve("005_00000000000000a5.txt"), page("征信多久能恢复", "正文。", ""));
    loader().load(corpus);

    LoadResult second = loader().load(corpus);

    // Its time may not move if it changes again within the file system's clock tick.
    assertThat(use(second)).extracting(SnapshotUse::reused, SnapshotUse::parsed).containsExactly(5, 1);
  }

  @Test
  void aLazyBodyIsReadFromTheSnapshotWhateverHappensToItsFile() throws IOException {
    LoadResult first = loader().load(corpus);
    LoadResult result = loader().load(corpus);
    Article a3 = result.corpus().require("00000000000000a3");
    Article a1 = result.corpus().require("00000000000000a1");
    Article fresh = first.corpus().require("00000000000000a1");
    List<dev.content.core.Block> a1Blocks = SeedLoader.create().load(corpus).corpus().require(a1.id()).body();
    Files.delete(corpus.resolve("loans/003_00000000000000a3.txt"));
    write("001_00000000000000a1.txt", page("征信上的网贷账户怎么消除", "全新的正文。", ""));

    assertThat(a3.bodyText()).isEqualTo("网贷逾期后要主动联系平台。");
    assertThat(List.copyOf(a1.body())).isEqualTo(a1Blocks);
    // The corpus of the first load (bodies parsed then) reads from the snapshot file it wrote.
    assertThat(List.copyOf(fresh.body())).isEqualTo(a1Blocks);

    // A later load replaces the snapshot; corpora loaded before keep reading their own.
    LoadResult third = loader().load(corpus);
    assertThat(use(third)).extracting(SnapshotUse::parsed, SnapshotUse::removed, SnapshotUse::written)
        .containsExactly(1, 1, true);
    assertThat(third.corpus().require(a1.id()).bodyText()).isEqualTo("全新的正文。");
    assertThat(List.copyOf(a1.body())).isEqualTo(a1Blocks);
    assertThat(a3.bodyText()).isEqualTo("网贷逾期后要主动联系平台。");
    assertThat(a3.lead(10)).isEqualTo("网贷逾期后要主动联系…");
  }

  @Test
  void aDamagedBodyIsReadFromItsFileAndTheSnapshotWrittenAgain() throws IOException {
    loader().load(corpus);
    byte[] bytes = Files.readAllBytes(snapshot);
    bytes[bytes.length - 3] ^= 0x5A; // inside the last stored body
    Files.write(snapshot, bytes);
    LoadResult parsed = SeedLoader.create().load(corpus);

    LoadResult result = loader().load(corpus);

    assertThat(use(result)).extracting(SnapshotUse::reused, SnapshotUse::problem)
        .containsExactly(5, java.util.Optional.empty());
    for (Article a : parsed.corpus().fullArticles()) {
      assertThat(List.copyOf(result.corpus().require(a.id()).body())).isEqualTo(a.body());
    }
    assertThat(snapshot).doesNotExist();
    assertThat(use(loader().load(corpus))).extracting(SnapshotUse::parsed, SnapshotUse::written)
        .containsExactly(5, true);
    assertSameAsParse(loader().load(corpus));
  }

  @Test
  void reportsASnapshotItCannotWriteAndStillLoads() throws IOException {
    Files.createDirectories(snapshot.getParent());
    Files.writeString(tmp.resolve("index/blocker"), "");
    SeedLoader blocked = SeedLoader.builder().snapshot(tmp.resolve("index/blocker/corpus.snapshot")).build();

    LoadResult result = blocked.load(corpus);

    assertThat(use(result).written()).isFalse();
    assertThat(use(result).problem()).hasValueSatisfying(p -> assertThat(p).startsWith("could not write the snapshot: "));
    assertThat(use(result).generation()).as("no snapshot holds this result").isEmpty();
    assertThat(result.corpus().fullArticles()).hasSize(4);
  }

  @Test
  void ignoresASnapshotOfTheEarlierFormatAndWritesItAnew() throws IOException {
    // Written by the format-2 loader (one string table spread through the payload, no chunks) over these
    // two spec files: it must be recognised by its key and ignored, never decoded as this format.
    ignoresAnEarlierSnapshot("format2-of-two-spec-files.snapshot", "format 2");
  }

  @Test
  void ignoresASnapshotOfFormatFourAndWritesItAnew() throws IOException {
    // Written by the format-4 loader (no generation, articles in file order, no page targets) over the
    // same two spec files.
    ignoresAnEarlierSnapshot("format4-of-two-spec-files.snapshot", "format 4");
  }

  @Test
  void ignoresASnapshotOfFormatSevenAndWritesItAnew() throws IOException {
    // Written by the format-7 loader (the articles' index and the file entries in varint chunks, one
    // checksum over the whole payload) over the same two spec files.
    ignoresAnEarlierSnapshot("format7-of-two-spec-files.snapshot", "format 7");
  }

  private void ignoresAnEarlierSnapshot(String fixture, String format) throws IOException {
    Path spec = Path.of("src/test/resources/spec");
    for (String name : List.of("000_cf47211e9869dcd2.txt", "crlf-line-endings.txt")) {
      write(name, Files.readString(spec.resolve(name)));
    }
    for (String name : List.of("categories.json", "001_00000000000000a1.txt", "002_00000000000000a2.txt",
        "loans/003_00000000000000a3.txt", "004_00000000000000a4.txt", "more/001_00000000000000a1.txt")) {
      Files.delete(corpus.resolve(name));
    }
    Files.createDirectories(snapshot.getParent());
    Files.copy(Path.of("src/test/resources/snapshots").resolve(fixture), snapshot);

    LoadResult result = loader().load(corpus);

    assertThat(use(result)).extracting(SnapshotUse::reused, SnapshotUse::parsed, SnapshotUse::written)
        .containsExactly(0, 2, true);
    assertThat(use(result).problem()).hasValueSatisfying(p -> assertThat(p)
        .startsWith("snapshot ignored, every file parsed again: made for another parser")
        .contains("(" + format + "; ").contains("this load: format 8; "));
    assertSameAsParse(result);
    assertThat(use(loader().load(corpus))).extracting(SnapshotUse::reused, SnapshotUse::problem)
        .containsExactly(2, java.util.Optional.empty());
  }

  @Test
  void aLargerCorpusComesBackWholeFromTheSnapshot() throws IOException {
    // Enough articles that the corpus's graph is built on several threads and the page-target rows,
    // string directory and assignment lists are sizeable; each article lists three others and one title
    // no file has.
    int n = 1_200;
    for (int i = 0; i < n; i++) {
      StringBuilder related = new StringBuilder();
      for (int k = 1; k <= 3; k++) {
        related.append("  • 第").append((i * 7 + k * 31) % n).append("篇：网贷逾期怎么办\n\n    摘要")
            .append(k).append("…\n\n    2025年10月").append(k).append("日\n\n");
      }
      related.append("  • 没有文件的标题").append(i % 50).append("\n\n    另一个摘要…\n\n    2025年10月2日");
      write(String.format("d%02d/%04d_%016x.txt", i % 7, i, 0xb000 + i),
          page("第" + i + "篇：网贷逾期怎么办", "正文" + i + "。\n\n一、第二段" + i + "。", related.toString()));
    }

    LoadResult first = loader().load(corpus);
    LoadResult second = loader().load(corpus);

    assertThat(use(second)).extracting(SnapshotUse::reused, SnapshotUse::parsed, SnapshotUse::problem)
        .containsExactly(n + 5, 0, java.util.Optional.empty());
    assertThat(second.corpus().fullArticles()).hasSize(n + 4);
    assertThat(second.corpus().stubs()).hasSize(51);
    assertThat(second.corpus().graph().edgeCount()).isEqualTo(first.corpus().graph().edgeCount());
    assertThat(second.files()).isEqualTo(first.files());
    assertSameAsParse(second);
  }
}

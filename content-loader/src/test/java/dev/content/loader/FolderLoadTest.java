package dev.content.loader;

import static dev.content.loader.SeedPages.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.content.core.Article;
import dev.content.core.Corpus;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderLoadTest {
  @TempDir
  Path dir;

  private void write(String path, String text) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  @Test
  void accountsForEveryTextFileAndKeepsGoodOnesWhenOthersAreBad() throws Exception {
    write("001_00000000000000a1.txt", page("征信上的网贷账户怎么消除", "正文一。", "  • 网贷逾期了怎么办\n\n    摘要…\n\n    2025年10月1日"));
    write("002_00000000000000a2.txt", "");
    Files.write(dir.resolve("003_00000000000000a3.txt"), page("花呗逾期了怎么办", "正文三。", "")
        .getBytes(Charset.forName("GB18030")));
    write("loans/004_00000000000000a4.txt", page("网贷逾期了怎么办", "正文四。", ""));
    write("notes.md", "not an article");
    Files.createSymbolicLink(dir.resolve("005_00000000000000a5.txt"), dir.resolve("missing-target"));

    LoadResult result = SeedLoader.create().load(dir);

    assertThat(result.files()).extracting(FileOutcome::path).containsExactly(
        "001_00000000000000a1.txt", "002_00000000000000a2.txt", "003_00000000000000a3.txt",
        "005_00000000000000a5.txt", "loans/004_00000000000000a4.txt");
    assertThat(result.rejected()).extracting(FileOutcome::path, f -> f.reason().orElseThrow()).containsExactly(
        org.assertj.core.groups.Tuple.tuple("002_00000000000000a2.txt",
            "file has no text: an article needs at least a title line"),
        org.assertj.core.groups.Tuple.tuple("005_00000000000000a5.txt",
            "cannot read file: NoSuchFileException (" + dir.resolve("005_00000000000000a5.txt") + ")"));
    Corpus corpus = result.corpus();
    assertThat(corpus.fullArticles()).extracting(Article::id)
        .containsExactlyInAnyOrder("00000000000000a1", "00000000000000a3", "00000000000000a4");
    assertThat(corpus.require("00000000000000a3").source().orElseThrow().encoding()).isEqualTo("GB18030");
    assertThat(corpus.require("00000000000000a4").source().orElseThrow().path())
        .isEqualTo("loans/004_00000000000000a4.txt");
    // The listing in a1 resolves to the full article in the sub-folder, not to a stub.
    assertThat(corpus.require("00000000000000a1").related().get(0).targetId()).hasValue("00000000000000a4");
    assertThat(corpus.stubs()).isEmpty();
    assertThat(result.hasErrors()).isTrue();
    assertThat(result.errorCount()).isEqualTo(2);
  }

  @Test
  void keepsBothFilesOfADuplicateIdAndNamesThemInAWarning() throws Exception {
    write("001_00000000000000b1.txt", page("借呗提前还款", "正文。", ""));
    write("more/001_00000000000000b1.txt", page("借呗提前还款有违约金吗", "正文。", ""));

    LoadResult result = SeedLoader.create().load(dir);

    assertThat(result.corpus().fullArticles()).extracting(Article::id)
        .containsExactlyInAnyOrder("00000000000000b1", "00000000000000b1-2");
    assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactly(
        "more/001_00000000000000b1.txt: warning: duplicate id 00000000000000b1, also the id of "
            + "001_00000000000000b1.txt; this article's id is 00000000000000b1-2");
  }

  @Test
  void warnsAboutDuplicateTitlesAndResolvesListingsToTheFirstFile() throws Exception {
    write("001_00000000000000c1.txt", page("网贷逾期怎么办", "正文一。", ""));
    write("002_00000000000000c2.txt", page("网贷逾期怎么办", "正文二。", ""));
    write("003_00000000000000c3.txt", page("其他文章", "正文三。", "  • 网贷逾期怎么办"));

    LoadResult result = SeedLoader.create().load(dir);

    assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactly(
        "002_00000000000000c2.txt:1: warning: duplicate title “网贷逾期怎么办”, also the title of "
            + "001_00000000000000c1.txt; related listings resolve to 001_00000000000000c1.txt");
    assertThat(result.corpus().require("00000000000000c3").related().get(0).targetId())
        .hasValue("00000000000000c1");
  }

  @Test
  void readsFooterTimesInTheConfiguredZone() throws Exception {
    write("001_00000000000000d1.txt", page("标题", "正文。", ""));

    LoadResult result = SeedLoader.builder().zone(ZoneId.of("Europe/Berlin")).threads(1).build().load(dir);

    assertThat(result.corpus().require("00000000000000d1").previousPostAt().orElseThrow())
        .hasToString("2025-09-27T07:19+02:00");
  }

  @Test
  void loadsManyFilesInParallelInPathOrder() throws Exception {
    for (int i = 0; i < 300; i++) {
      write(String.format("%03d_%016x.txt", i, i), page("文章" + i, "正文" + i + "。", ""));
    }

    LoadResult result = SeedLoader.builder().threads(2).build().load(dir);

    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.files()).hasSize(300);
    assertThat(result.files().get(299).articleId()).hasValue(String.format("%016x", 299));
  }

  @Test
  void reportsProgressForEveryFile() throws Exception {
    for (int i = 0; i < 100; i++) {
      write(String.format("%03d_%016x.txt", i, i), page("文章" + i, "正文" + i + "。", ""));
    }
    java.util.Set<Integer> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.atomic.AtomicInteger totals = new java.util.concurrent.atomic.AtomicInteger();

    SeedLoader.builder().threads(2).progress((done, total) -> {
      seen.add(done);
      totals.set(total);
    }).build().load(dir);

    assertThat(seen).hasSize(100).contains(1, 100);
    assertThat(totals.get()).isEqualTo(100);
  }

  @Test
  void refusesSomethingThatIsNotAFolder() {
    assertThatThrownBy(() -> SeedLoader.create().load(dir.resolve("nope")))
        .isInstanceOf(IOException.class).hasMessageEndingWith("nope: not a folder");
    assertThatThrownBy(() -> SeedLoader.builder().threads(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("threads must be at least 1, was 0");
  }

  @Test
  void skipsHiddenFolders() throws Exception {
    write(".git/001_00000000000000e1.txt", page("隐藏", "正文。", ""));
    write("001_00000000000000e2.txt", page("可见", "正文。", ""));

    assertThat(SeedLoader.create().load(dir).files()).extracting(FileOutcome::path)
        .isEqualTo(List.of("001_00000000000000e2.txt"));
  }
}

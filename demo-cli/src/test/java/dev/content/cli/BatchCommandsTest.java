package dev.content.cli;

import static dev.content.cli.Fixtures.SECOND_ID;
import static dev.content.cli.Fixtures.SEED_ID;
import static dev.content.cli.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.content.cli.Fixtures.Run;
import dev.content.cli.render.Wrap;
import dev.content.json.ArticleJson;
import dev.content.loader.SeedLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchCommandsTest {
  private static final String CORPUS = Fixtures.corpus().toString();

  @Test
  void checkPrintsOneLinePerDiagnosticAndExitsZeroWithoutErrors() {
    Run r = run("--seeds", CORPUS, "check");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(
        "001_a1b2c3d4e5f60718.txt:9: warning: removed 2 terminal escape sequences (first: U+001B)\n");
    assertThat(r.err()).isEqualTo("2 files, 2 loaded, 0 errors, 1 warnings\n");
  }

  @Test
  void checkExitsOneWhenAnyFileHasAnError() {
    Run r = run("--seeds", Fixtures.broken().toString(), "check");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).startsWith("002_bbbbbbbbbbbbbbbb.txt: error: ");
  }

  @Test
  void exitsTwoOnAUsageError() {
    Run r = run("--seeds", CORPUS, "check", "--bogus");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option: '--bogus'").contains("Usage: demo-cli check");
    assertThat(run("--seeds", CORPUS, "frobnicate").code()).isEqualTo(2);
    Run narrow = run("--seeds", CORPUS, "--width", "5", "list");
    assertThat(narrow.code()).isEqualTo(2);
    assertThat(narrow.err()).startsWith("--width must be at least 20, was 5");
  }

  @Test
  void exportsJsonLinesWithStubsAndDiagnosticsOnStderr() throws Exception {
    Run r = run("--seeds", CORPUS, "export");
    assertThat(r.code()).isZero();
    List<String> lines = Arrays.asList(r.out().split("\n"));
    var corpus = SeedLoader.create().load(Fixtures.corpus()).corpus();
    assertThat(lines).hasSize(corpus.size());
    ObjectMapper m = new ObjectMapper();
    List<String> ids = lines.stream().map(l -> {
      try {
        return m.readTree(l).get("id").asText();
      } catch (Exception e) {
        throw new AssertionError(l, e);
      }
    }).toList();
    assertThat(ids).containsExactlyElementsOf(corpus.articles().stream().map(a -> a.id()).toList());
    assertThat(lines.stream().filter(l -> {
      try {
        return m.readTree(l).get("stub").asBoolean();
      } catch (Exception e) {
        throw new AssertionError(l, e);
      }
    }).count()).isEqualTo(corpus.stubs().size()).isEqualTo(5);
    assertThat(r.err()).isEqualTo("001_a1b2c3d4e5f60718.txt:9: warning: removed 2 terminal escape sequences (first: U+001B)\n");
  }

  @Test
  void showJsonPrintsTheDocumentedFormat() throws Exception {
    Run r = run("--seeds", CORPUS, "show", SEED_ID, "--json");
    var loaded = SeedLoader.create().load(Fixtures.corpus()).corpus();
    JsonNode json = new ObjectMapper().readTree(r.out());
    // What the loader read is all there; search adds categories and computed relations on top.
    JsonNode plain = new ObjectMapper().readTree(ArticleJson.writer(loaded).write(loaded.require(SEED_ID)));
    for (String field : List.of("id", "stub", "title", "author", "likes", "previousPostAt", "nextPostAt",
        "body", "related", "source")) {
      assertThat(json.get(field)).as(field).isEqualTo(plain.get(field));
    }
    assertThat(json.get("related").get(1).get("id").asText()).isEqualTo(SECOND_ID);
    assertThat(json.get("related").get(1).get("resolved").asBoolean()).isTrue();
    assertThat(json.get("categories").get(0).get("primary").asBoolean()).isTrue();
    assertThat(json.get("categories").get(0).get("reason").asText()).isNotEmpty();
  }

  @Test
  void showWrapsByDisplayWidthWithBoldLeadsAndDatedRelatedList() {
    Run r = run("--seeds", CORPUS, "--width", "40", "show", SEED_ID);
    assertThat(r.code()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).allSatisfy(l -> assertThat(Wrap.width(l)).isLessThanOrEqualTo(40));
    assertThat(lines).contains(
        "近年来,随着网络借贷的普及,越来越多的人选",
        "1. 保持沟通,避免失联",
        "   一旦发现自己可能无法按时还款,应第一时",
        "相关文章",
        "[1] ○ 微信买东西被骗了钱怎么追回来了",
        "    2025-09-16",
        "[2] 征信上的网贷账户怎么消除  2025-10-24");
  }

  @Test
  void showInColourMakesLeadsBoldAndKeepsEscapeSequencesOutOfTheText() {
    Run r = run("--seeds", CORPUS, "--color", "always", "show", SECOND_ID);
    assertThat(r.out()).contains("\u001b[1m按时还款");
    // The loader removed the escape sequences of the file; the only ones sent are our styles.
    assertThat(r.out().replaceAll("\u001b\\[[0-9;]*m", "")).doesNotContain("\u001b").contains("它绝不能清屏或变色");
  }

  @Test
  void sourceWritesTheSeedFileBackByteForByte() throws Exception {
    Run r = run("--seeds", CORPUS, "source", SEED_ID);
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(Files.readString(Fixtures.corpus().resolve("000_cf47211e9869dcd2.txt"),
        StandardCharsets.UTF_8));
  }

  @Test
  void anUnknownArticleIsAnErrorWithoutStackTrace() {
    Run r = run("--seeds", CORPUS, "show", "zzzz");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo(
        "error: no article matches 'zzzz' (an id, a title, or a number from the last screen)\n");
  }

  @Test
  void aMissingSeedsFolderIsNamed() {
    Run r = run("--seeds", "/nonexistent/seeds", "list");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("error: seeds folder /nonexistent/seeds does not exist (use --seeds DIR)\n");
  }

  @Test
  void listsNewestFirstAndCategoriesShowTheTree() {
    Run r = run("--seeds", CORPUS, "list");
    assertThat(r.out().lines().toList()).containsExactly(
        "1  a1b2c3d4e5f60718  2025-10-24  征信上的网贷账户怎么消除",
        "2  cf47211e9869dcd2  2025-09-27  网贷逾期了如何防止爆通讯录",
        "page 1 of 1 · 2 articles");
    // Without categories.json and folders, the full articles fall back to 未分类; stubs are filed only
    // by rules or neighbour votes, so here they stay out of the tree.
    assertThat(run("--seeds", CORPUS, "categories").out()).contains("└─ 未分类 uncategorized (2)");
  }

  @Test
  void graphDrawsTheRelatedTreeWithStubsMarked() {
    Run r = run("--seeds", CORPUS, "graph", SECOND_ID, "--depth", "2");
    assertThat(r.out().lines().toList()).startsWith(
        "[1] 征信上的网贷账户怎么消除",
        "├─ [2] 网贷逾期了如何防止爆通讯录",
        "│  ├─ [3] ○ 微信买东西被骗了钱怎么追回来了",
        "│  ├─ [4] 征信上的网贷账户怎么消除 ↺");
  }

  @Test
  void aPagePastTheEndIsEmptyNotAnError() {
    Run r = run("--seeds", CORPUS, "list", "--page", "7", "--page-size", "1");
    assertThat(r.code()).isZero();
    assertThat(r.out().lines().toList()).containsExactly("(no page 7)", "page 7 of 2 · 2 articles");
  }
}

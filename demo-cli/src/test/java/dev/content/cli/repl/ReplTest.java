package dev.content.cli.repl;

import static dev.content.cli.Fixtures.SECOND_ID;
import static dev.content.cli.Fixtures.SEED_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.content.cli.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplTest {
  @TempDir
  Path tmp;

  private ReplDriver repl(int width, int height) throws Exception {
    return new ReplDriver(Fixtures.corpus(), tmp.resolve("history"), width, height, "xterm-256color", Map.of());
  }

  @Test
  void listsOpensByBareNumberFollowsRelatedLinksAndGoesBack() throws Exception {
    try (ReplDriver r = repl(80, 200)) {
      r.prompt(1).type("list\r").await("page 1 of 1 · 2 articles").prompt(2);
      r.type("2\r").await("[2] 征信上的网贷账户怎么消除  2025-10-24").prompt(3);
      r.type("2\r").await("根据《征信业管理条例》").prompt(4);
      r.type("back\r").await("网贷逾期了如何防止爆通讯录", 3).prompt(5);
      r.type("next\r").await("根据《征信业管理条例》", 2).prompt(6);
      r.type("quit\r");
      assertThat(r.exitCode()).isZero();
    }
    assertThat(Files.readAllLines(tmp.resolve("history"), StandardCharsets.UTF_8))
        .anySatisfy(l -> assertThat(l).endsWith("list"))
        .anySatisfy(l -> assertThat(l).endsWith("back"));
  }

  @Test
  void searchesAndFollowsAResultByNumber() throws Exception {
    try (ReplDriver r = repl(80, 200)) {
      r.prompt(1).type("search 征信 --category uncategorized\r").await("2 results · page 1 of 1").prompt(2);
      r.type("1\r").await("根据《征信业管理条例》").prompt(3);
      r.type("related 1 --explain\r").await("listed on the page (#1)").prompt(4);
      r.type("search qqqzzzxxx\r").await("no results for qqqzzzxxx").prompt(5);
      r.type("quit\r");
      assertThat(r.exitCode()).isZero();
    }
  }

  @Test
  void pagesALongArticleWithSpaceBackSearchAndQuit() throws Exception {
    try (ReplDriver r = repl(60, 12)) {
      r.prompt(1).type("show " + SEED_ID + "\r").await(" 1-11/").await("space next");
      r.type(" ").await(" 12-22/");
      r.type("b").await(" 1-11/", 2);
      r.type("/投诉\r").await("金融监管部门投诉,维护自身合");
      r.type("G").await("(END)");
      r.type("q").prompt(2);
      r.type("quit\r");
      assertThat(r.exitCode()).isZero();
    }
  }

  @Test
  void ctrlCCancelsTheRunningCommandAndTheReplGoesOn() throws Exception {
    try (ReplDriver r = repl(60, 12)) {
      r.prompt(1).type("show " + SEED_ID + "\r").await("space next");
      r.type("\u0003").await("cancelled").prompt(2);
      r.type("stats\r").await("articles     2 full, 5 stubs").prompt(3);
      r.type("\u0004");
      assertThat(r.exitCode()).isZero();
    }
  }

  @Test
  void aWrongCommandPrintsItsUsageNotAStackTrace() throws Exception {
    try (ReplDriver r = repl(80, 200)) {
      r.prompt(1).type("show --bogus\r").await("Usage: demo-cli show").prompt(2);
      r.type("show 999\r").await("error: no numbered links on the last screen (try list)").prompt(3);
      r.type("frobnicate\r").await("Unmatched argument at index 0: 'frobnicate'").prompt(4);
      r.type("quit\r");
      r.exitCode();
      assertThat(r.text()).contains("Unknown option: '--bogus'").doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void completesTitlesByTheirChinesePrefix() throws Exception {
    try (ReplDriver r = repl(80, 200)) {
      r.prompt(1).type("show 征信\t").await("show 征信上的网贷账户怎么消除");
      r.type("\r").await("根据《征信业管理条例》").prompt(2);
      r.type("li\t").await("list").type("\r").await("page 1 of 1").prompt(3);
      r.type("quit\r");
      assertThat(r.exitCode()).isZero();
    }
  }

  @Test
  void noColorKeepsBoldButSendsNoColours() throws Exception {
    try (ReplDriver r = new ReplDriver(Fixtures.corpus(), tmp.resolve("h"), 80, 200, "xterm-256color",
        Map.of("NO_COLOR", "1"))) {
      r.prompt(1).type("show " + SECOND_ID + "\r").await("结清所有贷款").prompt(2).type("quit\r");
      r.exitCode();
      assertThat(r.raw()).contains("\u001b[1m");
      assertThat(r.raw()).doesNotContainPattern("\u001b\\[[0-9;]*;?(3[0-7]|9[0-7]|38;5;\\d+)m");
    }
  }

  @Test
  void aDumbTerminalGetsNoEscapeSequencesAtAll() throws Exception {
    try (ReplDriver r = new ReplDriver(Fixtures.corpus(), tmp.resolve("h"), 80, 12, "dumb", Map.of())) {
      r.prompt(1).type("show " + SEED_ID + "\r").await("借呗先息后本到期可以再次申请分期吗").prompt(2).type("quit\r");
      r.exitCode();
      assertThat(r.raw()).doesNotContain("\u001b");
    }
  }

  @Test
  void theModeFollowsNoColorAndTheTerminalType() throws Exception {
    try (ReplDriver r = repl(80, 24)) {
      assertThat(Repl.mode(r.terminal, dev.content.cli.App.ColorChoice.auto, Map.of()))
          .isEqualTo(dev.content.cli.render.Theme.Mode.COLOR);
      assertThat(Repl.mode(r.terminal, dev.content.cli.App.ColorChoice.auto, Map.of("NO_COLOR", "1")))
          .isEqualTo(dev.content.cli.render.Theme.Mode.MONO);
      assertThat(Repl.mode(r.terminal, dev.content.cli.App.ColorChoice.auto, Map.of("NO_COLOR", "")))
          .isEqualTo(dev.content.cli.render.Theme.Mode.COLOR);
      assertThat(Repl.mode(r.terminal, dev.content.cli.App.ColorChoice.never, Map.of()))
          .isEqualTo(dev.content.cli.render.Theme.Mode.PLAIN);
      r.type("quit\r");
    }
  }
}

package dev.content.cli.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.content.cli.Fixtures;
import dev.content.cli.render.Wrap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real REPL in a real pseudo-terminal: tmux runs {@code java dev.content.cli.Main}, the test types
 * with {@code send-keys} and reads the screen with {@code capture-pane}. Needs the {@code tmux} package.
 */
class TmuxEndToEndTest {
  private static final int WIDTH = 60;
  private static final int HEIGHT = 40;

  @TempDir
  Path tmp;

  private final String socket = "content-e2e-" + ProcessHandle.current().pid();

  @BeforeEach
  void needTmux() {
    assumeTrue(run(List.of("tmux", "-V")) == 0, "tmux is not installed (Debian package: tmux); skipping");
  }

  @AfterEach
  void stopTmux() {
    run(List.of("tmux", "-L", socket, "kill-server"));
  }

  @Test
  void readsListsFollowsLinksPagesSearchesAndQuitsInARealTerminal() throws Exception {
    Path script = tmp.resolve("run.sh");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(script, String.join("\n",
        "export LANG=C.UTF-8 LC_ALL=C.UTF-8",
        "unset NO_COLOR",
        "'" + java + "' -Xshare:auto -cp '" + System.getProperty("java.class.path") + "' dev.content.cli.Main"
            + " --seeds '" + Fixtures.corpus() + "' --history '" + tmp.resolve("history") + "'",
        "echo EXIT=$?",
        "sleep 60", ""), StandardCharsets.UTF_8);
    assertThat(run(List.of("tmux", "-L", socket, "-f", "/dev/null", "-u", "new-session", "-d", "-s", "e2e",
        "-x", Integer.toString(WIDTH), "-y", Integer.toString(HEIGHT), "sh " + script))).isZero();

    awaitScreen("content>");
    keys("list", "Enter");
    awaitScreen("page 1 of 1 · 2 articles");
    assertThat(screen()).contains("1  a1b2c3d4e5f60718  2025-10-24  征信上的网贷账户怎么消除");

    keys("1", "Enter");
    awaitScreen("根据《征信业管理条例》");
    List<String> article = screen();
    assertThat(article).contains("相关文章", "[1] 网贷逾期了如何防止爆通讯录  2025-09-27");

    // The first related entry is the seed article, taller than the screen: the pager shows its start.
    keys("1", "Enter");
    awaitScreen("space next");
    List<String> page = screen();
    assertThat(page.get(0)).isEqualTo("网贷逾期了如何防止爆通讯录");
    assertThat(page).allSatisfy(l -> assertThat(Wrap.width(l)).isLessThanOrEqualTo(WIDTH));
    // Wrapped at the right column: the text area is 59 columns (the last one is left free); 29 Chinese
    // characters and 4 ASCII commas take 58 and the next character would not fit.
    int first = page.indexOf("近年来,随着网络借贷的普及,越来越多的人选择通过网贷平台解决");
    assertThat(first).as("the first paragraph's first line, on screen:\n%s", String.join("\n", page))
        .isPositive();
    assertThat(page.get(first + 1)).startsWith("资金需求。然而,一旦出现逾期还款的情况,");
    List<String> paragraph = new ArrayList<>();
    for (int i = first; !page.get(i).isEmpty(); i++) {
      paragraph.add(page.get(i));
    }
    assertThat(String.join("", paragraph)).isEqualTo("近年来,随着网络借贷的普及,越来越多的人选择通过网贷平台解决资金需求。"
        + "然而,一旦出现逾期还款的情况,不仅会影响个人征信,还可能面临催收公司的骚扰,甚至被“爆通讯录”,"
        + "即催收人员将借款人的信息泄露给其亲友、同事等,造成严重的个人信息泄露和心理压力。");
    for (String line : paragraph.subList(0, paragraph.size() - 1)) {
      assertThat(Wrap.width(line)).as(line).isBetween(WIDTH - 5, WIDTH - 1);
    }

    keys("Space");
    awaitScreen("(END)");
    keys("q");
    keys("back", "Enter");
    awaitScreen("根据《征信业管理条例》");
    keys("C-l");
    keys("search 征信", "Enter");
    awaitScreen("2 results · page 1 of 1");
    assertThat(screen()).contains("[1] 征信上的网贷账户怎么消除  2025-10-24  uncategorized");
    keys("2", "Enter");
    awaitScreen("space next");
    assertThat(screen().get(0)).isEqualTo("网贷逾期了如何防止爆通讯录");
    keys("q");
    keys("quit", "Enter");
    awaitScreen("EXIT=0");
  }

  private void keys(String... keys) {
    List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket, "send-keys", "-t", "e2e"));
    cmd.addAll(Arrays.asList(keys));
    assertThat(run(cmd)).isZero();
  }

  private List<String> screen() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("tmux", "-L", socket, "capture-pane", "-p", "-t", "e2e")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    return out.lines().map(String::stripTrailing).toList();
  }

  private void awaitScreen(String needle) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      List<String> s = screen();
      if (s.stream().anyMatch(l -> l.contains(needle))) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the terminal never showed \"" + needle + "\"; it shows:\n" + String.join("\n", s));
      }
      Thread.sleep(50);
    }
  }

  private static int run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}

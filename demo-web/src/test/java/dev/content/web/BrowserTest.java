package dev.content.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The site as a reader meets it, in a real headless Chromium against the real server. */
class BrowserTest {
  @TempDir
  static Path seeds;
  static Main.Server server;
  static Browser browser;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    browser = Browser.start();
    SeedsFolder.standard(seeds);
    server = Main.Server.start(seeds, "127.0.0.1", 0);
    assertThat(server.awaitIndexed(Duration.ofMinutes(2))).isTrue();
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static WebDriverWait waitUpTo(int seconds) {
    return new WebDriverWait(browser.driver, Duration.ofSeconds(seconds));
  }

  @Test
  void readerOpensHomeThenAnArticleThenFollowsARelatedLink() throws Exception {
    var d = browser.driver;
    d.get(base + "/");
    assertThat(d.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
    List<String> titles = d.findElements(By.cssSelector(".card-title a")).stream().map(WebElement::getText).toList();
    assertThat(titles).contains("网贷逾期了如何防止爆通讯录", "征信上的网贷账户怎么消除");
    browser.screenshot("home", 1280);

    d.findElement(By.linkText("网贷逾期了如何防止爆通讯录")).click();
    waitUpTo(10).until(x -> x.getCurrentUrl().endsWith("/articles/cf47211e9869dcd2"));
    assertThat(d.findElement(By.cssSelector("h1.post-title")).getText()).isEqualTo("网贷逾期了如何防止爆通讯录");
    assertThat(d.findElements(By.cssSelector("ol.points > li"))).hasSize(7);
    assertThat(d.findElement(By.cssSelector(".post-meta")).getText()).contains("admin")
        .contains("发布于 2025年9月27日 上午7:19 至 上午7:33 之间");
    List<WebElement> related = d.findElements(By.cssSelector(".related-item"));
    assertThat(related).hasSize(6);
    browser.screenshot("article", 1280);
    browser.screenshot("article-phone", 390);

    d.findElement(By.cssSelector(".related-item h3 a[href='/articles/" + Fixtures.CREDIT + "']")).click();
    waitUpTo(10).until(x -> x.getCurrentUrl().endsWith("/articles/" + Fixtures.CREDIT));
    assertThat(d.findElement(By.cssSelector("h1.post-title")).getText()).isEqualTo("征信上的网贷账户怎么消除");
    assertThat(d.findElement(By.cssSelector(".post-body h2.section")).getText()).isEqualTo("一、法律是怎么规定的");
  }

  @Test
  void readerSearchesInChineseAndSeesHighlightsFacetsAndSuggestions() throws Exception {
    var d = browser.driver;
    d.get(base + "/");
    WebElement box = d.findElement(By.id("q"));
    box.sendKeys("网贷");
    // As-you-type suggestions arrive in the datalist.
    waitUpTo(10).until(x -> !x.findElements(By.cssSelector("#title-suggestions option")).isEmpty());
    assertThat(d.findElements(By.cssSelector("#title-suggestions option")).stream()
        .map(o -> o.getAttribute("value")).toList()).contains("网贷逾期了如何防止爆通讯录");
    box.sendKeys(Keys.ENTER);
    waitUpTo(10).until(x -> x.getCurrentUrl().contains("/search?q="));
    List<WebElement> marks = d.findElements(By.cssSelector(".result mark"));
    assertThat(marks).isNotEmpty();
    assertThat(marks.stream().map(WebElement::getText).distinct().toList()).contains("网贷");
    assertThat(d.findElement(By.cssSelector(".count-line")).getText()).contains("网贷");
    browser.screenshot("search", 1280);
  }

  @Test
  void graphShowsNodesAndOpensTheArticleOnClick() throws Exception {
    var d = browser.driver;
    d.get(base + "/graph");
    waitUpTo(20).until(x -> {
      String n = x.findElement(By.id("graph")).getAttribute("data-nodes");
      return n != null && Integer.parseInt(n) > 0;
    });
    int nodes = Integer.parseInt(d.findElement(By.id("graph")).getAttribute("data-nodes"));
    assertThat(nodes).isEqualTo(server.snapshot().corpus().size());
    assertThat(d.findElements(By.cssSelector("#graph canvas"))).isNotEmpty();
    browser.screenshot("graph", 1280);
    Thread.sleep(1000); // the screenshot resized the window: let the chart follow
    // Where ECharts drew the seed article's node, then a real mouse click there.
    @SuppressWarnings("unchecked")
    List<Number> at = (List<Number>) browser.js("""
        var chart = echarts.getInstanceByDom(document.getElementById('graph'));
        var data = chart.getModel().getSeriesByIndex(0).getData();
        for (var i = 0; i < data.count(); i++) {
          if (data.getRawDataItem(i).id === arguments[0]) {
            return chart.convertToPixel({seriesIndex: 0}, data.getItemLayout(i));
          }
        }
        return null;""", Fixtures.SEED);
    assertThat(at).isNotNull();
    WebElement graph = d.findElement(By.id("graph"));
    new org.openqa.selenium.interactions.Actions(d)
        .moveToElement(graph, at.get(0).intValue() - graph.getSize().getWidth() / 2,
            at.get(1).intValue() - graph.getSize().getHeight() / 2)
        .click().perform();
    waitUpTo(10).until(x -> x.getCurrentUrl().endsWith("/articles/" + Fixtures.SEED));
  }
}

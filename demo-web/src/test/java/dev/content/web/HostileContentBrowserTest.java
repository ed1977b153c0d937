package dev.content.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.content.core.Titles;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Serves articles whose every text field is an attack and proves in the browser that none runs. */
class HostileContentBrowserTest {
  static Javalin app;
  static Browser browser;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    browser = Browser.start();
    Snapshot s = Snapshot.of(Fixtures.hostileCorpus());
    app = Site.create(() -> s).start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + app.port();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (app != null) {
      app.stop();
    }
  }

  private void assertNothingRan(String path) {
    var d = browser.driver;
    d.get(base + path);
    // Give any injected handler (onerror fires after a failed load) time to run.
    new WebDriverWait(d, Duration.ofSeconds(5)).until(x -> "complete".equals(browser.js("return document.readyState")));
    browser.js("return new Promise(r => setTimeout(r, 300))");
    assertThat(browser.js("return typeof window.__pwned")).as(path).isEqualTo("undefined");
    assertThatThrownBy(() -> d.switchTo().alert()).as(path).isInstanceOf(NoAlertPresentException.class);
    Object injected = browser.js("return document.querySelectorAll("
        + "'img, svg, iframe, [onerror], [onload], [onmouseover], a[href^=\"javascript:\"]').length");
    assertThat(((Number) injected).intValue()).as(path).isZero();
    Object inlineScripts = browser.js(
        "return [...document.scripts].filter(s => !s.src && s.type !== 'application/ld+json').length");
    assertThat(((Number) inlineScripts).intValue()).as(path).isZero();
  }

  @Test
  void noPageRunsOrRendersTheInjectedMarkup() throws Exception {
    String stub = Titles.stubId("<script>window.__pwned=10</script>网贷逾期");
    for (String path : List.of("/", "/articles/" + Fixtures.HOSTILE, "/articles/" + Fixtures.SEED,
        "/articles/" + stub, "/categories/loans", "/search?q=" + Urls.enc("<script>"),
        "/search?q=" + Urls.enc("网贷"), "/search?q=" + Urls.enc("\"><img src=x onerror=window.__pwned=1>"),
        "/articles/" + Urls.enc("<script>"))) {
      assertNothingRan(path);
    }
    browser.driver.get(base + "/articles/" + Fixtures.HOSTILE);
    assertThat(browser.driver.findElement(By.cssSelector("h1.post-title")).getText())
        .startsWith("<script>window.__pwned=1</script><img src=x onerror=");
    assertThat(browser.driver.findElement(By.cssSelector(".post-body")).getText())
        .contains("<a href=\"javascript:window.__pwned=6\">点我</a>");
    assertThat(browser.driver.getTitle()).startsWith("<script>");
    browser.screenshot("hostile-article", 1280);
  }

  @Test
  void theGraphShowsHostileTitlesAsText() throws Exception {
    assertNothingRan("/graph");
    // The page's own scripts did run: the graph was drawn, so the absence above is meaningful.
    new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(x ->
        x.findElement(By.id("graph")).getAttribute("data-nodes") != null);
    assertThat(browser.js("return typeof window.__pwned")).isEqualTo("undefined");
  }
}

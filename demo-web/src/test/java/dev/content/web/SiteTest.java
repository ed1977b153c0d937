package dev.content.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.content.core.Corpus;
import dev.content.core.Titles;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

class SiteTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Javalin app(Corpus corpus) {
    Snapshot s = Snapshot.of(corpus);
    return Site.create(() -> s);
  }

  private static Document html(HttpClient client, String path) {
    Response r = client.get(path);
    assertThat(r.code()).as(path).isEqualTo(200);
    assertThat(r.headers().get("Content-Type").get(0)).startsWith("text/html");
    return Jsoup.parse(r.body().string());
  }

  private static JsonNode json(Response r) throws Exception {
    assertThat(r.headers().get("Content-Type").get(0)).startsWith("application/json");
    return JSON.readTree(r.body().string());
  }

  @Test
  void searchesRunThroughTheGateThatKeepsThemToOnePerCore() {
    JavalinTest.test(app(Fixtures.corpus()), (server, client) -> {
      long before = CpuGate.SEARCHES.admitted();
      html(client, "/search?q=%E7%BD%91%E8%B4%B7");
      assertThat(client.get("/api/search?q=%E5%BE%81%E4%BF%A1").code()).isEqualTo(200);
      assertThat(CpuGate.SEARCHES.admitted() - before).isEqualTo(2);
      // A page answered from the cache searches nothing.
      html(client, "/search?q=%E7%BD%91%E8%B4%B7");
      assertThat(CpuGate.SEARCHES.admitted() - before).isEqualTo(2);
      assertThat(CpuGate.SEARCHES.running()).isZero();
    });
  }

  @Test
  void homeListsFullArticlesNewestFirstWithExcerptDateAndCategories() {
    JavalinTest.test(app(Fixtures.corpus()), (server, client) -> {
      Document d = html(client, "/");
      assertThat(d.selectFirst("html").attr("lang")).isEqualTo("zh-CN");
      List<String> titles = d.select(".card-title a").eachText();
      assertThat(titles).containsExactly("征信上的网贷账户怎么消除", "网贷逾期了如何防止爆通讯录",
          "微信买东西被骗了钱怎么追回来了");
      Element first = d.selectFirst(".card");
      assertThat(first.selectFirst(".excerpt").text()).startsWith("征信上的网贷账户无法直接“消除”");
      assertThat(first.selectFirst("time").attr("datetime")).isEqualTo("2025-10-24");
      assertThat(first.selectFirst("time").text()).isEqualTo("2025年10月24日");
      assertThat(first.select(".tag").eachText()).containsExactly("征信");
    });
  }

  @Test
  void homePaginatesAndRejectsBadPageNumbers() {
    JavalinTest.test(app(Fixtures.corpus()), (server, client) -> {
      assertThat(html(client, "/?page=1").select(".card")).hasSize(3);
      assertThat(client.get("/?page=2").code()).isEqualTo(404);
      assertThat(client.get("/categories/loans?page=2").code()).isEqualTo(404);
      for (String bad : List.of("/?page=0", "/?page=-1", "/?page=abc", "/?page=99999999999999", "/?page=1e3")) {
        Response r = client.get(bad);
        assertThat(r.code()).as(bad).isEqualTo(400);
        assertThat(r.body().string()).as(bad).contains("page").doesNotContain("Exception");
      }
    });
  }

  @Test
  void articlePageShowsEverythingTheOriginalPageShowed() {
    JavalinTest.test(app(Fixtures.corpus()), (server, client) -> {
      Document d = html(client, "/articles/" + Fixtures.SEED);
      assertThat(d.title()).startsWith("网贷逾期了如何防止爆通讯录");
      assertThat(d.selectFirst("h1.post-title").text()).isEqualTo("网贷逾期了如何防止爆通讯录");
      assertThat(d.selectFirst(".post-meta .author").text()).isEqualTo("admin");
      assertThat(d.selectFirst(".post-meta .likes").text()).isEqualTo("♥ 0");
      assertThat(d.selectFirst(".post-meta time").text())
          .isEqualTo("发布于 2025年9月27日 上午7:19 至 上午7:33 之间");
      assertThat(d.select("ol.points > li")).hasSize(7);
      assertThat(d.select("ol.points > li .marker").eachText()).startsWith("1", "2").endsWith("7");
      assertThat(d.select("ol.points > li .marker").eachAttr("title")).startsWith("1.", "2.").endsWith("7.");
      assertThat(d.select("ol.points strong.lead").eachText()).startsWith("保持沟通,避免失联")
          .endsWith("保留证据,依法维权");
      assertThat(d.select(".post-body > p")).hasSize(3);
      assertThat(d.select(".post-cats .tag").eachText()).containsExactly("催收", "网贷");
      assertThat(d.select(".why-cats li").eachText()).first().asString().contains("标题含“爆通讯录”");
      // Publication order: fraud (9/16) < seed (9/27) < credit (10/24).
      assertThat(d.selectFirst(".post-nav .prev a").attr("href")).isEqualTo("/articles/" + Fixtures.FRAUD);
      assertThat(d.selectFirst(".post-nav .prev .time").text()).isEqualTo("2025年9月27日 上午7:19");
      assertThat(d.selectFirst(".post-nav .next a").attr("href")).isEqualTo("/articles/" + Fixtures.CREDIT);
      List<Element> related = d.select(".related-item");
      assertThat(related).hasSize(3);
      assertThat(related.get(0).selectFirst("h3 a").attr("href")).isEqualTo("/articles/" + Fixtures.FRAUD);
      assertThat(related.get(0).selectFirst(".excerpt").text()).startsWith("微信买东西被骗了钱,是一种");
      assertThat(related.get(0).selectFirst(".date").text()).isEqualTo("2025年9月16日");
      assertThat(related.get(0).selectFirst(".why").text()).startsWith("原页面相关文章第 1 条");
      // The third entry is known only from the listing: shown as a stub, with no link at all.
      Element stub = related.get(2);
      assertThat(stub.hasClass("stub")).isTrue();
      assertThat(stub.select("a")).isEmpty();
      assertThat(stub.selectFirst(".badge").text()).isEqualTo("未收录");
      assertThat(stub.selectFirst(".date").text()).isEqualTo("2025年10月29日");
      assertThat(d.select(".backlinks a").eachText()).containsExactly("征信上的网贷账户怎么消除");
    });
  }

  @Test
  void everyLinkOnAnArticlePageLeadsSomewhere() {
    JavalinTest.test(app(Fixtures.corpus()), (server, client) -> {
      Document d = html(client, "/articles/" + Fixtures.SEED);
      Set<String> hrefs = new TreeSet<>(d.select("a[href^=/]").eachAttr("href"));
      for (String href : hrefs) {
        assertThat(client.get(href).code()).as(href).isEqualTo(200);
      }
    });
  }

  @Test
  void computedRelatedEntriesSayWhy() {
    JavalinTest.test(app(Fixtures.corpus()), (server, client) -> {
      // The fraud article lists nothing itself: content-search fills its list by similarity.
      Document d = html(client, "/articles/" + Fixtures.FRAUD);
      List<Element> computed = d.select(".related-item.computed");
      assertThat(computed).isNotEmpty();
      for (Element e : computed) {
        assertThat(e.selectFirst("h3 a").attr("href")).startsWith("/articles/");
        assertThat(e.selectFirst(".badge.computed").text()).isEqualTo("相似推荐");
        assertThat(e.selectFirst(".why").text()).contains("共同关键词：").containsPattern("相似度 0\\.\\d\\d");
      }
      JsonNode rel = json(client.get("/api/articles/" + Fixtures.FRAUD + "/related"));
      assertThat(rel.get(0).get("kind").asText()).isEqualTo("computed");
      assertThat(rel.get(0).get("reasons").get(0).get("kind").asText()).isEqualTo("shared-term");
      assertThat(rel.get(0).get("reasons").get(0).get("label").asText()).isNotBlank();
    });
  }

  @Test
  void stubPageShowsTheListingAndWhoListsIt() {
    JavalinTest.test(app(Fixtures.corpus()), (server, client) -> {
      String stubId = Titles.stubId("网贷提前还款有违约金怎么办");
      Document d = html(client, "/articles/" + stubId);
      assertThat(d.selectFirst(".stub-note").text()).contains("本文正文尚未收录");
      assertThat(d.selectFirst(".stub-note blockquote").text()).startsWith("随着互联网金融的发展");
      assertThat(d.select(".backlinks a").eachText()).containsExactly("网贷逾期了如何防止爆通讯录");
    });
  }

  @Test
  void unknownThingsAre404InHtmlAndJson() {
    JavalinTest.test(app(Fixtures.corpus()), (server, client) -> {
      for (String path : List.of("/articles/0000000000000000", "/articles/..%2F..%2Fetc%2Fpasswd",
          "/categories/nope", "/no/such/page", "/static/../../etc/passwd", "/static/nothing.css")) {
        Response r = client.get(path);
        assertThat(r.code()).as(path).isIn(400, 404);
        assertThat(r.body().string()).as(path).doesNotContain("Exception").doesNotContain("at dev.")
            .doesNotContain("root:");
      }
      Document nf = Jsoup.parse(client.get("/articles/0000000000000000").body().string());
      assertThat(nf.selectFirst("h1").text()).isEqualTo("页面不存在");
      JsonNode err = json(client.get("/api/articles/0000000000000000"));
      assertThat(err.get("status").asInt()).isEqualTo(404);
      assertThat(err.get("error").asText()).isEqualTo("not_found");
      assertThat(client.get("/api/articles/0000000000000000").code()).isEqualTo(404);
      assertThat(client.get("/api/nothing").code()).isEqualTo(404);
      assertThat(client.post("/api/articles").code()).isEqualTo(405);
      assertThat(json(client.post("/api/articles")).get("error").asText()).isEqualTo("method_not_allowed");
      assertThat(client.post("/").code()).isEqualTo(405);
      assertThat(json(client.get("/api/nothing")).get("status").asInt()).isEqualTo(404);
    });
  }

  /** Sends raw bytes as the request line: what no well-behaved client library would send. */
  private static String raw(int port, byte[] requestTarget) throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      var out = s.getOutputStream();
      out.write("GET ".getBytes(StandardCharsets.US_ASCII));
      out.write(requestTarget);
      out.write(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void invalidUtf8AndTraversalInThePathAre400Or404WithoutAStackTrace() {
    JavalinTest.test(app(Fixtures.corpus()), (server, client) -> {
      List<byte[]> targets = List.of(
          "/articles/%FF%FE".getBytes(StandardCharsets.US_ASCII),
          "/articles/%C3%28".getBytes(StandardCharsets.US_ASCII),
          "/categories/%ED%A0%80".getBytes(StandardCharsets.US_ASCII),
          new byte[] {'/', 'a', 'r', 't', 'i', 'c', 'l', 'e', 's', '/', (byte) 0xff, (byte) 0xfe},
          "/search?q=%FF".getBytes(StandardCharsets.US_ASCII),
          "/api/search?q=%E7%BD%91%E8".getBytes(StandardCharsets.US_ASCII),
          "/static/../../../../etc/passwd".getBytes(StandardCharsets.US_ASCII),
          "/static/%2e%2e/%2e%2e/etc/passwd".getBytes(StandardCharsets.US_ASCII),
          "/static/..%2f..%2fpom.xml".getBytes(StandardCharsets.US_ASCII),
          "/webjars/../../../../etc/passwd".getBytes(StandardCharsets.US_ASCII),
          "/articles/%00".getBytes(StandardCharsets.US_ASCII),
          "/api/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd".getBytes(StandardCharsets.US_ASCII));
      for (byte[] t : targets) {
        String response = raw(server.port(), t);
        String what = new String(t, StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(response.substring(9, 12));
        assertThat(status).as(what).isIn(400, 404);
        assertThat(response).as(what).doesNotContain("Exception").doesNotContain("\tat ")
            .doesNotContain("root:x").doesNotContain("<project");
      }
    });
  }

  @Test
  void malformedAndHugeParametersAre400WithAJsonError() {
    JavalinTest.test(app(Fixtures.corpus()), (server, client) -> {
      String huge = "网".repeat(Params.MAX_QUERY + 1);
      List<String> bad = List.of("/api/search?q=" + huge, "/api/search", "/api/search?q=%E7%BD",
          "/api/articles?page=0", "/api/articles?pageSize=1000", "/api/articles?category=nope",
          "/api/search?q=a&page=x", "/search?q=" + huge, "/api/suggest?q=%FF%FE");
      for (String path : bad) {
        Response r = client.get(path);
        assertThat(r.code()).as(path).isEqualTo(400);
        assertThat(r.body().string()).as(path).doesNotContain("Exception");
      }
      // Beyond Jetty's header limit the server itself answers 414 URI Too Long before any handler.
      assertThat(client.get("/search?q=" + "网".repeat(5000)).code()).isEqualTo(414);
      JsonNode err = json(client.get("/api/articles?pageSize=1000"));
      assertThat(err.get("message").asText()).contains("pageSize");
    });
  }

  private static java.net.http.HttpResponse<byte[]> send(int port, String method, String path, String... headers)
      throws Exception {
    java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + port + path)).method(method,
        java.net.http.HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return java.net.http.HttpClient.newHttpClient().send(b.build(),
        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void headAnswersWithTheStatusAndHeadersOfGetAndNoBody() {
    JavalinTest.test(app(Fixtures.corpus()), (server, client) -> {
      for (String path : List.of("/", "/articles/" + Fixtures.SEED, "/categories", "/search?q=" + Urls.enc("网贷"),
          "/graph", "/feed.xml", "/sitemap.xml", "/health", "/robots.txt", "/api/articles",
          "/api/articles/" + Fixtures.SEED, "/api/articles/" + Fixtures.SEED + "/related", "/api/graph",
          "/api/openapi.json", "/articles/0000000000000000", "/no/such/page", "/api/nothing")) {
        var get = send(server.port(), "GET", path);
        var head = send(server.port(), "HEAD", path);
        assertThat(head.statusCode()).as(path).isEqualTo(get.statusCode());
        assertThat(head.body()).as(path).isEmpty();
        for (String h : List.of("content-type", "etag", "last-modified", "cache-control", "vary",
            "content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options")) {
          assertThat(head.headers().allValues(h)).as(path + " " + h).isEqualTo(get.headers().allValues(h));
        }
        assertThat(head.headers().firstValue("content-type")).as(path).isPresent();
        assertThat(head.headers().firstValueAsLong("content-length")).as(path)
            .hasValue((long) get.body().length);
      }
    });
  }

  @Test
  void pagesCarryAnEntityTagAndAnswerAConditionalGetWith304() {
    JavalinTest.test(app(Fixtures.corpus()), (server, client) -> {
      String path = "/articles/" + Fixtures.SEED;
      var first = send(server.port(), "GET", path);
      String etag = first.headers().firstValue("etag").orElseThrow();
      String modified = first.headers().firstValue("last-modified").orElseThrow();
      assertThat(etag).matches("W/\"[0-9a-f]{16}\"");

      var same = send(server.port(), "GET", path, "If-None-Match", etag);
      assertThat(same.statusCode()).isEqualTo(304);
      assertThat(same.body()).isEmpty();
      assertThat(same.headers().firstValue("etag")).hasValue(etag);
      assertThat(same.headers().firstValue("content-security-policy")).isPresent();
      assertThat(send(server.port(), "GET", path, "If-None-Match", "W/\"0\", " + etag).statusCode())
          .isEqualTo(304);
      assertThat(send(server.port(), "GET", path, "If-Modified-Since", modified).statusCode()).isEqualTo(304);

      var changed = send(server.port(), "GET", path, "If-None-Match", "W/\"0000000000000000\"");
      assertThat(changed.statusCode()).isEqualTo(200);
      assertThat(changed.body()).isEqualTo(first.body());
      assertThat(send(server.port(), "GET", path, "If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT")
          .statusCode()).isEqualTo(200);
      assertThat(send(server.port(), "GET", path, "If-Modified-Since", "yesterday").statusCode()).isEqualTo(200);
      // Other pages have other tags; an error page has none and never answers 304.
      assertThat(send(server.port(), "GET", "/").headers().firstValue("etag")).isPresent().get().isNotEqualTo(etag);
      var missing = send(server.port(), "GET", "/articles/0000000000000000", "If-None-Match", "*");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.headers().firstValue("etag")).isEmpty();
    });
  }

  @Test
  void staticFilesComeFromMemoryWithTypesTagsAndLongCaching() {
    JavalinTest.test(app(Fixtures.corpus()), (server, client) -> {
      for (String path : List.of("/static/site.css", "/static/site.js", "/static/graph.js", Assets.ECHARTS)) {
        var r = send(server.port(), "GET", path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElseThrow()).as(path)
            .startsWith(path.endsWith(".css") ? "text/css" : "text/javascript");
        assertThat(r.headers().firstValue("cache-control")).as(path).hasValue("public, max-age=3600");
        String etag = r.headers().firstValue("etag").orElseThrow();
        assertThat(send(server.port(), "GET", path, "If-None-Match", etag).statusCode()).as(path).isEqualTo(304);
        var head = send(server.port(), "HEAD", path);
        assertThat(head.headers().firstValue("content-length")).as(path)
            .hasValue(Integer.toString(r.body().length));
      }
      // Only the files the pages use are served: nothing else of the jar is reachable.
      for (String path : List.of("/static/nothing.css", "/webjars/echarts/5.3.1/package.json",
          "/static/../dev/content/web/Site.class", "/META-INF/MANIFEST.MF")) {
        assertThat(send(server.port(), "GET", path).statusCode()).as(path).isEqualTo(404);
      }
    });
  }

  @Test
  void gzipClientsGetTheSamePageCompressed() throws Exception {
    JavalinTest.test(app(Fixtures.corpus()), (server, client) -> {
      String path = "/articles/" + Fixtures.SEED;
      var plain = send(server.port(), "GET", path);
      var gz = send(server.port(), "GET", path, "Accept-Encoding", "gzip");
      assertThat(gz.headers().firstValue("content-encoding")).hasValue("gzip");
      assertThat(gz.headers().firstValue("etag")).isEqualTo(plain.headers().firstValue("etag"));
      try (var in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
        assertThat(in.readAllBytes()).isEqualTo(plain.body());
      }
    });
  }

  @Test
  void everyResponseCarriesTheSecurityHeaders() {
    JavalinTest.test(app(Fixtures.corpus()), (server, client) -> {
      for (String path : List.of("/", "/articles/" + Fixtures.SEED, "/api/articles", "/static/site.css",
          "/nothing", "/api/nothing", "/feed.xml")) {
        Response r = client.get(path);
        String csp = r.headers().get("Content-Security-Policy").get(0);
        assertThat(csp).as(path).contains("script-src 'self'").contains("frame-ancestors 'none'")
            .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(r.headers().get("X-Content-Type-Options")).as(path).containsExactly("nosniff");
        assertThat(r.headers().get("Referrer-Policy")).as(path).containsExactly("strict-origin-when-cross-origin");
      }
    });
  }

  @Test
  void renderedAnswersSayHowLongTheServerTook() {
    JavalinTest.test(app(Fixtures.corpus()), (server, client) -> {
      // First requests of each: made now, by Javalin's handlers.
      for (String path : List.of("/search?q=%E7%BD%91%E8%B4%B7", "/api/search?q=%E7%BD%91%E8%B4%B7",
          "/articles/" + Fixtures.SEED, "/api/articles")) {
        Response r = client.get(path);
        assertThat(r.code()).as(path).isEqualTo(200);
        assertThat(r.headers().get("Server-Timing")).as(path).hasSize(1);
        assertThat(r.headers().get("Server-Timing").get(0)).as(path).matches("app;dur=\\d+\\.\\d\\d");
      }
    });
  }

  @Test
  void apiArticleIsTheDocumentedFormat() {
    JavalinTest.test(app(Fixtures.corpus()), (server, client) -> {
      JsonNode a = json(client.get("/api/articles/" + Fixtures.SEED));
      assertThat(a.get("id").asText()).isEqualTo(Fixtures.SEED);
      assertThat(a.get("stub").asBoolean()).isFalse();
      assertThat(a.get("author").asText()).isEqualTo("admin");
      assertThat(a.get("likes").asInt()).isZero();
      assertThat(a.get("previousPostAt").asText()).isEqualTo("2025-09-27T07:19:00+08:00");
      assertThat(a.get("nextPostAt").asText()).isEqualTo("2025-09-27T07:33:00+08:00");
      // The credit article lists the seed with a date, which the corpus carries over.
      assertThat(a.get("date").asText()).isEqualTo("2025-09-27");
      assertThat(a.get("categories").get(0).get("slug").asText()).isEqualTo("collection");
      assertThat(a.get("categories").get(0).get("reason").asText()).contains("爆通讯录");
      JsonNode list = a.get("body").get(2);
      assertThat(list.get("type").asText()).isEqualTo("list");
      assertThat(list.get("items").get(0).get("marker").asText()).isEqualTo("1.");
      assertThat(list.get("items").get(0).get("heading").asText()).isEqualTo("保持沟通,避免失联");
      JsonNode rel = a.get("related");
      assertThat(rel).hasSize(3);
      assertThat(rel.get(0).get("resolved").asBoolean()).isTrue();
      assertThat(rel.get(2).get("resolved").asBoolean()).isFalse();
      assertThat(rel.get(2).get("date").asText()).isEqualTo("2025-10-29");
    });
  }

  @Test
  void apiArticlesPaginatesAndFiltersByCategoryWithDescendants() {
    JavalinTest.test(app(Fixtures.corpus()), (server, client) -> {
      JsonNode p = json(client.get("/api/articles?pageSize=2"));
      assertThat(p.get("total").asInt()).isEqualTo(3);
      assertThat(p.get("pageCount").asInt()).isEqualTo(2);
      assertThat(p.get("items")).hasSize(2);
      assertThat(p.get("items").get(0).get("id").asText()).isEqualTo(Fixtures.CREDIT);
      JsonNode p2 = json(client.get("/api/articles?pageSize=2&page=2"));
      assertThat(p2.get("items").get(0).get("id").asText()).isEqualTo(Fixtures.FRAUD);
      JsonNode loans = json(client.get("/api/articles?category=loans"));
      assertThat(loans.get("items").findValuesAsText("id")).containsExactly(Fixtures.SEED);
      JsonNode cats = json(client.get("/api/categories"));
      assertThat(cats.get(0).get("slug").asText()).isEqualTo("loans");
      assertThat(cats.get(0).get("count").asInt()).isEqualTo(1);
      assertThat(cats.get(0).get("children").get(0).get("slug").asText()).isEqualTo("collection");
    });
  }

  @Test
  void categoryPageShowsTreeWithCountsAndArticles() {
    JavalinTest.test(app(Fixtures.corpus()), (server, client) -> {
      Document d = html(client, "/categories/loans");
      assertThat(d.selectFirst("h1").text()).isEqualTo("网贷");
      assertThat(d.select(".card-title a").eachText()).containsExactly("网贷逾期了如何防止爆通讯录");
      assertThat(d.select(".side .tree li").eachText()).contains("网贷 1", "催收 1", "征信 1", "诈骗维权 1");
      assertThat(d.selectFirst(".side .tree li.on a").text()).isEqualTo("网贷");
      assertThat(html(client, "/categories").select(".tree li")).hasSizeGreaterThanOrEqualTo(5);
    });
  }

  @Test
  void searchHighlightsChineseMatchesAndOffersFacets() {
    JavalinTest.test(app(Fixtures.corpus()), (server, client) -> {
      Document d = html(client, "/search?q=" + Urls.enc("网贷"));
      assertThat(d.select(".result")).isNotEmpty();
      assertThat(d.select(".result mark").eachText()).contains("网贷");
      assertThat(d.select(".facets li a").eachText()).contains("网贷", "征信");
      assertThat(d.selectFirst(".search-big input[name=q]").val()).isEqualTo("网贷");
      JsonNode api = json(client.get("/api/search?q=" + Urls.enc("征信")));
      assertThat(api.get("total").asInt()).isGreaterThanOrEqualTo(1);
      JsonNode hit = api.get("hits").get(0);
      assertThat(hit.get("id").asText()).isEqualTo(Fixtures.CREDIT);
      assertThat(hit.has("snippet") && hit.has("score") && hit.has("stub")).isTrue();
      JsonNode sug = json(client.get("/api/suggest?q=" + Urls.enc("网贷")));
      assertThat(sug.findValuesAsText("title")).contains("网贷逾期了如何防止爆通讯录");
    });
  }

  @Test
  void feedAndSitemapAreWellFormedXml() throws Exception {
    JavalinTest.test(app(Fixtures.hostileCorpus()), (server, client) -> {
      var dbf = DocumentBuilderFactory.newInstance();
      dbf.setNamespaceAware(true);
      Response feed = client.get("/feed.xml");
      assertThat(feed.headers().get("Content-Type").get(0)).startsWith("application/atom+xml");
      var atom = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(feed.body().string().getBytes(StandardCharsets.UTF_8)));
      NodeList entries = atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
      assertThat(entries.getLength()).isEqualTo(2);
      assertThat(atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "title").item(1).getTextContent())
          .startsWith("<script>");
      var sitemap = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(
          client.get("/sitemap.xml").body().string().getBytes(StandardCharsets.UTF_8)));
      assertThat(sitemap.getElementsByTagName("loc").getLength()).isGreaterThanOrEqualTo(4);
    });
  }

  @Test
  void whileTheIndexIsBuildingPagesWorkAndSearchSaysSo() {
    Corpus c = Fixtures.corpus();
    Snapshot pending = new Snapshot(1, java.time.Instant.now(), c, new PendingSearch(c), LoadReport.none());
    JavalinTest.test(Site.create(() -> pending), (server, client) -> {
      assertThat(html(client, "/articles/" + Fixtures.SEED).select(".related-item")).hasSize(3);
      Response search = client.get("/search?q=" + Urls.enc("网贷"));
      assertThat(search.code()).isEqualTo(503);
      assertThat(Jsoup.parse(search.body().string()).selectFirst("main p").text()).contains("索引正在建立");
      assertThat(client.get("/api/search?q=x").code()).isEqualTo(503);
      assertThat(json(client.get("/health")).get("index").get("state").asText()).isEqualTo("building");
    });
  }

  @Test
  void requestsThatComeBeforeTheFirstSnapshotWaitForIt() throws Exception {
    // The server starts while the corpus loads: until then the site has no snapshot.
    Corpus c = Fixtures.corpus();
    Snapshot first = new Snapshot(1, java.time.Instant.now(), c, new PendingSearch(c), LoadReport.none());
    java.util.concurrent.atomic.AtomicReference<Snapshot> current = new java.util.concurrent.atomic.AtomicReference<>();
    JavalinTest.test(Site.create(current::get), (server, client) -> {
      assertThat(client.get("/static/site.css").code()).isEqualTo(200); // static files need no corpus
      java.util.concurrent.CompletableFuture<Response> page = java.util.concurrent.CompletableFuture.supplyAsync(
          () -> client.get("/articles/" + Fixtures.SEED));
      java.util.concurrent.CompletableFuture<Response> health = java.util.concurrent.CompletableFuture.supplyAsync(
          () -> client.get("/health"));
      Thread.sleep(300);
      assertThat(page).isNotDone();
      assertThat(health).isNotDone();
      current.set(first);
      Response r = page.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(r.code()).isEqualTo(200);
      assertThat(Jsoup.parse(r.body().string()).select(".related-item")).hasSize(3);
      assertThat(json(health.get(30, java.util.concurrent.TimeUnit.SECONDS)).get("corpus").get("articles").asInt())
          .isEqualTo(3);
    });
  }

  @Test
  void healthReportsCorpusDiagnosticsAndIndex() {
    JavalinTest.test(app(Fixtures.corpus()), (server, client) -> {
      JsonNode h = json(client.get("/health"));
      assertThat(h.get("status").asText()).isEqualTo("ok");
      assertThat(h.get("corpus").get("articles").asInt()).isEqualTo(3);
      assertThat(h.get("corpus").get("stubs").asInt()).isEqualTo(1);
      assertThat(h.get("diagnostics").get("count").asInt()).isZero();
      assertThat(h.get("index").get("documents").asInt()).isEqualTo(4);
      assertThat(h.get("index").get("state").asText()).isNotBlank();
    });
  }

  @Test
  void hostileTextIsEscapedInHtmlAttributesAndEmbeddedJson() {
    JavalinTest.test(app(Fixtures.hostileCorpus()), (server, client) -> {
      for (String path : List.of("/", "/articles/" + Fixtures.HOSTILE, "/articles/" + Fixtures.SEED,
          "/search?q=" + Urls.enc("网贷"), "/search?q=" + Urls.enc("<script>"), "/categories/loans")) {
        String body = client.get(path).body().string();
        Document d = Jsoup.parse(body);
        assertThat(d.select("script").eachAttr("src")).as(path)
            .allMatch(src -> src.startsWith("/static/") || src.startsWith("/webjars/"));
        for (Element s : d.select("script:not([src])")) {
          assertThat(s.attr("type")).as(path).isEqualTo("application/ld+json");
          assertThat(s.data()).doesNotContain("<").doesNotContain(">");
          JSON.readTree(s.data());
        }
        assertThat(d.select("img, svg, [onerror], [onload], [onmouseover]")).as(path).isEmpty();
        assertThat(d.select("a[href^=javascript]")).as(path).isEmpty();
      }
      Document d = Jsoup.parse(client.get("/articles/" + Fixtures.HOSTILE).body().string());
      assertThat(d.selectFirst("h1.post-title").text()).startsWith("<script>window.__pwned=1</script>");
      assertThat(d.selectFirst(".post-meta .author").text()).isEqualTo("<b onmouseover=\"window.__pwned=3\">攻击者</b>");
      assertThat(d.title()).startsWith("<script>");
      JsonNode api = json(client.get("/api/articles/" + Fixtures.HOSTILE));
      assertThat(api.get("title").asText()).startsWith("<script>");
    });
  }

  @Test
  void theOpenApiDescriptionNamesExactlyTheApiRoutes() throws Exception {
    Javalin app = app(Fixtures.corpus());
    Set<String> routes = new TreeSet<>();
    app.unsafe.internalRouter.allHttpHandlers().forEach(p -> {
      if (p.endpoint.method == HandlerType.GET && p.endpoint.path.startsWith("/api/")) {
        routes.add(p.endpoint.path);
      }
    });
    JavalinTest.test(app, (server, client) -> {
      JsonNode doc = json(client.get("/api/openapi.json"));
      List<String> documented = new ArrayList<>();
      doc.get("paths").fieldNames().forEachRemaining(documented::add);
      assertThat(new TreeSet<>(documented)).isEqualTo(routes);
      for (String path : documented) {
        String real = path.replace("{id}", Fixtures.SEED);
        int code = client.get(real.equals("/api/search") ? real + "?q=x" : real).code();
        assertThat(code).as(real).isEqualTo(200);
      }
    });
  }

  @Test
  void graphJsonHasEveryArticleAndMarksEdgeKinds() {
    JavalinTest.test(app(Fixtures.corpus()), (server, client) -> {
      JsonNode g = json(client.get("/api/graph"));
      assertThat(g.get("nodes")).hasSize(4);
      assertThat(g.get("edges").findValuesAsText("kind")).contains("explicit", "computed");
      Document d = html(client, "/graph");
      assertThat(d.select("script[src]").eachAttr("src")).contains("/webjars/echarts/5.3.1/dist/echarts.min.js");
      assertThat(client.get("/webjars/echarts/5.3.1/dist/echarts.min.js").code()).isEqualTo(200);
    });
  }
}

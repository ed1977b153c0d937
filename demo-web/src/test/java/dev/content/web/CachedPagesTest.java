package dev.content.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The fast path in front of Javalin, on a real server on 127.0.0.1: it answers exactly what Javalin's
 * handlers answer for the same output. A request carrying {@code X-HTTP-Method-Override} with its own
 * method is the same request to Javalin but is never taken by the fast path, so each pair below is the
 * same request answered once by each path.
 */
class CachedPagesTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  /** Everything the site caches per snapshot, and the static files. */
  private static final List<String> CACHED = List.of("/", "/articles/" + Fixtures.SEED, "/categories",
      "/categories/loans", "/graph", "/feed.xml", "/sitemap.xml", "/api/articles/" + Fixtures.SEED,
      "/api/categories", "/api/graph", "/api/openapi.json", "/static/site.css", "/static/site.js",
      "/static/graph.js", Assets.ECHARTS, Urls.search("网贷", "", 1), Urls.search("催收", "loans", 1));

  private static HttpResponse<byte[]> send(int port, String method, String path, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Every header but the date, names in lower case. */
  /**
   * The headers that must be the same on both paths: not the date, nor Javalin's Server-Timing (the
   * time it spent on this answer; the fast path answers with what was made before, and says nothing).
   */
  private static Map<String, List<String>> headers(HttpResponse<?> r) {
    Map<String, List<String>> m = new TreeMap<>(r.headers().map());
    m.remove("date");
    m.remove("server-timing");
    return m;
  }

  private static CachedPages fastPath(Javalin app) {
    return (CachedPages) app.jettyServer().server().getHandler();
  }

  private static String[] with(String[] headers, String... more) {
    String[] all = java.util.Arrays.copyOf(headers, headers.length + more.length);
    System.arraycopy(more, 0, all, headers.length, more.length);
    return all;
  }

  @Test
  void cachedOutputIsServedBeforeJavalinWithJavalinsStatusHeadersAndBody() {
    Snapshot s = Snapshot.of(Fixtures.corpus());
    Javalin app = Site.create(() -> s);
    JavalinTest.test(app, (server, client) -> {
      CachedPages fast = fastPath(server);
      for (String path : CACHED) {
        for (String method : List.of("GET", "HEAD")) {
          for (String[] h : List.of(new String[0], new String[] {"Accept-Encoding", "gzip"})) {
            String what = method + " " + path + " " + String.join(": ", h);
            long before = fast.served();
            var javalin = send(server.port(), method, path, with(h, "X-HTTP-Method-Override", method));
            assertThat(fast.served()).as(what + " (Javalin)").isEqualTo(before);
            var direct = send(server.port(), method, path, h);
            assertThat(fast.served()).as(what + " (fast path)").isEqualTo(before + 1);
            assertThat(direct.statusCode()).as(what).isEqualTo(200).isEqualTo(javalin.statusCode());
            assertThat(headers(direct)).as(what).isEqualTo(headers(javalin));
            assertThat(javalin.headers().firstValue("server-timing")).as(what).hasValueSatisfying(
                v -> assertThat(v).matches("app;dur=\\d+\\.\\d\\d"));
            assertThat(direct.headers().firstValue("server-timing")).as(what).isEmpty();
            assertThat(direct.headers().firstValue("date")).as(what).isPresent();
            assertThat(direct.body()).as(what).isEqualTo(javalin.body());
            assertThat(direct.body().length).as(what).isEqualTo(method.equals("HEAD") ? 0
                : Integer.parseInt(direct.headers().firstValue("content-length").orElseThrow()));
          }
        }
      }
    });
  }

  @Test
  void cachedPagesAreAnsweredOnTheSelectorThreadsAndJavalinOnThePool() throws Exception {
    Snapshot s = Snapshot.of(Fixtures.corpus());
    JavalinTest.test(Site.create(() -> s), (server, client) -> {
      // NON_BLOCKING is what lets Jetty call the fast path on its selector threads; a blocking or
      // dynamic handler anywhere in the tree would silently turn it back into a hand-off per request.
      assertThat(server.jettyServer().server().getInvocationType())
          .isEqualTo(org.eclipse.jetty.util.thread.Invocable.InvocationType.NON_BLOCKING);
      assertThat(((org.eclipse.jetty.server.ServerConnector) server.jettyServer().server().getConnectors()[0])
          .getSelectorManager().getSelectorCount()).isEqualTo(Runtime.getRuntime().availableProcessors());
      // Javalin's pages (rendered, then cached), its 404 and 405 still answer, from the pool.
      assertThat(send(server.port(), "GET", "/articles/" + Fixtures.SEED).statusCode()).isEqualTo(200);
      assertThat(send(server.port(), "GET", "/articles/nosuchid0000000").statusCode()).isEqualTo(404);
      assertThat(send(server.port(), "DELETE", "/articles/" + Fixtures.SEED).statusCode()).isEqualTo(405);
      assertThat(fastPath(server).served()).isZero();
    });
  }

  @Test
  void headersAreTheSitesOwnAndGzipIsTheSamePageCompressed() {
    Snapshot s = Snapshot.of(Fixtures.corpus());
    JavalinTest.test(Site.create(() -> s), (server, client) -> {
      String path = "/articles/" + Fixtures.SEED;
      var plain = send(server.port(), "GET", path); // rendered by Javalin, then cached
      var fast = send(server.port(), "GET", path);
      var gz = send(server.port(), "GET", path, "Accept-Encoding", "gzip");
      var head = send(server.port(), "HEAD", path, "Accept-Encoding", "gzip");
      assertThat(fastPath(server).served()).isEqualTo(3);
      assertThat(fast.body()).isEqualTo(plain.body());
      assertThat(fast.headers().firstValue("content-type")).hasValue("text/html;charset=utf-8");
      assertThat(fast.headers().firstValue("cache-control")).hasValue("no-cache");
      assertThat(fast.headers().firstValue("vary")).hasValue("Accept-Encoding");
      assertThat(fast.headers().firstValue("last-modified")).hasValue(s.lastModified());
      assertThat(fast.headers().firstValue("etag")).hasValue(s.peek(path).etag());
      Site.SECURITY_HEADERS.forEach((name, value) ->
          assertThat(fast.headers().allValues(name)).as(name).containsExactly(value));
      assertThat(gz.headers().firstValue("content-encoding")).hasValue("gzip");
      assertThat(gz.headers().firstValue("etag")).isEqualTo(fast.headers().firstValue("etag"));
      try (var in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
        assertThat(in.readAllBytes()).isEqualTo(plain.body());
      }
      assertThat(head.body()).isEmpty();
      assertThat(head.headers().firstValue("content-encoding")).hasValue("gzip");
      assertThat(head.headers().firstValueAsLong("content-length")).hasValue(gz.body().length);
    });
  }

  @Test
  void conditionalRequestsGet304FromTheFastPathAsFromJavalin() {
    Snapshot s = Snapshot.of(Fixtures.corpus());
    JavalinTest.test(Site.create(() -> s), (server, client) -> {
      for (String path : List.of("/articles/" + Fixtures.SEED, "/static/site.css")) {
        var first = send(server.port(), "GET", path);
        String etag = first.headers().firstValue("etag").orElseThrow();
        String modified = first.headers().firstValue("last-modified").orElseThrow();
        for (String[] h : List.of(new String[] {"If-None-Match", etag}, new String[] {"If-None-Match", "W/\"0\", " + etag},
            new String[] {"If-Modified-Since", modified})) {
          long before = fastPath(server).served();
          var javalin = send(server.port(), "GET", path, with(h, "X-HTTP-Method-Override", "GET"));
          var direct = send(server.port(), "GET", path, h);
          assertThat(fastPath(server).served()).as(path).isEqualTo(before + 1);
          assertThat(direct.statusCode()).as(path).isEqualTo(304).isEqualTo(javalin.statusCode());
          assertThat(direct.body()).as(path).isEmpty();
          for (String name : List.of("etag", "last-modified", "cache-control", "vary", "content-security-policy",
              "x-content-type-options", "referrer-policy", "x-frame-options")) {
            assertThat(direct.headers().allValues(name)).as(path + " " + name).isNotEmpty()
                .isEqualTo(javalin.headers().allValues(name));
          }
        }
        // A stale tag or an old date gets the page.
        var stale = send(server.port(), "GET", path, "If-None-Match", "W/\"0000000000000000\"");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(first.body());
        assertThat(send(server.port(), "GET", path, "If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT")
            .statusCode()).isEqualTo(200);
      }
    });
  }

  @Test
  void whatIsNotCachedFallsThroughToJavalinUnchanged() {
    Snapshot s = Snapshot.of(Fixtures.corpus());
    JavalinTest.test(Site.create(() -> s), (server, client) -> {
      String page = "/articles/" + Fixtures.SEED;
      send(server.port(), "GET", page);
      CachedPages fast = fastPath(server);
      long before = fast.served();
      var missing = send(server.port(), "GET", "/articles/0000000000000000", "If-None-Match", "*");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(new String(missing.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("页面不存在");
      assertThat(missing.headers().firstValue("etag")).isEmpty();
      assertThat(missing.headers().firstValue("content-security-policy")).isPresent();
      // Another spelling of a cached URL, a query, a search, a POST: Javalin's, as before.
      assertThat(send(server.port(), "GET", page + "?utm=1").statusCode()).isEqualTo(200);
      assertThat(send(server.port(), "GET", page + "/").statusCode()).isEqualTo(200);
      assertThat(send(server.port(), "GET", "/articles/%63f47211e9869dcd2").statusCode()).isIn(200, 404);
      assertThat(send(server.port(), "GET", "/search?q=" + Urls.enc("网贷") + "&page=1").statusCode()).isEqualTo(200);
      assertThat(send(server.port(), "POST", page).statusCode()).isEqualTo(405);
      assertThat(send(server.port(), "GET", "/static/nothing.css").statusCode()).isEqualTo(404);
      assertThat(send(server.port(), "GET", page, "X-HTTP-Method-Override", "DELETE").statusCode()).isEqualTo(405);
      assertThat(fast.served()).isEqualTo(before);
      assertThat(send(server.port(), "GET", page).statusCode()).isEqualTo(200);
      assertThat(fast.served()).isEqualTo(before + 1);
    });
  }

  @Test
  void aNewSnapshotIsNeverAnsweredWithThePagesOfTheOldOne() {
    AtomicReference<Snapshot> current = new AtomicReference<>(Snapshot.of(Fixtures.corpus()));
    JavalinTest.test(Site.create(current::get), (server, client) -> {
      String page = "/articles/" + Fixtures.SEED;
      var old = send(server.port(), "GET", page);
      send(server.port(), "GET", page);
      CachedPages fast = fastPath(server);
      assertThat(fast.served()).isEqualTo(1);
      Snapshot next = new Snapshot(2, java.time.Instant.parse("2030-01-01T00:00:00Z"), current.get().corpus(),
          current.get().search(), LoadReport.none());
      current.set(next);
      var fresh = send(server.port(), "GET", page, "If-None-Match", old.headers().firstValue("etag").orElseThrow(),
          "Accept-Encoding", "identity");
      // The old snapshot's page is not in the new one's cache: Javalin renders it for the new snapshot.
      assertThat(fast.served()).isEqualTo(1);
      assertThat(fresh.statusCode()).isEqualTo(304); // same corpus, same bytes, same tag
      var again = send(server.port(), "GET", page);
      assertThat(fast.served()).isEqualTo(2);
      assertThat(again.headers().firstValue("last-modified")).hasValue("Tue, 01 Jan 2030 00:00:00 GMT");
      assertThat(again.body()).isEqualTo(old.body());
    });
  }
}

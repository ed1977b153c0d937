package dev.content.web;

import dev.content.core.Article;
import dev.content.core.Category;
import dev.content.core.Corpus;
import dev.content.core.Page;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.Header;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web site and JSON API over whatever snapshot {@code current} returns. Each request reads the
 * snapshot once and uses only it, so a reload in between never mixes two corpora.
 *
 * <pre>{@code
 * Javalin app = Site.create(() -> snapshot);
 * app.start("127.0.0.1", 7070);
 * }</pre>
 */
public final class Site {
  /** Scripts only from this origin (no inline script), no framing, no plugins. */
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'";
  /** Sent with every response, by Javalin's before-handler and by {@link CachedPages}. */
  static final Map<String, String> SECURITY_HEADERS = securityHeaderMap();
  private static final Logger LOG = LoggerFactory.getLogger(Site.class);
  /** When Javalin began handling the request ({@link System#nanoTime}), for {@link #serverTiming}. */
  private static final String STARTED_NANOS = "dev.content.web.started";
  /** Marks a response whose error body this class wrote, so the generic 404 page leaves it alone. */
  private static final String FAILED = "dev.content.web.failed";
  private static final String HTML = "text/html; charset=utf-8";
  private static final String JSON = "application/json; charset=utf-8";
  private static final byte[] NO_BYTES = {};
  private static final String PAGES_CACHE_CONTROL = "no-cache";
  private static final String ASSETS_CACHE_CONTROL = "public, max-age=3600";
  /** Outputs that depend on the Host the client used: cached under the origin and the path. */
  private static final java.util.Set<String> PER_ORIGIN = java.util.Set.of("/feed.xml", "/sitemap.xml");
  private static final int MAX_THREADS = 32;
  private static final int MIN_THREADS = 8;
  /**
   * Selector threads (event loops): one per core by default; {@value #SELECTORS_PROPERTY} sets another
   * number, a switch for measuring (cached pages are answered on these threads).
   */
  static final String SELECTORS_PROPERTY = "content.web.selectors";
  static final int SELECTORS = Math.max(1, Integer.getInteger(SELECTORS_PROPERTY,
      Runtime.getRuntime().availableProcessors()));

  private final Supplier<Snapshot> current;
  private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
  private final byte[] openApi;
  private final Assets assets = Assets.load();
  /** Static files change only with the jar: the server's start is their Last-Modified. */
  private static final java.time.Instant STARTED = java.time.Instant.now();
  private static final String STARTED_HTTP_DATE = Conditional.httpDate(STARTED);
  private final CachedPages cachedPages;
  private static final int MAX_ORIGINS = 8;
  private final java.util.Set<String> origins = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private Site(Supplier<Snapshot> current) {
    this.current = Objects.requireNonNull(current, "current must not be null");
    try (InputStream in = Site.class.getResourceAsStream("/openapi.json")) {
      this.openApi = Objects.requireNonNull(in, "openapi.json missing from the jar").readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.cachedPages = new CachedPages(current, assets, STARTED, ASSETS_CACHE_CONTROL, PAGES_CACHE_CONTROL,
        PER_ORIGIN);
  }

  /**
   * A configured, not yet started Javalin app serving the snapshot that {@code current} returns.
   * {@code current} may return null until the first snapshot is loaded (the server starts while the
   * corpus loads): requests meanwhile wait for it, up to {@link #FIRST_SNAPSHOT_WAIT}, then get 503.
   */
  public static Javalin create(Supplier<Snapshot> current) {
    return new Site(current).app();
  }

  private Javalin app() {
    return Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.maxRequestSize = 64 * 1024;
      config.http.prefer405over404 = true;
      // Two cores: a few dozen threads serve 64 connections of in-memory pages; Javalin's default
      // allows 250. The StatisticsHandler Javalin inserts counts requests nobody reads: replaced by
      // the handler that serves rendered pages before the servlet layer (Javalin attaches its servlet
      // context inside it).
      config.jetty.threadPool = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
      config.jetty.modifyServer(server -> {
        server.setHandler(cachedPages);
        // A handler tree fixed before start lets Jetty see that the front handler never blocks
        // (CachedPages hands Javalin's requests to the pool itself), so cached pages are answered on
        // the selector threads, event-loop style, without a thread hand-off per request.
        server.setDynamic(false);
      });
      // One selector (event loop) per core: Jetty's default on two cores is one, which would leave
      // the other core idle now that cached pages are answered on the selector thread.
      config.jetty.addConnector((server, http) -> {
        ServerConnector connector = new ServerConnector(server, 1, SELECTORS, new HttpConnectionFactory(http));
        connector.setHost(config.jetty.host);
        connector.setPort(config.jetty.port);
        return connector;
      });
      config.router.ignoreTrailingSlashes = true;
      config.routes.before(Site::securityHeaders);
      config.routes.before(ctx -> ctx.attribute(STARTED_NANOS, System.nanoTime()));

      // Every page answers HEAD with the headers of its GET (Javalin alone would answer a bare 200).
      Map<String, Handler> routes = new LinkedHashMap<>();
      routes.put("/", this::home);
      routes.put("/articles/{id}", this::article);
      routes.put("/categories", this::categories);
      routes.put("/categories/{slug}", this::category);
      routes.put("/search", this::search);
      routes.put("/graph", this::graph);
      routes.put("/feed.xml", ctx -> perOrigin(ctx, "/feed.xml", "application/atom+xml; charset=utf-8", Feeds::atom));
      routes.put("/sitemap.xml", ctx -> perOrigin(ctx, "/sitemap.xml", "application/xml; charset=utf-8",
          Feeds::sitemap));
      routes.put("/health", this::health);
      routes.put("/robots.txt", ctx -> send(ctx, "text/plain; charset=utf-8",
          ("User-agent: *\nAllow: /\nSitemap: " + origin(ctx) + "/sitemap.xml\n").getBytes(StandardCharsets.UTF_8)));

      routes.put("/api/articles", this::apiArticles);
      routes.put("/api/articles/{id}", this::apiArticle);
      routes.put("/api/articles/{id}/related", this::apiRelated);
      routes.put("/api/categories", this::apiCategories);
      routes.put("/api/search", this::apiSearch);
      routes.put("/api/suggest", this::apiSuggest);
      routes.put("/api/graph", ctx -> {
        Snapshot s = snapshot();
        send(ctx, s, s.cached("/api/graph", JSON, k -> Json.bytes(g -> Json.graph(g, s.corpus()))));
      });
      routes.put("/api/openapi.json", ctx -> {
        Snapshot s = snapshot();
        send(ctx, s, s.cached("/api/openapi.json", JSON, k -> openApi));
      });
      for (String path : assets.paths()) {
        routes.put(path, ctx -> asset(ctx, path));
      }
      routes.forEach((path, handler) -> {
        config.routes.get(path, handler);
        config.routes.head(path, handler);
      });

      config.routes.exception(HttpError.class, (e, ctx) -> fail(ctx, e.status(), e.code(), e.getMessage()));
      config.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("request {} failed", ctx.path(), e);
        fail(ctx, 500, "internal_error", "服务器内部错误，请稍后再试。");
      });
      config.routes.error(404, ctx -> {
        if (ctx.attribute(FAILED) == null) {
          fail(ctx, 404, "not_found", "没有这个页面。");
        }
      });
      config.routes.error(405, ctx -> fail(ctx, 405, "method_not_allowed", "这个地址只支持 GET 和 HEAD。"));
    });
  }

  /** How long a request waits for the first snapshot of a server that started before it was loaded. */
  static final java.time.Duration FIRST_SNAPSHOT_WAIT = java.time.Duration.ofSeconds(60);

  // The snapshot of this request: handlers call it once and pass the value on.
  private Snapshot snapshot() {
    Snapshot s = current.get();
    return s != null ? s : awaitFirstSnapshot();
  }

  /**
   * The first snapshot, for a request that came while it was loading. Polled: this happens only in the
   * fraction of a second between the server's start and the end of the first load, and only on the
   * pool threads that run Javalin's handlers (the selector threads pass such requests on, see
   * {@link CachedPages}).
   */
  private Snapshot awaitFirstSnapshot() {
    long end = System.nanoTime() + FIRST_SNAPSHOT_WAIT.toNanos();
    Snapshot s;
    while ((s = current.get()) == null) {
      if (System.nanoTime() - end > 0) {
        throw new HttpError(503, "starting", "网站正在启动，请稍后再试。");
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HttpError(503, "starting", "网站正在启动，请稍后再试。");
      }
    }
    return s;
  }

  private static Map<String, String> securityHeaderMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("Content-Security-Policy", CSP);
    m.put("X-Content-Type-Options", "nosniff");
    m.put("Referrer-Policy", "strict-origin-when-cross-origin");
    m.put("X-Frame-Options", "DENY");
    m.put("Cross-Origin-Opener-Policy", "same-origin");
    m.put("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    return java.util.Collections.unmodifiableMap(m);
  }

  static void securityHeaders(Context ctx) {
    SECURITY_HEADERS.forEach(ctx::header);
  }

  // ---- pages ----

  private void home(Context ctx) {
    Snapshot s = snapshot();
    int page = Params.positive(ctx, "page", 1, Params.MAX_PAGE);
    requirePage(page, s.newestFirst().size());
    html(ctx, s, s.cached(Urls.home(page), HTML, k -> {
      Model.Home home = Views.home(s, page);
      String title = page == 1 ? "最新文章" : "最新文章 · 第 " + page + " 页";
      return render("home.jte", frame(title, "网贷、征信、催收与维权问答", Urls.home(page), "", "home"),
          "home", home);
    }));
  }

  private void article(Context ctx) {
    Snapshot s = snapshot();
    String id = Params.path(ctx, "id");
    Article a = find(s, id);
    html(ctx, s, s.cached(Urls.article(a.id()), HTML, k -> {
      Model.ArticlePage page = Views.article(s, a);
      return render("article.jte", frame(a.title(), a.summary(120), Urls.article(a.id()), "", "article"),
          "page", page);
    }));
  }

  private void categories(Context ctx) {
    Snapshot s = snapshot();
    html(ctx, s, s.cached("/categories", HTML, k -> render("categories.jte",
        frame("全部分类", "按分类浏览全部文章", "/categories", "", "categories"), "cats", Views.categories(s))));
  }

  private void category(Context ctx) {
    Snapshot s = snapshot();
    String slug = Params.path(ctx, "slug");
    int page = Params.positive(ctx, "page", 1, Params.MAX_PAGE);
    if (!Urls.isPlausibleSlug(slug) || !s.corpus().taxonomy().contains(slug)) {
      throw HttpError.notFound("没有名为“" + slug + "”的分类。");
    }
    if (page > 1) {
      requirePage(page, s.corpus().inCategory(slug).size());
    }
    html(ctx, s, s.cached(Urls.categoryPage(slug, page), HTML, k -> {
      Model.CategoryPage p = Views.category(s, slug, page).orElseThrow();
      return render("category.jte", frame(p.name(), p.description().isEmpty() ? p.name() + "相关文章"
          : p.description(), Urls.categoryPage(slug, page), "", "categories"), "page", p);
    }));
  }

  private void search(Context ctx) {
    Snapshot s = snapshot();
    String q = Params.text(ctx, "q", Params.MAX_QUERY);
    String category = categoryParam(ctx, s);
    int page = Params.positive(ctx, "page", 1, 1_000);
    // The canonical URL of this search: the fast path answers exactly that one from the cache.
    html(ctx, s, s.cachedSearch(Urls.search(q, category, page), HTML, k -> {
      Model.SearchPage p = Views.search(s, q, category, page);
      String title = q.isEmpty() ? "搜索" : q + " 的搜索结果";
      return render("search.jte", frame(title, title, "", q, "search"), "page", p);
    }));
  }

  private void graph(Context ctx) {
    Snapshot s = snapshot();
    html(ctx, s, s.cached("/graph", HTML, k -> render("graph.jte",
        frame("文章关系图", "文章之间的相关关系", "/graph", "", "graph"), "graph", Views.graph(s))));
  }

  private void health(Context ctx) {
    Snapshot s = snapshot();
    Corpus c = s.corpus();
    json(ctx, Json.bytes(g -> {
      g.writeStartObject();
      g.writeStringField("status", s.report().errors() == 0 && s.report().kept().isEmpty() ? "ok" : "degraded");
      g.writeNumberField("generation", s.generation());
      g.writeStringField("loadedAt", s.loadedAt().toString());
      g.writeObjectFieldStart("corpus");
      g.writeNumberField("articles", c.fullArticles().size());
      g.writeNumberField("stubs", c.size() - c.fullArticles().size());
      g.writeNumberField("total", c.size());
      g.writeNumberField("edges", c.graph().edgeCount());
      g.writeNumberField("categories", c.taxonomy().all().size());
      g.writeNumberField("files", s.report().files());
      g.writeBooleanField("verified", s.verified());
      g.writeEndObject();
      g.writeObjectFieldStart("diagnostics");
      g.writeNumberField("count", s.report().diagnostics().size());
      g.writeNumberField("errors", s.report().errors());
      g.writeNumberField("warnings", s.report().warnings());
      Json.strings(g, "items", s.report().diagnostics().stream().limit(200).toList());
      g.writeEndObject();
      Json.strings(g, "keptFromEarlierLoad", s.report().kept());
      g.writeObjectFieldStart("index");
      g.writeStringField("state", s.search().state());
      g.writeNumberField("documents", s.search().documents());
      g.writeEndObject();
      g.writeEndObject();
    }));
  }

  // ---- API ----

  private void apiArticles(Context ctx) {
    Snapshot s = snapshot();
    Corpus c = s.corpus();
    int page = Params.positive(ctx, "page", 1, Params.MAX_PAGE);
    int size = Params.positive(ctx, "pageSize", 20, 100);
    String category = categoryParam(ctx, s);
    Page<Article> p = category.isEmpty() ? Page.of(s.newestFirst(), page, size)
        : c.inCategory(category, true, page, size);
    json(ctx, Json.bytes(g -> {
      g.writeStartObject();
      g.writeNumberField("page", p.page());
      g.writeNumberField("pageSize", p.pageSize());
      g.writeNumberField("total", p.total());
      g.writeNumberField("pageCount", p.pageCount());
      g.writeStringField("category", category.isEmpty() ? null : category);
      g.writeArrayFieldStart("items");
      for (Article a : p.items()) {
        Json.summary(g, c, a);
      }
      g.writeEndArray();
      g.writeEndObject();
    }));
  }

  private void apiArticle(Context ctx) {
    Snapshot s = snapshot();
    Article a = find(s, Params.path(ctx, "id"));
    send(ctx, s, s.cached("/api" + Urls.article(a.id()), JSON,
        k -> s.json().write(a).getBytes(StandardCharsets.UTF_8)));
  }

  private void apiRelated(Context ctx) {
    Snapshot s = snapshot();
    Article a = find(s, Params.path(ctx, "id"));
    json(ctx, s.json().writeRelationList(s.search().related(a.id())).getBytes(StandardCharsets.UTF_8));
  }

  private void apiCategories(Context ctx) {
    Snapshot s = snapshot();
    send(ctx, s, s.cached("/api/categories", JSON, k -> Json.bytes(g -> Json.categoryTree(g, s.corpus().categoryTree()))));
  }

  private void apiSearch(Context ctx) {
    Snapshot s = snapshot();
    String q = Params.text(ctx, "q", Params.MAX_QUERY);
    if (q.isEmpty()) {
      throw HttpError.badRequest("parameter 'q' is required");
    }
    String category = categoryParam(ctx, s);
    int page = Params.positive(ctx, "page", 1, 1_000);
    int size = Params.positive(ctx, "pageSize", 10, 50);
    SiteSearch.Results r = CpuGate.SEARCHES.run(() -> s.search().search(q,
        category.isEmpty() ? Optional.empty() : Optional.of(category), page, size));
    json(ctx, Json.bytes(g -> {
      g.writeStartObject();
      g.writeStringField("query", q);
      g.writeNumberField("total", r.total());
      g.writeBooleanField("totalExact", r.exact());
      g.writeNumberField("page", page);
      g.writeNumberField("pageSize", size);
      g.writeArrayFieldStart("hits");
      for (SiteSearch.Hit h : r.hits()) {
        g.writeStartObject();
        g.writeStringField("id", h.article().id());
        g.writeStringField("title", h.article().title());
        g.writeBooleanField("stub", h.article().stub());
        g.writeNumberField("score", h.score());
        g.writeStringField("snippet", text(h.snippet()));
        g.writeStringField("url", Urls.article(h.article().id()));
        segments(g, "highlights", h.snippet());
        segments(g, "titleHighlights", h.title());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("facets");
      for (Category cat : s.corpus().taxonomy().all()) {
        Integer n = r.facets().get(cat.slug());
        if (n != null) {
          g.writeNumberField(cat.slug(), n.intValue());
        }
      }
      g.writeEndObject();
      g.writeEndObject();
    }));
  }

  private void apiSuggest(Context ctx) {
    Snapshot s = snapshot();
    String q = Params.text(ctx, "q", Params.MAX_QUERY);
    int limit = Params.positive(ctx, "limit", 8, 20);
    java.util.List<Article> suggested = s.search().suggest(q, limit);
    ctx.header("Cache-Control", "public, max-age=60");
    json(ctx, Json.bytes(g -> {
      g.writeStartArray();
      for (Article a : suggested) {
        g.writeStartObject();
        g.writeStringField("id", a.id());
        g.writeStringField("title", a.title());
        g.writeBooleanField("stub", a.stub());
        g.writeStringField("url", Urls.article(a.id()));
        g.writeEndObject();
      }
      g.writeEndArray();
    }));
  }

  // ---- helpers ----

  /** Pages past the end are not pages: a 404 rather than an empty page (and no cache entry). */
  private static void requirePage(int page, int items) {
    int pages = Math.max(1, (items + Views.PAGE_SIZE - 1) / Views.PAGE_SIZE);
    if (page > pages) {
      throw HttpError.notFound("没有第 " + page + " 页，共 " + pages + " 页。");
    }
  }

  private static Article find(Snapshot s, String id) {
    if (!Urls.isPlausibleId(id)) {
      throw HttpError.notFound("没有编号为“" + id + "”的文章。");
    }
    return s.corpus().article(id).orElseThrow(() -> HttpError.notFound("没有编号为“" + id + "”的文章。"));
  }

  private static String categoryParam(Context ctx, Snapshot s) {
    String category = Params.text(ctx, "category", 100);
    if (!category.isEmpty() && !s.corpus().taxonomy().contains(category)) {
      throw HttpError.badRequest("unknown category '" + category + "'");
    }
    return category;
  }

  private static void segments(com.fasterxml.jackson.core.JsonGenerator g, String field,
      java.util.List<SiteSearch.Segment> segs) throws IOException {
    g.writeArrayFieldStart(field);
    for (SiteSearch.Segment seg : segs) {
      g.writeStartObject();
      g.writeStringField("text", seg.text());
      g.writeBooleanField("mark", seg.mark());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static String text(java.util.List<SiteSearch.Segment> segs) {
    StringBuilder b = new StringBuilder();
    segs.forEach(g -> b.append(g.text()));
    return b.toString();
  }

  private static Model.Frame frame(String title, String description, String canonical, String query,
      String section) {
    return new Model.Frame(title, description, canonical, query, section);
  }

  private byte[] render(String template, Model.Frame frame, String name, Object model) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("frame", frame);
    params.put(name, model);
    Utf8ByteOutput out = new Utf8ByteOutput();
    templates.render(template, params, out);
    return out.toByteArray();
  }

  private static void html(Context ctx, byte[] body) {
    send(ctx, HTML, body);
  }

  private static void html(Context ctx, Snapshot s, Body body) {
    send(ctx, s, body);
  }

  private static void json(Context ctx, byte[] body) {
    send(ctx, JSON, body);
  }

  /**
   * Sends output that depends only on the snapshot: with its precomputed entity tag and the snapshot's
   * load time as Last-Modified, and a 304 without a body when the client already has it.
   */
  private void asset(Context ctx, String path) {
    sendTagged(ctx, assets.get(path), STARTED, STARTED_HTTP_DATE, ASSETS_CACHE_CONTROL);
  }

  private static void send(Context ctx, Snapshot s, Body body) {
    sendTagged(ctx, body, s.loadedAt(), s.lastModified(), PAGES_CACHE_CONTROL);
  }

  /** Sends {@code body} with its validators, or 304 when the client's copy is still current. */
  private static void sendTagged(Context ctx, Body body, java.time.Instant modified,
      String modifiedHttpDate, String cacheControl) {
    HttpServletResponse res = ctx.res();
    res.setHeader(Header.ETAG, body.etag());
    res.setHeader(Header.LAST_MODIFIED, modifiedHttpDate);
    res.setHeader(Header.CACHE_CONTROL, cacheControl);
    if (ctx.statusCode() == 200 && Conditional.notModified(ctx.header(Header.IF_NONE_MATCH),
        ctx.header(Header.IF_MODIFIED_SINCE), body.etag(), modified)) {
      res.setHeader(Header.VARY, Header.ACCEPT_ENCODING);
      res.setStatus(304);
      return;
    }
    if (body.compressible() && acceptsGzip(ctx.header(Header.ACCEPT_ENCODING))) {
      // Compressed once per body, not per request; HEAD gets the headers of this GET.
      res.setHeader(Header.CONTENT_ENCODING, "gzip");
      sendPlain(ctx, body.type(), body.gzip());
    } else {
      sendPlain(ctx, body.type(), body.bytes());
    }
  }

  /**
   * Writes the body straight to the response with its length: one write of headers and body, no
   * per-request copy buffer, and HEAD gets the same headers without the body. Clients that accept
   * gzip get Javalin's compressed stream instead, for bodies where it pays.
   */
  private static void send(Context ctx, String type, byte[] body) {
    if (ctx.method() != HandlerType.HEAD && body.length >= Body.GZIP_MIN_BYTES
        && acceptsGzip(ctx.header(Header.ACCEPT_ENCODING))) {
      serverTiming(ctx);
      ctx.res().setContentType(type);
      ctx.res().setHeader(Header.VARY, Header.ACCEPT_ENCODING);
      ctx.result(body);
      return;
    }
    sendPlain(ctx, type, body);
  }

  /** {@link #send(Context, String, byte[])} without compression: the bytes as they are, with their length. */
  private static void sendPlain(Context ctx, String type, byte[] body) {
    HttpServletResponse res = ctx.res();
    serverTiming(ctx);
    res.setContentType(type);
    res.setHeader(Header.VARY, Header.ACCEPT_ENCODING);
    boolean head = ctx.method() == HandlerType.HEAD;
    if (ctx.resultInputStream() != null) {
      ctx.result(NO_BYTES); // Javalin's own "not found" text must not follow this body
    }
    res.setContentLength(body.length);
    if (!head) {
      try {
        res.getOutputStream().write(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Says how long the server took to make this answer ({@code Server-Timing: app;dur=} milliseconds,
   * from Javalin's first handler to the body's write), which browsers' developer tools show and
   * {@code bench/search-rounds.sh} collects. Why: a client's latency also holds the network, the
   * client and the operating system's scheduling; on the two-core benchmark machine, where the load
   * generator runs beside the server, the slowest searches' client latency was about twice the time
   * the server spent on them. Answers from {@link CachedPages}' fast path, made before, carry none.
   */
  private static void serverTiming(Context ctx) {
    Long started = ctx.attribute(STARTED_NANOS);
    if (started != null) {
      double ms = (System.nanoTime() - started) / 1e6;
      ctx.res().setHeader("Server-Timing", String.format(java.util.Locale.ROOT, "app;dur=%.2f", ms));
    }
  }

  /** Javalin's test, so that both paths compress for the same clients. */
  static boolean acceptsGzip(String acceptEncoding) {
    return acceptEncoding != null && acceptEncoding.contains("gzip");
  }

  /**
   * Feeds need absolute URLs, so they depend on the Host the client used. They are cached for the
   * first few hosts only: made-up Host headers must not fill the memory.
   */
  private void perOrigin(Context ctx, String path, String type,
      java.util.function.BiFunction<Snapshot, String, byte[]> render) {
    Snapshot s = snapshot();
    String origin = origin(ctx);
    if (origins.size() < MAX_ORIGINS) {
      origins.add(origin);
    }
    if (origins.contains(origin)) {
      send(ctx, s, s.cached(origin + path, type, k -> render.apply(s, origin)));
    } else {
      send(ctx, type, render.apply(s, origin));
    }
  }

  private static String origin(Context ctx) {
    return origin(ctx.scheme(), ctx.host());
  }

  /** The origin absolute links are written with: the Host the client used, when it is a plausible one. */
  static String origin(String scheme, String host) {
    if (host == null || !host.matches("[A-Za-z0-9.\\-\\[\\]:]{1,255}")) {
      host = "localhost";
    }
    return scheme + "://" + host;
  }

  private void fail(Context ctx, int status, String code, String message) {
    ctx.attribute(FAILED, Boolean.TRUE);
    ctx.status(status);
    if (ctx.path().startsWith("/api/") || ctx.path().equals("/health")) {
      json(ctx, Json.error(status, code, message));
      return;
    }
    String title = switch (status) {
      case 404 -> "页面不存在";
      case 400 -> "请求有误";
      case 405 -> "不支持的请求";
      case 503 -> "暂时无法搜索";
      default -> "出错了";
    };
    try {
      html(ctx, render("notfound.jte", frame(title, title, "", "", "error"), "nf", new Model.NotFound(message)));
    } catch (RuntimeException e) {
      LOG.error("error page failed", e);
      send(ctx, "text/plain; charset=utf-8", title.getBytes(StandardCharsets.UTF_8));
    }
  }
}

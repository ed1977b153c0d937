package dev.content.web;

import dev.content.core.Article;
import dev.content.core.Corpus;
import dev.content.json.ArticleJson;
import dev.content.json.ArticleWriter;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Everything one request needs, frozen together: the corpus, its search index and the load report.
 * The site holds one reference to the current snapshot and swaps it whole, so a request sees the old
 * corpus or the new one, never a mix. Rendered output depends only on the snapshot, so it is cached
 * here and dropped with it: an LRU bounded by bytes, so a large corpus never holds all its pages.
 */
public final class Snapshot {
  private final long generation;
  private final Instant loadedAt;
  private final Corpus corpus;
  private final SiteSearch search;
  private final LoadReport report;
  private final List<Article> newestFirst;
  /**
   * Made on first use: each writer is a Jackson ObjectMapper, whose first construction loads a few
   * hundred classes; a start would otherwise make one on the thread that loads the corpus, before the
   * first page, for the JSON of single articles few first requests ask for.
   */
  private final java.util.function.Supplier<ArticleWriter> json;
  /**
   * Rendered output kept per snapshot, at most: about 1,000 article pages. Pages are cheap to render
   * again (a few hundred microseconds), memory for every page of a large corpus is not (15 KB a page).
   */
  static final long CACHE_BYTES = 16L << 20;
  /**
   * Below the maximum the budget follows the corpus: 1 KB per article (the files weigh about 7 KB an
   * article), at least 1 MB. A small site then keeps its hot pages without the cache outweighing the
   * corpus it serves (16 MB beside the 7 MB of a 1,000-article corpus).
   */
  static final long CACHE_BYTES_PER_ARTICLE = 1024;
  static final long MIN_CACHE_BYTES = 1L << 20;
  private final Cache<String, Body> cache;
  /**
   * Search pages of recent queries, apart from the pages so that a stream of distinct queries never
   * pushes articles out: a search page costs milliseconds of CPU (content-search's query, stored
   * fields, highlighting), and readers repeat popular queries. A quarter of the page budget: at most
   * 4 MB, about 256 pages of 15 KB.
   */
  static final int SEARCH_SHARE = 4;
  /** The path whose pages {@link #cachedSearch} holds. */
  static final String SEARCH_PATH = "/search";
  private final Cache<String, Body> searchPages;
  private final String lastModified;
  /**
   * Whether the corpus is known to be what the seeds folder holds (see {@link #verified()}); shared by
   * the snapshots of one load (the one served while its index is built and the indexed one), so that the
   * verification marks whichever is served.
   */
  private final AtomicBoolean verified;

  /** A snapshot of a corpus loaded from its folder (or built in memory): {@linkplain #verified() verified}. */
  public Snapshot(long generation, Instant loadedAt, Corpus corpus, SiteSearch search, LoadReport report) {
    this(generation, loadedAt, corpus, search, report, cacheBytes(corpus.fullArticles().size()));
  }

  /** @param cacheBytes the budget of rendered pages; search pages get a {@value #SEARCH_SHARE}th of it */
  Snapshot(long generation, Instant loadedAt, Corpus corpus, SiteSearch search, LoadReport report,
      long cacheBytes) {
    this(generation, loadedAt, corpus, search, report, cacheBytes, new AtomicBoolean(true));
  }

  /** @param verified see {@link #verified()}: false for a corpus read from the loader's snapshot unverified */
  Snapshot(long generation, Instant loadedAt, Corpus corpus, SiteSearch search, LoadReport report,
      AtomicBoolean verified) {
    this(generation, loadedAt, corpus, search, report, cacheBytes(corpus.fullArticles().size()), verified);
  }

  private Snapshot(long generation, Instant loadedAt, Corpus corpus, SiteSearch search, LoadReport report,
      long cacheBytes, AtomicBoolean verified) {
    this.verified = Objects.requireNonNull(verified, "verified must not be null");
    this.generation = generation;
    this.loadedAt = Objects.requireNonNull(loadedAt, "loadedAt must not be null");
    this.corpus = Objects.requireNonNull(corpus, "corpus must not be null");
    this.search = Objects.requireNonNull(search, "search must not be null");
    this.report = Objects.requireNonNull(report, "report must not be null");
    this.newestFirst = com.google.common.collect.Lists.reverse(corpus.fullArticles());
    this.json = com.google.common.base.Suppliers.memoize(() -> ArticleJson.writer(corpus));
    this.lastModified = Conditional.httpDate(loadedAt);
    // Maintenance runs on the caller: no pool thread per snapshot, eviction happens as entries arrive.
    this.cache = bounded(cacheBytes);
    this.searchPages = bounded(cacheBytes / SEARCH_SHARE);
  }

  /** The page budget for a corpus of {@code articles} full articles. */
  static long cacheBytes(int articles) {
    return Math.min(CACHE_BYTES, Math.max(MIN_CACHE_BYTES, articles * CACHE_BYTES_PER_ARTICLE));
  }

  private static Cache<String, Body> bounded(long bytes) {
    return Caffeine.newBuilder().maximumWeight(bytes).executor(Runnable::run)
        .weigher((String k, Body b) -> b.weight() + 2 * k.length()).build();
  }

  /** A snapshot of a corpus built in memory (tests, embedding), indexed by content-search. */
  public static Snapshot of(Corpus corpus) {
    Indexes.Indexed indexed = Indexes.open(corpus);
    return new Snapshot(1, Instant.now(), indexed.corpus(), indexed.search(), LoadReport.none());
  }

  public long generation() {
    return generation;
  }

  public Instant loadedAt() {
    return loadedAt;
  }

  public Corpus corpus() {
    return corpus;
  }

  public SiteSearch search() {
    return search;
  }

  public LoadReport report() {
    return report;
  }

  /**
   * Whether the corpus is known to be what the seeds folder holds: true for a corpus loaded from the
   * folder (its files listed and compared with the loader's snapshot, changed ones parsed); false for
   * one a restart read from the loader's snapshot without looking at the folder
   * ({@link dev.content.loader.SeedLoader#loadUnverified}), until a load of the folder in the background
   * confirms it (then it becomes true) or replaces it with a new, verified snapshot.
   */
  public boolean verified() {
    return verified.get();
  }

  /** The flag {@link #verified()} reads, for the snapshot that indexes this one's corpus. */
  AtomicBoolean verification() {
    return verified;
  }

  /** Full articles, newest first. */
  public List<Article> newestFirst() {
    return newestFirst;
  }

  /** Writes this corpus's articles in the documented JSON format. */
  public ArticleWriter json() {
    return json.get();
  }

  /** When this snapshot was loaded, as an HTTP date: the Last-Modified of everything it serves. */
  String lastModified() {
    return lastModified;
  }

  /**
   * Output that depends only on this snapshot, computed once per key while it stays in the cache. The
   * key is the canonical URL the output answers (path and query as the site writes them in links, an
   * origin in front when the output depends on the Host), so that {@link CachedPages} can find it from
   * a request without routing it.
   */
  Body cached(String key, String type, Function<String, byte[]> render) {
    Body hit = cache.getIfPresent(key);
    return hit != null ? hit : cache.get(key, k -> Body.of(type, render.apply(k)));
  }

  /** {@link #cached} for a search page: kept among the recent ones, in a budget of their own. */
  Body cachedSearch(String key, String type, Function<String, byte[]> render) {
    Body hit = searchPages.getIfPresent(key);
    return hit != null ? hit : searchPages.get(key, k -> Body.of(type, render.apply(k)));
  }

  /** What {@link #cached} or {@link #cachedSearch} holds under {@code key}, or null: never renders. */
  Body peek(String key) {
    return key.startsWith(SEARCH_PATH) && key.startsWith("?", SEARCH_PATH.length())
        ? searchPages.getIfPresent(key) : cache.getIfPresent(key);
  }

  /** Bytes held by the rendered-output cache (tests, /health). */
  long cachedBytes() {
    return weight(cache);
  }

  /** Bytes held by the search pages (tests). */
  long searchBytes() {
    return weight(searchPages);
  }

  private static long weight(Cache<String, Body> c) {
    return c.policy().eviction().flatMap(e -> e.weightedSize().stream().boxed().findFirst()).orElse(0L);
  }
}

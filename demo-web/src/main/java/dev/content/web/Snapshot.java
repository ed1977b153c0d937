package dev.content.web;

import dev.content.core.Article;
import dev.content.core.Corpus;
import dev.content.json.ArticleJson;
import dev.content.json.ArticleWriter;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Everything one request needs, frozen together: the corpus, its search index and the load report.
 * The site holds one reference to the current snapshot and swaps it whole, so a request sees the old
 * corpus or the new one, never a mix. Rendered output depends only on the snapshot, so it is cached
 * here and dropped with it.
 */
public final class Snapshot {
  private final long generation;
  private final Instant loadedAt;
  private final Corpus corpus;
  private final SiteSearch search;
  private final LoadReport report;
  private final List<Article> newestFirst;
  private final ArticleWriter json;
  /** Enough for every page of a 10,000-article corpus; beyond it pages are rendered each time. */
  private static final int MAX_CACHED = 25_000;
  private final ConcurrentHashMap<String, byte[]> cache = new ConcurrentHashMap<>();

  public Snapshot(long generation, Instant loadedAt, Corpus corpus, SiteSearch search, LoadReport report) {
    this.generation = generation;
    this.loadedAt = Objects.requireNonNull(loadedAt, "loadedAt must not be null");
    this.corpus = Objects.requireNonNull(corpus, "corpus must not be null");
    this.search = Objects.requireNonNull(search, "search must not be null");
    this.report = Objects.requireNonNull(report, "report must not be null");
    this.newestFirst = com.google.common.collect.Lists.reverse(corpus.fullArticles());
    this.json = ArticleJson.writer(corpus);
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

  /** Full articles, newest first. */
  public List<Article> newestFirst() {
    return newestFirst;
  }

  /** Writes this corpus's articles in the documented JSON format. */
  public ArticleWriter json() {
    return json;
  }

  /** Output that depends only on this snapshot, computed once per key. */
  byte[] cached(String key, Function<String, byte[]> render) {
    byte[] hit = cache.get(key);
    if (hit != null) {
      return hit;
    }
    return cache.size() < MAX_CACHED ? cache.computeIfAbsent(key, render) : render.apply(key);
  }
}

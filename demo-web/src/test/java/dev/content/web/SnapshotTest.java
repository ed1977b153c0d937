package dev.content.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.content.core.Corpus;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SnapshotTest {
  private static Snapshot snapshot(long cacheBytes) {
    Corpus c = Fixtures.corpus();
    return new Snapshot(1, Instant.parse("2026-11-29T08:15:30.250Z"), c, new PendingSearch(c), LoadReport.none(),
        cacheBytes);
  }

  @Test
  void theRenderedOutputCacheStaysWithinItsByteBudget() {
    Snapshot s = snapshot(200_000);
    AtomicInteger renders = new AtomicInteger();
    for (int i = 0; i < 100; i++) {
      Body b = s.cached("/page/" + i, "text/html", k -> {
        renders.incrementAndGet();
        return new byte[10_000];
      });
      assertThat(b.bytes()).hasSize(10_000);
      assertThat(s.cachedBytes()).isLessThanOrEqualTo(200_000);
    }
    assertThat(renders).hasValue(100);
    assertThat(s.cachedBytes()).isGreaterThan(100_000);
    // At most 20 pages fit: asking for all of them again renders most anew (Caffeine evicts by
    // frequency and recency, so which ones stayed is its choice).
    for (int i = 0; i < 100; i++) {
      s.cached("/page/" + i, "text/html", k -> {
        renders.incrementAndGet();
        return new byte[10_000];
      });
    }
    assertThat(renders.get()).isBetween(100 + 80, 200);
    assertThat(s.cachedBytes()).isLessThanOrEqualTo(200_000);
  }

  @Test
  void theBudgetFollowsTheCorpusBetweenOneAndSixteenMegabytes() {
    assertThat(Snapshot.cacheBytes(10)).isEqualTo(1L << 20);
    assertThat(Snapshot.cacheBytes(1_000)).isEqualTo(1L << 20);
    assertThat(Snapshot.cacheBytes(10_000)).isEqualTo(10_000 * 1024L);
    assertThat(Snapshot.cacheBytes(100_000)).isEqualTo(16L << 20);
  }

  @Test
  void aBodyKeptCompressedOnlyAnswersLikeThePlainOne() {
    byte[] text = "网贷、征信与催收。".repeat(400).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Body plain = Body.of("text/css", text);
    Body packed = Body.compressedOnly("text/css", text);
    assertThat(packed.plainInMemory()).isFalse();
    assertThat(packed.bytes()).isEqualTo(text);
    assertThat(packed.length()).isEqualTo(text.length);
    assertThat(packed.gzip()).isEqualTo(plain.gzip());
    assertThat(packed.etag()).isEqualTo(plain.etag());
    assertThat(packed.weight()).isEqualTo(plain.weight());
    // Too small to compress: kept as it is.
    assertThat(Body.compressedOnly("text/css", new byte[10]).plainInMemory()).isTrue();
  }

  @Test
  void aCachedBodyKeepsItsEntityTagAndTheSnapshotItsLoadTime() {
    Snapshot s = snapshot(Snapshot.CACHE_BYTES);
    Body a = s.cached("/k", "text/html", k -> "网贷".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(s.cached("/k", "text/html", k -> new byte[1])).isSameAs(a);
    assertThat(a.etag()).isEqualTo(Body.of("text/html", "网贷".getBytes(java.nio.charset.StandardCharsets.UTF_8)).etag())
        .isNotEqualTo(Body.of("text/html", new byte[1]).etag());
    assertThat(s.lastModified()).isEqualTo("Sun, 29 Nov 2026 08:15:30 GMT");
  }

  @Test
  void searchPagesAreKeptApartAndOnlyTheRecentOnes() {
    Snapshot s = snapshot(400_000);
    Body article = s.cached("/articles/a", "text/html", k -> new byte[100]);
    // A quarter of the budget, 100,000 bytes: at most 7 pages of 10,000 bytes (with their weight).
    for (int i = 0; i < 30; i++) {
      s.cachedSearch("/search?q=" + i, "text/html", k -> new byte[10_000]);
      assertThat(s.searchBytes()).isLessThanOrEqualTo(100_000);
    }
    assertThat(s.peek("/articles/a")).isSameAs(article);
    long kept = java.util.stream.IntStream.range(0, 30).filter(i -> s.peek("/search?q=" + i) != null).count();
    assertThat(kept).isBetween(1L, 7L);
    // A search page is found under its own URL only, not under the article cache's keys.
    assertThat(s.peek("/searchx?q=1")).isNull();
  }
}

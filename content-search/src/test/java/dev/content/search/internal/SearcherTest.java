package dev.content.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearcherTest {
  @Test
  void termCacheGrowsWithTheIndexUpToItsLimit() {
    assertThat(Searcher.termCacheLimit(0)).isEqualTo(Searcher.TERM_CACHE_MIN);
    assertThat(Searcher.termCacheLimit(1_163)).isEqualTo(2_326);
    assertThat(Searcher.termCacheLimit(10_000)).isEqualTo(Searcher.TERM_CACHE_LIMIT);
    assertThat(Searcher.termCacheLimit(104_904)).isEqualTo(Searcher.TERM_CACHE_LIMIT);
    assertThat(Searcher.termCacheLimit(Integer.MAX_VALUE)).isEqualTo(Searcher.TERM_CACHE_LIMIT);
  }
}

package dev.content.bench.search;

import dev.content.bench.Corpora;
import dev.content.core.Article;
import dev.content.core.Corpus;
import dev.content.core.Relation;
import dev.content.loader.SeedLoader;
import dev.content.search.ContentLibrary;
import dev.content.search.SearchRequest;
import dev.content.search.SearchResults;
import dev.content.search.SimilarArticle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Search and related articles in process, on a generated corpus loaded from its folder and a library
 * whose index is kept on disk between runs ({@code bench-work/corpora/jmh-index-nN}), as demo-web
 * keeps it. Sampled, so the report has percentiles, not only a mean:
 * <ul>
 *   <li>{@code search}: a page of 10 hits with snippets and facet counts, cycling through {@link QueryMix}
 *       (reader questions and short keywords);
 *   <li>{@code relatedComputed}: the 6 most similar full articles of a random article, with their
 *       evidence, computed now (what a new or edited article costs);
 *   <li>{@code relatedPrecomputed}: the related list a page shows, as the library keeps it.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx3g"})
public class SearchBenchmark {
  @Param({"10000"})
  public int articles;

  private ContentLibrary library;
  private Corpus corpus;
  private String[] ids;

  /** Per-thread position in the query mix and random article choice. */
  @State(Scope.Thread)
  public static class Cursor {
    private final SplittableRandom random = new SplittableRandom(7);
    private int query;

    String nextQuery() {
      query = (query + 1) % QueryMix.QUERIES.size();
      return QueryMix.QUERIES.get(query);
    }

    int nextIndex(int n) {
      return random.nextInt(n);
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path folder = Corpora.ensure(articles, true);
    Corpus loaded = SeedLoader.create().load(folder).corpus();
    library = ContentLibrary.open(loaded, ContentLibrary.Options.builder()
        .indexDirectory(Corpora.store().resolve("jmh-index-n" + articles)).build());
    corpus = library.corpus();
    ids = corpus.fullArticles().stream().map(Article::id).toArray(String[]::new);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    library.close();
  }

  @Benchmark
  public SearchResults search(Cursor c) {
    return library.search(SearchRequest.builder(c.nextQuery()).build());
  }

  @Benchmark
  public List<SimilarArticle> relatedComputed(Cursor c) {
    return library.similarity().similar(ids[c.nextIndex(ids.length)], 6, corpus::isFull);
  }

  @Benchmark
  public List<Relation> relatedPrecomputed(Cursor c) {
    return library.related(ids[c.nextIndex(ids.length)]);
  }
}

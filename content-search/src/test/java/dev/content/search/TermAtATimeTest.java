package dev.content.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.content.core.Article;
import dev.content.core.Corpus;
import dev.content.generator.CorpusGenerator;
import dev.content.loader.SeedLoader;
import dev.content.search.internal.Analyzers;
import dev.content.search.internal.QueryBuilder;
import dev.content.search.internal.Searcher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The term-at-a-time scorer against Lucene's own scorers: for many queries over real corpora (the
 * fixtures with the real seed; a corpus generated from lawrefbook, written as category folders and
 * loaded as the harness does, with stubs), both paths give the same page (ids in order, scores equal
 * to the bit, snippets), the same total and the same facet counts, also with filters, deeper pages and
 * the relaxed fallback.
 */
class TermAtATimeTest {
  private static final QueryBuilder PLAIN = new QueryBuilder(Analyzers.bigrams(), null);

  @Test
  void fixtureQueriesGetLucenesAnswers() {
    try (ContentLibrary lib = ContentLibrary.open(Fixtures.categorised())) {
      List<String> queries = new ArrayList<>(List.of("网贷", "网贷逾期", "征信 逾期", "提前还款 花呗",
          "花呗 征信修复 律所", "被催收爆通讯录了怎么办", "征信上的逾期记录多久可以消除", "比特币", "apple",
          "iPhone 退货", "律师费", "逾期 逾期了", "借呗提前还款", "网贷 網貸"));
      queries.addAll(titleQueries(lib.corpus(), 200, 3));
      int fast = compareAll(lib, queries);
      assertThat(fast).as("queries the term-at-a-time path evaluates").isGreaterThan(queries.size() / 2);
    }
  }

  @Test
  void generatedCorpusQueriesGetLucenesAnswers(@TempDir Path dir) throws IOException {
    Path lawrefbook = Path.of(System.getProperty("content.shared.data", "../shared/data"), "lawrefbook");
    assumeTrue(Files.isRegularFile(lawrefbook.resolve("MANIFEST.tsv")),
        "skipped: lawrefbook data not found at " + lawrefbook.toAbsolutePath()
            + " (set -Dcontent.shared.data=DIR)");
    // More articles than documents: titles and bodies repeat with variations, as at 100,000.
    CorpusGenerator.builder(lawrefbook).count(3000).seed(1).folders(true).build().writeTo(dir);
    Corpus corpus = SeedLoader.create().load(dir).corpus();
    assertThat(corpus.articles().stream().filter(Article::stub).count()).as("stubs").isPositive();
    try (ContentLibrary lib = ContentLibrary.open(corpus)) {
      List<String> queries = new ArrayList<>(knownItemQueries());
      queries.addAll(titleQueries(lib.corpus(), 700, 7));
      int fast = compareAll(lib, queries);
      assertThat(fast).as("queries the term-at-a-time path evaluates").isGreaterThan(queries.size() * 3 / 4);
    }
  }

  /** Runs every query plain and with filters, deeper pages and no stubs; returns how many were fast. */
  private static int compareAll(ContentLibrary lib, List<String> queries) {
    Searcher searcher = lib.searcher();
    List<LocalDate> days = lib.corpus().articles().stream()
        .flatMap(a -> a.publishWindow(lib.corpus().zone()).sortInstant().stream())
        .map(t -> t.atZone(lib.corpus().zone()).toLocalDate()).sorted().toList();
    LocalDate middle = days.get(days.size() / 2);
    int fast = 0;
    int relaxed = 0;
    int i = 0;
    for (String q : queries) {
      QueryBuilder.Parsed parsed = PLAIN.parse(q);
      if (parsed.termAtATime()) {
        fast++;
      }
      SearchResults plain = same(searcher, SearchRequest.of(q));
      if (plain.relaxed()) {
        relaxed++;
      }
      // Variants in turn, so that every kind is run over many queries.
      SearchRequest.Builder b = SearchRequest.builder(q);
      switch (i++ % 5) {
        case 0 -> b.page(2).pageSize(7);
        case 1 -> b.includeStubs(false).pageSize(50);
        case 2 -> b.from(middle);
        case 3 -> b.to(middle).page(3).pageSize(3);
        default -> {
          if (!plain.facets().isEmpty()) {
            b.category(plain.facets().get(plain.facets().size() / 2).slug());
          }
        }
      }
      same(searcher, b.build());
    }
    assertThat(relaxed).as("queries answered by the relaxed fallback").isPositive();
    return fast;
  }

  private static SearchResults same(Searcher searcher, SearchRequest r) {
    SearchResults lucene = searcher.search(r, false);
    SearchResults fast = searcher.search(r, true);
    String what = "query '" + r.text() + "' " + r;
    assertThat(lucene.countsExact()).as("test corpora stay under the count bound: %s", what).isTrue();
    assertThat(fast.total()).as("total of %s", what).isEqualTo(lucene.total());
    assertThat(fast.countsExact()).as(what).isTrue();
    assertThat(fast.relaxed()).as("relaxed, %s", what).isEqualTo(lucene.relaxed());
    assertThat(fast.facets()).as("facets of %s", what).isEqualTo(lucene.facets());
    // Lucene's scores to the bit, and so its order (equal scores by document number) and page.
    assertThat(fast.hits().stream().map(h -> h.id() + " " + h.score()).toList()).as("hits of %s", what)
        .isEqualTo(lucene.hits().stream().map(h -> h.id() + " " + h.score()).toList());
    assertThat(fast.hits()).as("hits of %s", what).isEqualTo(lucene.hits());
    return fast;
  }

  /** The harness's kind of query: 2–4-character windows of titles, every sixth two of them. */
  static List<String> titleQueries(Corpus corpus, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> han = corpus.articles().stream().map(a -> a.title().codePoints()
            .filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString())
        .filter(t -> t.length() >= 4).toList();
    LinkedHashSet<String> out = new LinkedHashSet<>();
    int attempts = 0;
    while (out.size() < count && attempts++ < count * 20) {
      String q = window(han.get(random.nextInt(han.size())), random);
      if (out.size() % 6 == 5) {
        q = q + " " + window(han.get(random.nextInt(han.size())), random);
      }
      out.add(q);
    }
    // Whole titles too: long chunks (40% of their bigrams must occur).
    for (int i = 0; i < count / 10; i++) {
      out.add(corpus.articles().get(random.nextInt(corpus.articles().size())).title());
    }
    return List.copyOf(out);
  }

  private static String window(String title, SplittableRandom random) {
    int length = 2 + random.nextInt(3);
    int start = random.nextInt(title.length() - length + 1);
    return title.substring(start, start + length);
  }

  private static List<String> knownItemQueries() throws IOException {
    try (InputStream in = TermAtATimeTest.class.getResourceAsStream("/quality/known-items.tsv")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.split("\t")[0]).toList();
    }
  }
}

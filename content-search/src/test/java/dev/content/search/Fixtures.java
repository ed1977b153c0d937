package dev.content.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.content.core.Category;
import dev.content.core.CategoryAssignment;
import dev.content.core.Corpus;
import dev.content.core.Taxonomy;
import dev.content.loader.LoadResult;
import dev.content.loader.SeedLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The test corpus: the real seed file and seven short advice articles in the seed format. */
final class Fixtures {
  static final String SEED = "cf47211e9869dcd2";
  static final String JIEBEI = "a1b2c3d4e5f60001";
  static final String CREDIT = "a1b2c3d4e5f60002";
  static final String COLLECTION = "a1b2c3d4e5f60003";
  static final String SHOPPING = "a1b2c3d4e5f60004";
  static final String HUABEI = "a1b2c3d4e5f60005";
  static final String LAWYER = "a1b2c3d4e5f60006";
  static final String APPLE = "a1b2c3d4e5f60007";

  private Fixtures() {}

  static Path folder() {
    try {
      return Path.of(Fixtures.class.getResource("/corpus").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Corpus corpus() {
    try {
      LoadResult r = SeedLoader.create().load(folder());
      assertThat(r.hasErrors()).as("fixture diagnostics %s", r.diagnostics()).isFalse();
      return r.corpus();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The corpus with a small taxonomy: loans (with child early-repayment), credit, rights. */
  static Corpus categorised() {
    Corpus c = corpus();
    Taxonomy t = Taxonomy.of(List.of(
        new Category("loans", "网贷", Optional.empty(), "", 1),
        new Category("early-repayment", "提前还款", Optional.of("loans"), "", 1),
        new Category("credit", "征信", Optional.empty(), "", 2),
        new Category("rights", "维权", Optional.empty(), "", 3)));
    Map<String, List<CategoryAssignment>> m = new HashMap<>();
    m.put(SEED, List.of(folder("loans")));
    m.put(JIEBEI, List.of(folder("early-repayment")));
    m.put(HUABEI, List.of(folder("early-repayment")));
    m.put(CREDIT, List.of(folder("credit")));
    m.put(COLLECTION, List.of(folder("rights"), folder("loans")));
    m.put(SHOPPING, List.of(folder("rights")));
    m.put(APPLE, List.of(folder("rights")));
    m.put(LAWYER, List.of(folder(Taxonomy.UNCATEGORISED)));
    return c.withCategories(t, m);
  }

  private static CategoryAssignment folder(String slug) {
    return new CategoryAssignment(slug, CategoryAssignment.Source.FOLDER, 1, "folder " + slug, List.of());
  }
}

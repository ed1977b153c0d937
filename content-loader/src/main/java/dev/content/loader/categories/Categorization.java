package dev.content.loader.categories;

import dev.content.core.Article;
import dev.content.core.CategoryAssignment;
import dev.content.core.Corpus;
import dev.content.loader.Diagnostic;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of {@link Categorizer#assign}: the corpus with categories, and what went wrong on the way.
 *
 * @param corpus the corpus with its taxonomy and every article's categories
 * @param diagnostics problems of {@code categories.json} and of folder mapping
 */
public record Categorization(Corpus corpus, List<Diagnostic> diagnostics) {
  public Categorization {
    Objects.requireNonNull(corpus, "corpus must not be null");
    diagnostics = List.copyOf(diagnostics);
  }

  /** How many articles (stubs included) got their primary category from each source. */
  public Map<CategoryAssignment.Source, Integer> primarySources() {
    Map<CategoryAssignment.Source, Integer> out = new EnumMap<>(CategoryAssignment.Source.class);
    for (Article a : corpus.articles()) {
      if (!a.categories().isEmpty()) {
        out.merge(a.categories().get(0).source(), 1, Integer::sum);
      }
    }
    return out;
  }
}

package dev.content.loader;

import dev.content.core.Article;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of parsing one file: the article, unless the file was rejected, and everything the
 * parser noticed.
 *
 * @param article the article, empty when the file was rejected (then an error says why)
 * @param diagnostics problems in file order
 */
public record ParseResult(Optional<Article> article, List<Diagnostic> diagnostics) {
  public ParseResult {
    Objects.requireNonNull(article, "article must not be null");
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}

package dev.content.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One search result.
 *
 * @param id the article's id
 * @param title the article's title
 * @param stub whether the article is a stub: only its title and listed excerpt are known, so a reader
 *     cannot open its full text
 * @param score the BM25 relevance score (higher is better; comparable only within one search)
 * @param titleHighlight the title with matches marked
 * @param snippet a fragment of the body (of the excerpt for a stub) around the matches, matches marked;
 *     the start of the text when nothing in the body matched
 * @param date the article's publish date in the corpus zone, if known
 * @param categories the article's category slugs, primary first
 */
public record SearchHit(String id, String title, boolean stub, double score, Snippet titleHighlight,
    Snippet snippet, Optional<LocalDate> date, List<String> categories) {
  public SearchHit {
    Objects.requireNonNull(id, "id must not be null");
    Objects.requireNonNull(title, "title must not be null");
    Objects.requireNonNull(titleHighlight, "titleHighlight must not be null");
    Objects.requireNonNull(snippet, "snippet must not be null");
    Objects.requireNonNull(date, "date must not be null");
    categories = List.copyOf(categories);
  }
}

package dev.content.search;

import java.util.Objects;

/**
 * A title offered while the reader types.
 *
 * @param id the article's id
 * @param title the article's title
 * @param stub whether the article is a stub (known only from a related list)
 * @param highlight the title with the typed text marked
 */
public record Suggestion(String id, String title, boolean stub, Snippet highlight) {
  public Suggestion {
    Objects.requireNonNull(id, "id must not be null");
    Objects.requireNonNull(title, "title must not be null");
    Objects.requireNonNull(highlight, "highlight must not be null");
  }
}

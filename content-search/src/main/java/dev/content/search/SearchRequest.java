package dev.content.search;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What to search for.
 *
 * <h2>Query syntax</h2>
 * Words separated by spaces must all match (for Chinese text without spaces: all character pairs of a
 * short word, most of a short phrase, 40% of a longer run, so a question typed as one run still finds
 * its article); when nothing matches, the results of a relaxed query are returned and marked
 * {@link SearchResults#relaxed()};
 * {@code "quoted phrases"} (also {@code “…”} and {@code 「…」}) must occur exactly, character for
 * character. Chinese and Latin text mix freely; case and character width do not matter. Ranking is BM25
 * with title matches weighted three times body matches.
 *
 * <pre>{@code
 * SearchRequest r = SearchRequest.builder("网贷 \"提前还款\"")
 *     .category("loans").from(LocalDate.of(2025, 9, 1)).page(2).pageSize(10).build();
 * }</pre>
 *
 * @param text the query text (may be empty with a category or date filter: then everything filtered
 *     matches, newest first)
 * @param category only articles in this category or its descendants
 * @param from only articles published on or after this day (corpus zone)
 * @param to only articles published on or before this day (corpus zone)
 * @param includeStubs whether stubs may match (by title and listed excerpt)
 * @param page the 1-based page
 * @param pageSize hits per page
 * @param snippetLength the approximate length of a snippet in characters
 */
public record SearchRequest(String text, Optional<String> category, Optional<LocalDate> from,
    Optional<LocalDate> to, boolean includeStubs, int page, int pageSize, int snippetLength) {
  public SearchRequest {
    Objects.requireNonNull(text, "text must not be null");
    Objects.requireNonNull(category, "category must not be null");
    Objects.requireNonNull(from, "from must not be null");
    Objects.requireNonNull(to, "to must not be null");
    if (page < 1) {
      throw new IllegalArgumentException("page must be at least 1, was " + page);
    }
    if (pageSize < 1 || pageSize > 1000) {
      throw new IllegalArgumentException("pageSize must be 1 to 1000, was " + pageSize);
    }
    if (snippetLength < 10) {
      throw new IllegalArgumentException("snippetLength must be at least 10, was " + snippetLength);
    }
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw new IllegalArgumentException("date range is empty: from " + from.get() + " is after to " + to.get());
    }
  }

  /** A request for the first page of 10 hits. */
  public static SearchRequest of(String text) {
    return builder(text).build();
  }

  public static Builder builder(String text) {
    return new Builder(Objects.requireNonNull(text, "text must not be null"));
  }

  /** A builder initialised with this request, for example to ask for another page. */
  public Builder toBuilder() {
    Builder b = new Builder(text);
    b.category = category;
    b.from = from;
    b.to = to;
    b.includeStubs = includeStubs;
    b.page = page;
    b.pageSize = pageSize;
    b.snippetLength = snippetLength;
    return b;
  }

  /** Builds {@link SearchRequest}s; every setter returns the builder. */
  public static final class Builder {
    private final String text;
    private Optional<String> category = Optional.empty();
    private Optional<LocalDate> from = Optional.empty();
    private Optional<LocalDate> to = Optional.empty();
    private boolean includeStubs = true;
    private int page = 1;
    private int pageSize = 10;
    private int snippetLength = 80;

    private Builder(String text) {
      this.text = text;
    }

    /** Only this category and its descendants. */
    public Builder category(String slug) {
      this.category = Optional.of(Objects.requireNonNull(slug, "slug must not be null"));
      return this;
    }

    public Builder from(LocalDate day) {
      this.from = Optional.of(Objects.requireNonNull(day, "day must not be null"));
      return this;
    }

    public Builder to(LocalDate day) {
      this.to = Optional.of(Objects.requireNonNull(day, "day must not be null"));
      return this;
    }

    public Builder includeStubs(boolean include) {
      this.includeStubs = include;
      return this;
    }

    public Builder page(int page) {
      this.page = page;
      return this;
    }

    public Builder pageSize(int size) {
      this.pageSize = size;
      return this;
    }

    public Builder snippetLength(int chars) {
      this.snippetLength = chars;
      return this;
    }

    public SearchRequest build() {
      return new SearchRequest(text, category, from, to, includeStubs, page, pageSize, snippetLength);
    }
  }
}

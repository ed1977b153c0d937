package dev.content.search;

import java.util.Objects;

/**
 * How many matches of a search lie in a category (or its descendants).
 *
 * @param slug the category slug
 * @param name the category's display name
 * @param count matching articles in the category or any descendant
 */
public record FacetCount(String slug, String name, int count) {
  public FacetCount {
    Objects.requireNonNull(slug, "slug must not be null");
    Objects.requireNonNull(name, "name must not be null");
  }
}

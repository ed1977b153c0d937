package dev.content.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A node of the {@link Taxonomy}.
 *
 * @param slug the stable, URL-safe key, such as {@code credit-report}
 * @param name the display name, such as {@code 征信}
 * @param parent the parent's slug, empty for a top-level category
 * @param description a sentence for category pages; may be empty
 * @param order the display order among siblings (lower first; ties by slug)
 */
public record Category(String slug, String name, Optional<String> parent, String description, int order) {
  public Category {
    Objects.requireNonNull(slug, "slug must not be null");
    Objects.requireNonNull(name, "name must not be null");
    Objects.requireNonNull(parent, "parent must not be null");
    Objects.requireNonNull(description, "description must not be null");
    if (slug.isBlank()) {
      throw new IllegalArgumentException("slug must not be blank");
    }
    if (parent.filter(slug::equals).isPresent()) {
      throw new IllegalArgumentException("category " + slug + " cannot be its own parent");
    }
  }
}

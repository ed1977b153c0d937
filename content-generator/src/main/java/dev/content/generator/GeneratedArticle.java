package dev.content.generator;

import java.util.List;
import java.util.Objects;

/**
 * What the generator knows about one generated file: the ground truth for quality measurements.
 *
 * @param index the position of the file in the corpus (its {@code NNN} prefix)
 * @param id the article id, the hex part of the file name
 * @param path the file's path relative to the corpus folder, with {@code /} separators
 * @param categorySlug the ASCII slug of the category (see {@link LawCategories})
 * @param categoryName the category's Chinese name (the lawrefbook top folder)
 * @param title the article title, unique in the corpus
 * @param sources the lawrefbook documents the body was taken from, relative paths, main one first
 */
public record GeneratedArticle(int index, String id, String path, String categorySlug,
    String categoryName, String title, List<String> sources) {
  public GeneratedArticle {
    Objects.requireNonNull(id, "id must not be null");
    Objects.requireNonNull(path, "path must not be null");
    Objects.requireNonNull(categorySlug, "categorySlug must not be null");
    Objects.requireNonNull(categoryName, "categoryName must not be null");
    Objects.requireNonNull(title, "title must not be null");
    sources = List.copyOf(sources);
  }
}

/**
 * Search, suggestions and related articles for a corpus of Chinese articles.
 *
 * <p>{@link dev.content.search.ContentLibrary} is the front door; {@link dev.content.search.SimilarityIndex}
 * is the content-similarity machinery shared by related articles and neighbour classification.
 */
@NullMarked
package dev.content.search;

import org.jspecify.annotations.NullMarked;

/**
 * Articles, their body blocks, categories and the related-article graph.
 *
 * <p>Everything here is immutable and safe to share between threads. Start at {@link Corpus}.
 */
@NullMarked
package dev.content.core;

import org.jspecify.annotations.NullMarked;

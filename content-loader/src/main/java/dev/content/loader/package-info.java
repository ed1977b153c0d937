/**
 * The seed-format loader and writer. {@link SeedLoader} parses files and folders, {@link SeedWriter}
 * renders articles back; problems are {@link Diagnostic} values, never exceptions.
 */
@NullMarked
package dev.content.loader;

import org.jspecify.annotations.NullMarked;

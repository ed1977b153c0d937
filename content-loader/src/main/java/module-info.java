/**
 * Reads seed-format text files (scraped WordPress article pages) into the content model, with
 * diagnostics that name file and line, and writes the format back. Start at
 * {@link dev.content.loader.SeedLoader}.
 */
module dev.content.loader {
  requires transitive dev.content.core;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;

  exports dev.content.loader;
  exports dev.content.loader.categories;
}

/**
 * JSON for the content model: articles (with their related listings resolved against a corpus) as
 * JSON objects and JSON Lines, and back. The format is specified in {@code docs/json-format.md}.
 */
module dev.content.json {
  requires transitive dev.content.core;
  requires transitive com.fasterxml.jackson.databind;

  exports dev.content.json;
}

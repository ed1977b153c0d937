package dev.content.loader.internal.categories;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value with the line and column where it starts. Jackson's tree model forgets positions, but a
 * user editing {@code categories.json} needs every complaint to point at the offending value, so the
 * file is read with the streaming parser into this small tree instead.
 *
 * @param value a {@code Map<String, LocatedJson>} (insertion order), {@code List<LocatedJson>},
 *     {@code String}, {@code Number}, {@code Boolean}, or {@code null}
 * @param line 1-based line of the value's first character
 * @param column 1-based column of the value's first character
 */
public record LocatedJson(Object value, int line, int column) {
  // Duplicate keys are collected rather than rejected: one repeated term should cost a warning, not the
  // whole file.
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  /**
   * A parsed document.
   *
   * @param root the top-level value, or a {@code null} value for an empty document
   * @param duplicateKeys each repeated object key (the later occurrence wins), located at the key
   */
  public record Document(LocatedJson root, List<LocatedJson> duplicateKeys) {}

  /**
   * Parses a whole document.
   *
   * @throws com.fasterxml.jackson.core.JsonProcessingException on malformed JSON, with its location
   */
  public static Document parse(String text) throws IOException {
    List<LocatedJson> duplicates = new ArrayList<>();
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return new Document(new LocatedJson(null, 1, 1), List.of());
      }
      LocatedJson root = read(p, duplicates);
      if (p.nextToken() != null) {
        throw new JsonParseException(p, "unexpected content after the top-level value");
      }
      return new Document(root, List.copyOf(duplicates));
    }
  }

  private static LocatedJson read(JsonParser p, List<LocatedJson> duplicates) throws IOException {
    JsonLocation at = p.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        Map<String, LocatedJson> fields = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonLocation key = p.currentTokenLocation();
          p.nextToken();
          if (fields.put(name, read(p, duplicates)) != null) {
            duplicates.add(new LocatedJson(name, key.getLineNr(), key.getColumnNr()));
          }
        }
        return new LocatedJson(fields, line, column);
      }
      case START_ARRAY: {
        List<LocatedJson> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(p, duplicates));
        }
        return new LocatedJson(items, line, column);
      }
      case VALUE_STRING:
        return new LocatedJson(p.getText(), line, column);
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new LocatedJson(p.getNumberValue(), line, column);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new LocatedJson(p.getBooleanValue(), line, column);
      case VALUE_NULL:
        return new LocatedJson(null, line, column);
      default:
        throw new JsonParseException(p, "unexpected token " + t);
    }
  }

  /** The JSON type name of the value, for messages. */
  public String typeName() {
    if (value == null) {
      return "null";
    } else if (value instanceof Map) {
      return "object";
    } else if (value instanceof List) {
      return "array";
    } else if (value instanceof String) {
      return "string";
    } else if (value instanceof Number) {
      return "number";
    }
    return "boolean";
  }

  @SuppressWarnings("unchecked")
  public Map<String, LocatedJson> asObject() {
    return (Map<String, LocatedJson>) value;
  }

  @SuppressWarnings("unchecked")
  public List<LocatedJson> asArray() {
    return (List<LocatedJson>) value;
  }

  public boolean isObject() {
    return value instanceof Map;
  }

  public boolean isArray() {
    return value instanceof List;
  }

  public boolean isString() {
    return value instanceof String;
  }

  public boolean isNumber() {
    return value instanceof Number;
  }
}

package dev.content.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.content.core.Article;
import dev.content.core.Block;
import dev.content.core.CategoryAssignment;
import dev.content.core.Inline;
import dev.content.core.LineRange;
import dev.content.core.RelatedEntry;
import dev.content.core.Source;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Turns a JSON tree in the format of {@code docs/json-format.md} back into an {@link Article}. Derived
 * fields ({@code publishWindow}, {@code relations}, {@code backlinks}, category names and paths, the plain
 * {@code text} next to {@code inlines}) are ignored: the inline runs are the truth.
 */
public final class ArticleTreeReader {
  private ArticleTreeReader() {}

  /** Thrown with the JSON path of the offending value, such as {@code body[2].type}. */
  public static final class BadValue extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String path;

    BadValue(String path, String message) {
      super(path + ": " + message);
      this.path = path;
    }

    public String path() {
      return path;
    }
  }

  public static Article read(JsonNode node) {
    object(node, "$");
    String id = text(node, "id", "$");
    String title = text(node, "title", "$");
    boolean stub = node.path("stub").asBoolean(false);
    if (stub) {
      Article s = Article.stub(title, optText(node, "excerpt", "$"), optDate(node.get("date"), "$.date"));
      if (!s.id().equals(id)) {
        throw new BadValue("$.id", "stub id " + id + " does not match its title (expected " + s.id() + ")");
      }
      return s.toBuilder().categories(list(node, "categories", "$", ArticleTreeReader::category)).build();
    }
    Article.Builder b = Article.builder(id, title);
    optText(node, "pageTitle", "$").ifPresent(b::pageTitle);
    optText(node, "author", "$").ifPresent(b::author);
    JsonNode likes = node.get("likes");
    if (likes != null && !likes.isNull()) {
      if (!likes.canConvertToInt() || likes.intValue() < 0 || !likes.isIntegralNumber()) {
        throw new BadValue("$.likes", "expected a count, got " + likes);
      }
      b.likes(likes.intValue());
    }
    optTime(node.get("previousPostAt"), "$.previousPostAt").ifPresent(b::previousPostAt);
    optTime(node.get("nextPostAt"), "$.nextPostAt").ifPresent(b::nextPostAt);
    optDate(node.get("date"), "$.date").ifPresent(b::date);
    optText(node, "excerpt", "$").ifPresent(b::excerpt);
    b.categories(list(node, "categories", "$", ArticleTreeReader::category));
    b.body(list(node, "body", "$", ArticleTreeReader::block));
    b.related(list(node, "related", "$", ArticleTreeReader::related));
    JsonNode source = node.get("source");
    if (source != null && !source.isNull()) {
      object(source, "$.source");
      b.source(new Source(text(source, "path", "$.source"), text(source, "encoding", "$.source"),
          lines(source.get("lines"), "$.source.lines")
              .orElseThrow(() -> new BadValue("$.source.lines", "missing")),
          optText(source, "digest", "$.source")));
    }
    return b.build();
  }

  private static CategoryAssignment category(JsonNode n, String path) {
    object(n, path);
    String sourceName = text(n, "source", path);
    CategoryAssignment.Source source;
    try {
      source = JsonNames.source(sourceName);
    } catch (IllegalArgumentException e) {
      throw new BadValue(path + ".source", "unknown category source \"" + sourceName
          + "\" (expected folder, rules, neighbours or fallback)");
    }
    List<CategoryAssignment.Evidence> evidence = list(n, "evidence", path, (e, p) -> {
      object(e, p);
      return new CategoryAssignment.Evidence(text(e, "kind", p), text(e, "label", p), number(e, "weight", p));
    });
    return new CategoryAssignment(text(n, "slug", path), source, number(n, "score", path),
        text(n, "reason", path), evidence);
  }

  private static Block block(JsonNode n, String path) {
    object(n, path);
    String type = text(n, "type", path);
    Optional<LineRange> lines = lines(n.get("lines"), path + ".lines");
    switch (type) {
      case "paragraph":
        return new Block.Paragraph(inlines(n, "inlines", path), lines);
      case "heading": {
        JsonNode level = n.get("level");
        int l = level == null || level.isNull() ? 2 : level.asInt();
        if (l < 1 || l > 6) {
          throw new BadValue(path + ".level", "heading level must be 1 to 6, was " + level);
        }
        return new Block.Heading(l, inlines(n, "inlines", path), lines);
      }
      case "list": {
        List<Block.ListItem> items = list(n, "items", path, (item, p) -> {
          object(item, p);
          return new Block.ListItem(text(item, "marker", p), inlines(item, "headingInlines", p),
              inlines(item, "textInlines", p), lines(item.get("lines"), p + ".lines"));
        });
        if (items.isEmpty()) {
          throw new BadValue(path + ".items", "a list needs at least one item");
        }
        return new Block.OrderedList(items, lines);
      }
      default:
        throw new BadValue(path + ".type", "unknown block type \"" + type
            + "\" (expected paragraph, heading or list)");
    }
  }

  private static List<Inline> inlines(JsonNode n, String field, String path) {
    return list(n, field, path, (run, p) -> {
      object(run, p);
      return new Inline(text(run, "text", p), run.path("strong").asBoolean(false));
    });
  }

  private static RelatedEntry related(JsonNode n, String path) {
    object(n, path);
    return new RelatedEntry(text(n, "title", path), optText(n, "excerpt", path),
        optDate(n.get("date"), path + ".date"), optText(n, "id", path),
        lines(n.get("lines"), path + ".lines"));
  }

  private static <T> List<T> list(JsonNode n, String field, String path,
      BiFunction<JsonNode, String, T> element) {
    JsonNode array = n.get(field);
    if (array == null || array.isNull()) {
      return List.of();
    }
    String p = path + "." + field;
    if (!array.isArray()) {
      throw new BadValue(p, "expected an array, got " + kind(array));
    }
    List<T> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(element.apply(array.get(i), p + "[" + i + "]"));
    }
    return out;
  }

  private static Optional<LineRange> lines(JsonNode n, String path) {
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    object(n, path);
    int first = (int) number(n, "first", path);
    int last = (int) number(n, "last", path);
    if (first < 1 || last < first) {
      throw new BadValue(path, "invalid line range " + first + "-" + last);
    }
    return Optional.of(new LineRange(first, last));
  }

  private static Optional<OffsetDateTime> optTime(JsonNode n, String path) {
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(n.asText(), JsonNames.TIME));
    } catch (DateTimeParseException e) {
      throw new BadValue(path, "expected an ISO-8601 time with offset such as "
          + "2025-09-27T07:19:00+08:00, got " + n);
    }
  }

  private static Optional<LocalDate> optDate(JsonNode n, String path) {
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(n.asText()));
    } catch (DateTimeParseException e) {
      throw new BadValue(path, "expected an ISO date such as 2025-09-16, got " + n);
    }
  }

  private static void object(JsonNode n, String path) {
    if (n == null || !n.isObject()) {
      throw new BadValue(path, "expected an object, got " + kind(n));
    }
  }

  private static String text(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new BadValue(path + "." + field, "missing");
    }
    if (!v.isTextual()) {
      throw new BadValue(path + "." + field, "expected a string, got " + kind(v));
    }
    return v.textValue();
  }

  private static Optional<String> optText(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new BadValue(path + "." + field, "expected a string or null, got " + kind(v));
    }
    return Optional.of(v.textValue());
  }

  private static double number(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    if (v == null || !v.isNumber()) {
      throw new BadValue(path + "." + field, v == null ? "missing" : "expected a number, got " + kind(v));
    }
    return v.doubleValue();
  }

  private static String kind(JsonNode n) {
    return n == null ? "nothing" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}

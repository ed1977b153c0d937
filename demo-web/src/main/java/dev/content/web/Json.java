package dev.content.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import dev.content.core.Article;
import dev.content.core.Category;
import dev.content.core.CategoryAssignment;
import dev.content.core.CategoryNode;
import dev.content.core.Corpus;
import dev.content.core.Relation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The JSON of the API besides single articles and their relations, which content-json writes in the
 * documented format (docs/json-format.md): lists, the category tree, the graph, errors. Written with
 * Jackson's streaming generator: its tree model and object mapper (jackson-databind) load and
 * initialise a few hundred classes, which a start paid before its first answer.
 */
final class Json {
  /**
   * Jackson keeps its write buffers per thread by default (16 KB or more each): with a pool of 32
   * threads that is half a megabyte for the few JSON answers a site gives. One set per core instead.
   */
  static final JsonFactory FACTORY = JsonFactory.builder()
      .recyclerPool(JsonRecyclerPools.newBoundedPool(Runtime.getRuntime().availableProcessors())).build();

  private Json() {}

  /** Writes one JSON value to a generator. */
  @FunctionalInterface
  interface Value {
    void write(JsonGenerator g) throws IOException;
  }

  /** The value as UTF-8 JSON bytes. */
  static byte[] bytes(Value value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      value.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail: a bug in the value
    }
    return out.toByteArray();
  }

  /** An error body: {@code {"status":404,"error":"not_found","message":"…"}}. */
  static byte[] error(int status, String code, String message) {
    return bytes(g -> {
      g.writeStartObject();
      g.writeNumberField("status", status);
      g.writeStringField("error", code);
      g.writeStringField("message", message);
      g.writeEndObject();
    });
  }

  /** A list of strings as an array field. */
  static void strings(JsonGenerator g, String field, Iterable<String> values) throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static void categories(JsonGenerator g, Corpus c, Article a) throws IOException {
    g.writeArrayFieldStart("categories");
    for (CategoryAssignment ca : a.categories()) {
      g.writeStartObject();
      g.writeStringField("slug", ca.slug());
      g.writeStringField("name", c.taxonomy().get(ca.slug()).map(Category::name).orElse(ca.slug()));
      g.writeStringField("source", ca.source().name().toLowerCase(java.util.Locale.ROOT));
      g.writeStringField("reason", ca.reason());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** An article in lists: the fields a reader scans, without the body. */
  static void summary(JsonGenerator g, Corpus c, Article a) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", a.id());
    g.writeBooleanField("stub", a.stub());
    g.writeStringField("title", a.title());
    g.writeStringField("excerpt", Fmt.teaser(a, 110));
    g.writeStringField("date", Fmt.isoDate(a, c.zone()));
    categories(g, c, a);
    g.writeStringField("url", Urls.article(a.id()));
    g.writeEndObject();
  }

  static void categoryTree(JsonGenerator g, List<CategoryNode> nodes) throws IOException {
    g.writeStartArray();
    for (CategoryNode n : nodes) {
      Category cat = n.category();
      g.writeStartObject();
      g.writeStringField("slug", cat.slug());
      g.writeStringField("name", cat.name());
      g.writeStringField("description", cat.description());
      g.writeNumberField("count", n.count());
      g.writeStringField("url", Urls.category(cat.slug()));
      g.writeFieldName("children");
      categoryTree(g, n.children());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  static void graph(JsonGenerator g, Corpus c) throws IOException {
    g.writeStartObject();
    g.writeArrayFieldStart("nodes");
    for (Article a : c.articles()) {
      Optional<String> cat = a.primaryCategory();
      g.writeStartObject();
      g.writeStringField("id", a.id());
      g.writeStringField("title", a.title());
      g.writeBooleanField("stub", a.stub());
      g.writeStringField("category", cat.orElse(null));
      g.writeStringField("categoryName", cat.flatMap(c.taxonomy()::get).map(Category::name).orElse("未分类"));
      g.writeStringField("colour", Views.colour(c.taxonomy(), cat));
      g.writeNumberField("degree", c.graph().backlinks(a.id()).size() + c.graph().related(a.id()).size());
      g.writeStringField("url", a.stub() ? null : Urls.article(a.id()));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("edges");
    for (Article a : c.articles()) {
      for (Relation r : c.graph().related(a.id())) {
        g.writeStartObject();
        g.writeStringField("source", r.source());
        g.writeStringField("target", r.target());
        g.writeStringField("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT));
        g.writeNumberField("score", r.score());
        g.writeEndObject();
      }
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /**
   * The article as schema.org JSON-LD, safe inside a {@code <script>} element: every character that
   * could end the element or open a comment is written as a JSON escape.
   */
  static String jsonLd(Article a, ZoneId zone) {
    return scriptSafe(new String(bytes(g -> {
      g.writeStartObject();
      g.writeStringField("@context", "https://schema.org");
      g.writeStringField("@type", "Article");
      g.writeStringField("headline", a.title());
      if (a.author().isPresent()) {
        g.writeObjectFieldStart("author");
        g.writeStringField("@type", "Person");
        g.writeStringField("name", a.author().get());
        g.writeEndObject();
      }
      String day = Fmt.isoDate(a, zone);
      if (!day.isEmpty()) {
        g.writeStringField("datePublished", day);
      }
      g.writeStringField("inLanguage", "zh-CN");
      g.writeEndObject();
    }), java.nio.charset.StandardCharsets.UTF_8));
  }

  /** JSON with {@code < > &} and the JS line separators escaped; valid JSON with the same value. */
  static String scriptSafe(String json) {
    StringBuilder b = new StringBuilder(json.length() + 16);
    for (int i = 0; i < json.length(); i++) {
      char ch = json.charAt(i);
      switch (ch) {
        case '<' -> b.append("\\u003c");
        case '>' -> b.append("\\u003e");
        case '&' -> b.append("\\u0026");
        case '\u2028' -> b.append("\\u2028");
        case '\u2029' -> b.append("\\u2029");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }
}

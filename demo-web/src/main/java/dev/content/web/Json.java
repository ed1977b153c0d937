package dev.content.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.content.core.Article;
import dev.content.core.Category;
import dev.content.core.CategoryAssignment;
import dev.content.core.CategoryNode;
import dev.content.core.Corpus;
import dev.content.core.Relation;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The JSON of the API besides single articles and their relations, which content-json writes in the
 * documented format (docs/json-format.md): lists, the category tree, the graph, errors.
 */
final class Json {
  /**
   * Jackson keeps its write buffers per thread by default (16 KB or more each): with a pool of 32
   * threads that is half a megabyte for the few JSON answers a site gives. One set per core instead.
   */
  static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .recyclerPool(JsonRecyclerPools.newBoundedPool(Runtime.getRuntime().availableProcessors())).build());
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Json() {}

  static byte[] bytes(Object node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode object() {
    return F.objectNode();
  }

  static ArrayNode array() {
    return F.arrayNode();
  }

  /** An error body: {@code {"status":404,"error":"not_found","message":"…"}}. */
  static ObjectNode error(int status, String code, String message) {
    return object().put("status", status).put("error", code).put("message", message);
  }

  private static ArrayNode categories(Corpus c, Article a) {
    ArrayNode out = array();
    for (CategoryAssignment ca : a.categories()) {
      out.addObject().put("slug", ca.slug())
          .put("name", c.taxonomy().get(ca.slug()).map(Category::name).orElse(ca.slug()))
          .put("source", ca.source().name().toLowerCase(java.util.Locale.ROOT))
          .put("reason", ca.reason());
    }
    return out;
  }

  /** An article in lists: the fields a reader scans, without the body. */
  static ObjectNode summary(Corpus c, Article a) {
    ObjectNode o = object();
    o.put("id", a.id()).put("stub", a.stub()).put("title", a.title())
        .put("excerpt", Fmt.teaser(a, 110)).put("date", Fmt.isoDate(a, c.zone()));
    o.set("categories", categories(c, a));
    o.put("url", Urls.article(a.id()));
    return o;
  }

  static ArrayNode categoryTree(List<CategoryNode> nodes) {
    ArrayNode out = array();
    for (CategoryNode n : nodes) {
      Category cat = n.category();
      ObjectNode o = out.addObject().put("slug", cat.slug()).put("name", cat.name())
          .put("description", cat.description()).put("count", n.count())
          .put("url", Urls.category(cat.slug()));
      o.set("children", categoryTree(n.children()));
    }
    return out;
  }

  static ObjectNode graph(Corpus c) {
    ObjectNode o = object();
    ArrayNode nodes = o.putArray("nodes");
    for (Article a : c.articles()) {
      Optional<String> cat = a.primaryCategory();
      ObjectNode n = nodes.addObject().put("id", a.id()).put("title", a.title()).put("stub", a.stub())
          .put("category", cat.orElse(null))
          .put("categoryName", cat.flatMap(c.taxonomy()::get).map(Category::name).orElse("未分类"))
          .put("colour", Views.colour(c.taxonomy(), cat))
          .put("degree", c.graph().backlinks(a.id()).size() + c.graph().related(a.id()).size());
      n.put("url", a.stub() ? null : Urls.article(a.id()));
    }
    ArrayNode edges = o.putArray("edges");
    for (Article a : c.articles()) {
      for (Relation r : c.graph().related(a.id())) {
        edges.addObject().put("source", r.source()).put("target", r.target())
            .put("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT)).put("score", r.score());
      }
    }
    return o;
  }

  /**
   * The article as schema.org JSON-LD, safe inside a {@code <script>} element: every character that
   * could end the element or open a comment is written as a JSON escape.
   */
  static String jsonLd(Article a, ZoneId zone) {
    ObjectNode o = object();
    o.put("@context", "https://schema.org").put("@type", "Article").put("headline", a.title());
    a.author().ifPresent(au -> o.putObject("author").put("@type", "Person").put("name", au));
    String day = Fmt.isoDate(a, zone);
    if (!day.isEmpty()) {
      o.put("datePublished", day);
    }
    o.put("inLanguage", "zh-CN");
    return scriptSafe(new String(bytes(o), java.nio.charset.StandardCharsets.UTF_8));
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

package dev.content.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.content.core.Article;
import dev.content.core.Block;
import dev.content.core.Category;
import dev.content.core.CategoryAssignment;
import dev.content.core.Corpus;
import dev.content.core.Inline;
import dev.content.core.LineRange;
import dev.content.core.PublishWindow;
import dev.content.core.RelatedEntry;
import dev.content.core.Relation;
import dev.content.core.Titles;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Writes an {@link Article} in the format of {@code docs/json-format.md}. Related listings, category
 * names and graph relations are looked up in the corpus, so an article can be written even when it
 * is not (yet) part of it: its listings then resolve by title.
 */
public final class ArticleSerializer extends StdSerializer<Article> {
  private static final long serialVersionUID = 1L;

  private final transient Corpus corpus;
  private final boolean derived;

  public ArticleSerializer(Corpus corpus, boolean derived) {
    super(Article.class);
    this.corpus = corpus;
    this.derived = derived;
  }

  @Override
  public void serialize(Article a, JsonGenerator g, SerializerProvider provider) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", a.id());
    g.writeBooleanField("stub", a.stub());
    g.writeStringField("title", a.title());
    optString(g, "pageTitle", a.pageTitle());
    optString(g, "author", a.author());
    optInt(g, "likes", a.likes());
    optTime(g, "previousPostAt", a.previousPostAt());
    optTime(g, "nextPostAt", a.nextPostAt());
    if (derived) {
      PublishWindow w = a.publishWindow(corpus.zone());
      g.writeObjectFieldStart("publishWindow");
      optTime(g, "notBefore", w.notBefore());
      optTime(g, "notAfter", w.notAfter());
      g.writeEndObject();
    }
    g.writeFieldName("date");
    if (a.date().isPresent()) {
      g.writeString(a.date().get().toString());
    } else {
      g.writeNull();
    }
    optString(g, "excerpt", a.excerpt());
    writeCategories(g, a.categories());
    g.writeArrayFieldStart("body");
    for (Block b : a.body()) {
      writeBlock(g, b);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("related");
    for (RelatedEntry e : a.related()) {
      writeRelated(g, e);
    }
    g.writeEndArray();
    if (derived) {
      writeGraph(g, a);
    }
    g.writeFieldName("source");
    if (a.source().isPresent()) {
      g.writeStartObject();
      g.writeStringField("path", a.source().get().path());
      g.writeStringField("encoding", a.source().get().encoding());
      lines(g, Optional.of(a.source().get().lines()));
      optString(g, "digest", a.source().get().digest());
      g.writeEndObject();
    } else {
      g.writeNull();
    }
    g.writeEndObject();
  }

  private void writeCategories(JsonGenerator g, List<CategoryAssignment> categories) throws IOException {
    g.writeArrayFieldStart("categories");
    boolean primary = true;
    for (CategoryAssignment c : categories) {
      g.writeStartObject();
      g.writeStringField("slug", c.slug());
      Optional<Category> category = corpus.taxonomy().get(c.slug());
      g.writeStringField("name", category.map(Category::name).orElse(c.slug()));
      g.writeArrayFieldStart("path");
      if (category.isPresent()) {
        List<Category> up = corpus.taxonomy().pathToRoot(c.slug());
        for (int i = up.size() - 1; i >= 0; i--) {
          g.writeString(up.get(i).slug());
        }
      } else {
        g.writeString(c.slug());
      }
      g.writeEndArray();
      g.writeBooleanField("primary", primary);
      primary = false;
      g.writeStringField("source", JsonNames.source(c.source()));
      g.writeNumberField("score", c.score());
      g.writeStringField("reason", c.reason());
      g.writeArrayFieldStart("evidence");
      for (CategoryAssignment.Evidence e : c.evidence()) {
        g.writeStartObject();
        g.writeStringField("kind", e.kind());
        g.writeStringField("label", e.label());
        g.writeNumberField("weight", e.weight());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeBlock(JsonGenerator g, Block b) throws IOException {
    g.writeStartObject();
    if (b instanceof Block.Paragraph p) {
      g.writeStringField("type", "paragraph");
      g.writeStringField("text", p.plainText());
      inlines(g, "inlines", p.inlines());
    } else if (b instanceof Block.Heading h) {
      g.writeStringField("type", "heading");
      g.writeNumberField("level", h.level());
      g.writeStringField("text", h.plainText());
      inlines(g, "inlines", h.inlines());
    } else if (b instanceof Block.OrderedList l) {
      g.writeStringField("type", "list");
      g.writeArrayFieldStart("items");
      for (Block.ListItem item : l.items()) {
        g.writeStartObject();
        g.writeStringField("marker", item.marker());
        g.writeStringField("heading", item.headingText());
        g.writeStringField("text", item.bodyText());
        inlines(g, "headingInlines", item.heading());
        inlines(g, "textInlines", item.text());
        lines(g, item.lines());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    lines(g, b.lines());
    g.writeEndObject();
  }

  private static void inlines(JsonGenerator g, String field, List<Inline> runs) throws IOException {
    g.writeArrayFieldStart(field);
    for (Inline run : runs) {
      g.writeStartObject();
      g.writeStringField("text", run.text());
      g.writeBooleanField("strong", run.strong());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void writeRelated(JsonGenerator g, RelatedEntry e) throws IOException {
    String target = e.targetId()
        .or(() -> corpus.byTitle(e.title()).map(Article::id))
        .orElseGet(() -> Titles.stubId(e.title()));
    g.writeStartObject();
    g.writeStringField("id", target);
    g.writeStringField("title", e.title());
    optString(g, "excerpt", e.excerpt());
    g.writeFieldName("date");
    if (e.date().isPresent()) {
      g.writeString(e.date().get().toString());
    } else {
      g.writeNull();
    }
    g.writeBooleanField("resolved", corpus.isFull(target));
    lines(g, e.lines());
    g.writeEndObject();
  }

  private void writeGraph(JsonGenerator g, Article a) throws IOException {
    boolean inGraph = corpus.article(a.id()).isPresent();
    g.writeArrayFieldStart("relations");
    if (inGraph) {
      for (Relation r : corpus.graph().related(a.id())) {
        RelationWriter.write(g, corpus, r, r.target());
      }
    }
    g.writeEndArray();
    g.writeArrayFieldStart("backlinks");
    if (inGraph) {
      for (Relation r : corpus.graph().backlinks(a.id())) {
        g.writeStartObject();
        g.writeStringField("id", r.source());
        g.writeStringField("title", corpus.require(r.source()).title());
        g.writeStringField("kind", JsonNames.kind(r.kind()));
        g.writeEndObject();
      }
    }
    g.writeEndArray();
  }

  static void lines(JsonGenerator g, Optional<LineRange> lines) throws IOException {
    g.writeFieldName("lines");
    if (lines.isPresent()) {
      g.writeStartObject();
      g.writeNumberField("first", lines.get().first());
      g.writeNumberField("last", lines.get().last());
      g.writeEndObject();
    } else {
      g.writeNull();
    }
  }

  private static void optString(JsonGenerator g, String field, Optional<String> value) throws IOException {
    if (value.isPresent()) {
      g.writeStringField(field, value.get());
    } else {
      g.writeNullField(field);
    }
  }

  private static void optInt(JsonGenerator g, String field, OptionalInt value) throws IOException {
    if (value.isPresent()) {
      g.writeNumberField(field, value.getAsInt());
    } else {
      g.writeNullField(field);
    }
  }

  private static void optTime(JsonGenerator g, String field, Optional<OffsetDateTime> value)
      throws IOException {
    if (value.isPresent()) {
      g.writeStringField(field, JsonNames.time(value.get()));
    } else {
      g.writeNullField(field);
    }
  }
}

package dev.content.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.content.core.Article;
import dev.content.core.Corpus;
import dev.content.core.Relation;
import dev.content.json.internal.ArticleSerializer;
import dev.content.json.internal.RelationWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Writes articles of one {@link Corpus} as JSON; immutable and thread-safe. Get one from
 * {@link ArticleJson#writer(Corpus)}.
 */
public final class ArticleWriter {
  private final Corpus corpus;
  private final boolean pretty;
  private final boolean derived;
  private final ObjectMapper mapper;

  ArticleWriter(Corpus corpus, boolean pretty, boolean derived) {
    this.corpus = corpus;
    this.pretty = pretty;
    this.derived = derived;
    SimpleModule m = new SimpleModule("content-json");
    m.addSerializer(Article.class, new ArticleSerializer(corpus, derived));
    this.mapper = new ObjectMapper().registerModule(m)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    if (pretty) {
      // Two-space indentation and "key": value, the look of the documented example.
      DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));
      mapper.setDefaultPrettyPrinter(printer.withSeparators(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withArrayEmptySeparator("").withObjectEmptySeparator("")));
      mapper.enable(SerializationFeature.INDENT_OUTPUT);
    }
  }

  /** This writer indenting its output over several lines (JSON Lines output stays one line each). */
  public ArticleWriter pretty() {
    return new ArticleWriter(corpus, true, derived);
  }

  /**
   * This writer without the derived fields ({@code publishWindow}, {@code relations},
   * {@code backlinks}): only what the article itself holds.
   */
  public ArticleWriter withoutDerivedFields() {
    return new ArticleWriter(corpus, pretty, false);
  }

  public Corpus corpus() {
    return corpus;
  }

  /** The article as one JSON object (one line unless {@link #pretty()}). */
  public String write(Article article) {
    Objects.requireNonNull(article, "article must not be null");
    try {
      return mapper.writeValueAsString(article);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The article as a Jackson tree, to add or remove fields before writing. */
  public JsonNode toTree(Article article) {
    Objects.requireNonNull(article, "article must not be null");
    return mapper.valueToTree(article);
  }

  /** Writes the article to {@code out}, which stays open. */
  public void write(Article article, Writer out) throws IOException {
    Objects.requireNonNull(article, "article must not be null");
    Objects.requireNonNull(out, "out must not be null");
    mapper.writeValue(out, article);
  }

  /**
   * Writes each article as one line of JSON followed by {@code \n} (JSON Lines), in iteration order.
   * {@code out} is flushed, not closed.
   */
  public void writeJsonLines(Iterable<Article> articles, Writer out) throws IOException {
    Objects.requireNonNull(articles, "articles must not be null");
    Objects.requireNonNull(out, "out must not be null");
    com.fasterxml.jackson.databind.ObjectWriter line = mapper.writer().without(SerializationFeature.INDENT_OUTPUT);
    for (Article a : articles) {
      out.write(line.writeValueAsString(a));
      out.write('\n');
    }
    out.flush();
  }

  /** Writes every article of the corpus, stubs included, oldest first, as UTF-8 JSON Lines. */
  public void writeJsonLines(OutputStream out) throws IOException {
    Objects.requireNonNull(out, "out must not be null");
    Writer w = new java.io.BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    writeJsonLines(corpus.articles(), w);
  }

  /**
   * The related articles of {@code id} in display order as a JSON array of
   * {@code {id, title, stub, kind, score, reasons}} (explicit edges first, then computed ones).
   *
   * @throws IllegalArgumentException if the corpus has no such article
   */
  public String writeRelations(String id) {
    return writeRelationList(corpus.graph().related(Objects.requireNonNull(id, "id must not be null")));
  }

  /** These relations as a JSON array, each seen from its target. */
  public String writeRelationList(List<Relation> relations) {
    Objects.requireNonNull(relations, "relations must not be null");
    java.io.StringWriter s = new java.io.StringWriter();
    try (JsonGenerator g = mapper.getFactory().createGenerator(s)) {
      if (pretty) {
        g.setPrettyPrinter(mapper.getSerializationConfig().getDefaultPrettyPrinter());
      }
      g.writeStartArray();
      for (Relation r : relations) {
        RelationWriter.write(g, corpus, r, r.target());
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s.toString();
  }
}

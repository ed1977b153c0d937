package dev.content.json;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.content.core.Article;
import dev.content.core.Corpus;
import dev.content.json.internal.ArticleSerializer;
import java.util.Objects;

/**
 * The front door of the JSON format ({@code docs/json-format.md}).
 *
 * <pre>{@code
 * ArticleWriter json = ArticleJson.writer(corpus);
 * String one = json.write(corpus.require("cf47211e9869dcd2"));
 * json.writeJsonLines(System.out);                 // the whole corpus, stubs included
 * Article back = ArticleJson.reader().read(one);   // equals the corpus article
 * }</pre>
 */
public final class ArticleJson {
  private ArticleJson() {}

  /**
   * A writer that resolves related listings, category names and graph relations against
   * {@code corpus}; compact output with every derived field.
   */
  public static ArticleWriter writer(Corpus corpus) {
    return new ArticleWriter(Objects.requireNonNull(corpus, "corpus must not be null"), false, true);
  }

  /** A reader of articles in this format; thread-safe. */
  public static ArticleReader reader() {
    return ArticleReader.INSTANCE;
  }

  /**
   * A Jackson module that serialises {@link Article} in this format, for applications that put
   * articles inside their own JSON (for example a web API's response objects).
   */
  public static Module module(Corpus corpus) {
    Objects.requireNonNull(corpus, "corpus must not be null");
    SimpleModule m = new SimpleModule("content-json");
    m.addSerializer(Article.class, new ArticleSerializer(corpus, true));
    return m;
  }
}

package dev.content.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.content.core.Article;
import dev.content.json.internal.ArticleTreeReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads articles written by {@link ArticleWriter} back; thread-safe. Derived fields are ignored, so
 * {@code read(writer.write(a))} equals {@code a} for any article {@code a} of the writer's corpus.
 * Unknown fields are ignored too, so the format can grow.
 */
public final class ArticleReader {
  static final ArticleReader INSTANCE = new ArticleReader();

  private final ObjectMapper mapper = new ObjectMapper();

  private ArticleReader() {}

  /**
   * The article in this JSON object.
   *
   * @throws ArticleJsonException if it is not JSON or not an article
   */
  public Article read(String json) {
    Objects.requireNonNull(json, "json must not be null");
    return read(json, 0);
  }

  /**
   * The article in this JSON tree.
   *
   * @throws ArticleJsonException if it does not describe an article
   */
  public Article read(JsonNode tree) {
    Objects.requireNonNull(tree, "tree must not be null");
    return convert(tree, 0);
  }

  /**
   * Every article of JSON Lines input (blank lines are skipped), in order.
   *
   * @throws ArticleJsonException naming the first bad line
   * @throws IOException if reading fails
   */
  public List<Article> readJsonLines(Reader in) throws IOException {
    Objects.requireNonNull(in, "in must not be null");
    BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
    List<Article> out = new ArrayList<>();
    String line;
    int n = 0;
    while ((line = r.readLine()) != null) {
      n++;
      if (!line.isBlank()) {
        out.add(read(line, n));
      }
    }
    return out;
  }

  private Article read(String json, int line) {
    JsonNode tree;
    try {
      tree = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at " + (line > 0 ? "column " + e.getLocation().getColumnNr()
              : e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr());
      throw new ArticleJsonException(line, "", "malformed JSON" + where + ": " + e.getOriginalMessage(), e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw new ArticleJsonException(line, "$", "no JSON value", null);
    }
    return convert(tree, line);
  }

  private static Article convert(JsonNode tree, int line) {
    try {
      return ArticleTreeReader.read(tree);
    } catch (ArticleTreeReader.BadValue e) {
      throw new ArticleJsonException(line, e.path(), e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ArticleJsonException(line, "$", "not a valid article: " + e.getMessage(), e);
    }
  }
}

package dev.content.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.content.core.Article;
import dev.content.core.Corpus;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleReaderTest {

  @Test
  void readsBackEveryArticleOfACorpusUnchanged() {
    Corpus corpus = Fixtures.withComputed();
    ArticleWriter writer = ArticleJson.writer(corpus);
    for (Article a : corpus.articles()) {
      assertThat(ArticleJson.reader().read(writer.write(a))).isEqualTo(a);
      assertThat(ArticleJson.reader().read(writer.pretty().write(a))).isEqualTo(a);
    }
  }

  @Test
  void rebuildsTheSameCorpusFromItsJsonLines() throws Exception {
    Corpus corpus = Fixtures.corpus();
    StringWriter out = new StringWriter();
    ArticleJson.writer(corpus).writeJsonLines(corpus.articles(), out);
    List<Article> back = ArticleJson.reader().readJsonLines(new StringReader(out.toString()));
    Corpus rebuilt = Corpus.builder().taxonomy(corpus.taxonomy()).addAll(back).build();
    assertThat(rebuilt.articles()).isEqualTo(corpus.articles());
  }

  @Test
  void namesTheLineAndPathOfABadValue() {
    String good = ArticleJson.writer(Fixtures.corpus()).write(Fixtures.target());
    String bad = good.replace("\"type\":\"paragraph\"", "\"type\":\"quote\"");
    assertThatThrownBy(() -> ArticleJson.reader().readJsonLines(new StringReader(good + "\n\n" + bad)))
        .isInstanceOf(ArticleJsonException.class)
        .hasMessage("line 3: $.body[0].type: unknown block type \"quote\" (expected paragraph, heading or list)")
        .satisfies(e -> assertThat(((ArticleJsonException) e).path()).isEqualTo("$.body[0].type"));
  }

  @Test
  void rejectsAnArticleWithoutTitle() {
    assertThatThrownBy(() -> ArticleJson.reader().read("{\"id\":\"abc\"}"))
        .isInstanceOf(ArticleJsonException.class)
        .hasMessage("$.title: missing");
  }

  @Test
  void rejectsATimeWithoutOffset() {
    assertThatThrownBy(() -> ArticleJson.reader().read(
        "{\"id\":\"abc\",\"title\":\"t\",\"previousPostAt\":\"2025-09-27T07:19:00\"}"))
        .isInstanceOf(ArticleJsonException.class)
        .hasMessageStartingWith("$.previousPostAt: expected an ISO-8601 time with offset");
  }

  @Test
  void reportsMalformedJsonWithItsPosition() {
    assertThatThrownBy(() -> ArticleJson.reader().readJsonLines(new StringReader("{\"id\":")))
        .isInstanceOf(ArticleJsonException.class)
        .hasMessageStartingWith("line 1: malformed JSON at column ");
  }

  @Test
  void rejectsAStubWhoseIdDoesNotMatchItsTitle() {
    assertThatThrownBy(() -> ArticleJson.reader().read(
        "{\"id\":\"s-0000000000000000\",\"stub\":true,\"title\":\"征信\"}"))
        .isInstanceOf(ArticleJsonException.class)
        .hasMessageStartingWith("$.id: stub id s-0000000000000000 does not match its title");
  }
}

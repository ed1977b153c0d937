package dev.content.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.content.core.Article;
import dev.content.core.Corpus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ArticleWriterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }

  @Test
  void writesEveryFieldOfAFullArticle() throws Exception {
    Corpus corpus = Fixtures.corpus();
    String stubId = corpus.byTitle("征信上的网贷账户怎么消除").orElseThrow().id();
    JsonNode actual = json(ArticleJson.writer(corpus).write(corpus.require("cf47211e9869dcd2")));
    JsonNode expected = json("""
        {"id":"cf47211e9869dcd2","stub":false,"title":"网贷逾期了如何防止爆通讯录",
         "pageTitle":"网贷逾期了如何防止爆通讯录 - 站点","author":"admin","likes":0,
         "previousPostAt":"2025-09-27T07:19:00+08:00","nextPostAt":"2025-09-27T07:33:00+08:00",
         "publishWindow":{"notBefore":"2025-09-27T07:19:00+08:00","notAfter":"2025-09-27T07:33:00+08:00"},
         "date":null,"excerpt":null,
         "categories":[
          {"slug":"collection","name":"催收","path":["debt","collection"],"primary":true,"source":"rules",
           "score":4.0,"reason":"标题含“通讯录”(×3)","evidence":[{"kind":"term-title","label":"通讯录","weight":3.0}]},
          {"slug":"debt","name":"债务","path":["debt"],"primary":false,"source":"neighbours","score":0.5,
           "reason":"相似文章投票","evidence":[{"kind":"neighbour","label":"a1b2","weight":0.42}]}],
         "body":[
          {"type":"paragraph","text":"近年来,随着网络借贷的普及。",
           "inlines":[{"text":"近年来,随着网络借贷的普及。","strong":false}],"lines":{"first":5,"last":5}},
          {"type":"heading","level":2,"text":"一、法律是怎么规定的",
           "inlines":[{"text":"一、法律是怎么规定的","strong":false}],"lines":{"first":7,"last":7}},
          {"type":"list","items":[
            {"marker":"1.","heading":"保持沟通,避免失联","text":"一旦发现自己可能无法按时还款。",
             "headingInlines":[{"text":"保持沟通,避免失联","strong":true}],
             "textInlines":[{"text":"一旦发现自己可能无法按时还款。","strong":false}],"lines":{"first":9,"last":10}},
            {"marker":"（2）","heading":"","text":"答案是:可以。","headingInlines":[],
             "textInlines":[{"text":"答案是:","strong":false},{"text":"可以","strong":true},{"text":"。","strong":false}],
             "lines":{"first":12,"last":12}}],
           "lines":{"first":9,"last":12}}],
         "related":[
          {"id":"%s","title":"征信上的网贷账户怎么消除","excerpt":"征信上的网贷账户无法直接“消除”…",
           "date":"2025-10-24","resolved":false,"lines":{"first":44,"last":48}},
          {"id":"0123456789abcdef","title":"逾期平台打电话骚扰家人违法吗","excerpt":null,"date":null,
           "resolved":true,"lines":{"first":59,"last":59}}],
         "relations":[
          {"id":"%s","title":"征信上的网贷账户怎么消除","stub":true,"kind":"explicit","score":0.0,
           "reasons":[{"kind":"page","label":"1","weight":1.0}]},
          {"id":"0123456789abcdef","title":"逾期平台打电话骚扰家人违法吗","stub":false,"kind":"explicit","score":0.0,
           "reasons":[{"kind":"page","label":"2","weight":1.0}]}],
         "backlinks":[],
         "source":{"path":"000_cf47211e9869dcd2.txt","encoding":"UTF-8","lines":{"first":1,"last":68},"digest":null}}
        """.formatted(stubId, stubId));
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void writesAStubWithItsListingFactsAndBacklinks() throws Exception {
    Corpus corpus = Fixtures.corpus();
    Article stub = corpus.byTitle("征信上的网贷账户怎么消除").orElseThrow();
    JsonNode actual = json(ArticleJson.writer(corpus).write(stub));
    assertThat(actual.get("stub").asBoolean()).isTrue();
    assertThat(actual.get("date").asText()).isEqualTo("2025-10-24");
    assertThat(actual.get("publishWindow").toString()).isEqualTo(
        "{\"notBefore\":\"2025-10-24T00:00:00+08:00\",\"notAfter\":\"2025-10-24T23:59:59.999+08:00\"}");
    assertThat(actual.get("body").size()).isZero();
    assertThat(actual.get("source").isNull()).isTrue();
    assertThat(actual.get("backlinks").toString()).isEqualTo(
        "[{\"id\":\"cf47211e9869dcd2\",\"title\":\"网贷逾期了如何防止爆通讯录\",\"kind\":\"explicit\"}]");
  }

  @Test
  void writesComputedRelationsWithKindScoreAndReasons() throws Exception {
    Corpus corpus = Fixtures.withComputed();
    String stubId = corpus.byTitle("征信上的网贷账户怎么消除").orElseThrow().id();
    String relations = ArticleJson.writer(corpus).writeRelations("0123456789abcdef");
    assertThat(json(relations)).isEqualTo(json("""
        [{"id":"%s","title":"征信上的网贷账户怎么消除","stub":true,"kind":"computed","score":0.31,
          "reasons":[{"kind":"shared-term","label":"网贷","weight":0.2},
                     {"kind":"shared-category","label":"debt","weight":0.1}]}]
        """.formatted(stubId)));
    JsonNode article = json(ArticleJson.writer(corpus).write(corpus.require("0123456789abcdef")));
    assertThat(article.get("relations")).isEqualTo(json(relations));
  }

  @Test
  void writesJsonLinesOfTheWholeCorpusStubsIncluded() throws Exception {
    Corpus corpus = Fixtures.corpus();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ArticleJson.writer(corpus).pretty().writeJsonLines(out);
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n", -1);
    assertThat(lines).hasSize(corpus.size() + 1);
    assertThat(lines[lines.length - 1]).isEmpty();
    for (int i = 0; i < corpus.size(); i++) {
      assertThat(json(lines[i]).get("id").asText()).isEqualTo(corpus.articles().get(i).id());
    }
  }

  @Test
  void resolvesListingsByTitleForAnArticleOutsideTheCorpus() throws Exception {
    Corpus corpus = Corpus.builder().add(Fixtures.target()).build();
    JsonNode actual = json(ArticleJson.writer(corpus).write(Fixtures.seedLike()));
    assertThat(actual.get("related").get(1).get("id").asText()).isEqualTo("0123456789abcdef");
    assertThat(actual.get("related").get(1).get("resolved").asBoolean()).isTrue();
    assertThat(actual.get("related").get(0).get("id").asText()).startsWith("s-");
    assertThat(actual.get("relations").size()).isZero();
  }

  @Test
  void leavesOutDerivedFieldsWhenAsked() throws Exception {
    Corpus corpus = Fixtures.corpus();
    JsonNode actual = json(ArticleJson.writer(corpus).withoutDerivedFields()
        .write(corpus.require("cf47211e9869dcd2")));
    assertThat(actual.has("publishWindow")).isFalse();
    assertThat(actual.has("relations")).isFalse();
    assertThat(actual.has("backlinks")).isFalse();
    assertThat(actual.has("related")).isTrue();
  }

  @Test
  void serialisesArticlesInsideOtherObjectsThroughTheModule() throws Exception {
    Corpus corpus = Fixtures.corpus();
    ObjectMapper app = new ObjectMapper().registerModule(ArticleJson.module(corpus));
    String out = app.writeValueAsString(java.util.Map.of("article", corpus.require("0123456789abcdef")));
    assertThat(json(out).get("article").get("title").asText()).isEqualTo("逾期平台打电话骚扰家人违法吗");
  }
}

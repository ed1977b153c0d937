package dev.content.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.content.core.Article;
import dev.content.core.Block;
import dev.content.core.Corpus;
import dev.content.core.Inline;
import dev.content.core.RelatedEntry;
import java.util.List;
import java.util.Optional;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

class ArticleViewTest {
  private static final Article HOSTILE = Article.builder("0000000000000bad", "标题\u001b]0;pwned\u0007")
      .addBlock(new Block.Paragraph(List.of(Inline.plain("清屏\u001b[2J"), Inline.strong("变红\u001b[31m"))))
      .addBlock(new Block.OrderedList(List.of(new Block.ListItem("1.", List.of(Inline.strong("要点\u001b[5m")),
          List.of(Inline.plain("正文\u009b2J")), Optional.empty())), Optional.empty()))
      .addRelated(RelatedEntry.of("相关\u001b[H", Optional.of("摘要"), Optional.empty()))
      .build();

  @Test
  void escapeSequencesInArticleTextNeverReachTheTerminal() {
    Corpus corpus = Corpus.builder().add(HOSTILE).build();
    for (Theme.Mode mode : Theme.Mode.values()) {
      List<AttributedString> lines = new ArticleView(corpus, new Theme(mode), 60)
          .render(corpus.require("0000000000000bad")).lines();
      String sent = String.join("\n", lines.stream().map(l -> mode == Theme.Mode.PLAIN ? l.toString() : Ansi.of(l)).toList());
      assertThat(sent.replaceAll("\u001b\\[[0-9;]*m", "")).as(mode.name())
          .doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u009b")
          .contains("清屏␛[2J").contains("标题␛]0;pwned␇").contains("正文\ufffd2J").contains("相关␛[H");
    }
  }

  @Test
  void linksTheRelatedEntriesInPageOrder() {
    Corpus corpus = Corpus.builder().add(HOSTILE).build();
    ArticleView.Rendered r = new ArticleView(corpus, new Theme(Theme.Mode.PLAIN), 60)
        .render(corpus.require("0000000000000bad"));
    assertThat(r.links()).containsExactly(corpus.byTitle("相关\u001b[H").orElseThrow().id());
    assertThat(r.lines().stream().map(AttributedString::toString))
        .contains("1. 要点␛[5m", "   正文\ufffd2J", "[1] ○ 相关␛[H");
  }
}

package dev.content.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.content.core.Block;
import dev.content.core.Inline;
import dev.content.generator.internal.BodyBuilder;
import dev.content.generator.internal.LawDocument.Unit;
import dev.content.generator.internal.Numerals;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyBuilderTest {

  @Test
  void numbersSectionHeadingsTheChineseWay() {
    List<Block> blocks = BodyBuilder.blocks(List.of(
        new Unit(true, "总则"), new Unit(false, "第一条 为了规范管理,制定本办法。"),
        new Unit(true, "附则"), new Unit(false, "第二条 本办法自公布之日起施行。")),
        BodyBuilder.MarkerStyle.DOT, false);
    assertThat(blocks).extracting(Block::plainText).containsExactly(
        "一、总则", "第一条 为了规范管理,制定本办法。", "二、附则", "第二条 本办法自公布之日起施行。");
  }

  @Test
  void turnsEnumerationsIntoPointsWithABoldLead() {
    List<Block> blocks = BodyBuilder.blocks(List.of(
        new Unit(false, "(一)保持沟通,避免失联。"),
        new Unit(false, "(二)有独立的经营场所;"),
        new Unit(false, "其他情形。")), BodyBuilder.MarkerStyle.FULL_PAREN, false);
    assertThat(blocks).hasSize(2);
    Block.OrderedList list = (Block.OrderedList) blocks.get(0);
    assertThat(list.items()).extracting(Block.ListItem::marker).containsExactly("（1）", "（2）");
    assertThat(list.items().get(0).heading()).containsExactly(Inline.strong("保持沟通"));
    assertThat(list.items().get(0).bodyText()).isEqualTo("避免失联。");
    assertThat(list.items().get(1).headingText()).isEqualTo("有独立的经营场所");
    assertThat(list.items().get(1).text()).isEmpty();
  }

  @Test
  void writesEveryNumberedParagraphAsAPointSoThatItReadsBackTheSame() {
    String longItem = "只有一条,但它很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。";
    List<Block> blocks = BodyBuilder.blocks(List.of(new Unit(false, "1）" + longItem.replace(",", ""))),
        BodyBuilder.MarkerStyle.DOT, false);
    Block.OrderedList list = (Block.OrderedList) blocks.get(0);
    assertThat(list.items()).singleElement().satisfies(it -> {
      assertThat(it.marker()).isEqualTo("1.");
      assertThat(it.heading()).isEmpty();
      assertThat(it.bodyText()).isEqualTo(longItem.replace(",", ""));
    });
  }

  @Test
  void showsLawArticleNumbersStrongWhenAsked() {
    Block b = BodyBuilder.blocks(List.of(new Unit(false, "第十二条 应当登记。")), BodyBuilder.MarkerStyle.DOT, true).get(0);
    assertThat(((Block.Paragraph) b).inlines()).containsExactly(Inline.strong("第十二条"), Inline.plain(" 应当登记。"));
  }

  @Test
  void excerptsFlattenTheBodyToOneLineOf180Characters() {
    String para = "近年来,随着网络借贷的普及,越来越多的人选择通过网贷平台解决资金需求。".repeat(3);
    List<Block> blocks = BodyBuilder.blocks(List.of(new Unit(false, para),
        new Unit(false, "1. 保留证据:保存聊天记录。"), new Unit(false, "2. 联系客服:尽快。"),
        new Unit(false, para)), BodyBuilder.MarkerStyle.DOT, false);
    String excerpt = BodyBuilder.excerpt(blocks, 180);
    assertThat(excerpt).endsWith("…").doesNotContain("\n");
    assertThat(excerpt.codePointCount(0, excerpt.length())).isEqualTo(181);
    assertThat(excerpt).contains(para + " 1. **保留证据**:保存聊天记录。 2. **联系客服**:尽快。 近年来");
  }

  @Test
  void writesChineseNumerals() {
    assertThat(List.of(1, 10, 12, 20, 21, 100, 105, 110, 1001))
        .extracting(Numerals::chinese)
        .containsExactly("一", "十", "十二", "二十", "二十一", "一百", "一百零五", "一百一十", "一千零一");
  }
}

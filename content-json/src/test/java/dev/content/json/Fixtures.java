package dev.content.json;

import dev.content.core.Article;
import dev.content.core.Block;
import dev.content.core.Category;
import dev.content.core.CategoryAssignment;
import dev.content.core.Corpus;
import dev.content.core.Inline;
import dev.content.core.LineRange;
import dev.content.core.RelatedEntry;
import dev.content.core.Relation;
import dev.content.core.Source;
import dev.content.core.Taxonomy;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small corpora built with the core builders, covering every field of the format. */
final class Fixtures {
  private Fixtures() {}

  static final Taxonomy TAXONOMY = Taxonomy.of(List.of(
      new Category("debt", "债务", Optional.empty(), "", 1),
      new Category("collection", "催收", Optional.of("debt"), "", 1)));

  static Article seedLike() {
    return Article.builder("cf47211e9869dcd2", "网贷逾期了如何防止爆通讯录")
        .pageTitle("网贷逾期了如何防止爆通讯录 - 站点")
        .author("admin")
        .likes(0)
        .previousPostAt(OffsetDateTime.parse("2025-09-27T07:19:00+08:00"))
        .nextPostAt(OffsetDateTime.parse("2025-09-27T07:33:00+08:00"))
        .addBlock(new Block.Paragraph(List.of(Inline.plain("近年来,随着网络借贷的普及。")),
            Optional.of(LineRange.of(5))))
        .addBlock(new Block.Heading(2, List.of(Inline.plain("一、法律是怎么规定的")),
            Optional.of(LineRange.of(7))))
        .addBlock(new Block.OrderedList(List.of(
            new Block.ListItem("1.", List.of(Inline.strong("保持沟通,避免失联")),
                List.of(Inline.plain("一旦发现自己可能无法按时还款。")), Optional.of(new LineRange(9, 10))),
            new Block.ListItem("（2）", List.of(), List.of(Inline.plain("答案是:"),
                Inline.strong("可以"), Inline.plain("。")), Optional.of(new LineRange(12, 12)))),
            Optional.of(new LineRange(9, 12))))
        .addRelated(new RelatedEntry("征信上的网贷账户怎么消除", Optional.of("征信上的网贷账户无法直接“消除”…"),
            Optional.of(LocalDate.of(2025, 10, 24)), Optional.empty(), Optional.of(new LineRange(44, 48))))
        .addRelated(new RelatedEntry("逾期平台打电话骚扰家人违法吗", Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.of(new LineRange(59, 59))))
        .categories(List.of(
            new CategoryAssignment("collection", CategoryAssignment.Source.RULES, 4.0,
                "标题含“通讯录”(×3)", List.of(new CategoryAssignment.Evidence("term-title", "通讯录", 3.0))),
            new CategoryAssignment("debt", CategoryAssignment.Source.NEIGHBOURS, 0.5, "相似文章投票",
                List.of(new CategoryAssignment.Evidence("neighbour", "a1b2", 0.42)))))
        .source(new Source("000_cf47211e9869dcd2.txt", "UTF-8", new LineRange(1, 68)))
        .build();
  }

  static Article target() {
    return Article.builder("0123456789abcdef", "逾期平台打电话骚扰家人违法吗")
        .previousPostAt(OffsetDateTime.parse("2025-10-29T00:08:00+08:00"))
        .addBlock(new Block.Paragraph(List.of(Inline.plain("逾期平台打电话骚扰家人是否违法。"))))
        .build();
  }

  static Corpus corpus() {
    return Corpus.builder().taxonomy(TAXONOMY).add(seedLike()).add(target()).build();
  }

  /** The corpus with a computed edge from the seed to the resolved target and to the stub. */
  static Corpus withComputed() {
    Corpus c = corpus();
    String stub = c.byTitle("征信上的网贷账户怎么消除").orElseThrow().id();
    return c.withComputedRelations(Map.of("0123456789abcdef", List.of(
        new Relation("0123456789abcdef", stub, Relation.Kind.COMPUTED, 0.31, List.of(
            new Relation.Reason(Relation.ReasonKind.SHARED_TERM, "网贷", 0.2),
            new Relation.Reason(Relation.ReasonKind.SHARED_CATEGORY, "debt", 0.1))))));
  }
}

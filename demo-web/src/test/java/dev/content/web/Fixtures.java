package dev.content.web;

import dev.content.core.Article;
import dev.content.core.Block;
import dev.content.core.Category;
import dev.content.core.CategoryAssignment;
import dev.content.core.Corpus;
import dev.content.core.Inline;
import dev.content.core.RelatedEntry;
import dev.content.core.Taxonomy;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Small corpora built in memory for handler and browser tests. */
final class Fixtures {
  static final String SEED = "cf47211e9869dcd2";
  static final String CREDIT = "a1b2c3d4e5f60718";
  static final String FRAUD = "0f1e2d3c4b5a6978";
  static final String HOSTILE = "deadbeefdeadbeef";
  static final ZoneOffset CST = ZoneOffset.ofHours(8);

  private Fixtures() {}

  static Taxonomy taxonomy() {
    return Taxonomy.of(List.of(
        new Category("loans", "网贷", Optional.empty(), "网络借贷的还款、逾期与协商。", 1),
        new Category("collection", "催收", Optional.of("loans"), "催收骚扰与应对。", 1),
        new Category("credit", "征信", Optional.empty(), "个人征信记录与修复。", 2),
        new Category("fraud", "诈骗维权", Optional.empty(), "被骗后如何追回与投诉。", 3)));
  }

  static CategoryAssignment rule(String slug, String reason) {
    return new CategoryAssignment(slug, CategoryAssignment.Source.RULES, 3, reason,
        List.of(new CategoryAssignment.Evidence("term-title", reason, 3)));
  }

  private static Block.ListItem item(String marker, String lead, String text) {
    return new Block.ListItem(marker, List.of(Inline.strong(lead)), List.of(Inline.plain(text)), Optional.empty());
  }

  /** The seed page as the loader reads it: seven numbered points with bold leads, six related entries. */
  static Article seed() {
    return Article.builder(SEED, "网贷逾期了如何防止爆通讯录")
        .author("admin").likes(0)
        .previousPostAt(OffsetDateTime.of(2025, 9, 27, 7, 19, 0, 0, CST))
        .nextPostAt(OffsetDateTime.of(2025, 9, 27, 7, 33, 0, 0, CST))
        .addBlock(new Block.Paragraph(List.of(Inline.plain(
            "近年来,随着网络借贷的普及,越来越多的人选择通过网贷平台解决资金需求。然而,一旦出现逾期还款的情况,不仅会影响个人征信,还可能面临催收公司的骚扰,甚至被“爆通讯录”。"))))
        .addBlock(new Block.Paragraph(List.of(Inline.plain("那么,网贷逾期了如何防止“爆通讯录”呢?以下是一些实用建议:"))))
        .addBlock(new Block.OrderedList(List.of(
            item("1.", "保持沟通,避免失联", "一旦发现自己可能无法按时还款,应第一时间与贷款平台或金融机构联系。"),
            item("2.", "不轻易透露个人信息", "遇到催收电话时,不要随意透露自己的身份信息、家庭住址、工作单位等。"),
            item("3.", "设置隐私保护功能", "在手机上设置来电拦截或开启隐私保护功能,避免陌生号码频繁打扰。"),
            item("4.", "使用虚拟号码或临时号码", "在申请网贷时,尽量使用虚拟号码或临时手机号。"),
            item("5.", "选择正规平台", "尽量选择持牌经营、合法合规的网贷平台。"),
            item("6.", "了解相关法律法规", "根据《中华人民共和国民法典》和《个人信息保护法》,任何机构不得非法收集、使用、泄露用户个人信息。"),
            item("7.", "保留证据,依法维权", "如果遭遇恶意催收或信息泄露,要保留相关证据。")), Optional.empty()))
        .addBlock(new Block.Paragraph(List.of(Inline.plain("总之,网贷逾期并不可怕,关键在于如何应对。"))))
        .addRelated(RelatedEntry.of("微信买东西被骗了钱怎么追回来了",
            Optional.of("微信买东西被骗了钱,是一种常见的网络诈骗行为。…"), Optional.of(LocalDate.of(2025, 9, 16))))
        .addRelated(RelatedEntry.of("征信上的网贷账户怎么消除",
            Optional.of("征信上的网贷账户无法直接“消除”,但可以通过合法合规的方式进行修复或更新。…"),
            Optional.of(LocalDate.of(2025, 10, 24))))
        .addRelated(RelatedEntry.of("网贷提前还款有违约金怎么办",
            Optional.of("随着互联网金融的发展,越来越多的人选择通过网贷平台借款。…"),
            Optional.of(LocalDate.of(2025, 10, 29))))
        .categories(List.of(rule("collection", "标题含“爆通讯录”(×3)"), rule("loans", "标题含“网贷”(×3)")))
        .build();
  }

  static Article credit() {
    return Article.builder(CREDIT, "征信上的网贷账户怎么消除")
        .author("admin").likes(3)
        .previousPostAt(OffsetDateTime.of(2025, 10, 24, 9, 0, 0, 0, CST))
        .nextPostAt(OffsetDateTime.of(2025, 10, 24, 9, 30, 0, 0, CST))
        .addBlock(new Block.Paragraph(List.of(Inline.plain("征信上的网贷账户无法直接“消除”,但可以通过合法合规的方式进行修复或更新。"))))
        .addBlock(new Block.Heading(2, List.of(Inline.plain("一、法律是怎么规定的")), Optional.empty()))
        .addBlock(new Block.Paragraph(List.of(Inline.plain("按时还款是改善征信的关键,"), Inline.strong("逾期记录保留五年"),
            Inline.plain("。"))))
        .addRelated(RelatedEntry.of("网贷逾期了如何防止爆通讯录", Optional.of("近年来,随着网络借贷的普及…"),
            Optional.of(LocalDate.of(2025, 9, 27))))
        .categories(List.of(rule("credit", "标题含“征信”(×3)")))
        .build();
  }

  static Article fraud() {
    return Article.builder(FRAUD, "微信买东西被骗了钱怎么追回来了")
        .author("编辑部").likes(12)
        .previousPostAt(OffsetDateTime.of(2025, 9, 16, 20, 5, 0, 0, CST))
        .addBlock(new Block.Paragraph(List.of(Inline.plain("微信买东西被骗了钱,是一种常见的网络诈骗行为。发现被骗后应立即保留证据并报警。"))))
        .categories(List.of(rule("fraud", "标题含“被骗”(×3)")))
        .build();
  }

  /** Markup and script in every text field: none of it may ever execute or render as markup. */
  static Article hostile() {
    String t = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">恶意标题";
    return Article.builder(HOSTILE, t)
        .author("<b onmouseover=\"window.__pwned=3\">攻击者</b>").likes(1)
        .previousPostAt(OffsetDateTime.of(2025, 11, 1, 8, 0, 0, 0, CST))
        .addBlock(new Block.Paragraph(List.of(Inline.plain("正文 <script>window.__pwned=4</script> "),
            Inline.strong("<img src=x onerror=window.__pwned=5>"),
            Inline.plain(" <a href=\"javascript:window.__pwned=6\">点我</a> </script><script>window.__pwned=7</script>"))))
        .addBlock(new Block.OrderedList(List.of(new Block.ListItem("1.",
            List.of(Inline.strong("<svg onload=window.__pwned=8>")),
            List.of(Inline.plain("\"><script>window.__pwned=9</script>")), Optional.empty())), Optional.empty()))
        .addRelated(RelatedEntry.of("<script>window.__pwned=10</script>网贷逾期",
            Optional.of("<img src=x onerror=window.__pwned=11>摘要 javascript:alert(1)"),
            Optional.of(LocalDate.of(2025, 11, 1))))
        .addRelated(RelatedEntry.of("网贷逾期了如何防止爆通讯录", Optional.empty(), Optional.empty()))
        .categories(List.of(rule("loans", "<i>理由</i>")))
        .build();
  }

  static Corpus corpus() {
    return Corpus.builder().taxonomy(taxonomy()).add(seed()).add(credit()).add(fraud()).build();
  }

  static Corpus hostileCorpus() {
    return Corpus.builder().taxonomy(taxonomy()).add(seed()).add(hostile()).build();
  }
}

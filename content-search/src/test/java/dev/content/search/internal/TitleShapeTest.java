package dev.content.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TitleShapeTest {
  @Test
  void namesHowATitleBeginsAndEndsEachPunctuationMarkWithItsNeighboursAndItsLength() {
    // Full-width punctuation is folded to half-width first, as everywhere in matching.
    assertThat(String.join("\n", TitleShape.terms("港股：恒指收涨1%（组图）"))).isEqualTo("""
        ^港股
        组图$
        p::
        股|:
        :|恒
        p:%
        1|%
        %|(
        p:(
        (|组
        p:)
        图|)
        #len:3""");
  }

  @Test
  void aTitleWithoutChineseOrPunctuationHasItsLengthAndSpacesForForm() {
    assertThat(TitleShape.terms("iphone 15 pro")).containsExactly("#len:3", "#space");
    // Spaces around a title are no part of it.
    assertThat(TitleShape.terms(" 　ipad　")).containsExactly("#len:1");
    assertThat(TitleShape.terms("")).isEmpty();
    // One character alone opens and closes the title.
    assertThat(TitleShape.terms("囧")).containsExactly("^囧", "囧$", "#len:0");
    assertThat(TitleShape.terms("中".repeat(40))).contains("#len:8");
  }

  @Test
  void formTermsNeverCollideWithCharacterTerms() {
    for (String title : List.of("港股：恒指收涨1%（组图）", "《魔兽世界》新版本今日上线", "国务院关于修改《条例》的决定",
        "ipad|价格^下调$5%", "p:某某")) {
      String[] chars = ClassProfiles.terms(title, "");
      assertThat(TitleShape.terms(title)).as(title).doesNotContainAnyElementsOf(Arrays.asList(chars));
    }
  }

  @Test
  void displaysFormTermsAsAReaderSeesThem() {
    assertThat(Stream.of("^港股", "组图$", "p::", "股|:", "(|组", "#len:5", "#len:8", "#space", "房价")
        .map(TitleShape::display))
        .containsExactly("港股…", "…组图", ":", "股:", "(组", "标题 20–23 字", "标题 32 字以上", "标题有空格", "房价");
  }

  @Test
  void termWeightsLearnAFormThatTheCharactersDoNotShow() {
    // The same market news, with the source's colon (category 0) or without it (category 1): only the
    // form tells them apart. A new headline with the colon goes to category 0, and its evidence says why.
    List<String> titles = List.of("港股：恒指收涨", "沪指：午后走强", "美股：道指下跌", "港股恒指收涨", "沪指午后走强",
        "美股道指下跌");
    List<String[]> rows = titles.stream().map(TitleShapeTest::read).toList();
    LinearTerms w = LinearTerms.train(new LinearTerms.Space(rows), 2, new int[] {0, 1, 2, 3, 4, 5},
        new int[] {0, 0, 0, 1, 1, 1}, null, 1);
    double[] s = w.scores(read("金价：小幅回落"));
    assertThat(s[0]).isGreaterThan(s[1]);
    assertThat(w.evidence(read("金价：小幅回落"), 0, 1, 3)).extracting(Map.Entry::getKey).contains("p::");
    // Without the form, the characters alone cannot place it: none of them was ever seen.
    LinearTerms chars = LinearTerms.train(new LinearTerms.Space(titles.stream()
        .map(t -> ClassProfiles.terms(t, "")).toList()), 2, new int[] {0, 1, 2, 3, 4, 5},
        new int[] {0, 0, 0, 1, 1, 1}, null, 1);
    assertThat(chars.evidence(ClassProfiles.terms("金价：小幅回落", ""), 0, 1, 3)).isEmpty();
  }

  private static String[] read(String title) {
    return Stream.concat(Arrays.stream(ClassProfiles.terms(title, "")), Arrays.stream(TitleShape.terms(title)))
        .toArray(String[]::new);
  }
}

package dev.content.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.content.search.TermMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassProfilesTest {
  @Test
  void unigramsAndBigramsModeKeepsEveryCharacterAndEveryPair() {
    assertThat(new TermExtractor(TermMode.UNIGRAMS_BIGRAMS).bag("网贷逾期 2024 APP").keySet())
        .containsExactlyInAnyOrder("网", "贷", "逾", "期", "网贷", "贷逾", "逾期", "app");
    assertThat(new TermExtractor(TermMode.BIGRAMS).bag("网贷逾期").keySet())
        .containsExactlyInAnyOrder("网贷", "贷逾", "逾期");
  }

  @Test
  void anArticleLooksLikeTheProfileOfItsCategorysArticles() {
    ClassProfiles p = profiles();
    double[] s = p.logScores(ClassProfiles.terms("房价上涨", ""), -1);
    assertThat(s[1]).isGreaterThan(s[0]);
    double[] shares = ClassProfiles.posterior(s, 1);
    assertThat(shares[0] + shares[1]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(ClassProfiles.posterior(s, 10)[1]).isLessThan(shares[1]).isGreaterThan(0.5);
  }

  @Test
  void aLabelledArticleIsLeftOutOfItsOwnProfile() {
    // Its own terms count no more in the sports profile it is compared with.
    ClassProfiles p = profiles();
    String[] own = ClassProfiles.terms("球迷狂欢", "");
    assertThat(p.logScores(own, 0)[0]).isLessThan(p.logScores(own, -1)[0]);
  }

  @Test
  void evidenceListsTheTermsThatFavourTheWinner() {
    ClassProfiles p = profiles();
    List<Map.Entry<String, Double>> e = p.evidence(ClassProfiles.terms("房价与球赛", ""), -1, 1, 0, 3);
    assertThat(e).extracting(Map.Entry::getKey).contains("房价").doesNotContain("球赛");
    assertThat(e).extracting(Map.Entry::getValue).allSatisfy(w -> assertThat(w).isPositive());
  }

  @Test
  void profilesPlusMoreArticlesAreTheProfilesOfAllOfThem() {
    List<String[]> first = List.of(ClassProfiles.terms("球赛直播", ""), ClassProfiles.terms("房价下跌", ""));
    List<String[]> more = List.of(ClassProfiles.terms("足球球赛", "球迷"), ClassProfiles.terms("房价调控", ""),
        ClassProfiles.terms("球迷狂欢", ""));
    ClassProfiles base = ClassProfiles.build(2, first, new int[] {0, 1}, 0.3);
    ClassProfiles plus = base.plus(more, new int[] {0, 1, 0});
    ClassProfiles all = ClassProfiles.build(2, List.of(first.get(0), first.get(1), more.get(0), more.get(1),
        more.get(2)), new int[] {0, 1, 0, 1, 0}, 0.3);
    for (String[] t : List.of(ClassProfiles.terms("球迷看球赛", ""), ClassProfiles.terms("房价", "调控"))) {
      for (int own = -1; own < 2; own++) {
        assertThat(plus.logScores(t, own)).containsExactly(all.logScores(t, own));
        assertThat(plus.evidence(t, own, 0, 1, 5)).isEqualTo(all.evidence(t, own, 0, 1, 5));
      }
    }
    // The profiles added to are left as they were.
    assertThat(base.logScores(ClassProfiles.terms("球迷", ""), -1))
        .containsExactly(ClassProfiles.build(2, first, new int[] {0, 1}, 0.3).logScores(ClassProfiles.terms("球迷", ""), -1));
  }

  private static ClassProfiles profiles() {
    List<String[]> terms = List.of(ClassProfiles.terms("球赛直播", ""), ClassProfiles.terms("足球球赛", ""),
        ClassProfiles.terms("球迷狂欢", ""), ClassProfiles.terms("房价下跌", ""), ClassProfiles.terms("房价调控", ""));
    return ClassProfiles.build(2, terms, new int[] {0, 0, 0, 1, 1}, 0.3);
  }
}

package dev.content.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearTermsTest {
  private static final List<String[]> TEXTS = List.of(ClassProfiles.terms("球赛直播", ""),
      ClassProfiles.terms("足球球赛", ""), ClassProfiles.terms("球迷狂欢", ""), ClassProfiles.terms("房价下跌", ""),
      ClassProfiles.terms("房价调控", ""), ClassProfiles.terms("楼市调控", ""));
  private static final int[] LABELS = {0, 0, 0, 1, 1, 1};

  @Test
  void aTextScoresHighestForTheCategoryWhoseTermsItShares() {
    LinearTerms w = LinearTerms.train(new LinearTerms.Space(TEXTS), 2, new int[] {0, 1, 2, 3, 4, 5}, LABELS, null, 1);
    double[] s = w.scores(ClassProfiles.terms("房价上涨", ""));
    assertThat(s[1]).isGreaterThan(s[0]);
    double[] t = w.scores(ClassProfiles.terms("球赛转播", ""));
    assertThat(t[0]).isGreaterThan(t[1]);
    // The training texts themselves are separated: the decision values have the right sign.
    for (int row = 0; row < TEXTS.size(); row++) {
      double[] r = w.scores(row);
      assertThat(r[LABELS[row]]).as("row %d", row).isPositive();
      assertThat(r[1 - LABELS[row]]).as("row %d", row).isNegative();
    }
  }

  @Test
  void onlyTheRowsGivenTeachTheWeights() {
    // Rows 3-5 (property) are left out: "调控" was never seen with a category, so it weighs nothing.
    LinearTerms w = LinearTerms.train(new LinearTerms.Space(TEXTS), 2, new int[] {0, 1, 2}, new int[] {0, 0, 0},
        null, 1);
    assertThat(w.evidence(ClassProfiles.terms("调控", ""), 0, 1, 3)).isEmpty();
    assertThat(w.evidence(ClassProfiles.terms("球赛", ""), 0, 1, 3)).extracting(Map.Entry::getKey).contains("球赛");
  }

  @Test
  void evidenceListsTheTermsThatRaiseTheWinnerOverTheOther() {
    LinearTerms w = LinearTerms.train(new LinearTerms.Space(TEXTS), 2, new int[] {0, 1, 2, 3, 4, 5}, LABELS, null, 1);
    List<Map.Entry<String, Double>> e = w.evidence(ClassProfiles.terms("房价与球赛", ""), 1, 0, 3);
    assertThat(e).extracting(Map.Entry::getKey).contains("房价").doesNotContain("球赛", "球", "与");
    assertThat(e).extracting(Map.Entry::getValue).allSatisfy(x -> assertThat(x).isPositive())
        .isSortedAccordingTo((a, b) -> Double.compare(b, a));
  }

  @Test
  void aHeavierRowPullsTheWeightsItsWay() {
    // "体育房价" is the only text sharing terms with both sides; its weight decides where "体育" leans.
    List<String[]> texts = List.of(ClassProfiles.terms("球赛直播", ""), ClassProfiles.terms("房价下跌", ""),
        ClassProfiles.terms("体育新闻", ""), ClassProfiles.terms("体育房价", ""));
    LinearTerms.Space space = new LinearTerms.Space(texts);
    int[] rows = {0, 1, 2, 3};
    int[] labels = {0, 1, 0, 1};
    double light = w(space, rows, labels, new double[] {1, 1, 1, 0.01});
    double heavy = w(space, rows, labels, new double[] {1, 1, 1, 100});
    assertThat(heavy).isGreaterThan(light);
  }

  /** How much more "体育" says property than sports. */
  private static double w(LinearTerms.Space space, int[] rows, int[] labels, double[] weights) {
    double[] s = LinearTerms.train(space, 2, rows, labels, weights, 1).scores(ClassProfiles.terms("体育", ""));
    return s[1] - s[0];
  }
}

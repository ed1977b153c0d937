package dev.content.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanTest {

  /** Seconds measured at 1,000 and 10,000 (0 = not measured) and what 100,000 is projected to take. */
  @ParameterizedTest(name = "1k {0} s, 10k {1} s -> 100k {2} s")
  @CsvSource({
      // Growth exponent 1.56 (Hugo's build): kept.
      "1.83, 66.5, 2416",
      // demo-web's first start to ready in the run of 00:50 (exponent 0.65); 100,000 then took 243 s.
      "12.1, 54.0, 241",
      // Exponent 0.30: no better than 0.5.
      "10, 20, 63.2",
      // Faster than quadratic: capped at 2.
      "1, 1000, 100000",
      // A single measured size: linear.
      "0, 51.1, 511",
      "0, 0, 0",
  })
  void projectsAlongTheGrowthOfTheTwoLargestSmallerSizes(double at1k, double at10k, double expected) {
    Map<Integer, Double> bySize = new TreeMap<>(Map.of(1_000, at1k == 0 ? -1 : at1k, 10_000, at10k == 0 ? -1 : at10k,
        100_000, 9_999.0));
    assertThat(Plan.projectedSeconds(bySize, 100_000, v -> v)).isCloseTo(expected, within(expected * 0.01 + 0.01));
  }

  @Test
  void hugoRunsJustPastTheLongerOfReadyAndThreeFirstPages() {
    // 100,000 articles at 01:11: first page 33.6 s, ready 243 s.
    assertThat(Plan.hugoDecidingSeconds(243, 33.6)).isCloseTo(253.3, within(0.1));
    // A fast ready time: the first page's third decides.
    assertThat(Plan.hugoDecidingSeconds(5, 4)).isCloseTo(15.36, within(0.01));
    assertThat(Plan.hugoDecidingSeconds(0, 0)).isZero();
  }

  @Test
  void hugoBuildThatCannotEndStopsOnceItDecides() {
    // 100,000: projected from 1.86 s and 88 s at 1k and 10k, about 4,000 s; 500 s available.
    assertThat(Plan.hugoLimitSeconds(253, 4_000, 500)).isEqualTo(253);
    // 10,000 projected linearly from 1,000 (19 s): it may take what is available, and ends by itself.
    assertThat(Plan.hugoLimitSeconds(57, 19, 600)).isEqualTo(600);
    // Less available than deciding takes: deciding still wins (what follows shrinks instead).
    assertThat(Plan.hugoLimitSeconds(253, 4_000, 100)).isEqualTo(253);
    // Nothing to decide (no demo-web): what is available.
    assertThat(Plan.hugoLimitSeconds(0, 4_000, 300)).isEqualTo(300);
  }

  @Test
  void aSmallCorpussHugoBuildRunsWhenItsLimitCanDecideTheVerdictsEvenUnderTheMinimum() {
    // 1,000 articles: demo-web ready after 9.6 s, first page 3.3 s: deciding takes 13.2 s, and the
    // larger sizes' projections leave nothing, so the limit is what deciding takes (the run of 03:13
    // skipped this build, "1,163 s left").
    double deciding = Plan.hugoDecidingSeconds(9.57, 3.30);
    assertThat(Plan.hugoWorthRunning(Plan.hugoLimitSeconds(deciding, -1, -400), deciding)).isTrue();
    // A limit that can neither decide the verdicts nor reach the minimum is not worth a build.
    assertThat(Plan.hugoWorthRunning(12, 253)).isFalse();
    assertThat(Plan.hugoWorthRunning(Plan.HUGO_MINIMUM, 253)).isTrue();
  }

  @Test
  void firstStartSharesWhatIsLeftWithItsHugoBuild() {
    assertThat(Plan.firstStartLimitSeconds(900, 200)).isCloseTo(341.5, within(0.1));
    assertThat(Plan.firstStartLimitSeconds(100, 200)).isEqualTo(60);
  }

  @Test
  void servingRoundsFitWhatIsAvailableAndNeverFewerThanTheLeast() {
    double round = Plan.servingRoundSeconds(5) + Plan.nginxRoundSeconds(5);
    assertThat(round).isEqualTo(24);
    assertThat(Plan.fitting(100, round, 2, 3)).isEqualTo(3);
    assertThat(Plan.fitting(71, round, 2, 3)).isEqualTo(2);
    assertThat(Plan.fitting(10, round, 2, 3)).isEqualTo(2);
    assertThat(Plan.fitting(1_000, round, 2, 2)).isEqualTo(2);
    // One restart of 3 s, a 15 s warm-up, two rounds, the heap and two process overheads.
    assertThat(Plan.servingSeconds(1, 3, 15, 2, 5)).isEqualTo(3 + 4 + 15 + 48 + 8 + 8);
  }

  @Test
  void aBoundedHugoBuildDecidesOnlyWhatItBounds() {
    Stats bound = Stats.of(List.of(253.0));
    assertThat(Report.verdict(Stats.of(List.of(243.0)), bound, 1.0, true)).isEqualTo("met");
    assertThat(Report.verdict(Stats.of(List.of(300.0)), bound, 1.0, true)).isEqualTo("not decided (Hugo stopped too early)");
    assertThat(Report.verdict(Stats.of(List.of(300.0)), bound, 1.0, false)).isEqualTo("missed");
  }
}

package dev.content.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectionTest {

  /** Seconds measured at 1,000 and 10,000 (0 = not measured) and what 100,000 is projected to take. */
  @ParameterizedTest(name = "1k {0} s, 10k {1} s -> 100k {2} s")
  @CsvSource({
      // Growth exponent 1.56 (Hugo's build): kept.
      "1.83, 66.5, 2416",
      // Exponent 0.63 (fixed costs at 1k): no better than 0.75.
      "11.9, 51.1, 287.4",
      // Faster than quadratic: capped at 2.
      "1, 1000, 100000",
      // A single measured size: linear.
      "0, 51.1, 511",
      "0, 0, 0",
  })
  void projectsAlongTheGrowthOfTheTwoLargestSmallerSizes(double at1k, double at10k, double expected) {
    Map<Integer, Double> bySize = new TreeMap<>(Map.of(1_000, at1k == 0 ? -1 : at1k, 10_000, at10k == 0 ? -1 : at10k,
        100_000, 9_999.0));
    assertThat(Harness.projectedSeconds(bySize, 100_000, v -> v)).isCloseTo(expected, within(expected * 0.01 + 0.01));
  }
}

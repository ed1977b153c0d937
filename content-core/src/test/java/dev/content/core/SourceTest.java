package dev.content.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceTest {
  private static final LineRange LINES = new LineRange(1, 9);

  @Test
  void acceptsSixtyFourLowerCaseHexDigitsAsTheDigest() {
    String digest = "0123456789abcdef".repeat(4);
    assertThat(new Source("a.txt", "UTF-8", LINES, Optional.of(digest)).digest()).hasValue(digest);
    assertThat(new Source("a.txt", "UTF-8", LINES).digest()).isEmpty();
  }

  @Test
  void refusesADigestOfAnyOtherShape() {
    for (String bad : new String[] {"0123456789ABCDEF".repeat(4), "0123456789abcdef".repeat(4) + "0",
        "0123456789abcdef".repeat(4).substring(1), "0123456789abcdeg".repeat(4), ""}) {
      assertThatThrownBy(() -> new Source("a.txt", "UTF-8", LINES, Optional.of(bad)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("digest must be 64 lower-case hex digits, was " + bad);
    }
  }
}

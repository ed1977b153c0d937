package dev.content.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextFoldingTest {
  @Test
  void isHanAgreesWithTheUnicodeScriptOfEveryCodePoint() {
    // Twice: the first pass fills the table, the second reads it.
    for (int pass = 0; pass < 2; pass++) {
      int disagreements = 0;
      for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
        if (TextFolding.isHan(cp) != (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)) {
          disagreements++;
        }
      }
      assertThat(disagreements).as("pass %d", pass).isZero();
    }
    assertThat(TextFolding.isHan('网')).isTrue();
    assertThat(TextFolding.isHan(0x20000)).isTrue(); // CJK Extension B, outside the table
    assertThat(TextFolding.isHan('a')).isFalse();
    assertThat(TextFolding.isHan('。')).isFalse();
  }
}

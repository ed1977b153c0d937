package dev.content.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTest {
  @Test
  void showsEscapeSequencesInsteadOfSendingThem() {
    assertThat(Safe.text("清屏\u001b[2J变红\u001b[31m")).isEqualTo("清屏␛[2J变红␛[31m");
  }

  @Test
  void makesEveryControlCharacterVisible() {
    assertThat(Safe.text("a\u0007b\u007fc\u009bd\te")).isEqualTo("a␇b␡c\ufffdd e");
  }

  @Test
  void dropsBidirectionalOverrides() {
    assertThat(Safe.text("abc\u202edef\u2066")).isEqualTo("abcdef");
  }

  @Test
  void leavesOrdinaryChineseTextAlone() {
    String s = "《中华人民共和国民法典》“爆通讯录”（1）①";
    assertThat(Safe.text(s)).isSameAs(s);
  }
}

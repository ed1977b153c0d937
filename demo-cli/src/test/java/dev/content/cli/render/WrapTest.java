package dev.content.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

class WrapTest {
  private static List<String> wrap(String text, int width) {
    return Wrap.lines(new AttributedString(text), width).stream().map(AttributedString::toString).toList();
  }

  @Test
  void countsAChineseCharacterAsTwoColumns() {
    assertThat(Wrap.width("网贷abc")).isEqualTo(7);
    assertThat(Wrap.width("（1）")).isEqualTo(5);
  }

  @Test
  void wrapsChineseTextByDisplayWidthNotByCharacters() {
    assertThat(wrap("一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰", 20)).containsExactly(
        "一二三四五六七八九十", "甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰");
  }

  @Test
  void neverStartsALineWithClosingPunctuation() {
    // At width 10 the full stop would open the second line: it moves up with the character before it.
    assertThat(wrap("一二三四五六七八九。甲乙", 18)).containsExactly("一二三四五六七八", "九。甲乙");
  }

  @Test
  void neverEndsALineWithOpeningPunctuation() {
    assertThat(wrap("一二三四五六七《民法典》", 16)).containsExactly("一二三四五六七", "《民法典》");
  }

  @Test
  void keepsLatinWordsWholeAndDropsSpacesAtBreaks() {
    assertThat(wrap("the quick brown fox jumps", 10)).containsExactly("the quick", "brown fox", "jumps");
  }

  @Test
  void mixesChineseAndLatinOnOneLine() {
    assertThat(wrap("使用Lucene搜索中文", 10)).containsExactly("使用Lucene", "搜索中文");
    assertThat(wrap("使用Lucene搜索中文", 9)).containsExactly("使用", "Lucene搜", "索中文");
  }

  @Test
  void cutsAWordLongerThanTheLine() {
    assertThat(wrap("abcdefghijkl", 5)).containsExactly("abcde", "fghij", "kl");
  }

  @Test
  void indentsContinuationLinesAndKeepsLineBreaks() {
    List<String> lines = Wrap.lines(new AttributedString("一二三四五六\n七八"), 10,
        new AttributedString("1. "), new AttributedString("   ")).stream().map(AttributedString::toString).toList();
    assertThat(lines).containsExactly("1. 一二三", "   四五六", "   七八");
  }

  @Test
  void truncatesWithAnEllipsisByWidth() {
    assertThat(Wrap.truncate(new AttributedString("网贷逾期了如何防止爆通讯录"), 10).toString()).isEqualTo("网贷逾期…");
  }
}

package dev.content.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.content.search.TermMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TermExtractorTest {
  /** Long enough that the counter's table grows and the map resizes; repeats, a lone character, Latin words. */
  private static final String TEXT = ("借款人逾期未还款的，出借人有权要求借款人支付逾期利息。网贷平台（P2P）不得暴力催收；"
      + "《民法典》第六百七十六条规定：借款人未按照约定的期限返还借款的，应当按照约定或者国家有关规定支付逾期利息。"
      + "ＡＰＰ 下载 2024 年 贷 款 𠀀𠀁借 iPhone12 x ").repeat(3) + "信用卡分期提前还款违约金";

  @Test
  void bigramBagCountsEachTerm() {
    assertThat(new TermExtractor(TermMode.BIGRAMS).bag(TEXT)).containsEntry("逾期", 9f).containsEntry("app", 3f)
        .containsEntry("iphone12", 3f).containsEntry("贷", 3f).containsEntry("𠀀𠀁", 3f).doesNotContainKey("2024")
        .doesNotContainKey("x").hasSizeGreaterThan(64);
    assertThat(new TermExtractor(TermMode.UNIGRAMS_BIGRAMS).bag(TEXT)).containsEntry("逾", 9f)
        .containsEntry("𠀀", 3f).containsEntry("逾期", 9f);
  }

  @Test
  void bagsIterateLikeMapsThatMergedEachOccurrenceInReadingOrder() {
    // Every prefix: the map's growth depends on where the text ends (after a new term or a repeated one).
    for (boolean unigrams : new boolean[] {false, true}) {
      TermExtractor x = new TermExtractor(unigrams ? TermMode.UNIGRAMS_BIGRAMS : TermMode.BIGRAMS);
      for (int end = 0; end <= TEXT.length(); end++) {
        String text = TEXT.substring(0, end);
        assertThat(new ArrayList<>(x.bag(text).entrySet())).as("%s, %d characters", x.mode(), end)
            .containsExactlyElementsOf(mergedInReadingOrder(occurrences(text, unigrams)).entrySet());
      }
    }
  }

  @Test
  void distinctTermsAreTheBagsKeysWithThePrefix() {
    for (TermMode mode : TermMode.values()) {
      TermExtractor x = new TermExtractor(mode);
      assertThat(x.distinct(TEXT, "^")).as("%s", mode).containsExactlyInAnyOrderElementsOf(
          x.bag(TEXT).keySet().stream().map(t -> "^" + t).toList());
      assertThat(x.distinct("", "")).isEmpty();
    }
  }

  /** The term occurrences of folded text in reading order: per Han run its (unigrams and) bigrams, Latin words. */
  private static List<String> occurrences(String text, boolean unigrams) {
    String s = TextFolding.fold(text);
    List<String> out = new ArrayList<>();
    int[] cps = s.codePoints().toArray();
    for (int i = 0; i < cps.length; ) {
      int j = i;
      if (TextFolding.isHan(cps[i])) {
        while (j < cps.length && TextFolding.isHan(cps[j])) {
          if (unigrams) {
            out.add(new String(cps, j, 1));
          }
          if (j > i) {
            out.add(new String(cps, j - 1, 2));
          }
          j++;
        }
        if (j - i == 1 && !unigrams) {
          out.add(new String(cps, i, 1));
        }
      } else if (TextFolding.isWordChar(cps[i])) {
        while (j < cps.length && TextFolding.isWordChar(cps[j])) {
          j++;
        }
        String w = new String(cps, i, j - i);
        if (j - i >= 2 && w.chars().anyMatch(Character::isLetter)) {
          out.add(w);
        }
      } else {
        j++;
      }
      i = j;
    }
    return out;
  }

  private static Map<String, Float> mergedInReadingOrder(List<String> occurrences) {
    Map<String, Float> m = new HashMap<>();
    for (String t : occurrences) {
      m.merge(t, 1f, Float::sum);
    }
    return m;
  }
}

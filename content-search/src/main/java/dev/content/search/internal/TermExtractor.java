package dev.content.search.internal;

import dev.content.search.TermMode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Turns text into a bag of terms for similarity: overlapping Chinese character bigrams, Latin words,
 * and (depending on the {@link TermMode}) single characters or the words of Lucene's SmartChineseAnalyzer.
 */
public final class TermExtractor {
  /** Shared: Lucene analyzers are thread-safe and keep per-thread token streams. */
  private static final Analyzer WORDS = new SmartChineseAnalyzer(CharArraySet.EMPTY_SET);

  private final TermMode mode;

  public TermExtractor(TermMode mode) {
    this.mode = mode;
  }

  public TermMode mode() {
    return mode;
  }

  /** The bag of terms of {@code text}: term to number of occurrences. */
  public Map<String, Float> bag(String text) {
    Map<String, Float> bag = new HashMap<>();
    String folded = TextFolding.fold(text);
    if (mode != TermMode.WORDS) {
      addBigrams(folded, 1f, mode == TermMode.UNIGRAMS_BIGRAMS, bag);
    }
    if (mode == TermMode.WORDS || mode == TermMode.BOTH) {
      addWords(folded, 1f, bag);
    }
    return bag;
  }

  private static void addBigrams(String s, float weight, boolean unigrams, Map<String, Float> bag) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      int cp = s.codePointAt(i);
      if (TextFolding.isHan(cp)) {
        int start = i;
        int prev = -1;
        int count = 0;
        while (i < n && TextFolding.isHan(cp = s.codePointAt(i))) {
          int len = Character.charCount(cp);
          if (unigrams) {
            bag.merge(s.substring(i, i + len), weight, Float::sum);
          }
          if (prev >= 0) {
            bag.merge(s.substring(prev, i + len), weight, Float::sum);
          }
          prev = i;
          i += len;
          count++;
        }
        if (count == 1 && !unigrams) {
          bag.merge(s.substring(start, i), weight, Float::sum);
        }
      } else if (TextFolding.isWordChar(cp)) {
        int start = i;
        boolean letter = false;
        while (i < n && TextFolding.isWordChar(cp = s.codePointAt(i))) {
          letter |= Character.isLetter(cp);
          i += Character.charCount(cp);
        }
        // Bare numbers (years, amounts, article numbers) say little about what a text is about.
        if (letter && i - start >= 2) {
          bag.merge(s.substring(start, i), weight, Float::sum);
        }
      } else {
        i += Character.charCount(cp);
      }
    }
  }

  private void addWords(String s, float weight, Map<String, Float> bag) {
    try (TokenStream ts = WORDS.tokenStream("w", new StringReader(s))) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        int len = term.length();
        if (!isWord(term)) {
          continue;
        }
        // With bigrams present, a two-character word is already a bigram and a single character is
        // covered by the bigrams around it; only longer words add information.
        if (mode == TermMode.BOTH && (len <= 2 || !TextFolding.isHan(term.charAt(0)))) {
          continue;
        }
        bag.merge(term.toString(), weight, Float::sum);
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot analyse text", e);
    }
  }

  private static boolean isWord(CharTermAttribute term) {
    for (int i = 0; i < term.length(); i++) {
      if (Character.isLetter(term.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}

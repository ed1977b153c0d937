package dev.content.search.internal;

import dev.content.search.TermMode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Arrays;
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
    char[] folded = fold(text);
    if (mode != TermMode.WORDS) {
      Counter c = counted(folded);
      // The map merging each occurrence in reading order made, down to its iteration order (which the
      // vectors' sums and the term weights' vocabulary follow): the terms merged in the order they first
      // occur, then, when more occurrences followed the last new term, one more merge that changes nothing,
      // because a merge grows the table when the insertion before it filled it.
      String first = null;
      for (int e = 0; e < c.size; e++) {
        String t = new String(folded, c.start[e], c.length[e]);
        bag.merge(t, (float) c.count[e], Float::sum);
        first = first == null ? t : first;
      }
      if (first != null && !c.lastNew) {
        bag.merge(first, 0f, (had, none) -> had);
      }
    }
    if (mode == TermMode.WORDS || mode == TermMode.BOTH) {
      addWords(new String(folded), 1f, bag);
    }
    return bag;
  }

  /** The distinct terms of {@code text} (the keys of its {@link #bag}), each with {@code prefix} in front. */
  public String[] distinct(String text, String prefix) {
    if (mode == TermMode.WORDS || mode == TermMode.BOTH) {
      return bag(text).keySet().stream().map(t -> prefix + t).toArray(String[]::new);
    }
    char[] folded = fold(text);
    Counter c = counted(folded);
    String[] out = new String[c.size];
    char[] p = prefix.toCharArray();
    for (int e = 0; e < c.size; e++) {
      char[] t = Arrays.copyOf(p, p.length + c.length[e]);
      System.arraycopy(folded, c.start[e], t, p.length, c.length[e]);
      out[e] = new String(t);
    }
    return out;
  }

  private static char[] fold(String text) {
    char[] out = new char[text.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = TextFolding.fold(text.charAt(i));
    }
    return out;
  }

  /** The bigram, unigram and Latin word occurrences of folded text, counted in this thread's counter. */
  private Counter counted(char[] s) {
    Counter c = COUNTER.get();
    c.reset(s);
    boolean unigrams = mode == TermMode.UNIGRAMS_BIGRAMS;
    int n = s.length;
    int i = 0;
    while (i < n) {
      int cp = Character.codePointAt(s, i);
      if (TextFolding.isHan(cp)) {
        int start = i;
        int prev = -1;
        int count = 0;
        while (i < n && TextFolding.isHan(cp = Character.codePointAt(s, i))) {
          int len = Character.charCount(cp);
          if (unigrams) {
            c.add(i, i + len);
          }
          if (prev >= 0) {
            c.add(prev, i + len);
          }
          prev = i;
          i += len;
          count++;
        }
        if (count == 1 && !unigrams) {
          c.add(start, i);
        }
      } else if (TextFolding.isWordChar(cp)) {
        int start = i;
        boolean letter = false;
        while (i < n && TextFolding.isWordChar(cp = Character.codePointAt(s, i))) {
          letter |= Character.isLetter(cp);
          i += Character.charCount(cp);
        }
        // Bare numbers (years, amounts, article numbers) say little about what a text is about.
        if (letter && i - start >= 2) {
          c.add(start, i);
        }
      } else {
        i += Character.charCount(cp);
      }
    }
    c.s = null; // the counts are ranges of s, which the caller holds; the thread's counter need not
    return c;
  }

  private static final ThreadLocal<Counter> COUNTER = ThreadLocal.withInitial(Counter::new);

  /**
   * Counts the distinct terms of one text as ranges of its characters, in the order they first occur,
   * without making a string per occurrence (an open-addressing table of entry numbers; a slot belongs to
   * the current text when its stamp is the current one, so nothing is cleared between texts).
   */
  private static final class Counter {
    private char[] s;
    int size;
    /** Whether the last occurrence added was a term's first. */
    boolean lastNew;
    int[] start = new int[64];
    int[] length = new int[64];
    int[] count = new int[64];
    private int[] slot = new int[128];
    private int[] stamp = new int[128];
    private int current;

    void reset(char[] text) {
      s = text;
      size = 0;
      if (++current == 0) {
        Arrays.fill(stamp, 0);
        current = 1;
      }
    }

    void add(int from, int to) {
      int len = to - from;
      int h = 0;
      for (int i = from; i < to; i++) {
        h = 31 * h + s[i];
      }
      int mask = slot.length - 1;
      for (int i = (h * 0x9E3779B9) >>> 7 & mask; ; i = (i + 1) & mask) {
        if (stamp[i] != current) {
          if (size == start.length) {
            start = Arrays.copyOf(start, size * 2);
            length = Arrays.copyOf(length, size * 2);
            count = Arrays.copyOf(count, size * 2);
          }
          start[size] = from;
          length[size] = len;
          count[size] = 1;
          stamp[i] = current;
          slot[i] = size++;
          lastNew = true;
          if (size * 2 > slot.length) {
            grow();
          }
          return;
        }
        int e = slot[i];
        if (length[e] == len && Arrays.equals(s, start[e], start[e] + len, s, from, to)) {
          count[e]++;
          lastNew = false;
          return;
        }
      }
    }

    /** Doubles the table and files the current text's entries again. */
    private void grow() {
      slot = new int[slot.length * 2];
      stamp = new int[stamp.length * 2];
      current = 1;
      int mask = slot.length - 1;
      for (int e = 0; e < size; e++) {
        int h = 0;
        for (int i = start[e]; i < start[e] + length[e]; i++) {
          h = 31 * h + s[i];
        }
        int i = (h * 0x9E3779B9) >>> 7 & mask;
        while (stamp[i] == current) {
          i = (i + 1) & mask;
        }
        stamp[i] = current;
        slot[i] = e;
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

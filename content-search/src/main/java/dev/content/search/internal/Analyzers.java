package dev.content.search.internal;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analysers of the search index. Changing any of them must change {@link #VERSION}: an index
 * written under another version is rebuilt when opened.
 */
public final class Analyzers {
  /** Version of the analysis chain and field layout; stored in every commit. */
  public static final String VERSION = "content-search/4 lucene-9.12";

  private Analyzers() {}

  /**
   * Width folding, the Unicode word tokenizer, lower case, and overlapping bigrams of Han, Hiragana,
   * Katakana and Hangul runs (a lone character stays a unigram); Latin words and numbers stay whole.
   */
  public static Analyzer bigrams() {
    return new Analyzer() {
      @Override
      protected Reader initReader(String fieldName, Reader reader) {
        return new CJKWidthCharFilter(reader);
      }

      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream ts = new LowerCaseFilter(source);
        ts = new CJKBigramFilter(ts);
        return new TokenStreamComponents(source, ts);
      }

      @Override
      protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
      }
    };
  }

  /** SmartChineseAnalyzer words (dictionary and HMM segmentation), punctuation dropped. */
  public static Analyzer words() {
    return new SmartChineseAnalyzer();
  }
}

package dev.content.search.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns the reader's query text into a Lucene query and the needles to highlight.
 *
 * <p>Syntax: chunks separated by whitespace must each match; a chunk of Chinese text matches when
 * enough of its character bigrams occur in the title or in the body ({@link #minimumMatch}) (so a typed question finds its
 * article without every character pair having to occur); quoted phrases ({@code "…"}, {@code “…”},
 * {@code 「…」}) must occur exactly. Title matches weigh {@link #TITLE_BOOST} times body matches.
 */
public final class QueryBuilder {
  /** How much more a title match counts than a body match. */
  public static final float TITLE_BOOST = 3f;
  /**
   * How much a stub's match counts against the same match in a full article: a reader cannot open a
   * stub, so among equally good matches full articles come first.
   */
  public static final float STUB_FACTOR = 0.6f;

  /** A field a chunk's terms are looked up in, and how much its matches weigh. */
  public record Target(String field, float boost) {}

  /** The bigram fields every chunk is searched in, in this order. */
  public static final List<Target> BIGRAM_TARGETS = List.of(
      new Target(Fields.TITLE, TITLE_BOOST), new Target(Fields.BODY, 1f),
      new Target(Fields.STUB_TITLE, TITLE_BOOST * STUB_FACTOR), new Target(Fields.STUB_BODY, STUB_FACTOR));
  private static final List<Target> WORD_TARGETS = List.of(
      new Target(Fields.TITLE_WORDS, TITLE_BOOST), new Target(Fields.BODY_WORDS, 1f),
      new Target(Fields.STUB_TITLE_WORDS, TITLE_BOOST * STUB_FACTOR), new Target(Fields.STUB_BODY_WORDS, STUB_FACTOR));

  private final Analyzer bigrams;
  private final Analyzer words;

  /**
   * What a query means.
   *
   * @param chunks every chunk's distinct bigrams and minimum-should-match, in query order (chunks without
   *     terms left out)
   * @param termAtATime true when {@code query} is exactly the {@code chunks} over {@link #BIGRAM_TARGETS}
   *     (no quoted phrase, no lone Han character looked up as a prefix, no word fields), so that
   *     {@link ChunkScorer} can evaluate it instead of Lucene's scorers
   */
  public record Parsed(Query query, Set<String> needles, boolean empty, List<Chunk> chunks,
      boolean termAtATime) {}

  /** One whitespace-separated chunk: its distinct terms in order and how many must occur in a field. */
  public record Chunk(List<String> terms, int msm) {}

  /** Makes the query of one term (a searcher may give it term statistics it has looked up before). */
  public interface TermQueries {
    /** Plain term queries, each looked up in the index when searched. */
    TermQueries PLAIN = TermQuery::new;

    Query of(Term term);
  }

  /** @param words the word analyser, or null when the index has no word fields */
  public QueryBuilder(Analyzer bigrams, Analyzer words) {
    this.bigrams = bigrams;
    this.words = words;
  }

  /** The query as typed: every chunk must match. */
  public Parsed parse(String text) {
    return parse(text, false);
  }

  /**
   * The query; when {@code relaxed}, chunks need not all match and each needs only a quarter of its
   * bigrams (the fallback when the strict query finds nothing). Quoted phrases stay required.
   */
  public Parsed parse(String text, boolean relaxed) {
    return parse(text, relaxed, TermQueries.PLAIN);
  }

  /** {@link #parse(String, boolean)} with the term queries made by {@code terms}. */
  public Parsed parse(String text, boolean relaxed, TermQueries terms) {
    List<String> chunks = new ArrayList<>();
    List<String> phrases = new ArrayList<>();
    split(TextFolding.fold(text), chunks, phrases);
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    Set<String> needles = new LinkedHashSet<>();
    List<Chunk> plans = new ArrayList<>();
    boolean any = false;
    for (String chunk : chunks) {
      Query q = chunk(chunk, needles, relaxed, terms, plans);
      if (q != null) {
        all.add(q, relaxed ? Occur.SHOULD : Occur.MUST);
        any = true;
      }
    }
    // What ChunkScorer does not evaluate stays with Lucene: quoted phrases (they need positions, the
    // chunk scorer reads frequencies only), a lone Han character (a prefix query over every bigram it
    // starts, which Lucene rewrites and scores its own way), and word fields (TermMode.BOTH, an option
    // that adds a second, differently analysed set of clauses per chunk). All are rare in what readers
    // type; the empty query (a listing by date, no scores) is the searcher's own case.
    boolean termAtATime = words == null && phrases.isEmpty()
        && plans.stream().allMatch(c -> c.terms().stream().noneMatch(QueryBuilder::isPrefix));
    for (String phrase : phrases) {
      Query q = phrase(phrase, terms);
      if (q != null) {
        all.add(q, Occur.MUST);
        needles.add(phrase.strip());
        any = true;
      }
    }
    return new Parsed(all.build(), needles, !any, List.copyOf(plans), termAtATime && any);
  }

  private static void split(String s, List<String> chunks, List<String> phrases) {
    StringBuilder cur = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      char close = c == '"' ? '"' : c == '“' ? '”' : c == '「' ? '」' : c == '『' ? '』' : 0;
      if (close != 0) {
        int end = s.indexOf(close, i + 1);
        if (end < 0) {
          end = s.length();
        }
        flush(cur, chunks);
        String p = s.substring(i + 1, end).strip();
        if (!p.isEmpty()) {
          phrases.add(p);
        }
        i = end + 1;
      } else if (Character.isWhitespace(c)) {
        flush(cur, chunks);
        i++;
      } else {
        cur.append(c);
        i++;
      }
    }
    flush(cur, chunks);
  }

  private static void flush(StringBuilder cur, List<String> chunks) {
    if (cur.length() > 0) {
      chunks.add(cur.toString());
      cur.setLength(0);
    }
  }

  private Query chunk(String chunk, Set<String> needles, boolean relaxed, TermQueries tq, List<Chunk> plans) {
    List<String> terms = new ArrayList<>(new LinkedHashSet<>(tokens(bigrams, chunk, null)));
    if (terms.isEmpty()) {
      return null;
    }
    needles.addAll(terms);
    BooleanQuery.Builder either = new BooleanQuery.Builder();
    int msm = relaxed ? (terms.size() + 3) / 4 : minimumMatch(terms.size());
    plans.add(new Chunk(List.copyOf(terms), msm));
    for (Target t : BIGRAM_TARGETS) {
      either.add(boost(anyOf(t.field(), terms, msm, tq), t.boost()), Occur.SHOULD);
    }
    if (words != null) {
      List<String> ws = new ArrayList<>(new LinkedHashSet<>(tokens(words, chunk, null)));
      if (!ws.isEmpty()) {
        int wmsm = relaxed ? (ws.size() + 3) / 4 : minimumMatch(ws.size());
        for (Target t : WORD_TARGETS) {
          either.add(boost(anyOf(t.field(), ws, wmsm, tq), t.boost()), Occur.SHOULD);
        }
      }
    }
    return either.build();
  }

  /**
   * How many of a chunk's n bigrams must occur: all of a short word (律师费 is 律师 and 师费), all but one
   * of a short phrase (网贷逾期 still matches 网贷，逾期), 40% of a longer run such as a typed question
   * (whose filler words 怎么办, 能不能 need not occur).
   */
  static int minimumMatch(int n) {
    return n <= 2 ? n : n <= 4 ? n - 1 : (int) Math.ceil(n * 0.4);
  }

  private static Query boost(Query q, float boost) {
    return boost == 1f ? q : new BoostQuery(q, boost);
  }

  private static Query anyOf(String field, List<String> terms, int msm, TermQueries tq) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String t : terms) {
      b.add(termOrPrefix(field, t, tq), Occur.SHOULD);
    }
    return b.setMinimumNumberShouldMatch(msm).build();
  }

  /**
   * A lone Chinese character is indexed inside bigrams only, so it is looked up as the start of a bigram
   * (which finds it everywhere except at the end of a run of Chinese text).
   */
  private static Query termOrPrefix(String field, String t, TermQueries tq) {
    boolean bigramField = BIGRAM_TARGETS.stream().anyMatch(x -> x.field().equals(field));
    if (bigramField && isPrefix(t)) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      b.add(tq.of(new Term(field, t)), Occur.SHOULD);
      b.add(new PrefixQuery(new Term(field, t)), Occur.SHOULD);
      return b.build();
    }
    return tq.of(new Term(field, t));
  }

  /** Whether a bigram-field term is looked up as a prefix too: a lone Han character. */
  private static boolean isPrefix(String t) {
    return t.codePointCount(0, t.length()) == 1 && TextFolding.isHan(t.codePointAt(0));
  }

  private Query phrase(String phrase, TermQueries tq) {
    List<Integer> positions = new ArrayList<>();
    List<String> terms = tokens(bigrams, phrase, positions);
    if (terms.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder either = new BooleanQuery.Builder();
    for (Target t : BIGRAM_TARGETS) {
      Query q;
      if (terms.size() == 1) {
        q = termOrPrefix(t.field(), terms.get(0), tq);
      } else {
        PhraseQuery.Builder pb = new PhraseQuery.Builder();
        for (int i = 0; i < terms.size(); i++) {
          pb.add(new Term(t.field(), terms.get(i)), positions.get(i));
        }
        q = pb.build();
      }
      either.add(boost(q, t.boost()), Occur.SHOULD);
    }
    return either.build();
  }

  private static List<String> tokens(Analyzer analyzer, String text, List<Integer> positions) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("q", new StringReader(text))) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      int pos = -1;
      while (ts.incrementToken()) {
        pos += inc.getPositionIncrement();
        out.add(term.toString());
        if (positions != null) {
          positions.add(pos);
        }
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot analyse query", e);
    }
    return out;
  }
}

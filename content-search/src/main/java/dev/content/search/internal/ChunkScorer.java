package dev.content.search.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.HitQueue;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * Evaluates the common query shape (chunks of bigrams, each with a minimum-should-match, over the four
 * bigram fields) term at a time, with exactly Lucene's scores, and counts every match.
 *
 * <p>Why: at 100,000 articles the slowest queries are pairs of chunks of common bigrams
 * ({@code 共和国 共和国市}) matching 20,000–57,000 articles whose scores are so alike that block-max WAND
 * skips nothing; Lucene's nested scorers (a conjunction of per-chunk disjunctions of four
 * minimum-should-match disjunctions) then cost about half a microsecond per match. Here each term's
 * postings are walked once into flat per-document arrays (about 15 ns per posting at 100,000 articles
 * on the shared machine: the slowest queries take 2–2.5× less CPU, see BENCHMARKS.md).
 *
 * <p>Scores are Lucene's to the bit: each term scores with the searcher's own {@link Similarity}
 * (built from the same collection and term statistics and boost as Lucene's {@code TermWeight}) on the
 * same norms, and the sums are formed as Lucene's scorers form them after {@code BooleanQuery}'s
 * rewrite: each level adds its clauses' float scores in a double and rounds to float once (a double
 * holds the sum of a few floats exactly, so the order does not matter). The levels are a field's
 * terms, a chunk's fields, the chunks; a relaxed query is one level of every chunk's field clauses,
 * because Lucene flattens nested disjunctions and merges equal clauses (their boosts summed), and so
 * does {@link #plan}. Ties are broken by document number, as Lucene's top-docs collector does.
 *
 * <p>Memory: one {@link Scratch} per concurrent search, sized by the largest segment (42 bytes per
 * document), kept for reuse up to one per core; per reader, one byte per document and field for the
 * norms, a bit per document for the stub filter and an int per document for the date filter (each built
 * when first needed).
 */
final class ChunkScorer {
  /** One disjunction over one field: a document matches it with at least {@code msm} of the terms. */
  record Group(String field, float boost, List<String> terms, int msm) {}

  /**
   * The filters of a request.
   *
   * @param category the category's index in the {@link Searcher.CategoryTable}, {@link #NO_CATEGORY}
   *     without a category filter, or {@link #UNKNOWN_CATEGORY} when no document has it
   */
  record Filter(boolean includeStubs, boolean dated, long fromDay, long toDay, int category) {}

  static final int NO_CATEGORY = -1;
  static final int UNKNOWN_CATEGORY = -2;

  /**
   * The best {@code want} matches (global document numbers, best first), how many match with the
   * category filter, and the category counts of all matches without it.
   */
  record Result(ScoreDoc[] top, int total, int[] facets) {}

  private static final int NO_DAY = Integer.MIN_VALUE;

  private final IndexSearcher searcher;
  private final Function<Term, TermStates> states;
  private final List<LeafReaderContext> leaves;
  private final int maxDoc;
  private final int largestLeaf;
  private final Map<String, byte[]> norms = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, CollectionStatistics> collection = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile FixedBitSet fullArticles;
  private volatile int[] days;
  private final ArrayDeque<Scratch> pool = new ArrayDeque<>();
  private final int poolLimit = Runtime.getRuntime().availableProcessors();

  ChunkScorer(IndexSearcher searcher, Function<Term, TermStates> states) {
    this.searcher = searcher;
    this.states = states;
    this.leaves = searcher.getIndexReader().leaves();
    this.maxDoc = searcher.getIndexReader().maxDoc();
    int largest = 0;
    for (LeafReaderContext leaf : leaves) {
      largest = Math.max(largest, leaf.reader().maxDoc());
    }
    this.largestLeaf = largest;
  }

  /**
   * The levels of the query Lucene would run for these chunks (see the class comment), or null when
   * this scorer does not evaluate them the same way: two chunks with the same terms make equal clauses,
   * which Lucene merges into one with its boost doubled (a score level this scorer does not have).
   */
  static List<List<Group>> plan(List<QueryBuilder.Chunk> chunks, boolean relaxed) {
    Set<Set<String>> seen = new HashSet<>();
    for (QueryBuilder.Chunk c : chunks) {
      // (and a chunk longer than the per-document term counter: not a query anyone types)
      if (!seen.add(new HashSet<>(c.terms())) || c.terms().size() > Character.MAX_VALUE) {
        return null;
      }
    }
    List<List<Group>> out = new ArrayList<>();
    if (!relaxed) {
      for (QueryBuilder.Chunk c : chunks) {
        List<Group> groups = new ArrayList<>();
        for (QueryBuilder.Target t : QueryBuilder.BIGRAM_TARGETS) {
          groups.add(new Group(t.field(), t.boost(), c.terms(), c.msm()));
        }
        out.add(groups);
      }
      return out;
    }
    // Relaxed: Lucene's rewrite flattens the chunks (pure disjunctions) into one disjunction, and with
    // them a field's clause that is a pure disjunction itself (minimum-should-match at most 1, not
    // wrapped in a boost: the body's); a one-term clause is its term query. Equal clauses are then
    // merged, their boosts summed in a double.
    Map<List<Object>, Double> boosts = new LinkedHashMap<>();
    Map<List<Object>, Group> groups = new LinkedHashMap<>();
    for (QueryBuilder.Chunk c : chunks) {
      for (QueryBuilder.Target t : QueryBuilder.BIGRAM_TARGETS) {
        if (c.terms().size() > 1 && !(c.msm() <= 1 && t.boost() == 1f)) {
          List<Object> key = List.of(t.field(), new HashSet<>(c.terms()), c.msm());
          groups.putIfAbsent(key, new Group(t.field(), t.boost(), c.terms(), c.msm()));
          boosts.merge(key, (double) t.boost(), Double::sum);
        } else {
          for (String term : c.terms()) {
            List<Object> key = List.of(t.field(), term);
            groups.putIfAbsent(key, new Group(t.field(), t.boost(), List.of(term), 1));
            boosts.merge(key, (double) t.boost(), Double::sum);
          }
        }
      }
    }
    List<Group> one = new ArrayList<>();
    for (Map.Entry<List<Object>, Group> e : groups.entrySet()) {
      Group g = e.getValue();
      one.add(new Group(g.field(), boosts.get(e.getKey()).floatValue(), g.terms(), g.msm()));
    }
    out.add(one);
    return out;
  }

  /** Runs a plan of {@link #plan}: every chunk (level) must match. */
  Result search(List<List<Group>> plan, Filter filter, Searcher.CategoryTable table, int want)
      throws IOException {
    Compiled[][] compiled = compile(plan);
    int[] facets = new int[table.slugs.length];
    TopK top = new TopK(Math.max(1, Math.min(want, maxDoc)));
    int total = 0;
    FixedBitSet full = filter.includeStubs() ? null : fullArticles();
    int[] day = filter.dated() ? days() : null;
    Scratch s = take();
    try {
      for (LeafReaderContext leaf : leaves) {
        int n = s.leaf(leaf, compiled);
        int base = leaf.docBase;
        Bits live = leaf.reader().getLiveDocs();
        int[] list = s.chunkList;
        double[] scores = s.total;
        for (int i = 0; i < n; i++) {
          int d = list[i];
          int g = base + d;
          if ((live != null && !live.get(d)) || (full != null && !full.get(g))) {
            continue;
          }
          if (day != null && (day[g] == NO_DAY || day[g] < filter.fromDay() || day[g] > filter.toDay())) {
            continue;
          }
          table.count(g, facets);
          if (filter.category() != NO_CATEGORY
              && (filter.category() == UNKNOWN_CATEGORY || !table.has(g, filter.category()))) {
            continue;
          }
          total++;
          top.offer((float) scores[d], g);
        }
      }
    } finally {
      give(s);
    }
    return new Result(top.sorted(), total, facets);
  }

  /** A term ready to be walked: its statistics looked up once per search. */
  private record Compiled(Term[] terms, TermStates[] states, Similarity.SimScorer[] scorers, byte[] norms,
      int field, int msm) {}

  /**
   * The plan's terms with their statistics, chunks in order of their postings' length (the sum of the
   * chunks' scores does not depend on it): the shortest first, so that the longer ones visit only the
   * documents it matched (see {@link Scratch#leaf}).
   */
  private Compiled[][] compile(List<List<Group>> plan) throws IOException {
    Similarity similarity = searcher.getSimilarity();
    Compiled[][] out = new Compiled[plan.size()][];
    long[] cost = new long[plan.size()];
    for (int c = 0; c < plan.size(); c++) {
      List<Compiled> groups = new ArrayList<>();
      for (Group g : plan.get(c)) {
        List<Term> terms = new ArrayList<>();
        List<TermStates> found = new ArrayList<>();
        List<Similarity.SimScorer> scorers = new ArrayList<>();
        for (String text : g.terms()) {
          Term term = new Term(g.field(), text);
          TermStates st = states.apply(term);
          if (st.docFreq() > 0) {
            cost[c] += st.docFreq();
            terms.add(term);
            found.add(st);
            scorers.add(similarity.scorer(g.boost(), collection(g.field()),
                searcher.termStatistics(term, st.docFreq(), st.totalTermFreq())));
          }
        }
        // Fewer terms in the index than the group needs: it cannot match (Lucene: no scorer).
        if (terms.size() >= g.msm() && !terms.isEmpty()) {
          groups.add(new Compiled(terms.toArray(Term[]::new), found.toArray(TermStates[]::new),
              scorers.toArray(Similarity.SimScorer[]::new), norms(g.field()), fieldIndex(g.field()), g.msm()));
        }
      }
      out[c] = groups.toArray(Compiled[]::new);
    }
    Integer[] order = new Integer[out.length];
    for (int c = 0; c < order.length; c++) {
      order[c] = c;
    }
    java.util.Arrays.sort(order, (a, b) -> Long.compare(cost[a], cost[b]));
    Compiled[][] sorted = new Compiled[out.length][];
    for (int c = 0; c < order.length; c++) {
      sorted[c] = out[order[c]];
    }
    return sorted;
  }

  private static int fieldIndex(String field) {
    List<QueryBuilder.Target> targets = QueryBuilder.BIGRAM_TARGETS;
    for (int i = 0; i < targets.size(); i++) {
      if (targets.get(i).field().equals(field)) {
        return i;
      }
    }
    throw new IllegalArgumentException("not a bigram field: " + field);
  }

  private CollectionStatistics collection(String field) throws IOException {
    CollectionStatistics c = collection.get(field);
    if (c == null) {
      c = searcher.collectionStatistics(field);
      collection.put(field, c);
    }
    return c;
  }

  /** A field's encoded norms by global document number, read once per reader (norms are dense). */
  private byte[] norms(String field) throws IOException {
    byte[] n = norms.get(field);
    if (n == null) {
      n = new byte[maxDoc];
      for (LeafReaderContext leaf : leaves) {
        NumericDocValues values = leaf.reader().getNormValues(field);
        if (values != null) {
          for (int d = values.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = values.nextDoc()) {
            n[leaf.docBase + d] = (byte) values.longValue();
          }
        }
      }
      norms.put(field, n);
    }
    return n;
  }

  /** The documents that are full articles (the stub filter's {@code stub:false}). */
  private FixedBitSet fullArticles() throws IOException {
    FixedBitSet f = fullArticles;
    if (f == null) {
      f = new FixedBitSet(Math.max(1, maxDoc));
      for (LeafReaderContext leaf : leaves) {
        PostingsEnum p = leaf.reader().postings(new Term(Fields.STUB, "false"), PostingsEnum.NONE);
        if (p != null) {
          for (int d = p.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = p.nextDoc()) {
            f.set(leaf.docBase + d);
          }
        }
      }
      fullArticles = f;
    }
    return f;
  }

  /** Each document's day (epoch day) from the day doc values, {@link #NO_DAY} without one. */
  private int[] days() throws IOException {
    int[] a = days;
    if (a == null) {
      a = new int[maxDoc];
      java.util.Arrays.fill(a, NO_DAY);
      for (LeafReaderContext leaf : leaves) {
        NumericDocValues values = leaf.reader().getNumericDocValues(Fields.DAY);
        if (values != null) {
          for (int d = values.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = values.nextDoc()) {
            a[leaf.docBase + d] = Math.toIntExact(values.longValue());
          }
        }
      }
      days = a;
    }
    return a;
  }

  private Scratch take() {
    synchronized (pool) {
      Scratch s = pool.poll();
      if (s != null) {
        return s;
      }
    }
    return new Scratch(largestLeaf);
  }

  private void give(Scratch s) {
    synchronized (pool) {
      if (pool.size() < poolLimit) {
        pool.push(s);
      }
    }
  }

  /**
   * One search's working arrays over one segment's documents. Nothing is cleared in proportion to the
   * segment: a field's sums and counts are reset through the list of documents it touched, and a
   * document's chunk state is relative to a stamp that moves on with every segment searched.
   */
  private static final class Scratch {
    /** The current field clause's sum and number of matching terms per document. */
    final double[] field;
    final char[] count;
    final int[] fieldList;
    /** The current chunk's sum; the sum of the chunks so far. */
    final double[] chunk;
    final double[] total;
    /** Documents that matched the current chunk (after the last: the matches). */
    final int[] chunkList;
    /** The documents that matched the chunks before the current one, in order. */
    final int[] sorted;
    /** {@code stamp + c}: the document matched chunks 0 to c-1 of this segment's search. */
    final int[] state;
    int stamp = 1;
    private final TermsEnum[] termsEnums = new TermsEnum[QueryBuilder.BIGRAM_TARGETS.size()];
    private final PostingsEnum[] postings = new PostingsEnum[QueryBuilder.BIGRAM_TARGETS.size()];

    Scratch(int size) {
      field = new double[size];
      count = new char[size];
      fieldList = new int[size];
      chunk = new double[size];
      total = new double[size];
      chunkList = new int[size];
      sorted = new int[size];
      state = new int[size];
    }

    /** Scores one segment; returns how many documents (in {@link #chunkList}) matched every chunk. */
    int leaf(LeafReaderContext leaf, Compiled[][] plan) throws IOException {
      int chunks = plan.length;
      if (stamp > Integer.MAX_VALUE - chunks - 2) {
        java.util.Arrays.fill(state, 0);
        stamp = 1;
      }
      int e = stamp;
      stamp += chunks + 1;
      java.util.Arrays.fill(termsEnums, null);
      LeafReader reader = leaf.reader();
      int base = leaf.docBase;
      int matched = 0;
      int candidates = 0;
      for (int c = 0; c < chunks; c++) {
        int done = e + c + 1;
        if (c > 0) {
          // The documents that matched every chunk so far, in order: a long posting list jumps to them.
          candidates = matched;
          System.arraycopy(chunkList, 0, sorted, 0, candidates);
          java.util.Arrays.sort(sorted, 0, candidates);
        }
        matched = 0;
        for (Compiled g : plan[c]) {
          int touched = 0;
          for (int t = 0; t < g.terms().length; t++) {
            TermState ts = g.states()[t].get(leaf);
            if (ts == null) {
              continue;
            }
            TermsEnum te = seek(reader, g, t, ts);
            PostingsEnum p = te.postings(postings[g.field()], PostingsEnum.FREQS);
            postings[g.field()] = p;
            if (c > 0 && (long) candidates * 8 < te.docFreq()) {
              touched = jump(p, g.scorers()[t], g.norms(), base, touched, candidates);
            } else {
              touched = scan(p, g.scorers()[t], g.norms(), base, touched, c == 0 ? Integer.MIN_VALUE : e + c);
            }
          }
          matched = close(touched, g.msm(), done, matched);
        }
        for (int i = 0; i < matched; i++) {
          int d = chunkList[i];
          float score = (float) chunk[d];
          total[d] = c == 0 ? score : total[d] + score;
        }
        if (matched == 0) {
          return 0;
        }
      }
      return matched;
    }

    /**
     * Adds a term's scores to the field sums, of every document in its postings whose chunk state is at
     * least {@code need} (from the second chunk on: the documents that matched every chunk before).
     */
    private int scan(PostingsEnum p, Similarity.SimScorer sim, byte[] norms, int base, int touched, int need)
        throws IOException {
      int[] state = this.state;
      for (int d = p.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = p.nextDoc()) {
        if (state[d] >= need) {
          touched = add(d, sim.score(p.freq(), norms[base + d]), touched);
        }
      }
      return touched;
    }

    /** {@link #scan} of the first {@code n} sorted candidates only, jumping through the postings. */
    private int jump(PostingsEnum p, Similarity.SimScorer sim, byte[] norms, int base, int touched, int n)
        throws IOException {
      int[] sorted = this.sorted;
      int d = -1;
      for (int i = 0; i < n; i++) {
        int target = sorted[i];
        if (d < target) {
          d = p.advance(target);
          if (d == DocIdSetIterator.NO_MORE_DOCS) {
            break;
          }
        }
        if (d == target) {
          touched = add(d, sim.score(p.freq(), norms[base + d]), touched);
        }
      }
      return touched;
    }

    /** Adds one term's score to a document's field sum; the document is listed on its first term. */
    private int add(int d, float score, int touched) {
      if (count[d]++ == 0) {
        fieldList[touched++] = d;
        field[d] = score;
      } else {
        field[d] += score;
      }
      return touched;
    }

    /**
     * Ends a field clause: its documents with at least {@code msm} terms add the clause's score (its
     * sum rounded to float, as Lucene's scorer returns it) to the chunk; the field's arrays are reset.
     */
    private int close(int touched, int msm, int done, int matched) {
      int[] list = this.fieldList;
      for (int i = 0; i < touched; i++) {
        int d = list[i];
        if (count[d] >= msm) {
          float score = (float) field[d];
          if (state[d] != done) {
            state[d] = done;
            chunkList[matched++] = d;
            chunk[d] = score;
          } else {
            chunk[d] += score;
          }
        }
        count[d] = 0;
      }
      return matched;
    }

    private TermsEnum seek(LeafReader reader, Compiled g, int t, TermState ts) throws IOException {
      int f = g.field();
      TermsEnum te = termsEnums[f];
      if (te == null) {
        Terms terms = reader.terms(g.terms()[t].field());
        te = terms.iterator();
        termsEnums[f] = te;
      }
      te.seekExact(g.terms()[t].bytes(), ts);
      return te;
    }
  }
  /**
   * The best matches by score, then lower document number, in Lucene's own queue of hits (its order is
   * that of Lucene's top-docs collector); at most as many as the index has documents, as Lucene caps it.
   */
  private static final class TopK {
    private final HitQueue queue;
    private ScoreDoc spare;

    TopK(int limit) {
      queue = new HitQueue(limit, false);
    }

    void offer(float score, int doc) {
      if (spare == null) {
        spare = new ScoreDoc(doc, score);
      } else {
        spare.doc = doc;
        spare.score = score;
      }
      spare = queue.insertWithOverflow(spare);
    }

    ScoreDoc[] sorted() {
      ScoreDoc[] out = new ScoreDoc[queue.size()];
      for (int i = out.length - 1; i >= 0; i--) {
        out[i] = queue.pop();
      }
      return out;
    }
  }
}

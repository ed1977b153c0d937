package dev.content.search.internal;

import dev.content.search.TermMode;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * The similarity engine: every document becomes a sparse, L2-normalised TF-IDF vector of its
 * {@code maxTerms} strongest terms, and an inverted index over those vectors answers "the k most
 * similar documents" by touching only documents that share a selective term.
 *
 * <p>Term statistics (document frequencies) are frozen in {@link Stats} when the model is first built
 * and reused by {@link #plus}: the vector of a document then depends only on its own text, so the
 * similarity of two documents never changes when others are added. That is the stability rule.
 *
 * <h2>Layout</h2>
 * Terms are numbered by one dictionary: the statistics' terms first, by descending document frequency
 * (so the common terms are exactly the ids below {@link #commonTerms}), then terms that only vectors use.
 * Vectors are held as one array of term ids and one of weights for all documents (sorted by term id
 * within a document), postings likewise; no per-document objects. Common terms have no postings.
 *
 * <h2>Lookup</h2>
 * Candidates are the documents sharing a selective (non-common) term with the query; walking the
 * postings of those terms gives each candidate's exact score over them. The common terms' share is
 * then added per candidate, but only for candidates that could still enter the top k: the common share
 * is bounded by {@code |q_common| · |d_common|} (Cauchy–Schwarz), so a candidate whose selective score
 * plus that bound stays below the current k-th score is skipped. The result is exactly the top k of the
 * candidates by cosine.
 */
public final class VectorModel {
  /** Below this document frequency a term is never common. */
  static final int MIN_COMMON_DF = 200;
  /** Above this document frequency a term is always common (keeps postings walks short at 100,000). */
  static final int MAX_COMMON_DF = 2000;

  private final Params params;
  private final Stats stats;
  private final String[] ids;
  private final Map<String, Integer> index;
  /** Terms of vectors that the statistics do not know (seen in one document); ids follow the statistics'. */
  private final TermDictionary extra;
  private final int vocab;
  private final int commonTerms;
  private final int[] fwdStart;
  private final int[] fwdTerm;
  private final float[] fwdWeight;
  private final int[] postStart;
  private final int[] postDoc;
  private final float[] postWeight;
  /** The length of each document's common-term part, for the bound on their share of a score. */
  private final float[] commonNorm;
  private final ThreadLocal<Scratch> scratch;
  /** Display strings handed out as evidence, one per term id, so that millions of reasons share them. */
  private final String[] display;

  /**
   * Tuning of the model; part of the index version.
   *
   * @param mode which terms represent a text
   * @param maxTerms how many of its strongest body terms represent a text
   * @param titleShare the share of the title in a vector's squared length (0 to 1); the body gets the rest
   * @param bodyIdfPower the exponent of the body terms' IDF (1 = classic TF-IDF, less = common terms count more)
   * @param titleIdfPower the exponent of the title terms' IDF
   */
  public record Params(TermMode mode, int maxTerms, double titleShare, double bodyIdfPower,
      double titleIdfPower) {
    public Params {
      if (maxTerms < 1) {
        throw new IllegalArgumentException("maxTermsPerDocument must be at least 1, was " + maxTerms);
      }
      if (!(titleShare >= 0 && titleShare <= 1)) {
        throw new IllegalArgumentException("titleShare must be between 0 and 1, was " + titleShare);
      }
      if (!(bodyIdfPower >= 0 && bodyIdfPower <= 2) || !(titleIdfPower >= 0 && titleIdfPower <= 2)) {
        throw new IllegalArgumentException("IDF powers must be between 0 and 2");
      }
    }

    public String version() {
      return "vectors/2 common " + MIN_COMMON_DF + "-" + MAX_COMMON_DF + " " + mode + " " + maxTerms + " "
          + titleShare + " " + bodyIdfPower + " " + titleIdfPower;
    }
  }

  /** A document to add: id, title and body text. */
  public record Doc(String id, String title, String text) {}

  /**
   * A document's truncated vector in portable form (term strings, sorted by term), as stored in the
   * index and passed between models; a model keeps it as term ids.
   */
  public record Vector(String[] terms, float[] weights) {
    public static final Vector EMPTY = new Vector(new String[0], new float[0]);

    public void writeTo(DataOutput out) throws IOException {
      out.writeShort(terms.length);
      for (int i = 0; i < terms.length; i++) {
        out.writeUTF(terms[i]);
        out.writeFloat(weights[i]);
      }
    }

    public static Vector readFrom(DataInput in) throws IOException {
      int n = in.readUnsignedShort();
      String[] t = new String[n];
      float[] w = new float[n];
      for (int i = 0; i < n; i++) {
        t[i] = in.readUTF();
        w[i] = in.readFloat();
      }
      return new Vector(t, w);
    }
  }

  /**
   * Frozen document frequencies. Terms seen in a single document are not stored: a missing term
   * counts as seen once, which is what it was (or less). Terms are numbered by descending document
   * frequency (ties by term), so that the common ones come first.
   */
  public static final class Stats {
    private final int docCount;
    private final TermDictionary terms;
    private final int[] df;
    private final int commonTerms;

    private Stats(int docCount, TermDictionary terms, int[] df) {
      this.docCount = docCount;
      this.terms = terms;
      this.df = df;
      int cap = commonCap(docCount);
      int c = 0;
      while (c < df.length && df[c] > cap) {
        c++;
      }
      this.commonTerms = c;
    }

    /**
     * Terms in more than a twentieth of the documents (at least {@link #MIN_COMMON_DF}, at most
     * {@link #MAX_COMMON_DF} documents) are "common".
     */
    static int commonCap(int docCount) {
      return Math.max(MIN_COMMON_DF, Math.min(MAX_COMMON_DF, docCount / 20));
    }

    /** Counts document frequencies bag by bag, so that no more than a few bags live at once. */
    static Stats of(Params params, List<Doc> docs) {
      TermExtractor extractor = new TermExtractor(params.mode());
      ConcurrentHashMap<String, int[]> counts = new ConcurrentHashMap<>();
      IntStream.range(0, docs.size()).parallel().forEach(i -> {
        // The keys of bag(...) without the bag: the body's terms and the title's in their own space.
        for (String[] terms : List.of(extractor.distinct(docs.get(i).text(), ""),
            extractor.distinct(docs.get(i).title(), String.valueOf(TITLE)))) {
          for (String t : terms) {
            int[] c = counts.computeIfAbsent(t, k -> new int[1]);
            synchronized (c) {
              c[0]++;
            }
          }
        }
      });
      List<Map.Entry<String, int[]>> kept = new ArrayList<>();
      for (Map.Entry<String, int[]> e : counts.entrySet()) {
        if (e.getValue()[0] >= 2) {
          kept.add(e);
        }
      }
      kept.sort((a, b) -> {
        int c = Integer.compare(b.getValue()[0], a.getValue()[0]);
        return c != 0 ? c : a.getKey().compareTo(b.getKey());
      });
      String[] t = new String[kept.size()];
      int[] df = new int[kept.size()];
      for (int i = 0; i < t.length; i++) {
        t[i] = kept.get(i).getKey();
        df[i] = kept.get(i).getValue()[0];
      }
      return of(docs.size(), t, df);
    }

    private static Stats of(int docCount, String[] t, int[] df) {
      TermDictionary dict = new TermDictionary(t.length);
      for (String term : t) {
        dict.add(term);
      }
      dict.trim();
      return new Stats(docCount, dict, df);
    }

    public int docCount() {
      return docCount;
    }

    /** Writes the statistics as flat arrays (see {@link #read(BinaryFile.Reader)}). */
    void write(BinaryFile.Writer out) {
      out.integer(docCount);
      out.ints(df);
      out.ints(terms.starts());
      char[] chars = terms.chars();
      out.integer(chars.length);
      int[] packed = new int[(chars.length + 1) / 2];
      for (int i = 0; i < chars.length; i++) {
        packed[i >> 1] |= chars[i] << ((i & 1) == 0 ? 16 : 0);
      }
      out.ints(packed);
    }

    /** Statistics {@link #write} wrote. */
    static Stats read(BinaryFile.Reader in) {
      int docs = in.integer();
      int[] df = in.ints();
      int[] starts = in.ints();
      int n = in.integer();
      int[] packed = in.ints();
      if (n < 0 || packed.length != (n + 1) / 2 || starts.length != df.length + 1) {
        throw new IllegalArgumentException("damaged similarity statistics");
      }
      char[] chars = new char[n];
      for (int i = 0; i < n; i++) {
        chars[i] = (char) (packed[i >> 1] >>> ((i & 1) == 0 ? 16 : 0));
      }
      for (int i = 1; i < df.length; i++) {
        if (df[i] > df[i - 1]) {
          throw new IllegalArgumentException("similarity statistics out of order at term " + i);
        }
      }
      return new Stats(docs, TermDictionary.of(chars, starts), df);
    }

    /** The number of terms seen in at least two documents. */
    public int terms() {
      return df.length;
    }

    int df(String term) {
      int id = terms.find(term);
      return id < 0 ? 1 : df[id];
    }

    double idf(String term) {
      int d = df(term);
      return Math.log((docCount + 1.0) / Math.max(1, Math.min(d, docCount)));
    }

    /** Bytes held, for memory reports. */
    long bytes() {
      return terms.bytes() + 4L * df.length + 32;
    }

    public void writeTo(DataOutput out) throws IOException {
      out.writeInt(docCount);
      out.writeInt(df.length);
      for (int i = 0; i < df.length; i++) {
        out.writeUTF(terms.term(i));
        out.writeInt(df[i]);
      }
    }

    public static Stats readFrom(DataInput in) throws IOException {
      int docs = in.readInt();
      int n = in.readInt();
      String[] t = new String[n];
      int[] df = new int[n];
      for (int i = 0; i < n; i++) {
        t[i] = in.readUTF();
        df[i] = in.readInt();
        if (i > 0 && df[i] > df[i - 1]) {
          throw new IOException("similarity statistics out of order at term " + i);
        }
      }
      return of(docs, t, df);
    }
  }

  /** A scored neighbour by document number. */
  public record Hit(int doc, float score) {}

  /** Per-thread work arrays of a lookup, so that the hot loop allocates nothing. */
  private static final class Scratch {
    final float[] acc;
    final float[] qCommon;
    int[] touched = new int[1024];

    Scratch(int docs, int common) {
      acc = new float[docs];
      qCommon = new float[common];
    }
  }

  private VectorModel(Params params, Stats stats, String[] ids, List<Vector> vectors, TermDictionary extra) {
    this(params, stats, ids, flat(stats, ids.length, vectors, extra), extra);
  }

  /** Flat, per-document sorted term ids and weights of portable vectors (unknown terms added to extra). */
  private static Flat flat(Stats stats, int n, List<Vector> vectors, TermDictionary extra) {
    int statsTerms = stats.terms();
    // Term ids: a parallel lookup in the statistics, then the few unknown terms added one by one.
    int[][] termIds = new int[n][];
    IntStream.range(0, n).parallel().forEach(d -> {
      String[] ts = vectors.get(d).terms();
      int[] out = new int[ts.length];
      for (int i = 0; i < ts.length; i++) {
        out[i] = stats.terms.find(ts[i]);
      }
      termIds[d] = out;
    });
    for (int d = 0; d < n; d++) {
      String[] ts = vectors.get(d).terms();
      int[] out = termIds[d];
      for (int i = 0; i < ts.length; i++) {
        if (out[i] < 0) {
          out[i] = statsTerms + extra.add(ts[i]);
        }
      }
    }
    float[][] weights = new float[n][];
    for (int d = 0; d < n; d++) {
      weights[d] = vectors.get(d).weights();
    }
    return flat(n, termIds, weights);
  }

  /** Concatenates per-document term ids and weights, each document's sorted by term id. */
  private static Flat flat(int n, int[][] termIds, float[][] weights) {
    int[] start = new int[n + 1];
    for (int d = 0; d < n; d++) {
      start[d + 1] = start[d] + termIds[d].length;
    }
    int total = start[n];
    int[] term = new int[total];
    float[] weight = new float[total];
    IntStream.range(0, n).parallel().forEach(d -> {
      int[] t = termIds[d];
      float[] w = weights[d];
      long[] order = new long[t.length];
      for (int i = 0; i < t.length; i++) {
        order[i] = ((long) t[i] << 32) | i;
      }
      Arrays.sort(order);
      int at = start[d];
      for (int i = 0; i < order.length; i++) {
        term[at + i] = (int) (order[i] >>> 32);
        weight[at + i] = w[(int) order[i]];
      }
    });
    return new Flat(start, term, weight);
  }

  /** Documents' vectors as flat arrays: document d's terms (ids, ascending) are {@code [start[d], start[d+1])}. */
  private record Flat(int[] start, int[] term, float[] weight) {}

  private VectorModel(Params params, Stats stats, String[] ids, Flat flat, TermDictionary extra) {
    this.params = params;
    this.stats = stats;
    this.ids = ids;
    this.index = new HashMap<>(ids.length * 4 / 3 + 1);
    for (int i = 0; i < ids.length; i++) {
      if (index.put(ids[i], i) != null) {
        throw new IllegalArgumentException("duplicate document id: " + ids[i]);
      }
    }
    int n = ids.length;
    int statsTerms = stats.terms();
    this.commonTerms = stats.commonTerms;
    extra.trim();
    this.extra = extra;
    this.vocab = statsTerms + extra.size();
    this.fwdStart = flat.start();
    this.fwdTerm = flat.term();
    this.fwdWeight = flat.weight();
    if (fwdStart.length != n + 1 || fwdStart[0] != 0 || fwdStart[n] != fwdTerm.length
        || fwdWeight.length != fwdTerm.length) {
      throw new IllegalArgumentException("vectors do not match the documents");
    }
    int total = fwdStart[n];
    this.commonNorm = new float[n];
    int[] df = new int[vocab + 1];
    IntStream.range(0, n).parallel().forEach(d -> {
      if (fwdStart[d + 1] < fwdStart[d]) {
        throw new IllegalArgumentException("vectors out of order at document " + d);
      }
      double common = 0;
      int last = -1;
      for (int i = fwdStart[d]; i < fwdStart[d + 1]; i++) {
        int term = fwdTerm[i];
        if (term <= last || term >= vocab) {
          throw new IllegalArgumentException("vector terms out of order at document " + d);
        }
        last = term;
        if (term < commonTerms) {
          common += (double) fwdWeight[i] * fwdWeight[i];
        }
      }
      commonNorm[d] = (float) Math.sqrt(common);
    });
    for (int i = 0; i < total; i++) {
      if (fwdTerm[i] >= commonTerms) {
        df[fwdTerm[i] + 1]++;
      }
    }
    this.postStart = new int[vocab + 1];
    for (int t = 0; t < vocab; t++) {
      postStart[t + 1] = postStart[t] + df[t + 1];
    }
    this.postDoc = new int[postStart[vocab]];
    this.postWeight = new float[postStart[vocab]];
    int[] fill = Arrays.copyOf(postStart, vocab);
    for (int d = 0; d < n; d++) {
      for (int i = fwdStart[d]; i < fwdStart[d + 1]; i++) {
        int t = fwdTerm[i];
        if (t >= commonTerms) {
          postDoc[fill[t]] = d;
          postWeight[fill[t]++] = fwdWeight[i];
        }
      }
    }
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(n, commonTerms));
    this.display = new String[vocab];
  }

  /** Builds a model with statistics taken from these documents. */
  public static VectorModel build(Params params, List<Doc> docs) {
    Stats stats = Stats.of(params, docs);
    return of(params, stats, docs.stream().map(Doc::id).toList(), vectorise(params, stats, docs));
  }

  /** A model from vectors computed earlier with these frozen statistics (nothing is analysed). */
  public static VectorModel of(Params params, Stats stats, List<String> ids, List<Vector> vectors) {
    return new VectorModel(params, stats, ids.toArray(String[]::new), vectors, new TermDictionary(256));
  }

  /**
   * The documents and their vectors in the model's own form, for storing: term ids below
   * {@code stats().terms()} are the statistics' terms, the others {@code extraTerms} in order.
   */
  public record Layout(String[] ids, int[] start, int[] terms, float[] weights, String[] extraTerms) {}

  public Layout layout() {
    String[] more = new String[extra.size()];
    for (int i = 0; i < more.length; i++) {
      more[i] = extra.term(i);
    }
    return new Layout(ids, fwdStart, fwdTerm, fwdWeight, more);
  }

  /**
   * The model a {@link #layout()} describes, under the same statistics: nothing is analysed or sorted.
   *
   * @throws IllegalArgumentException if the layout does not hold together
   */
  public static VectorModel restore(Params params, Stats stats, Layout layout) {
    return new VectorModel(params, stats, layout.ids(), new Flat(layout.start(), layout.terms(), layout.weights()),
        extra(layout.extraTerms()));
  }

  /**
   * A model over {@code ids} under the statistics of {@code old}: document {@code i} keeps the vector of
   * {@code old}'s document {@code from[i]} when that is not negative, else takes the next of
   * {@code fresh} (computed under the same statistics). Term ids of {@code old} are kept, so nothing
   * is looked up again for the kept documents.
   */
  public static VectorModel assemble(Params params, Stats stats, Layout old, String[] ids, int[] from,
      List<Vector> fresh) {
    TermDictionary extra = extra(old.extraTerms());
    int n = ids.length;
    int[][] termIds = new int[n][];
    float[][] weights = new float[n][];
    int next = 0;
    for (int d = 0; d < n; d++) {
      if (from[d] >= 0) {
        int a = old.start()[from[d]];
        int b = old.start()[from[d] + 1];
        termIds[d] = Arrays.copyOfRange(old.terms(), a, b);
        weights[d] = Arrays.copyOfRange(old.weights(), a, b);
      } else {
        Vector v = fresh.get(next++);
        int[] t = new int[v.terms().length];
        for (int i = 0; i < t.length; i++) {
          int id = stats.terms.find(v.terms()[i]);
          t[i] = id >= 0 ? id : stats.terms() + extra.add(v.terms()[i]);
        }
        termIds[d] = t;
        weights[d] = v.weights();
      }
    }
    return new VectorModel(params, stats, ids, flat(n, termIds, weights), extra);
  }

  private static TermDictionary extra(String[] terms) {
    TermDictionary extra = new TermDictionary(Math.max(256, terms.length));
    for (String t : terms) {
      extra.add(t);
    }
    if (extra.size() != terms.length) {
      throw new IllegalArgumentException("repeated extra terms");
    }
    return extra;
  }

  /**
   * This model plus more documents (replacing documents with the same id), vectorised with the
   * frozen statistics so that the similarity of existing documents is unchanged.
   */
  public VectorModel plus(List<Doc> more) {
    List<Vector> vs = vectorise(more);
    List<String> moreIds = more.stream().map(Doc::id).toList();
    return plusVectors(moreIds, vs);
  }

  /** This model plus documents already vectorised under its statistics (same id replaces). */
  public VectorModel plusVectors(List<String> moreIds, List<Vector> moreVectors) {
    Map<String, Vector> added = new java.util.LinkedHashMap<>();
    for (int i = 0; i < moreIds.size(); i++) {
      added.put(moreIds.get(i), moreVectors.get(i));
    }
    List<String> newIds = new ArrayList<>(ids.length + added.size());
    List<Vector> newVectors = new ArrayList<>(ids.length + added.size());
    for (int i = 0; i < ids.length; i++) {
      Vector v = added.remove(ids[i]);
      newIds.add(ids[i]);
      newVectors.add(v != null ? v : vector(i));
    }
    added.forEach((id, v) -> {
      newIds.add(id);
      newVectors.add(v);
    });
    // The extra terms keep their ids, so that the scores of existing pairs are computed alike.
    return new VectorModel(params, stats, newIds.toArray(String[]::new), newVectors, extra.copy());
  }

  /** Vectors of these documents under this model's frozen statistics. */
  public List<Vector> vectorise(List<Doc> docs) {
    return vectorise(params, stats, docs);
  }

  /** Vectors of these documents under the given frozen statistics. */
  public static List<Vector> vectorise(Params params, Stats stats, List<Doc> docs) {
    TermExtractor extractor = new TermExtractor(params.mode());
    return IntStream.range(0, docs.size()).parallel()
        .mapToObj(i -> vector(bag(extractor, docs.get(i).title(), docs.get(i).text()), stats, params))
        .toList();
  }

  /** Statistics of these documents, for a model built in steps. */
  public static Stats statistics(Params params, List<Doc> docs) {
    return Stats.of(params, docs);
  }

  /** The vector of one text under this model's frozen statistics. */
  public Vector vectorise(String title, String text) {
    return vector(bag(new TermExtractor(params.mode()), title, text), stats, params);
  }

  /** Title terms live in their own space, marked by this prefix. */
  static final char TITLE = '^';

  private static Map<String, Float> bag(TermExtractor extractor, String title, String text) {
    Map<String, Float> bag = extractor.bag(text);
    extractor.bag(title).forEach((t, n) -> bag.put(TITLE + t, n));
    return bag;
  }

  /**
   * Body and title are weighted and normalised apart, then scaled so that the title holds
   * {@code titleShare} of the squared length: a short title is not drowned by a long body.
   */
  private static Vector vector(Map<String, Float> bag, Stats stats, Params params) {
    int n = bag.size();
    String[] terms = new String[n];
    double[] w = new double[n];
    Integer[] body = new Integer[n];
    int nb = 0;
    List<Integer> title = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, Float> e : bag.entrySet()) {
      String t = e.getKey();
      boolean isTitle = t.charAt(0) == TITLE;
      terms[i] = t;
      w[i] = (1 + Math.log(e.getValue())) * Math.pow(stats.idf(t),
          isTitle ? params.titleIdfPower() : params.bodyIdfPower());
      if (isTitle) {
        title.add(i);
      } else {
        body[nb++] = i;
      }
      i++;
    }
    // Strongest first, ties by term so that the cut is deterministic.
    Arrays.sort(body, 0, nb, (a, b) -> {
      int c = Double.compare(w[b], w[a]);
      return c != 0 ? c : terms[a].compareTo(terms[b]);
    });
    List<Integer> bodyTerms = Arrays.asList(body).subList(0, Math.min(nb, params.maxTerms()));
    double share = title.isEmpty() ? 0 : bodyTerms.isEmpty() ? 1 : params.titleShare();
    Map<String, Double> out = new java.util.TreeMap<>();
    scale(bodyTerms, terms, w, Math.sqrt(1 - share), out);
    scale(title, terms, w, Math.sqrt(share), out);
    String[] kt = new String[out.size()];
    float[] kw = new float[out.size()];
    int j = 0;
    for (Map.Entry<String, Double> e : out.entrySet()) {
      kt[j] = e.getKey();
      kw[j++] = e.getValue().floatValue();
    }
    return new Vector(kt, kw);
  }

  private static void scale(List<Integer> which, String[] terms, double[] w, double length, Map<String, Double> out) {
    double norm = 0;
    for (int t : which) {
      norm += w[t] * w[t];
    }
    if (norm <= 0 || length <= 0) {
      return;
    }
    double f = length / Math.sqrt(norm);
    for (int t : which) {
      if (w[t] > 0) {
        out.put(terms[t], w[t] * f);
      }
    }
  }

  /** The term as a reader sees it (without the title-space marker). */
  public static String displayTerm(String term) {
    return term.charAt(0) == TITLE ? term.substring(1) : term;
  }

  public Params params() {
    return params;
  }

  public Stats stats() {
    return stats;
  }

  public int size() {
    return ids.length;
  }

  public String id(int doc) {
    return ids[doc];
  }

  public List<String> ids() {
    return List.of(ids);
  }

  /** The document number of {@code id}, or -1. */
  public int doc(String id) {
    Integer d = index.get(id);
    return d == null ? -1 : d;
  }

  /** The term with this id. */
  private String term(int id) {
    return id < stats.terms() ? stats.terms.term(id) : extra.term(id - stats.terms());
  }

  /** The id of a term, or -1 when no document of the model or the statistics has it. */
  private int termId(String term) {
    int id = stats.terms.find(term);
    if (id >= 0) {
      return id;
    }
    id = extra.find(term);
    return id < 0 ? -1 : stats.terms() + id;
  }

  /** The portable vector of a document (made on demand; the model keeps ids). */
  public Vector vector(int doc) {
    int from = fwdStart[doc];
    int n = fwdStart[doc + 1] - from;
    Integer[] order = new Integer[n];
    String[] t = new String[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      t[i] = term(fwdTerm[from + i]);
    }
    Arrays.sort(order, (a, b) -> t[a].compareTo(t[b]));
    String[] terms = new String[n];
    float[] weights = new float[n];
    for (int i = 0; i < n; i++) {
      terms[i] = t[order[i]];
      weights[i] = fwdWeight[from + order[i]];
    }
    return new Vector(terms, weights);
  }

  /**
   * A text's vector in the model's term ids (terms no document has are dropped: they match nothing),
   * sorted by id.
   */
  public Query query(Vector v) {
    long[] order = new long[v.terms().length];
    int n = 0;
    for (int i = 0; i < v.terms().length; i++) {
      int id = termId(v.terms()[i]);
      if (id >= 0) {
        order[n++] = ((long) id << 32) | i;
      }
    }
    Arrays.sort(order, 0, n);
    int[] t = new int[n];
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      t[i] = (int) (order[i] >>> 32);
      w[i] = v.weights()[(int) order[i]];
    }
    return new Query(t, w, 0, n);
  }

  /** The vector of document {@code doc} as a query (no copy). */
  public Query query(int doc) {
    return new Query(fwdTerm, fwdWeight, fwdStart[doc], fwdStart[doc + 1]);
  }

  /** A vector in the model's term ids: {@code terms[from..to)}, sorted by id. */
  public record Query(int[] terms, float[] weights, int from, int to) {}

  /**
   * The {@code k} documents most similar to {@code query} among those {@code accept} allows, by
   * descending score then ascending id; documents sharing no selective term are never returned.
   */
  public List<Hit> nearest(Query query, int k, IntPredicate accept) {
    if (k <= 0) {
      return List.of();
    }
    Scratch s = scratch.get();
    float[] acc = s.acc;
    float[] qCommon = s.qCommon;
    int[] touched = s.touched;
    int nTouched = 0;
    double qCommonNorm2 = 0;
    int[] qt = query.terms();
    float[] qw = query.weights();
    // Phase 1: exact scores over the selective terms, whose postings are short.
    for (int i = query.from(); i < query.to(); i++) {
      int t = qt[i];
      float w = qw[i];
      if (t < commonTerms) {
        qCommon[t] = w;
        qCommonNorm2 += (double) w * w;
        continue;
      }
      int end = postStart[t + 1];
      if (nTouched + (end - postStart[t]) > touched.length) {
        touched = Arrays.copyOf(touched, Math.max(touched.length * 2, nTouched + end - postStart[t]));
        s.touched = touched;
      }
      for (int j = postStart[t]; j < end; j++) {
        int d = postDoc[j];
        float a = acc[d];
        if (a == 0f) {
          touched[nTouched++] = d;
        }
        acc[d] = a + w * postWeight[j];
      }
    }
    // Phase 2: the common terms' share, for the candidates that can still enter the top k. The
    // candidates with the best selective scores go first, so that the k-th score (the bar the others
    // must clear) is high from the start.
    float qCommonNorm = (float) Math.sqrt(qCommonNorm2);
    TopK top = new TopK(k);
    int m = Math.min(nTouched, 4 * k);
    int[] first = new int[m];
    float[] firstScore = new float[m];
    int heap = 0;
    for (int i = 0; i < nTouched; i++) {
      int d = touched[i];
      float p = acc[d];
      if (heap < m) {
        first[heap] = d;
        firstScore[heap] = p;
        siftUp(first, firstScore, heap++);
      } else if (p > firstScore[0]) {
        first[0] = d;
        firstScore[0] = p;
        siftDown(first, firstScore, heap);
      }
    }
    for (int i = 0; i < heap; i++) {
      int d = first[i];
      top.offer(d, exact(d, acc[d], qCommon, qCommonNorm2 > 0), accept);
      acc[d] = -acc[d];
    }
    for (int i = 0; i < nTouched; i++) {
      int d = touched[i];
      float partial = acc[d];
      acc[d] = 0f;
      if (partial < 0f) {
        continue;
      }
      // A little slack: the bound is computed in float and must never cut a candidate that ties.
      if (partial + qCommonNorm * commonNorm[d] + 1e-6f < top.bar()) {
        continue;
      }
      top.offer(d, exact(d, partial, qCommon, qCommonNorm2 > 0), accept);
    }
    for (int i = query.from(); i < query.to(); i++) {
      if (qt[i] < commonTerms) {
        qCommon[qt[i]] = 0f;
      }
    }
    List<Hit> hits = new ArrayList<>(top.size);
    for (int i = 0; i < top.size; i++) {
      hits.add(new Hit(top.best[i], Math.min(1f, top.score[i])));
    }
    return hits;
  }

  /** The score of candidate {@code d}: its selective part plus the common terms it shares with the query. */
  private float exact(int d, float partial, float[] qCommon, boolean anyCommon) {
    if (!anyCommon) {
      return partial;
    }
    double c = 0;
    for (int j = fwdStart[d], end = fwdStart[d + 1]; j < end; j++) {
      int t = fwdTerm[j];
      if (t >= commonTerms) {
        break;
      }
      c += qCommon[t] * fwdWeight[j];
    }
    return (float) (partial + c);
  }

  /** The best k accepted documents so far, by descending score then ascending id. */
  private final class TopK {
    final int[] best;
    final float[] score;
    int size;

    TopK(int k) {
      best = new int[k];
      score = new float[k];
    }

    /** The score a candidate must reach to be considered; nothing while the list is not full. */
    float bar() {
      return size < best.length ? Float.NEGATIVE_INFINITY : score[size - 1];
    }

    void offer(int d, float s, IntPredicate accept) {
      int k = best.length;
      if (size == k && !better(s, d, score[k - 1], best[k - 1])) {
        return;
      }
      // The filter is a lookup by id: it runs only for candidates that would enter the top k.
      if (!accept.test(d)) {
        return;
      }
      int pos = size < k ? size++ : k - 1;
      while (pos > 0 && better(s, d, score[pos - 1], best[pos - 1])) {
        best[pos] = best[pos - 1];
        score[pos] = score[pos - 1];
        pos--;
      }
      best[pos] = d;
      score[pos] = s;
    }
  }

  /** Min-heap by score over {@code doc[0..i]}: restores the order after adding at {@code i}. */
  private static void siftUp(int[] doc, float[] score, int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (score[parent] <= score[i]) {
        return;
      }
      swap(doc, score, i, parent);
      i = parent;
    }
  }

  /** Min-heap by score over {@code doc[0..n)}: restores the order after replacing the root. */
  private static void siftDown(int[] doc, float[] score, int n) {
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      if (l >= n) {
        return;
      }
      int c = l + 1 < n && score[l + 1] < score[l] ? l + 1 : l;
      if (score[i] <= score[c]) {
        return;
      }
      swap(doc, score, i, c);
      i = c;
    }
  }

  private static void swap(int[] doc, float[] score, int a, int b) {
    int d = doc[a];
    doc[a] = doc[b];
    doc[b] = d;
    float s = score[a];
    score[a] = score[b];
    score[b] = s;
  }

  private boolean better(float s, int d, float s2, int d2) {
    return s > s2 || (s == s2 && ids[d].compareTo(ids[d2]) < 0);
  }

  /**
   * Terms a query shares with a document, with each term's share of their cosine (rounded to a float,
   * as stored), strongest first; a term shared in both title and body counts once with both
   * contributions.
   */
  public List<Map.Entry<String, Double>> shared(Query a, int doc) {
    Map<String, Double> parts = new HashMap<>();
    double total = 0;
    int i = a.from();
    int j = fwdStart[doc];
    int je = fwdStart[doc + 1];
    while (i < a.to() && j < je) {
      int ta = a.terms()[i];
      int tb = fwdTerm[j];
      if (ta == tb) {
        double p = (double) a.weights()[i] * fwdWeight[j];
        total += p;
        parts.merge(display(ta), p, Double::sum);
        i++;
        j++;
      } else if (ta < tb) {
        i++;
      } else {
        j++;
      }
    }
    final double sum = total;
    return parts.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), sum > 0 ? (double) (float) (e.getValue() / sum) : 0.0))
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .toList();
  }

  /** The display form of a term id, made once per term. */
  private String display(int id) {
    String d = display[id];
    if (d == null) {
      String t = term(id);
      if (t.charAt(0) == TITLE) {
        int body = termId(t.substring(1));
        d = body >= 0 ? display(body) : t.substring(1);
      } else {
        d = t;
      }
      display[id] = d;
    }
    return d;
  }

  /** The cosine of two documents (rounded to a float, like the scores of {@link #nearest}). */
  public double cosine(int a, int b) {
    double s = 0;
    int i = fwdStart[a];
    int ie = fwdStart[a + 1];
    int j = fwdStart[b];
    int je = fwdStart[b + 1];
    while (i < ie && j < je) {
      int ta = fwdTerm[i];
      int tb = fwdTerm[j];
      if (ta == tb) {
        s += (double) fwdWeight[i++] * fwdWeight[j++];
      } else if (ta < tb) {
        i++;
      } else {
        j++;
      }
    }
    return (float) Math.min(1.0, s);
  }

  /** The approximate bytes this model holds (arrays and dictionaries; ids and the id map excluded). */
  public long bytes() {
    return stats.bytes() + extra.bytes() + 4L * (fwdStart.length + fwdTerm.length + fwdWeight.length
        + postStart.length + postDoc.length + postWeight.length + commonNorm.length + display.length);
  }
}

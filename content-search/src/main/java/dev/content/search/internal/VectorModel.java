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
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * The similarity engine: every document becomes a sparse, L2-normalised TF-IDF vector of its
 * {@code maxTerms} strongest terms, and an inverted index over those vectors answers "the k most
 * similar documents" exactly (cosine of the truncated vectors) by touching only documents that share
 * a term.
 *
 * <p>Term statistics (document frequencies) are frozen in {@link Stats} when the model is first built
 * and reused by {@link #plus}: the vector of a document then depends only on its own text, so the
 * similarity of two documents never changes when others are added. That is the stability rule.
 */
public final class VectorModel {
  private final Params params;
  private final Stats stats;
  private final String[] ids;
  private final Map<String, Integer> index;
  private final Vector[] vectors;
  private final String[] vocab;
  private final int[][] postDocs;
  private final float[][] postWeights;
  private final ThreadLocal<float[]> scratch;
  private final Map<String, Integer> termIds;

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
      return "vectors/1 " + mode + " " + maxTerms + " " + titleShare + " " + bodyIdfPower + " " + titleIdfPower;
    }
  }

  /** A document to add: id, title and body text. */
  public record Doc(String id, String title, String text) {}

  /**
   * A document's truncated vector: term strings and weights, sorted by term for merge joins.
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
   * counts as seen once, which is what it was (or less).
   */
  public static final class Stats {
    private final int docCount;
    private final Map<String, Integer> df;

    public Stats(int docCount, Map<String, Integer> df) {
      this.docCount = docCount;
      this.df = df;
    }

    /** Counts document frequencies bag by bag, so that no more than a few bags live at once. */
    static Stats of(Params params, List<Doc> docs) {
      TermExtractor extractor = new TermExtractor(params.mode());
      java.util.concurrent.ConcurrentHashMap<String, Integer> df = new java.util.concurrent.ConcurrentHashMap<>();
      IntStream.range(0, docs.size()).parallel().forEach(i -> {
        for (String t : bag(extractor, docs.get(i).title(), docs.get(i).text()).keySet()) {
          df.merge(t, 1, Integer::sum);
        }
      });
      Map<String, Integer> kept = new HashMap<>();
      df.forEach((t, n) -> {
        if (n >= 2) {
          kept.put(t, n);
        }
      });
      return new Stats(docs.size(), kept);
    }

    public int docCount() {
      return docCount;
    }

    int df(String term) {
      return df.getOrDefault(term, 1);
    }

    double idf(String term) {
      int d = df.getOrDefault(term, 1);
      return Math.log((docCount + 1.0) / Math.max(1, Math.min(d, docCount)));
    }

    public void writeTo(DataOutput out) throws IOException {
      out.writeInt(docCount);
      out.writeInt(df.size());
      for (Map.Entry<String, Integer> e : df.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeInt(e.getValue());
      }
    }

    public static Stats readFrom(DataInput in) throws IOException {
      int docs = in.readInt();
      int n = in.readInt();
      Map<String, Integer> df = new HashMap<>(n * 4 / 3 + 1);
      for (int i = 0; i < n; i++) {
        df.put(in.readUTF(), in.readInt());
      }
      return new Stats(docs, df);
    }
  }

  /** A scored neighbour by document number. */
  public record Hit(int doc, float score) {}

  private VectorModel(Params params, Stats stats, List<String> ids, List<Vector> vectors) {
    this.params = params;
    this.stats = stats;
    this.ids = ids.toArray(String[]::new);
    this.vectors = vectors.toArray(Vector[]::new);
    this.index = new HashMap<>(this.ids.length * 4 / 3 + 1);
    for (int i = 0; i < this.ids.length; i++) {
      if (index.put(this.ids[i], i) != null) {
        throw new IllegalArgumentException("duplicate document id: " + this.ids[i]);
      }
    }
    Map<String, Integer> termIds = new HashMap<>();
    int[] df = new int[16];
    for (Vector v : this.vectors) {
      for (String t : v.terms) {
        int id = termIds.computeIfAbsent(t, k -> termIds.size());
        if (id >= df.length) {
          df = Arrays.copyOf(df, df.length * 2);
        }
        df[id]++;
      }
    }
    this.vocab = new String[termIds.size()];
    termIds.forEach((t, i) -> vocab[i] = t);
    // Share one String per term across vectors: at 100,000 documents this saves most of the heap.
    for (Vector v : this.vectors) {
      for (int i = 0; i < v.terms.length; i++) {
        v.terms[i] = vocab[termIds.get(v.terms[i])];
      }
    }
    this.postDocs = new int[vocab.length][];
    this.postWeights = new float[vocab.length][];
    for (int t = 0; t < vocab.length; t++) {
      postDocs[t] = new int[df[t]];
      postWeights[t] = new float[df[t]];
    }
    int[] fill = new int[vocab.length];
    for (int d = 0; d < this.vectors.length; d++) {
      Vector v = this.vectors[d];
      for (int i = 0; i < v.terms.length; i++) {
        int t = termIds.get(v.terms[i]);
        postDocs[t][fill[t]] = d;
        postWeights[t][fill[t]++] = v.weights[i];
      }
    }
    int n = this.ids.length;
    this.scratch = ThreadLocal.withInitial(() -> new float[n]);
    this.termIds = termIds;
    // Terms in more than a twentieth of the documents (at least 200, at most 2,000 documents; by the
    // frozen statistics) are "common": they are not walked through postings but added per candidate, so
    // one query touches few documents. Measured on lawrefbook: no loss of precision@5.
    int cap = Math.max(MIN_COMMON_DF, Math.min(MAX_COMMON_DF, stats.docCount() / 20));
    this.commonId = new int[vocab.length];
    int nc = 0;
    for (int t = 0; t < vocab.length; t++) {
      commonId[t] = stats.df(vocab[t]) > cap ? nc++ : -1;
    }
    this.commonTerms = nc;
    this.docCommonIds = new int[this.vectors.length][];
    this.docCommonWeights = new float[this.vectors.length][];
    for (int d = 0; d < this.vectors.length; d++) {
      Vector v = this.vectors[d];
      int m = 0;
      for (String t : v.terms) {
        if (commonId[termIds.get(t)] >= 0) {
          m++;
        }
      }
      int[] cid = new int[m];
      float[] cw = new float[m];
      m = 0;
      for (int i = 0; i < v.terms.length; i++) {
        int c = commonId[termIds.get(v.terms[i])];
        if (c >= 0) {
          cid[m] = c;
          cw[m++] = v.weights[i];
        }
      }
      docCommonIds[d] = cid;
      docCommonWeights[d] = cw;
    }
  }

  /** Below this document frequency a term is never common. */
  static final int MIN_COMMON_DF = 200;
  /** Above this document frequency a term is always common (keeps postings walks short at 100,000). */
  static final int MAX_COMMON_DF = 2000;
  private final int[] commonId;
  private final int commonTerms;
  private final int[][] docCommonIds;
  private final float[][] docCommonWeights;

  /** Builds a model with statistics taken from these documents. */
  public static VectorModel build(Params params, List<Doc> docs) {
    Stats stats = Stats.of(params, docs);
    return new VectorModel(params, stats, docs.stream().map(Doc::id).toList(), vectorise(params, stats, docs));
  }

  /** A model from vectors computed earlier with these frozen statistics (nothing is analysed). */
  public static VectorModel of(Params params, Stats stats, List<String> ids, List<Vector> vectors) {
    return new VectorModel(params, stats, ids, vectors);
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
      newVectors.add(v != null ? v : vectors[i]);
    }
    added.forEach((id, v) -> {
      newIds.add(id);
      newVectors.add(v);
    });
    return new VectorModel(params, stats, newIds, newVectors);
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
    List<String> bodyTerms = new ArrayList<>();
    List<String> titleTerms = new ArrayList<>();
    for (String t : bag.keySet()) {
      (t.charAt(0) == TITLE ? titleTerms : bodyTerms).add(t);
    }
    Map<String, Double> w = new HashMap<>(bag.size() * 2);
    for (String t : bag.keySet()) {
      boolean title = t.charAt(0) == TITLE;
      double idf = Math.pow(stats.idf(t), title ? params.titleIdfPower() : params.bodyIdfPower());
      w.put(t, (1 + Math.log(bag.get(t))) * idf);
    }
    // Strongest first, ties by term so that the cut is deterministic.
    bodyTerms.sort((a, b) -> {
      int c = Double.compare(w.get(b), w.get(a));
      return c != 0 ? c : a.compareTo(b);
    });
    if (bodyTerms.size() > params.maxTerms()) {
      bodyTerms = bodyTerms.subList(0, params.maxTerms());
    }
    double share = titleTerms.isEmpty() ? 0 : bodyTerms.isEmpty() ? 1 : params.titleShare();
    Map<String, Double> out = new java.util.TreeMap<>();
    scale(bodyTerms, w, Math.sqrt(1 - share), out);
    scale(titleTerms, w, Math.sqrt(share), out);
    String[] kt = new String[out.size()];
    float[] kw = new float[out.size()];
    int i = 0;
    for (Map.Entry<String, Double> e : out.entrySet()) {
      kt[i] = e.getKey();
      kw[i++] = e.getValue().floatValue();
    }
    return new Vector(kt, kw);
  }

  private static void scale(List<String> terms, Map<String, Double> w, double length, Map<String, Double> out) {
    double norm = 0;
    for (String t : terms) {
      norm += w.get(t) * w.get(t);
    }
    if (norm <= 0 || length <= 0) {
      return;
    }
    double f = length / Math.sqrt(norm);
    for (String t : terms) {
      if (w.get(t) > 0) {
        out.put(t, w.get(t) * f);
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

  public Vector vector(int doc) {
    return vectors[doc];
  }

  /**
   * The {@code k} documents most similar to {@code query} among those {@code accept} allows, by
   * descending score then ascending id; documents sharing no term are never returned.
   */
  public List<Hit> nearest(Vector query, int k, IntPredicate accept) {
    if (k <= 0) {
      return List.of();
    }
    // Phase 1: partial scores over the selective terms only; their postings are short.
    float[] acc = scratch.get();
    int[] touched = new int[64];
    int nTouched = 0;
    float[] qCommon = new float[commonTerms];
    boolean anyCommon = false;
    for (int i = 0; i < query.terms.length; i++) {
      Integer t = termIds.get(query.terms[i]);
      if (t == null) {
        continue;
      }
      float qw = query.weights[i];
      if (commonId[t] >= 0) {
        qCommon[commonId[t]] = qw;
        anyCommon = true;
        continue;
      }
      int[] docs = postDocs[t];
      float[] ws = postWeights[t];
      for (int j = 0; j < docs.length; j++) {
        int d = docs[j];
        if (acc[d] == 0f) {
          if (nTouched == touched.length) {
            touched = Arrays.copyOf(touched, nTouched * 2);
          }
          touched[nTouched++] = d;
        }
        acc[d] += qw * ws[j];
      }
    }
    int[] cand = new int[nTouched];
    float[] partial = new float[nTouched];
    int nCand = 0;
    // The filter is a lookup by id: it runs only for candidates that would enter the top k.
    for (int i = 0; i < nTouched; i++) {
      int d = touched[i];
      float s = acc[d];
      acc[d] = 0f;
      if (s > 0f) {
        cand[nCand] = d;
        partial[nCand++] = s;
      }
    }
    // Phase 2: add the common terms' share exactly, then keep the best k.
    int[] best = new int[k];
    float[] bestScore = new float[k];
    int size = 0;
    for (int i = 0; i < nCand; i++) {
      int d = cand[i];
      float s = partial[i];
      if (anyCommon) {
        int[] ids = docCommonIds[d];
        float[] ws = docCommonWeights[d];
        for (int j = 0; j < ids.length; j++) {
          s += qCommon[ids[j]] * ws[j];
        }
      }
      if (size == k && !better(s, d, bestScore[k - 1], best[k - 1])) {
        continue;
      }
      if (!accept.test(d)) {
        continue;
      }
      int pos = size < k ? size++ : k - 1;
      while (pos > 0 && better(s, d, bestScore[pos - 1], best[pos - 1])) {
        best[pos] = best[pos - 1];
        bestScore[pos] = bestScore[pos - 1];
        pos--;
      }
      best[pos] = d;
      bestScore[pos] = s;
    }
    List<Hit> hits = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      hits.add(new Hit(best[i], Math.min(1f, bestScore[i])));
    }
    return hits;
  }

  private boolean better(float s, int d, float s2, int d2) {
    return s > s2 || (s == s2 && ids[d].compareTo(ids[d2]) < 0);
  }

  /**
   * Terms two vectors share, with each term's share of their cosine, strongest first; a term shared in
   * both title and body counts once with both contributions.
   */
  public static List<Map.Entry<String, Double>> shared(Vector a, Vector b) {
    Map<String, Double> parts = new HashMap<>();
    double total = 0;
    int i = 0;
    int j = 0;
    while (i < a.terms.length && j < b.terms.length) {
      int c = a.terms[i].compareTo(b.terms[j]);
      if (c == 0) {
        double p = (double) a.weights[i] * b.weights[j];
        total += p;
        parts.merge(displayTerm(a.terms[i]), p, Double::sum);
        i++;
        j++;
      } else if (c < 0) {
        i++;
      } else {
        j++;
      }
    }
    final double sum = total;
    return parts.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), sum > 0 ? e.getValue() / sum : 0.0))
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .toList();
  }

  /** The cosine of two vectors. */
  public static double cosine(Vector a, Vector b) {
    double s = 0;
    int i = 0;
    int j = 0;
    while (i < a.terms.length && j < b.terms.length) {
      int c = a.terms[i].compareTo(b.terms[j]);
      if (c == 0) {
        s += (double) a.weights[i++] * b.weights[j++];
      } else if (c < 0) {
        i++;
      } else {
        j++;
      }
    }
    return Math.min(1.0, s);
  }
}

package dev.content.search.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A weight per term and category, learned so that an article's terms add up highest for its own
 * category: one-against-the-rest linear support vector machines (L2-regularised squared hinge loss,
 * solved by dual coordinate descent as in LIBLINEAR) over TF-IDF vectors of term presence. Where the
 * class profiles count how often each category uses a term, these weights are what a term adds beyond
 * the other terms of the same article, so a term shared by every category weighs nothing and a rare
 * telling one weighs much.
 *
 * <p>A {@link Space} fixes the vocabulary and the IDF once (over labelled and unlabelled articles
 * alike, which needs no category); models are trained on any subset of its rows, with a weight per row.
 */
public final class LinearTerms {
  /** LIBLINEAR's default stopping tolerance of the projected gradient's spread. */
  private static final double TOLERANCE = 0.1;
  /** A bound only: lawrefbook's openings reach the tolerance in 5 to 13 passes. */
  private static final int MAX_PASSES = 60;

  private final Space space;
  /** Per class, a weight per term id of the space, then the bias. */
  private final double[][] w;

  private LinearTerms(Space space, double[][] w) {
    this.space = space;
    this.w = w;
  }

  /** The vocabulary, IDF and normalised vectors of a fixed set of texts (rows). */
  public static final class Space {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> terms = new ArrayList<>();
    private final double[] idf;
    private final int[][] index;
    /** Each text's vector length; its values are {@code idf / norm}, computed when used (memory). */
    private final double[] norm;

    /** @param docs each text's distinct terms, as {@link ClassProfiles#terms} gives them */
    public Space(List<String[]> docs) {
      int[] df = new int[0];
      int[][] index = new int[docs.size()][];
      for (int d = 0; d < docs.size(); d++) {
        String[] t = docs.get(d);
        int[] ix = new int[t.length];
        for (int i = 0; i < t.length; i++) {
          Integer id = ids.get(t[i]);
          if (id == null) {
            id = terms.size();
            ids.put(t[i], id);
            terms.add(t[i]);
          }
          if (id >= df.length) {
            df = Arrays.copyOf(df, Math.max(16, df.length * 2));
          }
          df[id]++;
          ix[i] = id;
        }
        Arrays.sort(ix);
        index[d] = ix;
      }
      int n = docs.size();
      this.idf = new double[terms.size()];
      for (int t = 0; t < idf.length; t++) {
        // Smoothed IDF, as scikit-learn's TfidfTransformer: a term in every text still counts a little.
        idf[t] = Math.log((1.0 + n) / (1.0 + df[t])) + 1;
      }
      this.index = index;
      this.norm = new double[n];
      for (int d = 0; d < n; d++) {
        norm[d] = norm(index[d]);
      }
    }

    private double norm(int[] ix) {
      double sum = 0;
      for (int t : ix) {
        sum += idf[t] * idf[t];
      }
      return sum == 0 ? 1 : Math.sqrt(sum);
    }

    /** The normalised TF-IDF values of a text's term ids. */
    private double[] values(int[] ix, double norm) {
      double[] v = new double[ix.length];
      for (int i = 0; i < ix.length; i++) {
        v[i] = idf[ix[i]] / norm;
      }
      return v;
    }

    /** How many texts. */
    public int rows() {
      return index.length;
    }

    /** The known terms of any text (those the space has never seen carry no weight) as ids and values. */
    private Encoded encode(String[] t) {
      int[] ix = Arrays.stream(t).map(ids::get).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue)
          .sorted().toArray();
      return new Encoded(ix, values(ix, norm(ix)));
    }
  }

  /** A text as term ids of a space and their normalised TF-IDF values. */
  private record Encoded(int[] ix, double[] v) {
  }

  /**
   * Trains one model per class on rows of a space.
   *
   * @param rows the rows to learn from
   * @param labels each row's class, 0 to {@code classes - 1}
   * @param weights each row's weight (how much its errors cost), or null for 1
   * @param c the cost of errors against the regularisation (LIBLINEAR's C)
   */
  public static LinearTerms train(Space space, int classes, int[] rows, int[] labels, double[] weights, double c) {
    // Each row's values and squared length, made once for all the classes (a division per term and pass
    // and class before); the same doubles as computed in place, so the same weights come out.
    double[][] x = new double[rows.length][];
    double[] sq = new double[rows.length];
    IntStream.range(0, rows.length).parallel().forEach(i -> {
      x[i] = space.values(space.index[rows[i]], space.norm[rows[i]]);
      double s = 1; // the bias feature
      for (double v : x[i]) {
        s += v * v;
      }
      sq[i] = s;
    });
    double[][] w = IntStream.range(0, classes).parallel()
        .mapToObj(k -> trainOne(space, rows, x, sq, labels, weights, c, k)).toArray(double[][]::new);
    return new LinearTerms(space, w);
  }

  /**
   * Dual coordinate descent for the squared hinge loss (Hsieh et al. 2008), class {@code k} against the
   * rest; {@code x} holds each row's values and {@code sq} their squared length with the bias.
   */
  private static double[] trainOne(Space s, int[] rows, double[][] x, double[] sq, int[] labels, double[] weights,
      double c, int k) {
    int dims = s.terms.size();
    double[] w = new double[dims + 1];
    int n = rows.length;
    double[] alpha = new double[n];
    double[] diag = new double[n];
    double[] qd = new double[n];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      diag[i] = 0.5 / (c * (weights == null ? 1 : weights[i]));
      qd[i] = sq[i] + diag[i];
      order[i] = i;
    }
    Random random = new Random(17 + k);
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      double max = Double.NEGATIVE_INFINITY;
      double min = Double.POSITIVE_INFINITY;
      for (int i : order) {
        int[] ix = s.index[rows[i]];
        double[] xi = x[i];
        double y = labels[i] == k ? 1 : -1;
        double dot = w[dims];
        for (int j = 0; j < ix.length; j++) {
          dot += w[ix[j]] * xi[j];
        }
        double g = y * dot - 1 + diag[i] * alpha[i];
        double pg = alpha[i] == 0 ? Math.min(g, 0) : g;
        max = Math.max(max, pg);
        min = Math.min(min, pg);
        if (Math.abs(pg) > 1e-12) {
          double old = alpha[i];
          alpha[i] = Math.max(old - g / qd[i], 0);
          double step = (alpha[i] - old) * y;
          for (int j = 0; j < ix.length; j++) {
            w[ix[j]] += step * xi[j];
          }
          w[dims] += step;
        }
      }
      if (max - min <= TOLERANCE) {
        break;
      }
    }
    return w;
  }

  /** Each class's decision value for a row of the space. */
  public double[] scores(int row) {
    return scores(space.index[row], space.values(space.index[row], space.norm[row]));
  }

  /** Each class's decision value for any text, from its distinct terms. */
  public double[] scores(String[] terms) {
    Encoded e = space.encode(terms);
    return scores(e.ix(), e.v());
  }

  private double[] scores(int[] ix, double[] v) {
    double[] s = new double[w.length];
    int bias = space.terms.size();
    for (int c = 0; c < w.length; c++) {
      double sum = w[c][bias];
      for (int j = 0; j < ix.length; j++) {
        sum += w[c][ix[j]] * v[j];
      }
      s[c] = sum;
    }
    return s;
  }

  /**
   * The terms of a text that raise class {@code winner} most over {@code other}: each term's
   * contribution (weight difference × its TF-IDF value), strongest first, positive ones only.
   */
  public List<Map.Entry<String, Double>> evidence(String[] terms, int winner, int other, int limit) {
    Encoded e = space.encode(terms);
    int[] ix = e.ix();
    double[] v = e.v();
    List<Map.Entry<String, Double>> out = new ArrayList<>();
    for (int j = 0; j < ix.length; j++) {
      double d = (w[winner][ix[j]] - w[other][ix[j]]) * v[j];
      if (d > 0) {
        out.add(Map.entry(space.terms.get(ix[j]), d));
      }
    }
    out.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : List.copyOf(out);
  }
}

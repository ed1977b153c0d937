package dev.content.search;

import dev.content.search.internal.VectorModel;
import java.util.HashMap;
import java.util.Map;

/**
 * Supervised term weights for neighbour voting: how strongly a term points at one category among the
 * labelled articles ("relevance frequency", Lan et al. 2009): {@code rf(t) = max over categories c of
 * log2(2 + a / max(1, b))}, with {@code a} the labelled articles of {@code c} that hold {@code t} and
 * {@code b} those of other categories. A term every category uses weighs 1; a term of one category
 * alone weighs up to {@code log2(2 + a)}. Votes then use the cosine of the TF-IDF vectors scaled term
 * by term by these weights, so that 基金 counts for more than 今天 when deciding between finance and
 * sports. Package-private: an implementation detail of {@link NeighbourClassifier}.
 */
final class TermClassWeights {
  private final Map<String, int[]> counts = new HashMap<>();
  private final Map<String, Integer> classIndex = new HashMap<>();
  private final Map<String, Float> weights = new HashMap<>();

  TermClassWeights(VectorModel model, Map<String, String> labels) {
    for (String slug : labels.values()) {
      classIndex.putIfAbsent(slug, classIndex.size());
    }
    int classes = classIndex.size();
    for (Map.Entry<String, String> e : labels.entrySet()) {
      int d = model.doc(e.getKey());
      if (d < 0) {
        continue;
      }
      int c = classIndex.get(e.getValue());
      for (String t : model.vector(d).terms()) {
        counts.computeIfAbsent(t, k -> new int[classes])[c]++;
      }
    }
    counts.forEach((t, a) -> weights.put(t, (float) rf(a, -1)));
  }

  /** The weight of a term over all labelled articles. */
  float weight(String term) {
    return weights.getOrDefault(term, 1f);
  }

  /**
   * The weights of the terms of one labelled article as if it were not labelled (leave-one-out), so
   * that an article's own label never weighs its own terms.
   */
  float[] weightsWithout(VectorModel.Vector v, String slug) {
    Integer c = classIndex.get(slug);
    float[] out = new float[v.terms().length];
    for (int i = 0; i < out.length; i++) {
      int[] a = counts.get(v.terms()[i]);
      out[i] = a == null ? 1f : c == null ? weight(v.terms()[i]) : (float) rf(a, c);
    }
    return out;
  }

  float[] weights(VectorModel.Vector v) {
    float[] out = new float[v.terms().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = weight(v.terms()[i]);
    }
    return out;
  }

  private static double rf(int[] a, int exclude) {
    long total = 0;
    for (int i = 0; i < a.length; i++) {
      total += a[i] - (i == exclude ? 1 : 0);
    }
    double best = 1;
    for (int i = 0; i < a.length; i++) {
      int mine = a[i] - (i == exclude ? 1 : 0);
      if (mine > 0) {
        best = Math.max(best, log2(2 + mine / (double) Math.max(1, total - mine)));
      }
    }
    return best;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  /**
   * The cosine of {@code q} and {@code d} with every term scaled by its weight; {@code qw} are the
   * weights of q's terms.
   */
  double cosine(VectorModel.Vector q, float[] qw, VectorModel.Vector d) {
    double dot = 0;
    double nq = 0;
    double nd = 0;
    String[] qt = q.terms();
    String[] dt = d.terms();
    for (int i = 0; i < qt.length; i++) {
      double x = q.weights()[i] * qw[i];
      nq += x * x;
    }
    int i = 0;
    for (int j = 0; j < dt.length; j++) {
      float g = weight(dt[j]);
      while (i < qt.length && qt[i].compareTo(dt[j]) < 0) {
        i++;
      }
      if (i < qt.length && qt[i].equals(dt[j])) {
        g = qw[i];
        dot += (double) q.weights()[i] * qw[i] * d.weights()[j] * g;
      }
      double y = d.weights()[j] * g;
      nd += y * y;
    }
    return nq == 0 || nd == 0 ? 0 : Math.min(1, dot / Math.sqrt(nq * nd));
  }
}

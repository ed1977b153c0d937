package dev.content.search.internal;

import dev.content.search.TermMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The term profile of each category, pooled from its labelled articles: in how many of them each
 * character unigram and bigram occurs. An article's closeness to a profile is the log-probability of its
 * terms under the profile's smoothed term distribution (multinomial naive Bayes over term presence);
 * {@link #posterior} turns the closeness to all profiles into shares that sum to 1.
 *
 * <p>An article that is itself labelled is compared with profiles built without it (leave-one-out), so
 * it never recognises its own terms.
 */
public final class ClassProfiles {
  private static final TermExtractor TERMS = new TermExtractor(TermMode.UNIGRAMS_BIGRAMS);

  private final int classes;
  private final double alpha;
  private final Map<String, int[]> counts;
  private final long[] totals;
  private final int[] articles;
  private final int labelled;
  private final int vocabulary;

  private ClassProfiles(int classes, double alpha, Map<String, int[]> counts, long[] totals, int[] articles) {
    this.classes = classes;
    this.alpha = alpha;
    this.counts = counts;
    this.totals = totals;
    this.articles = articles;
    this.labelled = Arrays.stream(articles).sum();
    this.vocabulary = Math.max(1, counts.size());
  }

  /** The distinct terms of a text (its title and body together): what profiles count and compare. */
  public static String[] terms(String title, String text) {
    Map<String, Float> bag = TERMS.bag(title);
    bag.putAll(TERMS.bag(text));
    return bag.keySet().toArray(String[]::new);
  }

  /**
   * Profiles of {@code classes} categories.
   *
   * @param terms the labelled articles' {@link #terms}
   * @param labels each labelled article's category, 0 to {@code classes - 1}, in the order of {@code terms}
   * @param alpha additive smoothing of the term counts
   */
  public static ClassProfiles build(int classes, List<String[]> terms, int[] labels, double alpha) {
    Map<String, int[]> counts = new HashMap<>();
    long[] totals = new long[classes];
    int[] articles = new int[classes];
    count(classes, terms, labels, counts, totals, articles);
    return new ClassProfiles(classes, alpha, counts, totals, articles);
  }

  /**
   * These profiles with more labelled articles counted: the same profiles as {@link #build} of all the
   * articles, without counting the first ones again.
   *
   * @param terms the added articles' {@link #terms}
   * @param labels each added article's category, in the order of {@code terms}
   */
  public ClassProfiles plus(List<String[]> terms, int[] labels) {
    Map<String, int[]> more = new HashMap<>(counts.size() * 4 / 3 + 1);
    counts.forEach((t, k) -> more.put(t, k.clone()));
    long[] moreTotals = totals.clone();
    int[] moreArticles = articles.clone();
    count(classes, terms, labels, more, moreTotals, moreArticles);
    return new ClassProfiles(classes, alpha, more, moreTotals, moreArticles);
  }

  private static void count(int classes, List<String[]> terms, int[] labels, Map<String, int[]> counts,
      long[] totals, int[] articles) {
    for (int i = 0; i < terms.size(); i++) {
      int c = labels[i];
      articles[c]++;
      for (String t : terms.get(i)) {
        counts.computeIfAbsent(t, x -> new int[classes])[c]++;
      }
      totals[c] += terms.get(i).length;
    }
  }

  /**
   * The log-probability of the terms under each class profile, prior included.
   *
   * @param own the class of the article if it is labelled (its terms are taken out of that profile), else -1
   */
  public double[] logScores(String[] terms, int own) {
    double[] s = new double[classes];
    int[][] known = new int[terms.length][]; // each term's counts, looked up once for all classes
    for (int i = 0; i < terms.length; i++) {
      known[i] = counts.get(terms[i]);
    }
    for (int c = 0; c < classes; c++) {
      int n = articles[c] - (c == own ? 1 : 0);
      long total = totals[c] - (c == own ? terms.length : 0);
      double den = Math.log(total + alpha * vocabulary);
      double sum = Math.log(Math.max(n, 0) + 1.0) - Math.log(labelled + classes);
      for (int[] k : known) {
        int kc = k == null ? 0 : k[c] - (c == own ? 1 : 0);
        sum += Math.log(kc + alpha) - den;
      }
      s[c] = sum;
    }
    return s;
  }

  /** Shares of the profiles from {@link #logScores}, flattened by {@code temperature} (1 = Bayes' rule). */
  public static double[] posterior(double[] logScores, double temperature) {
    double max = Arrays.stream(logScores).max().orElse(0);
    double[] p = new double[logScores.length];
    double sum = 0;
    for (int c = 0; c < p.length; c++) {
      p[c] = Math.exp((logScores[c] - max) / temperature);
      sum += p[c];
    }
    for (int c = 0; c < p.length; c++) {
      p[c] /= sum;
    }
    return p;
  }

  /**
   * The terms that point most to class {@code winner} against the runner-up {@code other}: each term's
   * log-ratio of the two profiles' probabilities, strongest first, positive ones only.
   */
  public List<Map.Entry<String, Double>> evidence(String[] terms, int own, int winner, int other, int limit) {
    List<Map.Entry<String, Double>> out = new ArrayList<>();
    double den = Math.log(totals[winner] - (winner == own ? terms.length : 0) + alpha * vocabulary)
        - Math.log(totals[other] - (other == own ? terms.length : 0) + alpha * vocabulary);
    for (String t : terms) {
      int[] k = counts.get(t);
      if (k == null) {
        continue;
      }
      double w = Math.log(k[winner] - (winner == own ? 1 : 0) + alpha)
          - Math.log(k[other] - (other == own ? 1 : 0) + alpha) - den;
      if (w > 0) {
        out.add(Map.entry(t, w));
      }
    }
    out.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : List.copyOf(out);
  }
}

package dev.content.loader.categories;

import dev.content.core.Article;
import dev.content.core.Category;
import dev.content.core.CategoryAssignment;
import dev.content.core.CategoryAssignment.Evidence;
import dev.content.core.Taxonomy;
import dev.content.loader.internal.categories.TextMatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The taxonomy of a corpus and its weighted-term rules, as {@code categories.json} defines them.
 *
 * <h2>Scoring</h2>
 * For an article, each term counts its non-overlapping occurrences in the title (times
 * {@link #titleWeight()}) and in the body (for a stub: its listed excerpt). A category's <em>own</em>
 * score is the sum of weight × count over its terms; its score is its own score plus its parent's score,
 * so a subcategory inherits the evidence of its ancestors and wins over them as soon as one of its own
 * terms matches. A category qualifies when its own score is positive and its score reaches
 * {@link #threshold()}. The primary category is the qualifying one with the highest score (ties: the
 * deeper one, then display order); every other qualifying category whose score reaches
 * {@link #secondaryFraction()} of the primary's becomes secondary, highest first, up to
 * {@link #maxCategories()} in all. Ancestors of a chosen category are never listed: they are implied.
 *
 * <pre>{@code
 * CategoryRules rules = CategoryRules.builder(taxonomy)
 *     .terms("credit-report", List.of(new Term("征信", 3), new Term("信用报告", 3)))
 *     .threshold(3)
 *     .build();
 * List<CategoryAssignment> a = rules.assign(article); // primary first; empty when nothing qualifies
 * }</pre>
 */
public final class CategoryRules {
  /** A title occurrence counts this many times a body occurrence unless configured. */
  public static final double DEFAULT_TITLE_WEIGHT = 3;
  /** The score a category needs unless configured. */
  public static final double DEFAULT_THRESHOLD = 3;
  /** A secondary category needs this fraction of the primary's score unless configured. */
  public static final double DEFAULT_SECONDARY_FRACTION = 0.5;
  /** At most this many categories per article (primary included) unless configured. */
  public static final int DEFAULT_MAX_CATEGORIES = 3;

  private static final CategoryRules NONE = builder(Taxonomy.empty()).build();

  private final Taxonomy taxonomy;
  private final Map<String, List<Term>> terms;
  private final Map<String, List<String>> normalizedTerms;
  private final double titleWeight;
  private final double threshold;
  private final double secondaryFraction;
  private final int maxCategories;
  private final Map<String, Integer> depth = new HashMap<>();
  private final Map<String, Integer> position = new HashMap<>();

  private CategoryRules(Builder b) {
    this.taxonomy = b.taxonomy;
    Map<String, List<Term>> t = new LinkedHashMap<>();
    Map<String, List<String>> n = new HashMap<>();
    b.terms.forEach((slug, list) -> {
      t.put(slug, List.copyOf(list));
      n.put(slug, list.stream().map(x -> TextMatch.normalize(x.text())).toList());
    });
    this.terms = Map.copyOf(t);
    this.normalizedTerms = Map.copyOf(n);
    this.titleWeight = b.titleWeight;
    this.threshold = b.threshold;
    this.secondaryFraction = b.secondaryFraction;
    this.maxCategories = b.maxCategories;
    List<Category> all = taxonomy.all();
    for (int i = 0; i < all.size(); i++) {
      position.put(all.get(i).slug(), i);
      depth.put(all.get(i).slug(), taxonomy.pathToRoot(all.get(i).slug()).size());
    }
  }

  /** Rules with no terms over a taxonomy of {@code 未分类} alone: what a corpus without a file gets. */
  public static CategoryRules none() {
    return NONE;
  }

  /** A builder over this taxonomy, with the default settings and no terms. */
  public static Builder builder(Taxonomy taxonomy) {
    return new Builder(Objects.requireNonNull(taxonomy, "taxonomy must not be null"));
  }

  public Taxonomy taxonomy() {
    return taxonomy;
  }

  /** The terms of this category in file order; empty when it has none. */
  public List<Term> terms(String slug) {
    return terms.getOrDefault(Objects.requireNonNull(slug, "slug must not be null"), List.of());
  }

  /** Whether any category has a term: without terms, rules never assign anything. */
  public boolean hasTerms() {
    return !terms.isEmpty();
  }

  public double titleWeight() {
    return titleWeight;
  }

  public double threshold() {
    return threshold;
  }

  public double secondaryFraction() {
    return secondaryFraction;
  }

  public int maxCategories() {
    return maxCategories;
  }

  /** A builder holding this object's values, to change a setting or add terms. */
  public Builder toBuilder() {
    Builder b = new Builder(taxonomy);
    terms.forEach(b::terms);
    return b.titleWeight(titleWeight).threshold(threshold).secondaryFraction(secondaryFraction)
        .maxCategories(maxCategories);
  }

  /**
   * The score of every category with a positive own score, highest first (see the class comment).
   * Each carries the evidence of its own and its ancestors' matched terms.
   */
  public List<CategoryAssignment> scores(Article article) {
    Objects.requireNonNull(article, "article must not be null");
    if (terms.isEmpty()) {
      return List.of();
    }
    String title = TextMatch.normalize(article.title());
    String body = TextMatch.normalize(article.stub() ? article.excerpt().orElse("") : article.bodyText());
    Map<String, Own> own = new HashMap<>();
    for (Map.Entry<String, List<Term>> e : terms.entrySet()) {
      own.put(e.getKey(), own(e.getValue(), normalizedTerms.get(e.getKey()), title, body));
    }
    List<CategoryAssignment> out = new ArrayList<>();
    for (Map.Entry<String, Own> e : own.entrySet()) {
      if (e.getValue().score <= 0) {
        continue;
      }
      double score = 0;
      List<Hit> hits = new ArrayList<>();
      for (Category c : taxonomy.pathToRoot(e.getKey())) {
        Own o = own.get(c.slug());
        if (o != null) {
          score += o.score;
          hits.addAll(o.hits);
        }
      }
      List<Evidence> evidence = hits.stream()
          .map(h -> new Evidence(h.inTitle ? "term-title" : "term-body", h.term, h.weight)).toList();
      out.add(new CategoryAssignment(e.getKey(), CategoryAssignment.Source.RULES, score,
          reason(hits, score), evidence));
    }
    out.sort(Comparator.comparingDouble(CategoryAssignment::score).reversed()
        .thenComparing(a -> -depth.get(a.slug()))
        .thenComparing(a -> position.get(a.slug())));
    return List.copyOf(out);
  }

  /**
   * The categories these rules give the article, primary first; empty when none qualifies (see the
   * class comment for the rule).
   */
  public List<CategoryAssignment> assign(Article article) {
    return choose(scores(article));
  }

  /**
   * The categories these rules give an article whose {@link #scores} are {@code scores}: for callers
   * that computed the scores earlier, while they held the article's body.
   */
  public List<CategoryAssignment> choose(List<CategoryAssignment> scores) {
    Objects.requireNonNull(scores, "scores must not be null");
    List<CategoryAssignment> qualifying = scores.stream()
        .filter(a -> a.score() >= threshold)
        .toList();
    if (qualifying.isEmpty()) {
      return List.of();
    }
    double floor = qualifying.get(0).score() * secondaryFraction;
    List<CategoryAssignment> chosen = new ArrayList<>();
    for (CategoryAssignment a : qualifying) {
      if (chosen.size() == maxCategories) {
        break;
      }
      if (!chosen.isEmpty() && a.score() < floor) {
        break;
      }
      if (chosen.stream().noneMatch(c -> related(c.slug(), a.slug()))) {
        chosen.add(a);
      }
    }
    return List.copyOf(chosen);
  }

  /** Whether one category is the other or an ancestor of it. */
  boolean related(String a, String b) {
    return taxonomy.pathToRoot(a).stream().anyMatch(c -> c.slug().equals(b))
        || taxonomy.pathToRoot(b).stream().anyMatch(c -> c.slug().equals(a));
  }

  private Own own(List<Term> list, List<String> normalized, String title, String body) {
    Own o = new Own();
    for (int i = 0; i < list.size(); i++) {
      Term t = list.get(i);
      int inTitle = TextMatch.count(title, normalized.get(i));
      int inBody = TextMatch.count(body, normalized.get(i));
      if (inTitle > 0) {
        o.add(new Hit(t.text(), true, inTitle, t.weight() * titleWeight * inTitle));
      }
      if (inBody > 0) {
        o.add(new Hit(t.text(), false, inBody, t.weight() * inBody));
      }
    }
    return o;
  }

  private String reason(List<Hit> hits, double score) {
    StringBuilder title = new StringBuilder();
    StringBuilder body = new StringBuilder();
    for (Hit h : hits) {
      StringBuilder sb = h.inTitle ? title : body;
      sb.append(sb.length() == 0 ? "" : "、").append('“').append(h.term).append("”×").append(h.count);
    }
    StringBuilder r = new StringBuilder();
    if (title.length() > 0) {
      r.append("标题含").append(title);
    }
    if (body.length() > 0) {
      r.append(r.length() == 0 ? "" : "；").append("正文含").append(body);
    }
    return r.append("；得分 ").append(number(score)).append("（阈值 ").append(number(threshold)).append('）')
        .toString();
  }

  static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d)
        : String.format(Locale.ROOT, "%.2f", d);
  }

  private record Hit(String term, boolean inTitle, int count, double weight) {}

  private static final class Own {
    double score;
    final List<Hit> hits = new ArrayList<>();

    void add(Hit h) {
      score += h.weight;
      hits.add(h);
    }
  }

  /** Builds {@link CategoryRules}; every setter returns the builder. */
  public static final class Builder {
    private final Taxonomy taxonomy;
    private final Map<String, List<Term>> terms = new LinkedHashMap<>();
    private double titleWeight = DEFAULT_TITLE_WEIGHT;
    private double threshold = DEFAULT_THRESHOLD;
    private double secondaryFraction = DEFAULT_SECONDARY_FRACTION;
    private int maxCategories = DEFAULT_MAX_CATEGORIES;

    private Builder(Taxonomy taxonomy) {
      this.taxonomy = taxonomy;
    }

    /**
     * Sets the terms of a category (replacing earlier ones).
     *
     * @throws IllegalArgumentException if the taxonomy has no such category
     */
    public Builder terms(String slug, List<Term> list) {
      taxonomy.require(slug);
      if (list.isEmpty()) {
        terms.remove(slug);
      } else {
        terms.put(slug, List.copyOf(list));
      }
      return this;
    }

    /** How many body occurrences one title occurrence is worth; at least 0. */
    public Builder titleWeight(double w) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("titleWeight must be a finite number >= 0, was " + w);
      }
      this.titleWeight = w;
      return this;
    }

    /** The score a category needs; greater than 0. */
    public Builder threshold(double t) {
      if (!(t > 0) || Double.isInfinite(t)) {
        throw new IllegalArgumentException("threshold must be a finite number > 0, was " + t);
      }
      this.threshold = t;
      return this;
    }

    /** The fraction of the primary's score a secondary category needs; in (0, 1]. */
    public Builder secondaryFraction(double f) {
      if (!(f > 0 && f <= 1)) {
        throw new IllegalArgumentException("secondaryFraction must be in (0, 1], was " + f);
      }
      this.secondaryFraction = f;
      return this;
    }

    /** At most this many categories per article, primary included; at least 1. */
    public Builder maxCategories(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxCategories must be at least 1, was " + n);
      }
      this.maxCategories = n;
      return this;
    }

    public CategoryRules build() {
      return new CategoryRules(this);
    }
  }

  @Override
  public String toString() {
    return "CategoryRules" + terms.keySet();
  }
}

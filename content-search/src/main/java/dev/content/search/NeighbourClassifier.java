package dev.content.search;

import dev.content.core.Article;
import dev.content.core.CategoryAssignment;
import dev.content.core.CategoryAssignment.Evidence;
import dev.content.core.CategoryAssignment.Source;
import dev.content.core.Corpus;
import dev.content.core.Taxonomy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The third way to categorise: articles whose category is known by their folder vote for the articles
 * nothing else could place ({@code 未分类}), by content similarity.
 *
 * <h2>Rule</h2>
 * Voters are the articles whose primary category came from their folder. For an article to classify,
 * the {@link Builder#k(int) k} most similar voters each give their primary category
 * {@code similarity^}{@link Builder#power(double) power}; the category with the most weight wins (ties:
 * the slug first in the taxonomy's order). Similarity is that of {@link SimilarityIndex}, the same
 * machinery as related articles: the cosine of the index's TF-IDF vectors. The
 * assignment's score is the winner's share of all votes, its evidence the voters with their
 * similarity, its reason the vote count and the closest voters with the terms they share. An article
 * without a single voter sharing a term stays {@code 未分类}. Folder and rule assignments are never
 * touched: they rank above neighbours in authority.
 *
 * <pre>{@code
 * Corpus loaded = SeedLoader.create().load(folder).corpus();          // folder + rules
 * Corpus classified = NeighbourClassifier.create().classify(loaded).corpus();
 * // or as the library's pipeline stage, sharing its similarity index:
 * ContentLibrary.Options.builder().categoryAssigner(NeighbourClassifier.create())
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class NeighbourClassifier implements CategoryAssigner {
  /** Voters consulted unless configured; chosen by leave-one-out measurement (BENCHMARKS.md). */
  public static final int DEFAULT_K = 40;
  /** Similarity exponent unless configured: closer voters count more. */
  public static final double DEFAULT_POWER = 2;

  private final int k;
  private final double power;
  private final TermMode termMode;
  private final int reasonNeighbours;

  private NeighbourClassifier(Builder b) {
    this.k = b.k;
    this.power = b.power;
    this.termMode = b.termMode;
    this.reasonNeighbours = b.reasonNeighbours;
  }

  /** How many voters vote. */
  public int k() {
    return k;
  }

  /** The exponent of each voter's similarity. */
  public double power() {
    return power;
  }

  /** The terms of the index {@link #classify(Corpus)} builds. */
  public TermMode termMode() {
    return termMode;
  }

  /** A classifier with the default settings. */
  public static NeighbourClassifier create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * What classification gave.
   *
   * @param corpus the corpus with neighbour assignments in place of the {@code 未分类} ones they replace
   * @param voters how many articles voted (primary category from their folder)
   * @param classified how many articles got a category by vote
   * @param unresolved how many stayed {@code 未分类} because no voter shared a term with them
   */
  public record Result(Corpus corpus, int voters, int classified, int unresolved) {
    public Result {
      Objects.requireNonNull(corpus, "corpus must not be null");
    }
  }

  /** Classifies with a similarity index built over the whole corpus with this classifier's term mode. */
  public Result classify(Corpus corpus) {
    Objects.requireNonNull(corpus, "corpus must not be null");
    return classify(corpus, SimilarityIndex.builder().termMode(termMode).evidenceTerms(3).addAll(corpus).build());
  }

  /** As a {@link CategoryAssigner}: {@link #classify(Corpus, SimilarityIndex)}'s corpus. */
  @Override
  public Corpus assign(Corpus corpus, SimilarityIndex similarity) {
    return classify(corpus, similarity).corpus();
  }

  /**
   * Classifies with a similarity index built elsewhere (for example the one that serves related
   * articles); articles missing from it are left as they are.
   */
  public Result classify(Corpus corpus, SimilarityIndex index) {
    Objects.requireNonNull(corpus, "corpus must not be null");
    Objects.requireNonNull(index, "index must not be null");
    Map<String, String> labels = labels(corpus);
    Map<String, List<CategoryAssignment>> updates = new LinkedHashMap<>();
    int unresolved = 0;
    List<Article> targets = corpus.articles().stream().filter(NeighbourClassifier::unplaced)
        .filter(a -> index.contains(a.id())).toList();
    List<Optional<CategoryAssignment>> votes = targets.parallelStream()
        .map(a -> vote(corpus, index, labels, a.id())).toList();
    for (int i = 0; i < targets.size(); i++) {
      Article a = targets.get(i);
      Optional<CategoryAssignment> v = votes.get(i);
      if (v.isPresent()) {
        List<CategoryAssignment> list = new ArrayList<>();
        list.add(v.get());
        // Secondary assignments a fallback article may carry are kept behind the vote.
        a.categories().stream().filter(c -> c.source() != Source.FALLBACK).forEach(list::add);
        updates.put(a.id(), list);
      } else {
        unresolved++;
      }
    }
    Corpus out = updates.isEmpty() ? corpus : corpus.withCategories(corpus.taxonomy(), updates);
    return new Result(out, labels.size(), updates.size(), unresolved);
  }

  /**
   * The vote of the labelled articles for one article of the index, or empty when no labelled article
   * shares a term with it.
   *
   * @param labels voter id to its category slug
   * @throws IllegalArgumentException if {@code id} is not in the index
   */
  public Optional<CategoryAssignment> vote(Corpus corpus, SimilarityIndex index, Map<String, String> labels,
      String id) {
    Objects.requireNonNull(labels, "labels must not be null");
    return vote(corpus, labels, voters(index, labels, id));
  }

  /**
   * The {@code k} voters nearest to an article, best first, with the similarity their votes use.
   *
   * @throws IllegalArgumentException if {@code id} is not in the index
   */
  public List<SimilarArticle> voters(SimilarityIndex index, Map<String, String> labels, String id) {
    Objects.requireNonNull(index, "index must not be null");
    Objects.requireNonNull(labels, "labels must not be null");
    Objects.requireNonNull(id, "id must not be null");
    return index.similar(id, k, labels::containsKey);
  }

  /**
   * The vote of these neighbours (best first, all labelled), of which the first {@code k} count: for
   * callers that retrieve neighbours once and compare settings.
   */
  public Optional<CategoryAssignment> vote(Corpus corpus, Map<String, String> labels,
      List<SimilarArticle> neighbours) {
    Objects.requireNonNull(corpus, "corpus must not be null");
    Objects.requireNonNull(labels, "labels must not be null");
    return tally(corpus, labels, neighbours.size() > k ? neighbours.subList(0, k) : neighbours);
  }

  /** Voter id to category: articles whose primary category came from their folder. */
  public static Map<String, String> labels(Corpus corpus) {
    Map<String, String> labels = new HashMap<>();
    for (Article a : corpus.fullArticles()) {
      if (!a.categories().isEmpty() && a.categories().get(0).source() == Source.FOLDER) {
        labels.put(a.id(), a.categories().get(0).slug());
      }
    }
    return labels;
  }

  private static boolean unplaced(Article a) {
    return a.categories().isEmpty() || a.categories().get(0).source() == Source.FALLBACK;
  }

  private Optional<CategoryAssignment> tally(Corpus corpus, Map<String, String> labels,
      List<SimilarArticle> neighbours) {
    if (neighbours.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Double> weight = new HashMap<>();
    Map<String, Integer> count = new HashMap<>();
    double total = 0;
    for (SimilarArticle s : neighbours) {
      String slug = labels.get(s.id());
      double w = Math.pow(s.score(), power);
      weight.merge(slug, w, Double::sum);
      count.merge(slug, 1, Integer::sum);
      total += w;
    }
    Taxonomy t = corpus.taxonomy();
    Map<String, Integer> position = new HashMap<>();
    List<dev.content.core.Category> all = t.all();
    for (int i = 0; i < all.size(); i++) {
      position.put(all.get(i).slug(), i);
    }
    String winner = weight.entrySet().stream()
        .max(Comparator.<Map.Entry<String, Double>>comparingDouble(Map.Entry::getValue)
            .thenComparing(e -> -position.getOrDefault(e.getKey(), Integer.MAX_VALUE)))
        .orElseThrow().getKey();
    double share = total > 0 ? weight.get(winner) / total : 0;
    List<Evidence> evidence = neighbours.stream()
        .map(s -> new Evidence("neighbour", s.id(), s.score())).toList();
    return Optional.of(new CategoryAssignment(winner, Source.NEIGHBOURS, share,
        reason(corpus, labels, neighbours, winner, count, share), evidence));
  }

  private String reason(Corpus corpus, Map<String, String> labels, List<SimilarArticle> neighbours,
      String winner, Map<String, Integer> count, double share) {
    String tally = count.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(e -> name(corpus, e.getKey()) + " " + e.getValue())
        .collect(Collectors.joining("、"));
    String closest = neighbours.stream().filter(s -> labels.get(s.id()).equals(winner)).limit(reasonNeighbours)
        .map(s -> "《" + corpus.article(s.id()).map(Article::title).orElse(s.id()) + "》"
            + String.format(Locale.ROOT, "%.2f", s.score())
            + (s.sharedTerms().isEmpty() ? "" : s.sharedTerms().stream().map(x -> "“" + x.term() + "”")
                .collect(Collectors.joining("", "（共有", "）"))))
        .collect(Collectors.joining("、"));
    return "最相似的 " + neighbours.size() + " 篇已分类文章投票：" + tally + "；得票 "
        + String.format(Locale.ROOT, "%.0f%%", share * 100) + "；最接近：" + closest;
  }

  private static String name(Corpus corpus, String slug) {
    return corpus.taxonomy().get(slug).map(c -> c.name()).orElse(slug);
  }

  /** Builds a {@link NeighbourClassifier}; every setter returns the builder. */
  public static final class Builder {
    private int k = DEFAULT_K;
    private double power = DEFAULT_POWER;
    private TermMode termMode = TermMode.WORDS;
    private int reasonNeighbours = 3;

    private Builder() {}

    /** How many of the most similar voters vote; at least 1. */
    public Builder k(int k) {
      if (k < 1) {
        throw new IllegalArgumentException("k must be at least 1, was " + k);
      }
      this.k = k;
      return this;
    }

    /** The exponent applied to each voter's similarity; 0 makes every vote equal. */
    public Builder power(double power) {
      if (!(power >= 0) || Double.isInfinite(power)) {
        throw new IllegalArgumentException("power must be a finite number >= 0, was " + power);
      }
      this.power = power;
      return this;
    }

    /**
     * The terms of the similarity index {@link #classify(Corpus)} builds; {@link TermMode#WORDS} by
     * default, the best of the three on THUCNews titles and lawrefbook (BENCHMARKS.md).
     */
    public Builder termMode(TermMode mode) {
      this.termMode = Objects.requireNonNull(mode, "mode must not be null");
      return this;
    }

    /** How many of the closest voters the reason names; 3 by default. */
    public Builder reasonNeighbours(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("reasonNeighbours must not be negative, was " + n);
      }
      this.reasonNeighbours = n;
      return this;
    }

    public NeighbourClassifier build() {
      return new NeighbourClassifier(this);
    }
  }
}

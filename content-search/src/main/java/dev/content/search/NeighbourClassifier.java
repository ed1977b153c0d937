package dev.content.search;

import dev.content.core.Article;
import dev.content.core.CategoryAssignment;
import dev.content.core.CategoryAssignment.Evidence;
import dev.content.core.CategoryAssignment.Source;
import dev.content.core.Corpus;
import dev.content.search.internal.ClassProfiles;
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
 * two views of them are blended:
 * <ul>
 *   <li><b>votes</b>: the {@link Builder#k(int) k} most similar voters each give their primary category
 *       {@code similarity^}{@link Builder#power(double) power}; each category gets its share of the votes.
 *       Similarity is that of {@link SimilarityIndex}, the same machinery as related articles: the cosine
 *       of the index's TF-IDF vectors;
 *   <li><b>class profiles</b>: per category, in how many of its voters each character unigram and bigram
 *       occurs; the article's closeness to a profile is the log-probability of its terms under it (naive
 *       Bayes over term presence), made into shares by a softmax at
 *       {@link Builder#profileTemperature(double) temperature}.
 * </ul>
 * A category scores {@code (1 - profileWeight) × vote share + profileWeight × profile share}; the best
 * wins (ties: the category first in the taxonomy's order). With
 * {@link Builder#learnFromUnlabelled(boolean)} the unlabelled articles are decided once, then counted in
 * the profiles of the categories they got (self-training), and decided again. The assignment's score is
 * the winner's blended score; its evidence the voters with their similarity and the article's terms
 * that favour the winner's profile; its reason the vote count, the profile's share with those terms, and
 * the closest voters with the terms they share. An article without a single voter sharing a term stays
 * {@code 未分类}. Folder and rule assignments are never touched: they rank above neighbours in
 * authority. Measured on THUCNews headlines and lawrefbook: BENCHMARKS.md.
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
  /** The class profiles' share of the decision unless configured (measured, BENCHMARKS.md). */
  public static final double DEFAULT_PROFILE_WEIGHT = 0.7;
  /** How much the class profiles' shares are flattened unless configured (measured, BENCHMARKS.md). */
  public static final double DEFAULT_PROFILE_TEMPERATURE = 10;
  /** Additive smoothing of the profiles' term counts (measured on THUCNews dev: 0.1 to 0.3 are alike). */
  private static final double PROFILE_SMOOTHING = 0.3;
  /** How much of a body the profiles read (measured on lawrefbook: 300 beats 1,000 and all of it). */
  private static final int PROFILE_BODY_CHARS = 300;
  /** About the number of distinct character unigrams and bigrams of a news headline. */
  private static final int HEADLINE_TERMS = 30;

  private final int k;
  private final double power;
  private final TermMode termMode;
  private final int reasonNeighbours;
  private final double profileWeight;
  private final double profileTemperature;
  private final int reasonTerms;
  private final boolean learnFromUnlabelled;

  private NeighbourClassifier(Builder b) {
    this.k = b.k;
    this.power = b.power;
    this.termMode = b.termMode;
    this.reasonNeighbours = b.reasonNeighbours;
    this.profileWeight = b.profileWeight;
    this.profileTemperature = b.profileTemperature;
    this.reasonTerms = 3;
    this.learnFromUnlabelled = b.learnFromUnlabelled;
  }

  /** How many voters vote. */
  public int k() {
    return k;
  }

  /** The exponent of each voter's similarity. */
  public double power() {
    return power;
  }

  /** The class profiles' share of the decision (0: neighbour votes alone). */
  public double profileWeight() {
    return profileWeight;
  }

  /** The temperature that flattens the class profiles' shares. */
  public double profileTemperature() {
    return profileTemperature;
  }

  /** Whether the class profiles also learn from the unlabelled articles. */
  public boolean learnFromUnlabelled() {
    return learnFromUnlabelled;
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

  /**
   * The settings and a hash of this class's compiled code (with its model and class profiles), so that
   * the result a library keeps is recomputed when the settings or the algorithm change.
   */
  @Override
  public Optional<String> cacheKey() {
    StringBuilder key = new StringBuilder("NeighbourClassifier k=").append(k).append(" power=").append(power)
        .append(" terms=").append(termMode).append(" reasonNeighbours=").append(reasonNeighbours)
        .append(" profileWeight=").append(profileWeight).append(" temperature=").append(profileTemperature)
        .append(" reasonTerms=").append(reasonTerms).append(" learnFromUnlabelled=").append(learnFromUnlabelled)
        .append(" smoothing=").append(PROFILE_SMOOTHING).append(" bodyChars=").append(PROFILE_BODY_CHARS)
        .append(" headline=").append(HEADLINE_TERMS).append(" code=");
    try {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      for (Class<?> c : List.of(NeighbourClassifier.class, Model.class, ClassProfiles.class)) {
        String file = c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class";
        try (java.io.InputStream in = c.getResourceAsStream(file)) {
          if (in == null) {
            return Optional.empty();
          }
          md.update(in.readAllBytes());
        }
      }
      return Optional.of(key.append(java.util.HexFormat.of().formatHex(md.digest())).toString());
    } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
      // Without the code's hash the result cannot be known to be current: never keep it.
      return Optional.empty();
    }
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
    List<Article> targets = corpus.articles().stream().filter(NeighbourClassifier::unplaced)
        .filter(a -> index.contains(a.id())).toList();
    if (targets.isEmpty() || labels.isEmpty()) {
      // Nothing to place or nobody to vote: no profiles to learn, no neighbours to look up.
      return new Result(corpus, labels.size(), 0, targets.size());
    }
    Model model = model(corpus, index, labels);
    Map<String, List<CategoryAssignment>> updates = new LinkedHashMap<>();
    int unresolved = 0;
    List<Optional<CategoryAssignment>> votes = targets.parallelStream().map(a -> model.vote(a.id())).toList();
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
    return new Result(out, model.labels().size(), updates.size(), unresolved);
  }

  /**
   * This classifier fitted to a corpus: the voters ({@code labels}) and the class profiles learned from
   * them, ready to vote for any article of the index.
   *
   * @param labels voter id to its category slug, usually {@link #labels(Corpus)}
   */
  public Model model(Corpus corpus, SimilarityIndex index, Map<String, String> labels) {
    Objects.requireNonNull(corpus, "corpus must not be null");
    Objects.requireNonNull(index, "index must not be null");
    Objects.requireNonNull(labels, "labels must not be null");
    return new Model(corpus, index, Map.copyOf(labels));
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

  /**
   * A {@link NeighbourClassifier} fitted to one corpus and similarity index. A labelled article asked
   * for is classified as if it were not labelled (leave-one-out): it neither votes for itself nor
   * counts in its category's profile. Immutable and thread-safe.
   */
  public final class Model {
    private final Corpus corpus;
    private final SimilarityIndex index;
    private final Map<String, String> labels;
    private final List<String> classes;
    private final Map<String, Integer> classIndex = new HashMap<>();
    private final ClassProfiles profiles;
    /** Unlabelled article id to the class its first vote gave, when the profiles learned from it. */
    private final Map<String, Integer> guessed = new HashMap<>();
    /** Unlabelled article id to its voters, retrieved once for the first vote. */
    private final Map<String, List<SimilarArticle>> retrieved = new java.util.concurrent.ConcurrentHashMap<>();

    private Model(Corpus corpus, SimilarityIndex index, Map<String, String> labels) {
      this.corpus = corpus;
      this.index = index;
      this.labels = labels;
      Map<String, Integer> position = position(corpus);
      this.classes = labels.values().stream().distinct()
          .sorted(Comparator.<String>comparingInt(c -> position.getOrDefault(c, Integer.MAX_VALUE))
              .thenComparing(Comparator.naturalOrder()))
          .toList();
      for (int i = 0; i < classes.size(); i++) {
        classIndex.put(classes.get(i), i);
      }
      if (profileWeight > 0 && !classes.isEmpty()) {
        List<String> voters = labels.keySet().stream().sorted().toList();
        List<String[]> terms = voters.parallelStream().map(this::terms).toList();
        int[] y = voters.stream().mapToInt(v -> classIndex.get(labels.get(v))).toArray();
        ClassProfiles first = ClassProfiles.build(classes.size(), terms, y, PROFILE_SMOOTHING);
        // One round: a second one measured lower (86.1% against 86.3% on THUCNews dev).
        this.profiles = learnFromUnlabelled ? secondProfiles(first, terms, y) : first;
      } else {
        this.profiles = null;
      }
    }

    /**
     * Self-training: every unlabelled article (in {@code 未分类}) is voted for once with the labelled
     * profiles, then counts in the profile of the category it got. Headlines are short: the unlabelled
     * ones teach the profiles words the labelled ones lack (measured: +1 point on THUCNews dev).
     */
    private ClassProfiles secondProfiles(ClassProfiles first, List<String[]> terms, int[] y) {
      List<String> unlabelled = corpus.articles().stream().filter(NeighbourClassifier::unplaced).map(Article::id)
          .filter(id -> !labels.containsKey(id) && index.contains(id)).toList();
      if (unlabelled.isEmpty()) {
        return first;
      }
      List<String[]> unlabelledTerms = unlabelled.parallelStream().map(this::terms).toList();
      int[] guess = java.util.stream.IntStream.range(0, unlabelled.size()).parallel().map(i -> {
        List<SimilarArticle> near = retrieved.computeIfAbsent(unlabelled.get(i), this::voters);
        return near.isEmpty() ? -1 : winner(scores(unlabelledTerms.get(i), near, first, -1, null));
      }).toArray();
      List<String[]> allTerms = new ArrayList<>(terms);
      int[] all = java.util.Arrays.copyOf(y, y.length + unlabelled.size());
      int n = y.length;
      for (int i = 0; i < unlabelled.size(); i++) {
        if (guess[i] >= 0) {
          guessed.put(unlabelled.get(i), guess[i]);
          allTerms.add(unlabelledTerms.get(i));
          all[n++] = guess[i];
        }
      }
      return ClassProfiles.build(classes.size(), allTerms, java.util.Arrays.copyOf(all, n), PROFILE_SMOOTHING);
    }

    /** Voter id to category slug. */
    public Map<String, String> labels() {
      return labels;
    }

    /**
     * The {@code k} voters nearest to an article, best first, with the similarity their votes use.
     *
     * @throws IllegalArgumentException if {@code id} is not in the index
     */
    public List<SimilarArticle> voters(String id) {
      Objects.requireNonNull(id, "id must not be null");
      return index.similar(id, k, labels::containsKey);
    }

    /**
     * The category for an article of the index, or empty when no labelled article shares a term with it.
     *
     * @throws IllegalArgumentException if {@code id} is not in the index
     */
    public Optional<CategoryAssignment> vote(String id) {
      List<SimilarArticle> near = retrieved.get(Objects.requireNonNull(id, "id must not be null"));
      return vote(id, near != null ? near : voters(id));
    }

    /**
     * The category for an article given its neighbours (best first, all labelled), of which the first
     * {@code k} vote: for callers that retrieve neighbours once and compare settings.
     */
    public Optional<CategoryAssignment> vote(String id, List<SimilarArticle> neighbours) {
      Objects.requireNonNull(id, "id must not be null");
      Objects.requireNonNull(neighbours, "neighbours must not be null");
      return tally(id, neighbours.size() > k ? neighbours.subList(0, k) : neighbours);
    }

    private String[] terms(String id) {
      return corpus.article(id).map(SimilarityIndex::doc).map(d -> ClassProfiles.terms(d.title(), opening(d.text())))
          .orElse(new String[0]);
    }

    /**
     * Each class's score: the neighbours' vote share blended with the profile's share.
     *
     * @param profileOut receives the profile's shares when not null
     */
    private double[] scores(String[] terms, List<SimilarArticle> neighbours, ClassProfiles prof, int own,
        double[] profileOut) {
      int n = classes.size();
      double[] weight = new double[n];
      double total = 0;
      for (SimilarArticle s : neighbours) {
        double w = Math.pow(s.score(), power);
        weight[classIndex.get(labels.get(s.id()))] += w;
        total += w;
      }
      double[] profile = null;
      if (prof != null) {
        // A long text's log-probabilities grow with its length and would drown the votes: the temperature
        // grows with the number of terms beyond a headline's.
        double t = profileTemperature * Math.max(1, terms.length / (double) HEADLINE_TERMS);
        profile = ClassProfiles.posterior(prof.logScores(terms, own), t);
        if (profileOut != null) {
          System.arraycopy(profile, 0, profileOut, 0, n);
        }
      }
      double[] score = new double[n];
      for (int c = 0; c < n; c++) {
        double share = total > 0 ? weight[c] / total : 0;
        score[c] = profile == null ? share : (1 - profileWeight) * share + profileWeight * profile[c];
      }
      return score;
    }

    /** The best class; ties go to the first in the taxonomy's order, which is the order of classes. */
    private static int winner(double[] score) {
      int winner = 0;
      for (int c = 1; c < score.length; c++) {
        if (score[c] > score[winner]) {
          winner = c;
        }
      }
      return winner;
    }

    private Optional<CategoryAssignment> tally(String id, List<SimilarArticle> neighbours) {
      if (neighbours.isEmpty()) {
        return Optional.empty();
      }
      int n = classes.size();
      int[] count = new int[n];
      double total = 0;
      double[] weight = new double[n];
      for (SimilarArticle s : neighbours) {
        int c = classIndex.get(labels.get(s.id()));
        count[c]++;
        weight[c] += Math.pow(s.score(), power);
        total += Math.pow(s.score(), power);
      }
      // An article is compared with profiles that do not count it (labelled, or learned from as unlabelled).
      int own = labels.containsKey(id) ? classIndex.get(labels.get(id)) : guessed.getOrDefault(id, -1);
      String[] terms = profiles == null ? null : terms(id);
      double[] profile = profiles == null ? null : new double[n];
      double[] score = scores(terms, neighbours, profiles, own, profile);
      int winner = winner(score);
      List<Evidence> evidence = new ArrayList<>();
      neighbours.forEach(s -> evidence.add(new Evidence("neighbour", s.id(), s.score())));
      List<Map.Entry<String, Double>> profileTerms = List.of();
      if (profile != null && n > 1) {
        int other = winner == 0 ? 1 : 0;
        for (int c = 0; c < n; c++) {
          if (c != winner && profile[c] > profile[other]) {
            other = c;
          }
        }
        profileTerms = profiles.evidence(terms, own, winner, other, reasonTerms);
        profileTerms.forEach(e -> evidence.add(new Evidence("profile-term", e.getKey(), e.getValue())));
      }
      String slug = classes.get(winner);
      String reason = reason(neighbours, slug, count, total > 0 ? weight[winner] / total : 0,
          profile == null ? -1 : profile[winner], profileTerms, score[winner]);
      return Optional.of(new CategoryAssignment(slug, Source.NEIGHBOURS, score[winner], reason, evidence));
    }

    private String reason(List<SimilarArticle> neighbours, String winner, int[] count, double share,
        double profile, List<Map.Entry<String, Double>> profileTerms, double score) {
      List<Integer> order = new ArrayList<>();
      for (int c = 0; c < count.length; c++) {
        if (count[c] > 0) {
          order.add(c);
        }
      }
      order.sort(Comparator.<Integer>comparingInt(c -> -count[c]).thenComparing(classes::get));
      String tally = order.stream().map(c -> name(corpus, classes.get(c)) + " " + count[c])
          .collect(Collectors.joining("、"));
      String closest = neighbours.stream().filter(s -> labels.get(s.id()).equals(winner)).limit(reasonNeighbours)
          .map(s -> "《" + corpus.article(s.id()).map(Article::title).orElse(s.id()) + "》"
              + String.format(Locale.ROOT, "%.2f", s.score())
              + (s.sharedTerms().isEmpty() ? "" : s.sharedTerms().stream().map(x -> "“" + x.term() + "”")
                  .collect(Collectors.joining("", "（共有", "）"))))
          .collect(Collectors.joining("、"));
      String votes = "最相似的 " + neighbours.size() + " 篇已分类文章投票：" + tally + "；得票 " + percent(share);
      if (profile >= 0) {
        votes += "；类别画像 " + percent(profile)
            + (profileTerms.isEmpty() ? "" : profileTerms.stream().map(e -> "“" + e.getKey() + "”")
                .collect(Collectors.joining("", "（", "）")))
            + "；综合 " + percent(score);
      }
      return votes + "；最接近：" + closest;
    }
  }

  /**
   * The opening of a body, which is what profiles read: it says what kind of text it is (a headline's
   * paragraph, a law's issuing body and title), and it bounds the profiles' vocabulary on large corpora.
   */
  private static String opening(String text) {
    if (text.length() <= PROFILE_BODY_CHARS) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(PROFILE_BODY_CHARS - 1)) ? PROFILE_BODY_CHARS - 1
        : PROFILE_BODY_CHARS;
    return text.substring(0, end);
  }

  private static String percent(double x) {
    return String.format(Locale.ROOT, "%.0f%%", x * 100);
  }

  private static Map<String, Integer> position(Corpus corpus) {
    Map<String, Integer> position = new HashMap<>();
    List<dev.content.core.Category> all = corpus.taxonomy().all();
    for (int i = 0; i < all.size(); i++) {
      position.put(all.get(i).slug(), i);
    }
    return position;
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
    private double profileWeight = DEFAULT_PROFILE_WEIGHT;
    private double profileTemperature = DEFAULT_PROFILE_TEMPERATURE;
    private boolean learnFromUnlabelled = true;

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

    /**
     * The class profiles' share of the decision, from 0 (the neighbours' vote shares alone) to 1 (the
     * profiles alone); {@value #DEFAULT_PROFILE_WEIGHT} by default.
     */
    public Builder profileWeight(double weight) {
      if (!(weight >= 0 && weight <= 1)) {
        throw new IllegalArgumentException("profileWeight must be between 0 and 1, was " + weight);
      }
      this.profileWeight = weight;
      return this;
    }

    /**
     * Divides the profiles' log-probabilities before they become shares: 1 is Bayes' rule, which is far
     * too sure of itself on short texts; {@value #DEFAULT_PROFILE_TEMPERATURE} by default.
     */
    public Builder profileTemperature(double temperature) {
      if (!(temperature > 0) || Double.isInfinite(temperature)) {
        throw new IllegalArgumentException("profileTemperature must be a finite number > 0, was " + temperature);
      }
      this.profileTemperature = temperature;
      return this;
    }

    /**
     * Whether the class profiles also learn from the unlabelled articles, each counted in the category
     * a first vote gives it (self-training); on by default.
     */
    public Builder learnFromUnlabelled(boolean learn) {
      this.learnFromUnlabelled = learn;
      return this;
    }

    public NeighbourClassifier build() {
      return new NeighbourClassifier(this);
    }
  }
}

package dev.content.search;

import dev.content.core.Article;
import dev.content.core.CategoryAssignment;
import dev.content.core.CategoryAssignment.Evidence;
import dev.content.core.CategoryAssignment.Source;
import dev.content.core.Corpus;
import dev.content.search.internal.ClassProfiles;
import dev.content.search.internal.LinearTerms;
import dev.content.search.internal.TitleShape;
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
 * three views of them are blended:
 * <ul>
 *   <li><b>votes</b>: the {@link Builder#k(int) k} most similar voters each give their primary category
 *       {@code similarity^}{@link Builder#power(double) power}; each category gets its share of the votes.
 *       Similarity is that of {@link SimilarityIndex}, the same machinery as related articles: the cosine
 *       of the index's TF-IDF vectors;
 *   <li><b>class profiles</b>: per category, in how many of its voters each character unigram and bigram
 *       (of the title and the body's opening) occurs; the article's closeness to a profile is the
 *       log-probability of its terms under it (naive Bayes over term presence), made into shares by a
 *       softmax at {@link Builder#profileTemperature(double) temperature};
 *   <li><b>term weights</b>: per category, a weight for each of those terms and for the title's form
 *       (how it begins and ends, its punctuation with the characters beside it, its length, a space
 *       inside: {@code 港股…}, {@code 股:}, {@code 标题 20–23 字}),
 *       learned from the voters so that an article's terms add up highest for its own category (a linear
 *       support vector machine, one category against the rest, over TF-IDF vectors); the article's sums
 *       become shares by a softmax at {@link Builder#termTemperature(double) temperature}.
 * </ul>
 * A category scores {@code profileWeight × profile share + termWeight × term-weight share} plus what is
 * left, {@code 1 - profileWeight - termWeight}, times its vote share; the best wins (ties: the category
 * first in the taxonomy's order). With {@link Builder#learnFromUnlabelled(boolean)} the unlabelled
 * articles are decided once, then counted in the profiles and the term weights' training as the
 * categories they got (self-training), and decided again; an article is never judged by a profile that
 * counts it nor by term weights that learned from it (the unlabelled articles are split in two halves,
 * each judged by weights learned from the other). The assignment's score is the winner's blended score;
 * its evidence the voters with their similarity and the article's terms that favour the winner in the
 * profiles and in the term weights; its reason the vote count, each view's share with those terms, and
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
  public static final double DEFAULT_PROFILE_WEIGHT = 0.4;
  /** The term weights' share of the decision unless configured (measured, BENCHMARKS.md). */
  public static final double DEFAULT_TERM_WEIGHT = 0.4;
  /** How much the term weights' shares are flattened unless configured (measured, BENCHMARKS.md). */
  public static final double DEFAULT_TERM_TEMPERATURE = 0.5;
  /** How much the class profiles' shares are flattened unless configured (measured, BENCHMARKS.md). */
  public static final double DEFAULT_PROFILE_TEMPERATURE = 10;
  /** Additive smoothing of the profiles' term counts (measured on THUCNews dev: 0.1 to 0.3 are alike). */
  private static final double PROFILE_SMOOTHING = 0.3;
  /** How much of a body the profiles read (measured on lawrefbook: 300 beats 1,000 and all of it). */
  private static final int PROFILE_BODY_CHARS = 300;
  /** About the number of distinct character unigrams and bigrams of a news headline. */
  private static final int HEADLINE_TERMS = 30;
  /** The term weights' cost of errors against regularisation (LIBLINEAR's C; 0.5 and 2 measured alike or lower). */
  private static final double TERM_COST = 1;
  /** Labelled articles asked for are scored by term weights learned without their tenth of the voters. */
  private static final int FOLDS = 10;
  /**
   * At most this many voters, and as many unlabelled articles, teach the term weights (evenly spread
   * samples beyond): training time and memory grow with them, accuracy hardly beyond that many.
   */
  private static final int TERM_SAMPLE = 10_000;

  private final int k;
  private final double power;
  private final TermMode termMode;
  private final int reasonNeighbours;
  private final double profileWeight;
  private final double profileTemperature;
  private final double termWeight;
  private final double termTemperature;
  private final int reasonTerms;
  private final boolean learnFromUnlabelled;

  private NeighbourClassifier(Builder b) {
    this.k = b.k;
    this.power = b.power;
    this.termMode = b.termMode;
    this.reasonNeighbours = b.reasonNeighbours;
    this.profileWeight = b.profileWeight;
    this.profileTemperature = b.profileTemperature;
    this.termWeight = b.termWeight;
    this.termTemperature = b.termTemperature;
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

  /** The term weights' share of the decision (0: none). */
  public double termWeight() {
    return termWeight;
  }

  /** The temperature that flattens the term weights' shares. */
  public double termTemperature() {
    return termTemperature;
  }

  /** Whether the class profiles and term weights also learn from the unlabelled articles. */
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
        .append(" termWeight=").append(termWeight).append(" termTemperature=").append(termTemperature)
        .append(" reasonTerms=").append(reasonTerms).append(" learnFromUnlabelled=").append(learnFromUnlabelled)
        .append(" smoothing=").append(PROFILE_SMOOTHING).append(" bodyChars=").append(PROFILE_BODY_CHARS)
        .append(" headline=").append(HEADLINE_TERMS).append(" code=");
    try {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      for (Class<?> c : List.of(NeighbourClassifier.class, Model.class, ClassProfiles.class,
          LinearTerms.class, TitleShape.class)) {
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
   * for is classified as if it were not labelled: it neither votes for itself nor counts in its
   * category's profile (leave-one-out), and its term weights are learned without the tenth of the
   * voters it belongs to (ten-fold: leaving each article out would mean one training per article).
   * Immutable and thread-safe.
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
    /** Article id to its position: voters in id order, then the unlabelled articles. */
    private final Map<String, Integer> row = new HashMap<>();
    private final int voterCount;
    private final int[] voterClass;
    private final LinearTerms.Space space;
    /** Position to the article's row in {@link #space}, or -1 when the term weights never read it. */
    private int[] spaceRow = new int[0];
    /** The voters the term weights learn from: their rows in the space and their classes. */
    private int[] voterRows = new int[0];
    private int[] voterRowClasses = new int[0];
    /** What the term weights learn from besides the voters: guessed unlabelled rows and their classes. */
    private final int[] guessedRows;
    private final int[] guessedClasses;
    /**
     * Term weights for the unlabelled articles: learned from the voters and half of the guessed articles,
     * each scoring the other half (an article's own guess never teaches the weights that judge it).
     */
    private final LinearTerms[] halves;
    /** Term weights for labelled articles asked for, one per fold; made on first use. */
    private volatile LinearTerms[] folds;

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
      List<String> voters = labels.keySet().stream().sorted().toList();
      this.voterCount = voters.size();
      this.voterClass = voters.stream().mapToInt(v -> classIndex.get(labels.get(v))).toArray();
      boolean learning = (profileWeight > 0 || termWeight > 0) && !classes.isEmpty();
      if (!learning) {
        this.profiles = null;
        this.space = null;
        this.halves = null;
        this.guessedRows = new int[0];
        this.guessedClasses = new int[0];
        return;
      }
      List<String> unlabelled = learnFromUnlabelled || termWeight > 0
          ? corpus.articles().stream().filter(NeighbourClassifier::unplaced).map(Article::id)
              .filter(id -> !labels.containsKey(id) && index.contains(id)).toList()
          : List.of();
      List<String[]> terms = java.util.stream.Stream.concat(voters.stream(), unlabelled.stream()).parallel()
          .map(this::terms).toList();
      for (int i = 0; i < terms.size(); i++) {
        row.put(i < voterCount ? voters.get(i) : unlabelled.get(i - voterCount), i);
      }
      ClassProfiles first = profileWeight > 0
          ? ClassProfiles.build(classes.size(), terms.subList(0, voterCount), voterClass, PROFILE_SMOOTHING)
          : null;
      // The term weights also read each title's form (TitleShape), which the profiles leave out (measured
      // on THUCNews dev, BENCHMARKS.md: in the term weights +1.1 points, in the profiles too less).
      List<String[]> linearTerms = termWeight > 0
          ? java.util.stream.IntStream.range(0, terms.size()).parallel().mapToObj(i -> linearTerms(
              i < voterCount ? voters.get(i) : unlabelled.get(i - voterCount), terms.get(i))).toList()
          : List.of();
      // The vocabulary and IDF cover the unlabelled articles too: they need no category.
      this.space = termWeight > 0 ? space(linearTerms) : null;
      LinearTerms firstWeights = space == null ? null
          : LinearTerms.train(space, classes.size(), voterRows, voterRowClasses, null, TERM_COST);
      if (!learnFromUnlabelled || unlabelled.isEmpty()) {
        this.profiles = first;
        this.guessedRows = new int[0];
        this.guessedClasses = new int[0];
        this.halves = firstWeights == null ? null : new LinearTerms[] {firstWeights, firstWeights};
        return;
      }
      // Self-training, one round (a second one measured lower or alike on THUCNews dev, BENCHMARKS.md):
      // every unlabelled article is decided once by the voters alone, then counts in the profile and the
      // term weights' training of the category it got. Headlines are short: the unlabelled ones teach
      // terms the labelled ones lack.
      int[] guess = java.util.stream.IntStream.range(0, unlabelled.size()).parallel().map(i -> {
        List<SimilarArticle> near = retrieved.computeIfAbsent(unlabelled.get(i), this::voters);
        String[] t = terms.get(voterCount + i);
        int r = spaceRow.length == 0 ? -1 : spaceRow[voterCount + i];
        return near.isEmpty() ? -1 : winner(scores(t, near, first, -1,
            firstWeights == null ? null : r >= 0 ? firstWeights.scores(r)
                : firstWeights.scores(linearTerms.get(voterCount + i)), null, null));
      }).toArray();
      List<String[]> guessedTerms = new ArrayList<>();
      int[] guessedAs = new int[unlabelled.size()];
      int[] gRows = new int[unlabelled.size()];
      int g = 0;
      for (int i = 0; i < unlabelled.size(); i++) {
        if (guess[i] >= 0) {
          guessed.put(unlabelled.get(i), guess[i]);
          guessedTerms.add(terms.get(voterCount + i));
          guessedAs[g++] = guess[i];
        }
      }
      int[] gClasses = new int[unlabelled.size()];
      int taught = 0;
      for (int i = 0; i < unlabelled.size() && space != null; i++) {
        if (guess[i] >= 0 && spaceRow[voterCount + i] >= 0) {
          gRows[taught] = spaceRow[voterCount + i];
          gClasses[taught++] = guess[i];
        }
      }
      this.guessedRows = java.util.Arrays.copyOf(gRows, taught);
      this.guessedClasses = java.util.Arrays.copyOf(gClasses, taught);
      this.profiles = first == null ? null : first.plus(guessedTerms, java.util.Arrays.copyOf(guessedAs, g));
      // The two trainings side by side: each is one task per category, and the longest categories' tasks
      // would otherwise leave a core idle at the end of each.
      this.halves = space == null ? null : java.util.stream.IntStream.range(0, 2).parallel()
          .mapToObj(h -> weightsWithout(r -> r % 2 != h, r -> false)).toArray(LinearTerms[]::new);
    }

    /**
     * The term weights' space over the voters and unlabelled articles they read (all of them, or evenly
     * spread samples of {@link #TERM_SAMPLE} each); fills {@link #spaceRow} and {@link #voterRows}.
     */
    private LinearTerms.Space space(List<String[]> terms) {
      int[] chosen = java.util.stream.IntStream.concat(sample(0, voterCount), sample(voterCount, terms.size()))
          .toArray();
      spaceRow = new int[terms.size()];
      java.util.Arrays.fill(spaceRow, -1);
      List<String[]> read = new ArrayList<>(chosen.length);
      java.util.stream.IntStream.Builder rows = java.util.stream.IntStream.builder();
      java.util.stream.IntStream.Builder ys = java.util.stream.IntStream.builder();
      for (int j = 0; j < chosen.length; j++) {
        spaceRow[chosen[j]] = j;
        read.add(terms.get(chosen[j]));
        if (chosen[j] < voterCount) {
          rows.add(j);
          ys.add(voterClass[chosen[j]]);
        }
      }
      voterRows = rows.build().toArray();
      voterRowClasses = ys.build().toArray();
      return new LinearTerms.Space(read);
    }

    private static java.util.stream.IntStream sample(int from, int to) {
      int n = to - from;
      return n <= TERM_SAMPLE ? java.util.stream.IntStream.range(from, to)
          : java.util.stream.IntStream.range(0, TERM_SAMPLE).map(i -> from + (int) ((long) i * n / TERM_SAMPLE));
    }

    /**
     * Term weights learned from the voters and the guessed unlabelled articles, except the guessed rows
     * and voter rows the two tests name.
     */
    private LinearTerms weightsWithout(java.util.function.IntPredicate guessedOut,
        java.util.function.IntPredicate voterOut) {
      java.util.stream.IntStream.Builder rows = java.util.stream.IntStream.builder();
      java.util.stream.IntStream.Builder ys = java.util.stream.IntStream.builder();
      for (int v = 0; v < voterRows.length; v++) {
        if (!voterOut.test(voterRows[v])) {
          rows.add(voterRows[v]);
          ys.add(voterRowClasses[v]);
        }
      }
      for (int i = 0; i < guessedRows.length; i++) {
        if (!guessedOut.test(guessedRows[i])) {
          rows.add(guessedRows[i]);
          ys.add(guessedClasses[i]);
        }
      }
      return LinearTerms.train(space, classes.size(), rows.build().toArray(), ys.build().toArray(), null, TERM_COST);
    }

    /** The term weights that judge an article: never ones that learned from it. */
    private LinearTerms weightsFor(String id) {
      Integer p = row.get(id);
      int r = p == null ? -1 : spaceRow[p];
      if (r < 0) {
        // Never read by the term weights (not sampled, or neither labelled nor unlabelled): none learned from it.
        return halves[0];
      }
      if (p >= voterCount) {
        return halves[1 - r % 2];
      }
      LinearTerms[] f = folds;
      if (f == null) {
        synchronized (this) {
          f = folds;
          if (f == null) {
            f = java.util.stream.IntStream.range(0, FOLDS).parallel()
                .mapToObj(fold -> weightsWithout(x -> false, v -> v % FOLDS == fold)).toArray(LinearTerms[]::new);
            folds = f;
          }
        }
      }
      return f[r % FOLDS];
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

    /** What the term weights read: the profiles' terms and the form of the title ({@link TitleShape}). */
    private String[] linearTerms(String id, String[] terms) {
      String[] shape = corpus.article(id).map(a -> TitleShape.terms(a.title())).orElse(new String[0]);
      String[] out = java.util.Arrays.copyOf(terms, terms.length + shape.length);
      System.arraycopy(shape, 0, out, terms.length, shape.length);
      return out;
    }

    /**
     * Each class's score: the neighbours' vote share blended with the profile's and the term weights'
     * shares.
     *
     * @param decision the term weights' decision values, or null when they take no part
     * @param profileOut receives the profile's shares when not null
     * @param termsOut receives the term weights' shares when not null
     */
    private double[] scores(String[] terms, List<SimilarArticle> neighbours, ClassProfiles prof, int own,
        double[] decision, double[] profileOut, double[] termsOut) {
      int n = classes.size();
      double[] weight = new double[n];
      double total = 0;
      for (SimilarArticle s : neighbours) {
        double w = Math.pow(s.score(), power);
        weight[classIndex.get(labels.get(s.id()))] += w;
        total += w;
      }
      double[] profile = new double[n];
      if (prof != null) {
        // A long text's log-probabilities grow with its length and would drown the votes: the temperature
        // grows with the number of terms beyond a headline's.
        double t = profileTemperature * Math.max(1, terms.length / (double) HEADLINE_TERMS);
        profile = ClassProfiles.posterior(prof.logScores(terms, own), t);
        if (profileOut != null) {
          System.arraycopy(profile, 0, profileOut, 0, n);
        }
      }
      // Decision values of normalised vectors stay within a few units whatever the text's length.
      double[] linear = decision == null ? new double[n] : ClassProfiles.posterior(decision, termTemperature);
      if (decision != null && termsOut != null) {
        System.arraycopy(linear, 0, termsOut, 0, n);
      }
      double voteWeight = 1 - (prof == null ? 0 : profileWeight) - (decision == null ? 0 : termWeight);
      double[] score = new double[n];
      for (int c = 0; c < n; c++) {
        double share = total > 0 ? weight[c] / total : 0;
        score[c] = voteWeight * share + (prof == null ? 0 : profileWeight * profile[c])
            + (decision == null ? 0 : termWeight * linear[c]);
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

    /** The strongest class but {@code winner}: the one the evidence terms are weighed against. */
    private static int runnerUp(double[] share, int winner) {
      int other = winner == 0 ? 1 : 0;
      for (int c = 0; c < share.length; c++) {
        if (c != winner && share[c] > share[other]) {
          other = c;
        }
      }
      return other;
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
      // An article is compared with profiles that do not count it (labelled, or learned from as unlabelled)
      // and judged by term weights that did not learn from it.
      int own = labels.containsKey(id) ? classIndex.get(labels.get(id)) : guessed.getOrDefault(id, -1);
      String[] terms = profiles == null && space == null ? null : terms(id);
      LinearTerms weights = space == null ? null : weightsFor(id);
      String[] read = weights == null ? null : linearTerms(id, terms);
      double[] profile = profiles == null ? null : new double[n];
      double[] linear = weights == null ? null : new double[n];
      double[] score = scores(terms, neighbours, profiles, own, weights == null ? null : weights.scores(read),
          profile, linear);
      int winner = winner(score);
      List<Evidence> evidence = new ArrayList<>();
      neighbours.forEach(s -> evidence.add(new Evidence("neighbour", s.id(), s.score())));
      List<Map.Entry<String, Double>> profileTerms = List.of();
      List<Map.Entry<String, Double>> weightedTerms = List.of();
      if (profile != null && n > 1) {
        profileTerms = profiles.evidence(terms, own, winner, runnerUp(profile, winner), reasonTerms);
        profileTerms.forEach(e -> evidence.add(new Evidence("profile-term", e.getKey(), e.getValue())));
      }
      if (linear != null && n > 1) {
        weightedTerms = weights.evidence(read, winner, runnerUp(linear, winner), reasonTerms);
        weightedTerms.forEach(e -> evidence.add(new Evidence("weighted-term", TitleShape.display(e.getKey()),
            e.getValue())));
      }
      String slug = classes.get(winner);
      StringBuilder reason = new StringBuilder(votes(neighbours, count, total > 0 ? weight[winner] / total : 0));
      if (profile != null) {
        reason.append("；类别画像 ").append(percent(profile[winner])).append(quoted(profileTerms));
      }
      if (linear != null) {
        reason.append("；词项权重 ").append(percent(linear[winner])).append(quoted(weightedTerms));
      }
      if (profile != null || linear != null) {
        reason.append("；综合 ").append(percent(score[winner]));
      }
      reason.append("；最接近：").append(closest(neighbours, slug));
      return Optional.of(new CategoryAssignment(slug, Source.NEIGHBOURS, score[winner], reason.toString(),
          evidence));
    }

    private String votes(List<SimilarArticle> neighbours, int[] count, double share) {
      List<Integer> order = new ArrayList<>();
      for (int c = 0; c < count.length; c++) {
        if (count[c] > 0) {
          order.add(c);
        }
      }
      order.sort(Comparator.<Integer>comparingInt(c -> -count[c]).thenComparing(classes::get));
      String tally = order.stream().map(c -> name(corpus, classes.get(c)) + " " + count[c])
          .collect(Collectors.joining("、"));
      return "最相似的 " + neighbours.size() + " 篇已分类文章投票：" + tally + "；得票 " + percent(share);
    }

    private String closest(List<SimilarArticle> neighbours, String winner) {
      return neighbours.stream().filter(s -> labels.get(s.id()).equals(winner)).limit(reasonNeighbours)
          .map(s -> "《" + corpus.article(s.id()).map(Article::title).orElse(s.id()) + "》"
              + String.format(Locale.ROOT, "%.2f", s.score())
              + (s.sharedTerms().isEmpty() ? "" : s.sharedTerms().stream().map(x -> "“" + x.term() + "”")
                  .collect(Collectors.joining("", "（共有", "）"))))
          .collect(Collectors.joining("、"));
    }
  }

  private static String quoted(List<Map.Entry<String, Double>> terms) {
    return terms.isEmpty() ? "" : terms.stream().map(e -> "“" + TitleShape.display(e.getKey()) + "”")
        .collect(Collectors.joining("", "（", "）"));
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
    private double termWeight = DEFAULT_TERM_WEIGHT;
    private double termTemperature = DEFAULT_TERM_TEMPERATURE;
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
     * The class profiles' share of the decision, from 0 (none) to 1 (the profiles alone);
     * {@value #DEFAULT_PROFILE_WEIGHT} by default. The neighbours' vote shares get what the profiles and
     * the {@linkplain #termWeight(double) term weights} leave: {@code profileWeight(0).termWeight(0)} is
     * plain neighbour voting.
     */
    public Builder profileWeight(double weight) {
      this.profileWeight = share("profileWeight", weight);
      return this;
    }

    /**
     * Divides the profiles' log-probabilities before they become shares: 1 is Bayes' rule, which is far
     * too sure of itself on short texts; {@value #DEFAULT_PROFILE_TEMPERATURE} by default.
     */
    public Builder profileTemperature(double temperature) {
      this.profileTemperature = temperature("profileTemperature", temperature);
      return this;
    }

    /**
     * The term weights' share of the decision, from 0 (none) to 1 (the term weights alone);
     * {@value #DEFAULT_TERM_WEIGHT} by default. Term weights are a linear support vector machine per
     * category over the TF-IDF vectors of the character unigrams and bigrams the profiles read and of the
     * title's form (its first and last two characters, its punctuation alone and with its neighbours,
     * its length, a space inside it):
     * what each term adds to a category beyond the article's other terms.
     */
    public Builder termWeight(double weight) {
      this.termWeight = share("termWeight", weight);
      return this;
    }

    /**
     * Divides the term weights' decision values before they become shares (softmax);
     * {@value #DEFAULT_TERM_TEMPERATURE} by default.
     */
    public Builder termTemperature(double temperature) {
      this.termTemperature = temperature("termTemperature", temperature);
      return this;
    }

    /**
     * Whether the class profiles and term weights also learn from the unlabelled articles, each counted
     * in the category a first decision gives it (self-training); on by default.
     */
    public Builder learnFromUnlabelled(boolean learn) {
      this.learnFromUnlabelled = learn;
      return this;
    }

    private static double share(String name, double weight) {
      if (!(weight >= 0 && weight <= 1)) {
        throw new IllegalArgumentException(name + " must be between 0 and 1, was " + weight);
      }
      return weight;
    }

    private static double temperature(String name, double temperature) {
      if (!(temperature > 0) || Double.isInfinite(temperature)) {
        throw new IllegalArgumentException(name + " must be a finite number > 0, was " + temperature);
      }
      return temperature;
    }

    /**
     * The classifier.
     *
     * @throws IllegalArgumentException if the profile and term weights add up to more than 1
     */
    public NeighbourClassifier build() {
      if (profileWeight + termWeight > 1 + 1e-9) {
        throw new IllegalArgumentException("profileWeight + termWeight must not exceed 1, was " + profileWeight
            + " + " + termWeight);
      }
      return new NeighbourClassifier(this);
    }
  }
}

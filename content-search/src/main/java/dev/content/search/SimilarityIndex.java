package dev.content.search;

import dev.content.core.Article;
import dev.content.core.Corpus;
import dev.content.search.internal.VectorModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Content similarity between articles: for an article of the index or for any text, the {@code k} most
 * similar articles with a score in [0, 1] and the shared terms that explain it. One instance serves
 * both computed related articles ({@link ContentLibrary}) and labelled-neighbour category voting.
 *
 * <pre>{@code
 * SimilarityIndex sim = SimilarityIndex.of(corpus);
 * for (SimilarArticle s : sim.similar("cf47211e9869dcd2", 5)) {
 *   System.out.println(s.id() + " " + s.score() + " " + s.sharedTerms());
 * }
 * // Only labelled articles vote:
 * sim.similarToText("网贷逾期怎么办", "……", 10, labelled::contains);
 * }</pre>
 *
 * <h2>Model</h2>
 * Each text becomes two bags of terms ({@link TermMode}), one for the title and one for the body,
 * weighted by {@code (1 + ln tf) · idf^p} with {@code idf = ln((N + 1) / df)}. The body keeps its
 * {@code maxTermsPerDocument} strongest terms. Both parts are normalised apart and scaled so that the
 * title holds {@code titleShare} of the vector's squared length (a short title is not drowned by a long
 * body). The score of two texts is the cosine of these vectors; each shared term's weight is its share
 * of that cosine. Ties are broken by ascending id, so results are deterministic.
 *
 * <p>The defaults were chosen by measurement on the lawrefbook corpus (precision@5 of the top-folder
 * category, see BENCHMARKS.md): character bigrams ({@link TermMode#BIGRAMS}) match or beat the analyser's
 * words at a tenth of the cost; damping IDF ({@code p} = 0.5 for the body, 0.25 for the title) lets the
 * words that say what kind of text it is (条例, 解释, 规定, 纠纷) count, which plain TF-IDF suppresses.
 *
 * <p>Lookup: terms in more than a twentieth of the articles (at least 200, at most 2,000 articles, by
 * the frozen statistics) are "common"; candidates are the articles sharing at least one other term,
 * and the result is the top {@code k} of the candidates by exact cosine (common terms included; a
 * candidate whose score cannot reach the current k-th one is skipped before its common terms are
 * added). An article that shares only common terms (中华, 人民, 规定…) is never a candidate; on lawrefbook
 * this loses nothing.
 *
 * <h2>Stability</h2>
 * Document frequencies are frozen when the index is first built. {@link #plus} adds articles under the
 * frozen statistics, so the similarity of two articles already in the index never changes when others
 * are added: an article's neighbour list changes only where a newcomer scores higher than an entry of
 * the list. Build a fresh index (with {@link #of} or the builder) to re-derive the statistics.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SimilarityIndex {
  private volatile VectorModel model;
  private java.util.function.Supplier<VectorModel> loader;
  private final int evidenceTerms;

  private SimilarityIndex(VectorModel model, int evidenceTerms) {
    this.model = model;
    this.evidenceTerms = evidenceTerms;
  }

  private SimilarityIndex(java.util.function.Supplier<VectorModel> loader, int evidenceTerms) {
    this.loader = loader;
    this.evidenceTerms = evidenceTerms;
  }

  /**
   * An index of every article of the corpus with the default settings: full articles by title and body,
   * stubs by title and listed excerpt.
   */
  public static SimilarityIndex of(Corpus corpus) {
    return builder().addAll(corpus).build();
  }

  /**
   * A builder with the default settings: {@link TermMode#BIGRAMS}, 128 body terms a document, title
   * share 0.5, IDF powers 0.5 (body) and 0.25 (title), 8 evidence terms.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Wraps an engine built elsewhere in this module (for example restored from a disk index). */
  static SimilarityIndex wrap(VectorModel model, int evidenceTerms) {
    return new SimilarityIndex(model, evidenceTerms);
  }

  /**
   * An index whose engine is made on first use (a library restored from disk loads its vectors only
   * when something asks for similarity).
   */
  static SimilarityIndex lazy(java.util.function.Supplier<VectorModel> loader, int evidenceTerms) {
    return new SimilarityIndex(Objects.requireNonNull(loader, "loader must not be null"), evidenceTerms);
  }

  /** Whether the engine has been made (always, except for a lazy index nobody asked yet). */
  boolean loaded() {
    return model != null;
  }

  VectorModel model() {
    VectorModel m = model;
    if (m == null) {
      synchronized (this) {
        m = model;
        if (m == null) {
          m = loader.get();
          model = m;
          loader = null;
        }
      }
    }
    return m;
  }

  /** The number of indexed texts. */
  public int size() {
    return model().size();
  }

  /** Whether an article with this id is indexed. */
  public boolean contains(String id) {
    return model().doc(Objects.requireNonNull(id, "id must not be null")) >= 0;
  }

  /** The ids of the indexed texts, in the order they were added. */
  public List<String> ids() {
    return model().ids();
  }

  /** The settings this index was built with. */
  public TermMode termMode() {
    return model().params().mode();
  }

  /**
   * The {@code k} articles most similar to article {@code id}, best first, the article itself excluded.
   *
   * @throws IllegalArgumentException if {@code id} is not indexed or {@code k} is negative
   */
  public List<SimilarArticle> similar(String id, int k) {
    return similar(id, k, x -> true);
  }

  /**
   * The {@code k} articles most similar to article {@code id} among those {@code candidates} accepts
   * (for example only labelled articles), best first, the article itself excluded. Articles sharing
   * no term are never returned, so the list may be shorter than {@code k}.
   *
   * @throws IllegalArgumentException if {@code id} is not indexed or {@code k} is negative
   */
  public List<SimilarArticle> similar(String id, int k, Predicate<String> candidates) {
    Objects.requireNonNull(candidates, "candidates must not be null");
    int self = requireDoc(id);
    VectorModel m = model();
    return neighbours(m.query(self), k, d -> d != self && candidates.test(m.id(d)));
  }

  /**
   * The {@code k} indexed articles most similar to a text that need not be indexed, among those
   * {@code candidates} accepts, best first.
   *
   * @param title the text's title (weighted like an article title); may be empty
   * @param text the body text
   * @throws IllegalArgumentException if {@code k} is negative
   */
  public List<SimilarArticle> similarToText(String title, String text, int k, Predicate<String> candidates) {
    Objects.requireNonNull(title, "title must not be null");
    Objects.requireNonNull(text, "text must not be null");
    Objects.requireNonNull(candidates, "candidates must not be null");
    VectorModel m = model();
    return neighbours(m.query(m.vectorise(title, text)), k, d -> candidates.test(m.id(d)));
  }

  /**
   * The similarity of two indexed articles with its evidence.
   *
   * @throws IllegalArgumentException if either is not indexed
   */
  public SimilarArticle compare(String id, String other) {
    int a = requireDoc(id);
    int b = requireDoc(other);
    return new SimilarArticle(other, model().cosine(a, b), evidence(model().query(a), b));
  }

  /**
   * This index plus more articles (an article with a known id replaces the old one), scored with the
   * frozen statistics: similarities among the articles already here do not change.
   */
  public SimilarityIndex plus(Corpus corpus) {
    Objects.requireNonNull(corpus, "corpus must not be null");
    return new SimilarityIndex(model().plus(docs(corpus)), evidenceTerms);
  }

  private List<SimilarArticle> neighbours(VectorModel.Query query, int k, java.util.function.IntPredicate accept) {
    if (k < 0) {
      throw new IllegalArgumentException("k must not be negative, was " + k);
    }
    List<SimilarArticle> out = new ArrayList<>();
    VectorModel m = model();
    for (VectorModel.Hit h : m.nearest(query, k, accept)) {
      out.add(new SimilarArticle(m.id(h.doc()), h.score(), evidence(query, h.doc())));
    }
    return List.copyOf(out);
  }

  private List<SharedTerm> evidence(VectorModel.Query a, int b) {
    return model().shared(a, b).stream().limit(evidenceTerms)
        .map(e -> new SharedTerm(e.getKey(), e.getValue())).toList();
  }

  private int requireDoc(String id) {
    int d = model().doc(Objects.requireNonNull(id, "id must not be null"));
    if (d < 0) {
      throw new IllegalArgumentException("article not in the similarity index: " + id);
    }
    return d;
  }

  static List<VectorModel.Doc> docs(Corpus corpus) {
    List<VectorModel.Doc> docs = new ArrayList<>(corpus.size());
    for (Article a : corpus.articles()) {
      docs.add(doc(a));
    }
    return docs;
  }

  static VectorModel.Doc doc(Article a) {
    return new VectorModel.Doc(a.id(), a.title(), a.stub() ? a.excerpt().orElse("") : a.bodyText());
  }

  /** Builds a {@link SimilarityIndex}; every setter returns the builder. */
  public static final class Builder {
    private TermMode mode = TermMode.BIGRAMS;
    private int maxTerms = 128;
    private double titleShare = 0.5;
    private double bodyIdfPower = 0.5;
    private double titleIdfPower = 0.25;
    private int evidenceTerms = 8;
    private final Map<String, VectorModel.Doc> docs = new java.util.LinkedHashMap<>();

    private Builder() {}

    /** Which terms represent a text; {@link TermMode#BIGRAMS} by default (chosen by measurement). */
    public Builder termMode(TermMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode must not be null");
      return this;
    }

    /** How many of its strongest body terms represent a text; 128 by default. */
    public Builder maxTermsPerDocument(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxTermsPerDocument must be at least 1, was " + n);
      }
      this.maxTerms = n;
      return this;
    }

    /** The title's share of a text's vector, from 0 (body only) to 1 (title only); 0.5 by default. */
    public Builder titleShare(double share) {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("titleShare must be between 0 and 1, was " + share);
      }
      this.titleShare = share;
      return this;
    }

    /**
     * The exponents of the inverse document frequency for body and title terms: 1 is classic TF-IDF,
     * 0 ignores how common a term is; 0.5 and 0.25 by default.
     */
    public Builder idfPowers(double body, double title) {
      if (!(body >= 0 && body <= 2) || !(title >= 0 && title <= 2)) {
        throw new IllegalArgumentException("IDF powers must be between 0 and 2, were " + body + " and " + title);
      }
      this.bodyIdfPower = body;
      this.titleIdfPower = title;
      return this;
    }

    /** How many shared terms each result carries as evidence; 8 by default. */
    public Builder evidenceTerms(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("evidenceTerms must not be negative, was " + n);
      }
      this.evidenceTerms = n;
      return this;
    }

    /**
     * Adds a text under an id (an id added again replaces the earlier text).
     *
     * @param title the title, which has its own share of the vector; may be empty
     */
    public Builder add(String id, String title, String text) {
      Objects.requireNonNull(id, "id must not be null");
      Objects.requireNonNull(title, "title must not be null");
      Objects.requireNonNull(text, "text must not be null");
      docs.put(id, new VectorModel.Doc(id, title, text));
      return this;
    }

    /** Adds every article of the corpus, stubs by their title and excerpt. */
    public Builder addAll(Corpus corpus) {
      Objects.requireNonNull(corpus, "corpus must not be null");
      for (VectorModel.Doc d : docs(corpus)) {
        docs.put(d.id(), d);
      }
      return this;
    }

    VectorModel.Params params() {
      return new VectorModel.Params(mode, maxTerms, titleShare, bodyIdfPower, titleIdfPower);
    }

    int evidence() {
      return evidenceTerms;
    }

    /** Analyses the texts (in parallel) and builds the index. */
    public SimilarityIndex build() {
      return new SimilarityIndex(VectorModel.build(params(), List.copyOf(docs.values())), evidenceTerms);
    }
  }
}

package dev.content.core;

import com.google.common.collect.ImmutableList;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable snapshot of a set of articles: full articles, the stubs their {@code 相关文章} lists
 * imply, their categories and the related-article graph.
 *
 * <pre>{@code
 * Corpus corpus = Corpus.builder().add(article).build();
 * corpus.article("cf47211e9869dcd2").ifPresent(a -> {
 *   for (Relation r : corpus.graph().related(a.id())) {
 *     System.out.println(corpus.require(r.target()).title());
 *   }
 * });
 * }</pre>
 *
 * <h2>Stubs</h2>
 * A title listed in some article's related list but not loaded as a file becomes a stub article (title,
 * excerpt and date from the first listing that has them, in the order articles were added). Once a
 * file with that title is added, every listing resolves to the full article. Titles match by
 * {@link Titles#normalize}. When two full articles share a title, listings resolve to the one added
 * first.
 *
 * <h2>Chronological order</h2>
 * Articles sort by {@link PublishWindow#orderKey()} — the previous post's time when the footer shows
 * it (the article came right after it), the very start for a page that shows only a next post (the
 * site's first post), else the start of the listed date in the corpus zone — then by id. Articles with
 * no time at all come last.
 */
public final class Corpus {
  private final ZoneId zone;
  private final Taxonomy taxonomy;
  /** Each article's position in {@link #chronological}: the one id map, shared with the graph. */
  private final IdIndex positions;
  /** Normalised title to id; built once (for a restored corpus: on first use), never changed nor handed out. */
  private final java.util.function.Supplier<Map<String, String>> idByTitle;
  /** An {@code ImmutableList}, or for a corpus of stored articles a list that decodes each when first read. */
  private final List<Article> chronological;
  private final List<Article> fullChronological;
  /** The position in {@link #fullChronological} of the article at each position of {@link #chronological}, -1 for a stub. */
  private final int[] fullPosition;
  /** The position in {@link #chronological} of each full article, in order: the inverse of {@link #fullPosition}. */
  private final int[] fullOrder;
  private final ComputedRelations computed;
  private final RelatedGraph graph;

  private Corpus(ZoneId zone, Taxonomy taxonomy, Collection<Article> articles, Map<String, String> idByTitle) {
    this(zone, taxonomy, sorted(articles, zone), () -> idByTitle);
  }

  /** The articles in chronological order (see the class comment). */
  private static Article[] sorted(Collection<Article> articles, ZoneId zone) {
    // The sort key is computed once per article, not twice per comparison, and kept beside it (no lookup).
    Keyed[] keyed = new Keyed[articles.size()];
    int k = 0;
    for (Article a : articles) {
      keyed[k++] = new Keyed(orderKey(a, zone), a);
    }
    java.util.Arrays.parallelSort(keyed, Keyed.ORDER);
    Article[] sorted = new Article[keyed.length];
    for (int i = 0; i < keyed.length; i++) {
      sorted[i] = keyed[i].article();
    }
    return sorted;
  }

  /** A corpus of articles in chronological order, their page targets resolved from their related entries by id. */
  private Corpus(ZoneId zone, Taxonomy taxonomy, Article[] sorted,
      java.util.function.Supplier<Map<String, String>> idByTitle) {
    this(zone, taxonomy, ids(sorted), fullPositions(sorted), null, ImmutableList.copyOf(sorted), null, idByTitle);
  }

  private static String[] ids(Article[] articles) {
    String[] ids = new String[articles.length];
    for (int i = 0; i < articles.length; i++) {
      ids[i] = articles[i].id();
    }
    return ids;
  }

  /** Each article's position among the full articles, -1 for a stub. */
  private static int[] fullPositions(Article[] articles) {
    int[] fullAt = new int[articles.length];
    int fullCount = 0;
    for (int i = 0; i < articles.length; i++) {
      fullAt[i] = articles[i].stub() ? -1 : fullCount++;
    }
    return fullAt;
  }

  /**
   * A corpus of {@code articles} in chronological order, their {@code ids}, {@code fullAt} (see
   * {@link #fullPosition}) and its inverse {@code fullOrder} (null: derived here); the full articles are
   * taken from {@code articles} (eagerly from an {@code ImmutableList}, else as a view). {@code pageTargets}
   * are the positions of each article's page targets, taken as they are (null: resolved from its related
   * entries by id).
   */
  private Corpus(ZoneId zone, Taxonomy taxonomy, String[] ids, int[] fullAt, int[] fullOrder, List<Article> articles,
      int[][] pageTargets, java.util.function.Supplier<Map<String, String>> idByTitle) {
    this.zone = zone;
    this.taxonomy = taxonomy;
    this.chronological = articles;
    this.fullPosition = fullAt;
    this.fullOrder = fullOrder != null ? fullOrder : fullOrder(fullAt);
    this.fullChronological = fullList(articles, this.fullOrder);
    this.positions = new IdIndex(ids);
    this.idByTitle = idByTitle;
    this.computed = ComputedRelations.NONE;
    List<Article> order = chronological;
    IdIndex index = positions;
    java.util.function.Function<String, List<Relation>> edges = edges(positions, chronological, ComputedRelations.NONE);
    this.graph = pageTargets != null ? RelatedGraph.ofPageTargets(positions, pageTargets, edges)
        : new RelatedGraph(positions, position -> explicitTargets(order.get(position), index), edges);
  }

  /**
   * {@code a.publishWindow(zone).orderKey()} without making the window: the previous post's time, the
   * very start for a page with only a next post, the start of the listed day, else the very end.
   */
  private static java.time.Instant orderKey(Article a, ZoneId zone) {
    if (a.previousPostAt().isPresent()) {
      return a.previousPostAt().get().toInstant();
    }
    if (a.nextPostAt().isPresent()) {
      return java.time.Instant.MIN;
    }
    return a.date().isPresent() ? a.date().get().atStartOfDay(zone).toInstant() : java.time.Instant.MAX;
  }

  /** An article with its chronological key, for sorting. */
  private record Keyed(java.time.Instant key, Article article) {
    static final Comparator<Keyed> ORDER = (x, y) -> {
      int c = x.key.compareTo(y.key);
      return c != 0 ? c : x.article.id().compareTo(y.article.id());
    };
  }

  /**
   * A copy of {@code base} whose articles ({@code chronological}, {@code fullChronological}: the same ids
   * in the same order) differ at most in their categories, and whose computed relations may differ:
   * order, ids, positions, page targets and title index depend on neither, so they are shared, not
   * derived again; the graph is made again only when the computed relations changed, over the same nodes
   * and page targets.
   */
  private Corpus(Corpus base, Taxonomy taxonomy, List<Article> chronological, List<Article> fullChronological,
      ComputedRelations computed) {
    this.zone = base.zone;
    this.taxonomy = taxonomy;
    this.chronological = chronological;
    this.fullChronological = fullChronological;
    this.positions = base.positions;
    this.fullPosition = base.fullPosition;
    this.fullOrder = base.fullOrder;
    this.idByTitle = base.idByTitle;
    this.computed = computed;
    // The explicit edges depend on the related entries, which neither a category change nor computed
    // edges touch: the new graph shares the nodes and page targets of the old one.
    this.graph = computed == base.computed ? base.graph
        : new RelatedGraph(base.graph, computed, edges(positions, chronological, computed));
  }

  /**
   * A corpus of articles resolved already, taken as they are: the articles of a corpus built before
   * (full articles in the order they were added, then stubs), as a snapshot stores them. Nothing is
   * resolved again, which makes this much cheaper than a {@link Builder}; titles map to the first full
   * article with that title in list order, else to the stub.
   *
   * @throws IllegalArgumentException if two articles share an id, a related entry has no target or
   *     names an unknown article, or an article names a category the taxonomy does not have
   */
  public static Corpus ofResolved(ZoneId zone, Taxonomy taxonomy, List<Article> articles) {
    Objects.requireNonNull(zone, "zone must not be null");
    Objects.requireNonNull(taxonomy, "taxonomy must not be null");
    Objects.requireNonNull(articles, "articles must not be null");
    // Duplicate ids are found by the corpus's id index, and unresolved or unknown targets by its graph.
    Article[] all = articles.toArray(Article[]::new);
    String[] keys = new String[all.length];
    java.util.stream.IntStream range = java.util.stream.IntStream.range(0, all.length);
    (all.length >= 1024 ? range.parallel() : range).forEach(i -> {
      Article a = all[i];
      keys[i] = Titles.normalize(a.title());
      for (CategoryAssignment c : a.categories()) {
        if (!taxonomy.contains(c.slug())) {
          throw new IllegalArgumentException("article " + a.id() + " names unknown category " + c.slug());
        }
      }
    });
    Map<String, String> idByTitle = new HashMap<>(all.length * 4 / 3 + 1);
    for (int i = 0; i < all.length; i++) {
      if (!all[i].stub()) {
        idByTitle.putIfAbsent(keys[i], all[i].id());
      }
    }
    for (int i = 0; i < all.length; i++) {
      if (all[i].stub()) {
        idByTitle.putIfAbsent(keys[i], all[i].id());
      }
    }
    return new Corpus(zone, taxonomy, articles, idByTitle);
  }

  /**
   * Articles a storage layer keeps in a corpus's order, with what the corpus derived from them, restored
   * one at a time when first read (see {@link #ofStored}). Every method may be called from several
   * threads, and {@link #article} more than once for one position.
   */
  public interface StoredArticles {
    /** How many articles, stubs included. */
    int size();

    /** The id of the article at {@code position}, without restoring it. */
    String id(int position);

    /** Whether the article at {@code position} is a stub, without restoring it. */
    boolean stub(int position);

    /**
     * The positions of the article's page targets (its {@link RelatedGraph#successorPositions} in a corpus
     * without computed relations); the corpus keeps the array it is given, which must not change.
     */
    int[] pageTargets(int position);

    /** Whether {@link #byTitle} answers the article's normalised title with it (at most one per title, a full article before a stub). */
    boolean ownsTitle(int position);

    /** The article at {@code position}, restored: its id and kind must be {@link #id} and {@link #stub}. */
    Article article(int position);
  }

  /**
   * A corpus over stored articles that restores each article when it is first read ({@link #article},
   * {@link #articles()}, a graph's relations…) and keeps it: opening one costs its ids, kinds and page
   * targets (taken as the store keeps them, only checked), not its articles. It answers every query as a
   * corpus built from the restored articles would (the store's order and title owners taken as they
   * are), is as immutable (every read of a position gives the same instance) and thread-safe. The
   * store vouches for the order, the title owners and the articles' categories (not checked against
   * the taxonomy, which would restore them all); an article restored with another id or kind than
   * stored is an {@link IllegalStateException} naming both.
   *
   * @throws IllegalArgumentException if two articles share an id, or a page target is not a position, is
   *     the article itself or is repeated
   */
  public static Corpus ofStored(ZoneId zone, Taxonomy taxonomy, StoredArticles stored) {
    Objects.requireNonNull(zone, "zone must not be null");
    Objects.requireNonNull(taxonomy, "taxonomy must not be null");
    Objects.requireNonNull(stored, "stored must not be null");
    int n = stored.size();
    // One pass over the store: in a cold JVM every loop over 100,000 articles starts in the interpreter.
    String[] ids = new String[n];
    int[] fullAt = new int[n];
    int[] fullOrder = new int[n];
    int[][] pageTargets = new int[n][];
    int fullCount = 0;
    for (int i = 0; i < n; i++) {
      ids[i] = stored.id(i);
      if (stored.stub(i)) {
        fullAt[i] = -1;
      } else {
        fullOrder[fullCount] = i;
        fullAt[i] = fullCount++;
      }
      pageTargets[i] = stored.pageTargets(i);
      RelatedGraph.checkPageTargets(ids[i], i, pageTargets[i], n);
    }
    List<Article> articles = java.util.Collections.unmodifiableList(new Restoring(stored, ids, fullAt));
    return new Corpus(zone, taxonomy, ids, fullAt, java.util.Arrays.copyOf(fullOrder, fullCount), articles,
        pageTargets, com.google.common.base.Suppliers.memoize(() -> {
      String[] keys = new String[n];
      java.util.stream.IntStream range = java.util.stream.IntStream.range(0, n);
      (n >= 1024 ? range.parallel() : range).forEach(i -> {
        if (stored.ownsTitle(i)) {
          keys[i] = Titles.normalize(articles.get(i).title());
        }
      });
      Map<String, String> idByTitle = new HashMap<>(n * 4 / 3 + 1);
      for (int i = 0; i < n; i++) {
        if (keys[i] != null) {
          idByTitle.putIfAbsent(keys[i], ids[i]);
        }
      }
      return idByTitle;
    }));
  }

  /** The inverse of {@code fullAt} (see {@link #fullPosition}): each full article's position, in order. */
  private static int[] fullOrder(int[] fullAt) {
    int count = 0;
    for (int f : fullAt) {
      count = Math.max(count, f + 1);
    }
    int[] at = new int[count];
    for (int p = 0; p < fullAt.length; p++) {
      if (fullAt[p] >= 0) {
        at[fullAt[p]] = p;
      }
    }
    return at;
  }

  /**
   * The full articles of {@code all}, at {@code at} (see {@link #fullOrder}): a copy, or a view of a list
   * that restores.
   */
  private static List<Article> fullList(List<Article> all, int[] at) {
    if (all instanceof ImmutableList) {
      Article[] full = new Article[at.length];
      for (int i = 0; i < at.length; i++) {
        full[i] = all.get(at[i]);
      }
      return ImmutableList.copyOf(full);
    }
    return java.util.Collections.unmodifiableList(new Positions(all, at));
  }

  /** The list of a corpus of stored articles: each restored when first read, then kept. */
  private static final class Restoring extends java.util.AbstractList<Article> implements java.util.RandomAccess {
    private final StoredArticles stored;
    private final String[] ids;
    private final int[] fullAt;
    private final java.util.concurrent.atomic.AtomicReferenceArray<Article> restored;

    Restoring(StoredArticles stored, String[] ids, int[] fullAt) {
      this.stored = stored;
      this.ids = ids;
      this.fullAt = fullAt;
      this.restored = new java.util.concurrent.atomic.AtomicReferenceArray<>(ids.length);
    }

    @Override
    public Article get(int position) {
      Article a = restored.get(Objects.checkIndex(position, ids.length));
      if (a != null) {
        return a;
      }
      a = stored.article(position);
      if (a == null || !a.id().equals(ids[position]) || a.stub() != (fullAt[position] < 0)) {
        throw new IllegalStateException("stored article at position " + position + " is "
            + (a == null ? "missing" : a.id() + (a.stub() ? " (a stub)" : "")) + ", expected " + ids[position]
            + (fullAt[position] < 0 ? " (a stub)" : ""));
      }
      // One instance per position, whoever restored it first.
      return restored.compareAndSet(position, null, a) ? a : restored.get(position);
    }

    @Override
    public int size() {
      return ids.length;
    }
  }

  /** The articles of {@code all} at {@code at}, as a view. */
  private static final class Positions extends java.util.AbstractList<Article> implements java.util.RandomAccess {
    private final List<Article> all;
    private final int[] at;

    Positions(List<Article> all, int[] at) {
      this.all = all;
      this.at = at;
    }

    @Override
    public Article get(int index) {
      return all.get(at[Objects.checkIndex(index, at.length)]);
    }

    @Override
    public int size() {
      return at.length;
    }
  }

  /**
   * {@code base} with other categories at a few positions ({@code at}, distinct, in any order): each
   * article there is restored and given its categories when first read, then kept (one instance per
   * position); an article that has them already is kept as it is.
   */
  private static final class Recategorised extends java.util.AbstractList<Article>
      implements java.util.RandomAccess {
    private final List<Article> base;
    /** The positions, sorted. */
    private final long[] at;
    private final List<List<CategoryAssignment>> categories;
    private final java.util.concurrent.atomic.AtomicReferenceArray<Article> made;

    Recategorised(List<Article> base, int[] at, List<List<CategoryAssignment>> categories) {
      this.base = base;
      // Position and index in one long, sorted by position: no boxing, no comparator.
      long[] keyed = new long[at.length];
      for (int i = 0; i < at.length; i++) {
        keyed[i] = ((long) at[i] << 32) | i;
      }
      java.util.Arrays.sort(keyed);
      this.at = new long[at.length];
      List<List<CategoryAssignment>> sorted = new ArrayList<>(at.length);
      for (int i = 0; i < keyed.length; i++) {
        this.at[i] = keyed[i] >>> 32;
        sorted.add(categories.get((int) keyed[i]));
      }
      this.categories = sorted;
      this.made = new java.util.concurrent.atomic.AtomicReferenceArray<>(at.length);
    }

    @Override
    public Article get(int position) {
      int k = java.util.Arrays.binarySearch(at, position);
      if (k < 0) {
        return base.get(position);
      }
      Article a = made.get(k);
      if (a == null) {
        Article was = base.get(position);
        a = was.categories().equals(categories.get(k)) ? was : was.toBuilder().categories(categories.get(k)).build();
        if (!made.compareAndSet(k, null, a)) {
          a = made.get(k);
        }
      }
      return a;
    }

    @Override
    public int size() {
      return base.size();
    }
  }

  /** A builder for a corpus in zone Asia/Shanghai with an empty taxonomy. */
  public static Builder builder() {
    return new Builder();
  }

  /** The zone in which date-only times are interpreted. */
  public ZoneId zone() {
    return zone;
  }

  public Taxonomy taxonomy() {
    return taxonomy;
  }

  /** The number of articles, stubs included. */
  public int size() {
    return chronological.size();
  }

  public Optional<Article> article(String id) {
    return Optional.ofNullable(byId(Objects.requireNonNull(id, "id must not be null")));
  }

  /** The article with this id, or null. */
  private Article byId(String id) {
    int p = positions.position(id);
    return p < 0 ? null : chronological.get(p);
  }

  /**
   * The article with this id.
   *
   * @throws IllegalArgumentException if there is none
   */
  public Article require(String id) {
    Article a = byId(Objects.requireNonNull(id, "id must not be null"));
    if (a == null) {
      throw new IllegalArgumentException("unknown article: " + id);
    }
    return a;
  }

  /** The article with this title (after {@link Titles#normalize}); a full article wins over a stub. */
  public Optional<Article> byTitle(String title) {
    String id = idByTitle.get().get(Titles.normalize(Objects.requireNonNull(title, "title must not be null")));
    return Optional.ofNullable(id).map(this::byId);
  }

  /** Every article, stubs included, oldest first (see the class comment for the rule). */
  public List<Article> articles() {
    return chronological;
  }

  /** Full articles only, oldest first. */
  public List<Article> fullArticles() {
    return fullChronological;
  }

  /** Stubs only, oldest first. */
  public List<Article> stubs() {
    List<Article> stubs = new ArrayList<>(chronological.size() - fullChronological.size());
    for (int p = 0; p < fullPosition.length; p++) {
      if (fullPosition[p] < 0) {
        stubs.add(chronological.get(p));
      }
    }
    return java.util.Collections.unmodifiableList(stubs);
  }

  /** Whether {@code id} names a full article of this corpus (as opposed to a stub or nothing). */
  public boolean isFull(String id) {
    int p = positions.position(Objects.requireNonNull(id, "id must not be null"));
    return p >= 0 && fullPosition[p] >= 0;
  }

  /** The full article published just before {@code id}, if any. */
  public Optional<Article> previous(String id) {
    return neighbour(id, -1);
  }

  /** The full article published just after {@code id}, if any. */
  public Optional<Article> next(String id) {
    return neighbour(id, +1);
  }

  private Optional<Article> neighbour(String id, int step) {
    int c = positions.position(Objects.requireNonNull(id, "id must not be null"));
    int p = c < 0 ? -1 : fullPosition[c];
    if (p < 0) {
      require(id);
      return Optional.empty();
    }
    int q = p + step;
    return q >= 0 && q < fullChronological.size() ? Optional.of(fullChronological.get(q)) : Optional.empty();
  }

  /** The related-article graph, with computed edges where they were added. */
  public RelatedGraph graph() {
    return graph;
  }

  // ---- categories ----

  /** The category tree with article counts; a parent counts the distinct articles of its subtree. */
  public List<CategoryNode> categoryTree() {
    Map<String, Set<String>> direct = new HashMap<>();
    for (Article a : chronological) {
      for (CategoryAssignment c : a.categories()) {
        direct.computeIfAbsent(c.slug(), k -> new HashSet<>()).add(a.id());
      }
    }
    List<CategoryNode> roots = new ArrayList<>();
    for (Category root : taxonomy.roots()) {
      roots.add(node(root, direct, new HashSet<>()));
    }
    return List.copyOf(roots);
  }

  private CategoryNode node(Category c, Map<String, Set<String>> direct, Set<String> into) {
    Set<String> mine = new HashSet<>(direct.getOrDefault(c.slug(), Set.of()));
    List<CategoryNode> kids = new ArrayList<>();
    for (Category child : taxonomy.children(c.slug())) {
      kids.add(node(child, direct, mine));
    }
    into.addAll(mine);
    return new CategoryNode(c, mine.size(), kids);
  }

  /**
   * Articles in the category or any of its descendants, oldest first.
   *
   * @throws IllegalArgumentException for an unknown slug
   */
  public List<Article> inCategory(String slug) {
    Set<String> slugs = new HashSet<>();
    taxonomy.subtree(slug).forEach(c -> slugs.add(c.slug()));
    return chronological.stream()
        .filter(a -> a.categories().stream().anyMatch(c -> slugs.contains(c.slug())))
        .toList();
  }

  /** One page of {@link #inCategory}, newest first when {@code newestFirst}. */
  public Page<Article> inCategory(String slug, boolean newestFirst, int page, int pageSize) {
    List<Article> all = inCategory(slug);
    return Page.of(newestFirst ? com.google.common.collect.Lists.reverse(all) : all, page, pageSize);
  }

  /** The article before {@code id} among the articles of the category, oldest first. */
  public Optional<Article> previousInCategory(String id, String slug) {
    return neighbourIn(inCategory(slug), id, -1);
  }

  /** The article after {@code id} among the articles of the category, oldest first. */
  public Optional<Article> nextInCategory(String id, String slug) {
    return neighbourIn(inCategory(slug), id, +1);
  }

  private Optional<Article> neighbourIn(List<Article> list, String id, int step) {
    require(id);
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).id().equals(id)) {
        int q = i + step;
        return q >= 0 && q < list.size() ? Optional.of(list.get(q)) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  // ---- derived snapshots ----

  /**
   * A corpus like this one whose graph also holds these computed edges (source id to edges in display
   * order). An edge to a target the page already lists stays explicit and gains the computed score
   * and reasons. Computed edges given earlier are replaced for the sources named here.
   *
   * @throws IllegalArgumentException if an edge names an unknown article
   */
  public Corpus withComputedRelations(Map<String, List<Relation>> edges) {
    Map<String, List<Relation>> given = new LinkedHashMap<>();
    edges.forEach((source, list) -> {
      require(source);
      for (Relation r : list) {
        if (!r.source().equals(source) || r.kind() != Relation.Kind.COMPUTED) {
          throw new IllegalArgumentException("expected computed relations from " + source + ", got " + r);
        }
        require(r.target());
      }
      given.put(source, List.copyOf(list));
    });
    ComputedRelations now = ComputedRelations.of(given);
    ComputedRelations before = computed;
    return withComputedRelations(before == ComputedRelations.NONE ? now : new ComputedRelations() {
      @Override
      public List<String> targets(String source) {
        return (given.containsKey(source) ? now : before).targets(source);
      }

      @Override
      public List<Relation> relations(String source) {
        return (given.containsKey(source) ? now : before).relations(source);
      }
    });
  }

  /**
   * A corpus like this one whose computed edges are {@code edges} (replacing any given earlier), held
   * compactly by their maker: the graph reads a source's targets when it first needs them and makes the
   * relations when they are read (see {@link ComputedRelations}), so this costs no pass over the
   * articles. An edge to a target the page already lists stays explicit and gains the computed score and
   * reasons, as with {@link #withComputedRelations(Map)}. An edge to an unknown article is found when
   * the graph reads it: that read throws {@link IllegalStateException} naming the edge.
   */
  public Corpus withComputedRelations(ComputedRelations edges) {
    Objects.requireNonNull(edges, "edges must not be null");
    return new Corpus(this, taxonomy, chronological, fullChronological, edges);
  }

  /**
   * A corpus like this one with this taxonomy and these category assignments (article id to
   * assignments, primary first). Articles not named keep theirs. Over stored articles (see
   * {@link #ofStored}) the named ones are given theirs when first read, so none is restored here.
   *
   * @throws IllegalArgumentException if an id or slug is unknown
   */
  public Corpus withCategories(Taxonomy newTaxonomy, Map<String, List<CategoryAssignment>> assignments) {
    Objects.requireNonNull(newTaxonomy, "newTaxonomy must not be null");
    Objects.requireNonNull(assignments, "assignments must not be null");
    // Only the named articles are visited (a reopen names the few thousand stubs the category stage
    // filed, not every article): their positions, then one patched copy of the lists.
    int[] at = new int[assignments.size()];
    List<List<CategoryAssignment>> lists = new ArrayList<>(assignments.size());
    for (Map.Entry<String, List<CategoryAssignment>> e : assignments.entrySet()) {
      String id = Objects.requireNonNull(e.getKey(), "id must not be null");
      int p = positions.position(id);
      if (p < 0) {
        throw new IllegalArgumentException("unknown article: " + id);
      }
      List<CategoryAssignment> list = List.copyOf(e.getValue());
      for (CategoryAssignment c : list) {
        newTaxonomy.require(c.slug());
      }
      at[lists.size()] = p;
      lists.add(list);
    }
    if (lists.isEmpty()) {
      return new Corpus(this, newTaxonomy, chronological, fullChronological, computed);
    }
    if (!(chronological instanceof ImmutableList)) {
      // Stored articles, restored when read: so are the ones given categories here (none is restored now).
      List<Article> all = java.util.Collections.unmodifiableList(new Recategorised(chronological, at, lists));
      return new Corpus(this, newTaxonomy, all, fullList(all, fullOrder), computed);
    }
    Article[] all = chronological.toArray(new Article[0]);
    boolean changed = false;
    for (int i = 0; i < at.length; i++) {
      Article a = all[at[i]];
      // An article whose assignments are the ones it has is kept as it is (a reopen assigns them all).
      if (!a.categories().equals(lists.get(i))) {
        all[at[i]] = a.toBuilder().categories(lists.get(i)).build();
        changed = true;
      }
    }
    if (!changed) {
      return new Corpus(this, newTaxonomy, chronological, fullChronological, computed);
    }
    List<Article> patched = ImmutableList.copyOf(all);
    return new Corpus(this, newTaxonomy, patched, fullList(patched, fullOrder), computed);
  }

  /**
   * The relations of an article as the graph asks for them: made from the article's page entries and
   * the computed edges when read (the closure holds the article map, not the corpus).
   */
  private static java.util.function.Function<String, List<Relation>> edges(IdIndex positions,
      List<Article> articles, ComputedRelations computed) {
    return id -> relations(articles.get(positions.position(id)), computed);
  }

  /**
   * The positions of the targets of an article's page entries, in page order.
   *
   * @throws IllegalArgumentException if an entry has no target or one that is not in the corpus
   */
  private static int[] explicitTargets(Article a, IdIndex positions) {
    List<RelatedEntry> related = a.related();
    int[] out = new int[related.size()];
    for (int i = 0; i < out.length; i++) {
      RelatedEntry e = related.get(i);
      if (e.targetId().isEmpty()) {
        throw new IllegalArgumentException("article " + a.id() + " has an unresolved related entry: " + e.title());
      }
      String target = e.targetId().get();
      out[i] = positions.position(target);
      if (out[i] < 0) {
        throw new IllegalArgumentException("article " + a.id() + " lists unknown article " + target);
      }
    }
    return out;
  }

  private static List<Relation> relations(Article a, ComputedRelations computed) {
    Map<String, Relation> out = new LinkedHashMap<>();
    int position = 0;
    for (RelatedEntry e : a.related()) {
      position++;
      String target = e.targetId().orElseThrow();
      if (!target.equals(a.id()) && !out.containsKey(target)) {
        out.put(target, new Relation(a.id(), target, Relation.Kind.EXPLICIT, 0, pageReason(position)));
      }
    }
    for (Relation r : computed.relations(a.id())) {
      if (r.target().equals(a.id()) || (out.containsKey(r.target()) && out.get(r.target()).kind()
          == Relation.Kind.COMPUTED)) {
        continue;
      }
      Relation explicit = out.get(r.target());
      if (explicit != null) {
        List<Relation.Reason> reasons = new ArrayList<>(explicit.reasons());
        reasons.addAll(r.reasons());
        out.put(r.target(), new Relation(a.id(), r.target(), Relation.Kind.EXPLICIT, r.score(), reasons));
      } else {
        out.put(r.target(), r);
      }
    }
    return List.copyOf(out.values());
  }

  private static final List<List<Relation.Reason>> PAGE_REASONS = java.util.stream.IntStream.rangeClosed(1, 32)
      .mapToObj(i -> List.of(new Relation.Reason(Relation.ReasonKind.PAGE, Integer.toString(i), 1))).toList();

  private static List<Relation.Reason> pageReason(int position) {
    return position <= PAGE_REASONS.size() ? PAGE_REASONS.get(position - 1)
        : List.of(new Relation.Reason(Relation.ReasonKind.PAGE, Integer.toString(position), 1));
  }

  /** Collects articles and resolves their related listings into a {@link Corpus}. */
  public static final class Builder {
    private ZoneId zone = ZoneId.of("Asia/Shanghai");
    private Taxonomy taxonomy = Taxonomy.empty();
    private final Map<String, Article> full = new LinkedHashMap<>();
    private final Map<String, Article> givenStubs = new LinkedHashMap<>();

    private Builder() {}

    /** The zone for date-only times; Asia/Shanghai by default. */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone must not be null");
      return this;
    }

    public Builder taxonomy(Taxonomy taxonomy) {
      this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy must not be null");
      return this;
    }

    /**
     * Adds an article. A stub is kept only while no full article has its title.
     *
     * @throws IllegalArgumentException if a full article with the same id was added already
     */
    public Builder add(Article article) {
      Objects.requireNonNull(article, "article must not be null");
      if (article.stub()) {
        givenStubs.putIfAbsent(article.id(), article);
      } else if (full.putIfAbsent(article.id(), article) != null) {
        throw new IllegalArgumentException("duplicate article id: " + article.id());
      }
      return this;
    }

    public Builder addAll(Iterable<Article> articles) {
      articles.forEach(this::add);
      return this;
    }

    /**
     * Listings repeat themselves: every article that lists a target carries the same title, excerpt
     * and date, and generated or scraped corpora list each target several times. Equal values share
     * one instance, which saves more heap than the article bodies' own overhead (at 10,000 articles
     * the related excerpts are more characters than all bodies together, 83% of them repeats).
     */
    private static final class Sharing {
      private final Map<String, String> titles = new HashMap<>();
      private final Map<String, Optional<String>> excerpts = new HashMap<>();
      private final Map<LocalDate, Optional<LocalDate>> dates = new HashMap<>();
      private final Map<String, Optional<String>> targets = new HashMap<>();

      RelatedEntry entry(RelatedEntry e, String target) {
        return new RelatedEntry(titles.computeIfAbsent(e.title(), t -> t),
            e.excerpt().isEmpty() ? e.excerpt() : excerpts.computeIfAbsent(e.excerpt().get(), x -> e.excerpt()),
            e.date().isEmpty() ? e.date() : dates.computeIfAbsent(e.date().get(), x -> e.date()),
            targets.computeIfAbsent(target, Optional::of), e.lines());
      }
    }

    public Corpus build() {
      // Normalising is the costly part of resolution, and listings repeat titles: do each once.
      Map<String, String> keys = new HashMap<>();
      java.util.function.Function<String, String> key = t -> keys.computeIfAbsent(t, Titles::normalize);
      Map<String, String> stubIds = new HashMap<>();
      Map<String, String> fullByTitle = new HashMap<>();
      Sharing shared = new Sharing();
      for (Article a : full.values()) {
        fullByTitle.putIfAbsent(key.apply(a.title()), a.id());
        shared.titles.putIfAbsent(a.title(), a.title());
      }
      Map<String, Article> stubs = new LinkedHashMap<>();
      for (Article s : givenStubs.values()) {
        if (!fullByTitle.containsKey(key.apply(s.title()))) {
          stubs.put(s.id(), s);
        }
      }
      // Listing facts (date, excerpt) about each target, first listing wins.
      Map<String, RelatedEntry> firstListing = new HashMap<>();
      Map<String, Article> resolved = new LinkedHashMap<>();
      for (Article a : full.values()) {
        List<RelatedEntry> entries = new ArrayList<>(a.related().size());
        for (RelatedEntry e : a.related()) {
          String titleKey = key.apply(e.title());
          String target = fullByTitle.get(titleKey);
          if (target == null) {
            target = stubIds.computeIfAbsent(titleKey, Titles::stubIdForKey);
            Article stub = stubs.get(target);
            if (stub == null) {
              stubs.put(target, Article.stub(e.title(), e.excerpt(), e.date()));
            } else if ((stub.excerpt().isEmpty() && e.excerpt().isPresent())
                || (stub.date().isEmpty() && e.date().isPresent())) {
              stubs.put(target, Article.stub(stub.title(), stub.excerpt().or(e::excerpt),
                  stub.date().or(e::date)));
            }
          } else {
            firstListing.merge(target, e, (old, neu) -> new RelatedEntry(old.title(),
                old.excerpt().or(neu::excerpt), old.date().or(neu::date), old.targetId(), old.lines()));
          }
          entries.add(shared.entry(e, target));
        }
        resolved.put(a.id(), a.toBuilder().related(entries).build());
      }
      for (Map.Entry<String, RelatedEntry> f : firstListing.entrySet()) {
        Article a = resolved.get(f.getKey());
        Article.Builder b = a.toBuilder();
        boolean changed = false;
        if (a.date().isEmpty() && f.getValue().date().isPresent()) {
          b.date(f.getValue().date().get());
          changed = true;
        }
        if (a.excerpt().isEmpty() && f.getValue().excerpt().isPresent()) {
          b.excerpt(f.getValue().excerpt().get());
          changed = true;
        }
        if (changed) {
          resolved.put(a.id(), b.build());
        }
      }
      Map<String, Article> all = new LinkedHashMap<>(resolved);
      for (Article s : stubs.values()) {
        if (all.putIfAbsent(s.id(), s) != null) {
          throw new IllegalArgumentException("stub id " + s.id() + " clashes with a full article");
        }
      }
      Taxonomy tax = taxonomy;
      for (Article a : all.values()) {
        for (CategoryAssignment c : a.categories()) {
          if (!tax.contains(c.slug())) {
            throw new IllegalArgumentException("article " + a.id() + " names unknown category " + c.slug());
          }
        }
      }
      Map<String, String> idByTitle = new HashMap<>(fullByTitle);
      for (Article s : stubs.values()) {
        idByTitle.putIfAbsent(key.apply(s.title()), s.id());
      }
      return new Corpus(zone, tax, all.values(), idByTitle);
    }
  }
}

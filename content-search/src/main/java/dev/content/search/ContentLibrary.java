package dev.content.search;

import com.google.common.base.Suppliers;
import dev.content.core.Article;
import dev.content.core.Category;
import dev.content.core.CategoryAssignment;
import dev.content.core.Corpus;
import dev.content.core.ComputedRelations;
import dev.content.core.RelatedGraph;
import dev.content.core.Relation;
import dev.content.core.Source;
import dev.content.search.internal.Analyzers;
import dev.content.search.internal.BinaryFile;
import dev.content.search.internal.CategoryStore;
import dev.content.search.internal.Fingerprint;
import dev.content.search.internal.IndexState;
import dev.content.search.internal.LuceneStore;
import dev.content.search.internal.QueryBuilder;
import dev.content.search.internal.RelatedStore;
import dev.content.search.internal.ReopenState;
import dev.content.search.internal.Searcher;
import dev.content.search.internal.TitleSuggester;
import dev.content.search.internal.VectorModel;
import dev.content.search.internal.VectorStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The front door of content-search: indexes a {@link Corpus} for Chinese full-text search, title
 * suggestions and explained related articles, and returns the final corpus with computed relations.
 *
 * <pre>{@code
 * try (ContentLibrary lib = ContentLibrary.open(corpus, ContentLibrary.Options.builder()
 *     .indexDirectory(Path.of("target/index"))      // omit for an in-memory index
 *     .build())) {
 *   SearchResults r = lib.search(SearchRequest.builder("网贷 逾期").category("loans").build());
 *   r.hits().forEach(h -> System.out.println(h.title() + "  " + h.snippet().marked()));
 *   lib.suggest("网贷", 8);
 *   for (Relation rel : lib.related("cf47211e9869dcd2")) { ... rel.kind(), rel.reasons() ... }
 *   Corpus withComputed = lib.corpus();             // graph queries see computed edges too
 * }
 * }</pre>
 *
 * <h2>Pipeline</h2>
 * {@link #open} (and {@link #update}) run: (1) the similarity index is built, reusing the vectors stored
 * for articles whose text is unchanged; (2) the {@link CategoryAssigner} (neighbour classification)
 * turns the loaded categories into the final ones; (3) the search index is brought up to date, article
 * by article, by content hash; (4) computed related edges are derived for every article and attached
 * with {@link Corpus#withComputedRelations(dev.content.core.ComputedRelations)}.
 *
 * <h2>Restart</h2>
 * With an index folder, each stage keeps its result beside Lucene's files under a key of everything it
 * depends on, so that a reopen over an unchanged corpus computes nothing and reads little:
 * <ul>
 *   <li>{@code index-state.bin}: each article's hashes as the last commit indexed it (tied to that commit
 *       by a token; without it the hashes are read from Lucene's stored fields);
 *   <li>{@code vectors.bin}: the frozen statistics and every vector as flat arrays of term ids and
 *       weights. When every article's text is as stored, the vectors are not even read: the
 *       {@link #similarity()} index loads them on first use (the category stage and the related lists
 *       need them only when they must be computed again);
 *   <li>{@code categories.bin}: the category stage's assignments with their reasons and evidence, under
 *       its {@link CategoryAssigner#cacheKey()}, the similarity settings and statistics, the taxonomy and
 *       every article's id, text, kind and loaded categories ({@link IndexReport#categoriesReused()});
 *   <li>{@code related-lists.bin}: the computed related lists (targets, scores and shared terms) under a
 *       key of the similarity settings and statistics, the related limit and every article's id, text,
 *       kind and page targets ({@link IndexReport#relatedReused()}); the relations and their reasons are
 *       made when a list is read ({@link dev.content.core.RelatedGraph}). A reopen over an unchanged
 *       corpus maps the file and checks only its directory (each list's start and targets, checksums
 *       and the term table); each list's scores and terms are checked when it is read, and a list that
 *       fails is logged and computed again, never served (the next open then checks the whole file).
 * </ul>
 * An article's text is known by the loader's digest of its source ({@link dev.content.core.Source#digest()})
 * with its title and body hash code, so a reopen never reads the body of an unchanged article (with
 * lazily loaded bodies it is not even loaded); articles without a digest are known by a hash of their
 * text. Any change recomputes what depends on it: a changed text its vector and search entry, and with
 * them the category stage and all related lists; a changed loaded category the category stage and the
 * search entries. A missing, stale or damaged file is logged and recomputed, never trusted. Title
 * suggestions sort the titles on the first {@link #suggest} call. {@link IndexReport#phases()} times
 * each part of an open.
 *
 * <p>A reopen over exactly the corpus the folder was last brought up to date with does not even compute
 * those per-article keys: {@code reopen-state.bin} files the keys of the other files and the Lucene commit
 * under one key of the whole input (settings, taxonomy, and a 64-bit hash per article of every field the
 * stages read, with the source digest and the body's size and hash code standing for the text), hashed
 * while Lucene opens; the categories and related lists are then read side by side. Anything else (a
 * changed article, another setting, a file that does not fit) takes the ordinary path, which checks
 * every article and writes the file again. A corpus whose maker can name its exact content (the seed
 * loader's snapshot generation) is opened with {@link Opening#open(Corpus, String)}: the state is then
 * filed under that identity and no article is read for the key.
 *
 * <p>A build writes the search entries of new and changed articles on a thread of its own while the
 * similarity and category stages run, and commits them while the related lists are computed: Lucene's
 * indexing is one thread, the other stages use the rest of the cores.
 *
 * <h2>Related articles</h2>
 * {@link #related(String, int)} lists the page's own {@code 相关文章} first (kind {@code EXPLICIT}, reason
 * {@code PAGE}, plus the computed similarity and shared terms when the target is a full article), then
 * computed ones (kind {@code COMPUTED}) by descending similarity until {@code k} entries. Computed edges
 * point only at full articles (a stub cannot be opened) and never repeat an explicit target. Each carries
 * its reasons: the shared terms ({@code SHARED_TERM}, weight = the term's share of the similarity) and
 * the categories both articles are in ({@code SHARED_CATEGORY}, weight 0: categories are evidence shown
 * to the reader, not part of the score, so a wrong category never creates an edge).
 *
 * <h2>Stability rule</h2>
 * The similarity of two articles depends only on their own texts and the term statistics, and the
 * statistics are frozen when an index is first built (stored in the index on disk; carried over by
 * {@link #update}). So adding articles never changes the similarity of two existing articles: another
 * article's computed list changes only where a newcomer scores higher than the entries it displaces.
 * The one exception, documented in {@link IndexReport#rebuilt()}, is when the corpus has grown past twice
 * the size the statistics were taken from: the statistics are then re-derived once, which may reorder
 * lists everywhere.
 *
 * <h2>Index storage</h2>
 * In memory by default; with {@link Options.Builder#indexDirectory} a folder that is updated
 * incrementally: an article whose content hash is unchanged is neither re-analysed nor rewritten, so a
 * restart over an unchanged corpus analyses nothing. The index commits every few thousand articles; a
 * crash (even {@code kill -9}) mid-indexing leaves the last commit intact, and the next open resumes from
 * it. A change of analyser or similarity version ({@link #VERSION}) rebuilds the index by itself.
 *
 * <p>Searches and lookups are thread-safe. {@link #close()} releases the index (and the folder's lock).
 */
public final class ContentLibrary implements AutoCloseable {
  /** The analysis and field-layout version; an index written under another version is rebuilt. */
  public static final String VERSION = Analyzers.VERSION;

  private final Options options;
  private final LuceneStore store;
  private final Corpus corpus;
  private final SimilarityIndex similarity;
  private final Searcher searcher;
  private final TitleSuggester suggester;
  private final IndexReport report;
  /** What the similarity vectors were computed from, for {@link #update}: the statistics' id, text hashes. */
  private final String statsId;
  private final Supplier<String[]> textHashes;
  private volatile boolean superseded;

  private ContentLibrary(Options options, LuceneStore store, Corpus corpus, SimilarityIndex similarity,
      Searcher searcher, TitleSuggester suggester, IndexReport report, String statsId,
      Supplier<String[]> textHashes) {
    this.options = options;
    this.store = store;
    this.corpus = corpus;
    this.similarity = similarity;
    this.searcher = searcher;
    this.suggester = suggester;
    this.report = report;
    this.statsId = statsId;
    this.textHashes = textHashes;
  }

  /** Opens an in-memory library over the corpus with the default options. */
  public static ContentLibrary open(Corpus corpus) {
    return open(corpus, Options.defaults());
  }

  /**
   * Builds or updates the index for the corpus and computes related articles (see the class comment
   * for the pipeline).
   *
   * @throws IllegalStateException if the index folder is in use by another process
   * @throws UncheckedIOException if the index folder cannot be read or written
   */
  public static ContentLibrary open(Corpus corpus, Options options) {
    Objects.requireNonNull(corpus, "corpus must not be null");
    Objects.requireNonNull(options, "options must not be null");
    // Lucene opens (and the files beside it are read) on the opening's thread while this one hashes the
    // corpus for the reopen key.
    try (Opening opening = prepare(options)) {
      return opening.open(corpus);
    }
  }

  /**
   * Starts opening a library before its corpus is there, for a program that loads the corpus meanwhile:
   * on a thread of its own, Lucene's index is opened (for reading: its writer is opened only when
   * something changes) and, with an index folder, the files a reopen over an unchanged corpus needs
   * ({@code reopen-state.bin}, {@code categories.bin}, the directory of {@code related-lists.bin}) are
   * read and checked. {@link Opening#open} then hashes the corpus and, when
   * it is the one the folder was last brought up to date with, only binds them to it; otherwise it takes
   * the ordinary path over the index already open. Returns at once; a failure (the folder in use by
   * another process, unreadable) is thrown by {@link Opening#open}.
   */
  public static Opening prepare(Options options) {
    Objects.requireNonNull(options, "options must not be null");
    return new Opening(options);
  }

  /**
   * A library being opened by {@link #prepare}: {@link #open} gives it its corpus (once); {@link #close}
   * releases the index of an opening that was never used.
   */
  public static final class Opening implements AutoCloseable {
    private final Options options;
    private final java.util.concurrent.FutureTask<Prepared> prepared;
    private boolean used;

    private Opening(Options options) {
      this.options = options;
      this.prepared = background("content-search opening", () -> {
        try {
          return prepareIndex(options);
        } catch (IOException e) {
          throw cannotOpen(options, e);
        }
      });
    }

    private static UncheckedIOException cannotOpen(Options options, IOException e) {
      return new UncheckedIOException("cannot open the index "
          + options.indexDirectory().map(Path::toString).orElse("in memory") + ": " + e.getMessage(), e);
    }

    /**
     * The library over {@code corpus} (see {@link ContentLibrary#open(Corpus, Options)}).
     *
     * @throws IllegalStateException if the index folder is in use by another process, or this opening
     *     was used already
     * @throws UncheckedIOException if the index folder cannot be read or written
     */
    public ContentLibrary open(Corpus corpus) {
      Objects.requireNonNull(corpus, "corpus must not be null");
      return openWith(corpus, null);
    }

    /**
     * The library over {@code corpus}, known by {@code identity}: a name its maker gives to exactly this
     * content, such as the seed loader's {@code SnapshotUse.generation()} (the random id of the snapshot
     * whose result the corpus is). The reopen state is then filed and found under the identity (with the
     * settings, zone and taxonomy) instead of a hash of every article, so a restart over an unchanged
     * corpus reads none of its articles' fields for the key. The library trusts the identity: two
     * corpora given the same one must be equal, or the second gets the first one's categories and
     * related lists. Without an identity ({@link #open(Corpus)}) every article is hashed.
     *
     * @throws IllegalStateException if the index folder is in use by another process, or this opening
     *     was used already
     * @throws UncheckedIOException if the index folder cannot be read or written
     */
    public ContentLibrary open(Corpus corpus, String identity) {
      Objects.requireNonNull(corpus, "corpus must not be null");
      Objects.requireNonNull(identity, "identity must not be null");
      if (identity.isBlank()) {
        throw new IllegalArgumentException("identity must not be blank");
      }
      return openWith(corpus, identity);
    }

    private synchronized ContentLibrary openWith(Corpus corpus, String identity) {
      if (used) {
        throw new IllegalStateException("this opening has opened its library already");
      }
      used = true;
      long t0 = System.nanoTime();
      Phases phases = new Phases(t0);
      // The corpus's part of the reopen key, hashed while the opening's thread finishes.
      long[] articleHashes = options.indexDirectory().isPresent() && identity == null
          ? ReopenState.articleHashes(corpus) : null;
      phases.mark("reopen key");
      Prepared p = prepared();
      phases.mark("lucene open");
      try {
        if (Thread.currentThread().isInterrupted()) {
          throw new IllegalStateException("interrupted while the index was opened");
        }
        Optional<String> key = p.head().map(h -> identity != null ? ReopenState.key(h, corpus, identity)
            : ReopenState.key(h, corpus, articleHashes));
        if (key.isPresent() && p.reopen().isPresent() && p.reopen().get().key().equals(key.get())) {
          Optional<ContentLibrary> unchanged = reopenUnchanged(options, p.store(), corpus, t0, phases,
              options.indexDirectory().orElseThrow(), p.reopen().get());
          if (unchanged.isPresent()) {
            return unchanged.get();
          }
        }
        return build(options, p.store(), corpus, t0, null, () -> key);
      } catch (IOException e) {
        release(p.store());
        throw cannotOpen(options, e);
      } catch (RuntimeException | Error e) {
        release(p.store());
        throw e;
      }
    }

    /**
     * Closes the store of a failed open; an interrupt (the caller is stopping) is kept for the caller,
     * not spent on Lucene's close.
     */
    private static void release(LuceneStore store) {
      boolean interrupted = Thread.interrupted();
      closeQuietly(store);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    /** Releases the index unless {@link #open} made a library of it. */
    @Override
    public synchronized void close() {
      if (!used) {
        used = true;
        try {
          release(prepared().store());
        } catch (RuntimeException e) {
          // It did not open: nothing to release.
        }
      }
    }

    /**
     * The opening thread's result, waited for even when this thread is interrupted (it takes seconds at
     * most), so that the index it opened is always released or handed on; the interrupt is kept.
     */
    private Prepared prepared() {
      awaitQuietly(prepared);
      return await(prepared); // done: returns at once, even on an interrupted thread
    }
  }

  /** What {@link #prepare} did before the corpus was there. */
  private record Prepared(LuceneStore store, Optional<String> head, Optional<Reopen> reopen) {}

  /**
   * The files of a reopen over an unchanged corpus, read: the key they were filed under (compared with
   * the corpus's once it is there), the state, the category stage's result and the related lists.
   */
  private record Reopen(String key, ReopenState state, Map<String, List<CategoryAssignment>> categories,
      RelatedStore.Unbound lists) {}

  /** The opening's thread: Lucene's index opened, the reopen files read when they fit the commit. */
  private static Prepared prepareIndex(Options options) throws IOException {
    Directory dir;
    if (options.indexDirectory().isPresent()) {
      Files.createDirectories(options.indexDirectory().get());
      dir = FSDirectory.open(options.indexDirectory().get());
    } else {
      dir = new ByteBuffersDirectory();
    }
    LuceneStore store = LuceneStore.open(dir, version(options), options.searchTerms() == TermMode.BOTH);
    try {
      Optional<String> head = options.indexDirectory().isPresent()
          ? options.categoryAssigner().cacheKey().map(k -> reopenHead(options, k)) : Optional.empty();
      Optional<Reopen> reopen = head.isPresent() ? readReopen(options, store, options.indexDirectory().get())
          : Optional.empty();
      return new Prepared(store, head, reopen);
    } catch (RuntimeException | Error e) {
      closeQuietly(store);
      throw e;
    }
  }

  /**
   * The files a reopen over an unchanged corpus reads, when the state names the Lucene commit the folder
   * has and every file it names is there under its key and intact; empty otherwise.
   */
  private static Optional<Reopen> readReopen(Options options, LuceneStore store, Path folder) {
    Optional<String> token = store.stateToken();
    if (token.isEmpty() || store.rebuilt().isPresent()) {
      return Optional.empty();
    }
    Optional<Map.Entry<String, ReopenState>> found = ReopenState.read(folder)
        .filter(e -> e.getValue().token().equals(token.get()));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ReopenState st = found.get().getValue();
    String vectorsKey = VectorStore.key(options.similarityParams().version(), st.statsId());
    if (!VectorStore.content(folder, vectorsKey).equals(Optional.of(st.vectorsContent()))) {
      return Optional.empty();
    }
    Optional<Map<String, List<CategoryAssignment>>> categories = CategoryStore.read(folder, st.categoryKey());
    if (categories.isEmpty()) {
      return Optional.empty();
    }
    return RelatedStore.map(folder, st.relatedKey())
        .map(lists -> new Reopen(found.get().getKey(), st, categories.get(), lists));
  }

  /**
   * A library over a new version of the corpus, reusing this one's index incrementally and its frozen
   * similarity statistics (see the stability rule). This library must not be used afterwards.
   */
  public ContentLibrary update(Corpus newCorpus) {
    Objects.requireNonNull(newCorpus, "newCorpus must not be null");
    checkOpen();
    superseded = true;
    try {
      return build(options, store, newCorpus, System.nanoTime(), similarity.loaded()
          ? new Previous(statsId, similarity.model().layout(), textHashes.get()) : null, Optional::empty);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update the index: " + e.getMessage(), e);
    }
  }

  private static String version(Options o) {
    return VERSION + " search=" + o.searchTerms() + " " + o.similarityParams().version();
  }

  /** The vectors of the library an {@link #update} replaces, reused where the text is unchanged. */
  private record Previous(String statsId, VectorModel.Layout layout, String[] textHashes) {}

  /** The frozen statistics as far as they are known: id and size always, the terms when already read. */
  private record Frozen(String id, int docs, VectorModel.Stats stats) {}

  /** Wall time of each part of an open, for {@link IndexReport#phases()}. */
  private static final class Phases {
    private final Map<String, Duration> done = new LinkedHashMap<>();
    private long last;

    Phases(long t0) {
      last = t0;
    }

    void mark(String name) {
      long now = System.nanoTime();
      done.merge(name, Duration.ofNanos(now - last), Duration::plus);
      last = now;
    }
  }

  /**
   * The pipeline; {@code reopenKeys} gives the corpus's {@link ReopenState#key} (empty: no fast path).
   */
  private static ContentLibrary build(Options options, LuceneStore store, Corpus corpus, long t0, Previous previous,
      Supplier<Optional<String>> reopenKeys) throws IOException {
    Phases phases = new Phases(t0);
    // The store opens its writer only when something changes; this path may change anything, and must
    // know before it reads the store's state whether Lucene can append to the index at all.
    store.writable();
    phases.mark("lucene open");
    VectorModel.Params params = options.similarityParams();
    Optional<Path> folder = options.indexDirectory();
    // Filed at the end, so that the next open over the same corpus needs no per-article key.
    Optional<String> reopenKey = folder.isPresent() && previous == null ? reopenKeys.get() : Optional.empty();
    if (folder.isPresent()) {
      ReopenState.delete(folder.get()); // the folder may change below; the file is written again at the end
    }
    List<Article> articles = corpus.articles();
    int n = articles.size();
    String[] ids = new String[n];
    Map<String, Integer> position = new HashMap<>(n * 4 / 3 + 1);
    for (int i = 0; i < n; i++) {
      ids[i] = articles.get(i).id();
      position.put(ids[i], i);
    }

    // (0) What the index holds: the state file of its last commit, else Lucene's stored fields.
    Optional<IndexState> state = folder.flatMap(f -> store.stateToken().flatMap(t -> IndexState.read(f, t)));
    // The entry hash stored for each article (null: none), and the stored articles that are gone.
    String[] storedHash;
    String[] storedText;
    List<String> gone = new ArrayList<>();
    Optional<Frozen> frozen;
    if (state.isPresent() && Arrays.equals(state.get().ids(), ids)) {
      storedHash = state.get().hashes();
      storedText = state.get().textHashes();
    } else {
      Map<String, LuceneStore.Stored> stored = new HashMap<>();
      if (state.isPresent()) {
        IndexState st = state.get();
        for (int i = 0; i < st.ids().length; i++) {
          stored.put(st.ids()[i], new LuceneStore.Stored(st.hashes()[i], st.textHashes()[i]));
        }
      } else {
        stored.putAll(store.stored());
      }
      storedHash = new String[n];
      storedText = new String[n];
      for (int i = 0; i < n; i++) {
        LuceneStore.Stored x = stored.get(ids[i]);
        storedHash[i] = x == null ? null : x.hash();
        storedText[i] = x == null ? null : x.textHash();
      }
      stored.keySet().stream().filter(id -> !position.containsKey(id)).forEach(gone::add);
    }
    if (state.isPresent()) {
      frozen = Optional.of(new Frozen(state.get().statsId(), state.get().statsDocs(), null));
    } else {
      frozen = store.stats(params.version()).map(s -> new Frozen(s.id(), s.stats().docCount(), s.stats()));
    }
    Optional<String> rebuilt = store.rebuilt();
    phases.mark("index state");
    String[] textHashes = new String[n];
    IntStream.range(0, n).parallel().forEach(i -> textHashes[i] = textHash(articles.get(i)));
    phases.mark("text keys");

    // (3a) Articles whose text is new or changed must be analysed for the search index: those with a
    // placed category (which neighbour voting leaves as it is) are indexed on a thread of their own
    // while the similarity and category stages run (Lucene's indexing is one thread; those stages use
    // the others). (3b) writes the rest, and again any entry the category stage changed after all: a
    // second write leaves a deleted document, whose terms count in the scores until segments merge,
    // so stubs and unplaced articles wait for their final categories.
    String[] indexed = storedHash.clone(); // the entry hash the index holds for each article after (3a)
    long[] earlyChars = new long[1];
    java.util.concurrent.FutureTask<Void> early = background("content-search indexing", () -> {
      Map<String, String> sets = new HashMap<>();
      for (int i = 0; i < n; i++) {
        Article a = articles.get(i);
        if (textHashes[i].equals(storedText[i]) || a.categories().isEmpty()
            || a.categories().get(0).source() == CategoryAssignment.Source.FALLBACK) {
          continue;
        }
        Optional<LocalDate> day = day(corpus, a);
        String h = entryHash(textHashes[i], a, day, categorySet(corpus, a, sets));
        if (!h.equals(storedHash[i])) {
          earlyChars[0] += put(store, corpus, a, day, h, textHashes[i]);
          indexed[i] = h;
        }
      }
      return null;
    });
    try {
      return stages(options, store, corpus, t0, previous, phases, folder, reopenKey, ids, position, state, rebuilt,
          frozen, textHashes, storedHash, indexed, earlyChars, early, gone);
    } finally {
      // On failure, the thread must be done with the store before the caller closes it.
      awaitQuietly(early);
    }
  }

  /** The pipeline from the similarity stage on, while (3a) writes early search entries. */
  private static ContentLibrary stages(Options options, LuceneStore store, Corpus corpus, long t0, Previous previous,
      Phases phases, Optional<Path> folder, Optional<String> reopenKey, String[] ids, Map<String, Integer> position,
      Optional<IndexState> state, Optional<String> rebuilt, Optional<Frozen> frozen, String[] textHashes,
      String[] storedHash, String[] indexed, long[] earlyChars, java.util.concurrent.FutureTask<Void> early,
      List<String> gone) throws IOException {
    VectorModel.Params params = options.similarityParams();
    List<Article> articles = corpus.articles();
    int n = articles.size();
    // (1) similarity: statistics frozen at the first build, vectors restored where the text is unchanged.
    String statsId;
    int statsDocs;
    VectorModel.Stats stats;
    boolean statsChanged = false;
    if (frozen.isPresent() && n <= 2L * Math.max(1, frozen.get().docs())) {
      statsId = frozen.get().id();
      statsDocs = frozen.get().docs();
      stats = frozen.get().stats();
    } else {
      if (frozen.isPresent()) {
        rebuilt = Optional.of("similarity statistics re-derived: the corpus grew from "
            + frozen.get().docs() + " to " + n + " articles");
      }
      stats = VectorModel.statistics(params, SimilarityIndex.docs(corpus));
      statsId = UUID.randomUUID().toString();
      statsDocs = n;
      store.putStats(params.version(), new LuceneStore.StoredStats(statsId, stats));
      statsChanged = true;
    }
    String vectorsKey = VectorStore.key(params.version(), statsId);
    String content = contentHash(ids, textHashes);
    SimilarityIndex similarity;
    int vectorised;
    if (folder.isPresent() && VectorStore.content(folder.get(), vectorsKey).equals(Optional.of(content))) {
      // Every vector is on disk as it is: read them only when something asks for similarity.
      vectorised = 0;
      similarity = SimilarityIndex.lazy(() -> loadVectors(folder.get(), vectorsKey, content, params, store,
          statsId, corpus, ids, textHashes), options.evidenceTerms());
    } else {
      Optional<Previous> old = previous != null && previous.statsId().equals(statsId) ? Optional.of(previous)
          : folder.flatMap(f -> VectorStore.read(f, vectorsKey))
              .map(v -> new Previous(statsId, v.layout(), v.textHashes()));
      if (stats == null) {
        Optional<VectorModel.Stats> kept = folder.flatMap(f -> VectorStore.read(f, vectorsKey)).map(VectorStore.Stored::stats);
        stats = kept.isPresent() ? kept.get() : frozenStats(store, params, statsId);
      }
      Map<String, Integer> oldPosition = new HashMap<>();
      old.ifPresent(o -> {
        for (int j = 0; j < o.layout().ids().length; j++) {
          oldPosition.put(o.layout().ids()[j], j);
        }
      });
      int[] from = new int[n];
      List<VectorModel.Doc> missing = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Integer j = oldPosition.get(ids[i]);
        if (j != null && old.get().textHashes()[j].equals(textHashes[i])) {
          from[i] = j;
        } else {
          from[i] = -1;
          missing.add(SimilarityIndex.doc(articles.get(i)));
        }
      }
      List<VectorModel.Vector> fresh = VectorModel.vectorise(params, stats, missing);
      VectorModel model = old.isPresent() ? VectorModel.assemble(params, stats, old.get().layout(), ids, from, fresh)
          : VectorModel.of(params, stats, List.of(ids), fresh);
      if (folder.isPresent()) {
        VectorStore.write(folder.get(), vectorsKey, content, model, textHashes);
      }
      vectorised = missing.size();
      similarity = SimilarityIndex.wrap(model, options.evidenceTerms());
    }
    phases.mark("vectors");

    // (2) final categories: kept in the folder under a key of everything the stage depends on.
    CategoryAssigner assigner = options.categoryAssigner();
    Optional<String> categoryKey = folder.isPresent()
        ? assigner.cacheKey().map(k -> categoryKey(k, options, statsId, corpus, textHashes)) : Optional.empty();
    Optional<Corpus> keptCategories = categoryKey.flatMap(k -> CategoryStore.read(folder.get(), k))
        .flatMap(updates -> withCategories(corpus, updates, folder.get()));
    Corpus assigned;
    boolean categoriesStored = keptCategories.isPresent();
    if (keptCategories.isPresent()) {
      assigned = keptCategories.get();
    } else {
      assigned = assigner.assign(corpus, similarity);
      checkSameArticles(corpus, assigned);
      if (categoryKey.isPresent() && assigned.taxonomy().equals(corpus.taxonomy())) {
        Map<String, List<CategoryAssignment>> changed = new LinkedHashMap<>();
        for (Article a : articles) {
          List<CategoryAssignment> now = assigned.require(a.id()).categories();
          if (!now.equals(a.categories())) {
            changed.put(a.id(), now);
          }
        }
        CategoryStore.write(folder.get(), categoryKey.get(), changed);
        categoriesStored = true;
      }
    }
    phases.mark("categories");

    // (3b) the search index, by content hash.
    Article[] final_ = new Article[n];
    @SuppressWarnings("unchecked")
    Optional<LocalDate>[] dayOf = new Optional[n];
    String[] hashes = new String[n];
    List<Article> assignedArticles = assigned.articles();
    Map<String, String> categorySets = new java.util.concurrent.ConcurrentHashMap<>();
    IntStream.range(0, n).parallel().forEach(i -> {
      // The category stage changes categories only, so the order is the corpus's.
      Article a = assignedArticles.get(i);
      if (!a.id().equals(ids[i])) {
        a = assigned.require(ids[i]);
      }
      final_[i] = a;
      dayOf[i] = day(assigned, a);
      hashes[i] = entryHash(textHashes[i], a, dayOf[i], categorySet(assigned, a, categorySets));
    });
    int analysed = 0;
    int reused = 0;
    for (int i = 0; i < n; i++) {
      if (hashes[i].equals(storedHash[i])) {
        reused++;
      } else {
        analysed++;
      }
    }
    int deleted = gone.size();
    boolean commit = analysed > 0 || deleted > 0 || statsChanged || rebuilt.isPresent() || state.isEmpty();
    String token = commit && folder.isPresent() ? UUID.randomUUID().toString() : null;
    // The rest of the search index is written and committed on the indexing thread while the related
    // lists are computed here; neither needs the other.
    java.util.concurrent.FutureTask<Long> late = background("content-search indexing", () -> {
      await(early);
      long chars = earlyChars[0];
      for (int i = 0; i < n; i++) {
        if (!hashes[i].equals(indexed[i])) {
          chars += put(store, assigned, final_[i], dayOf[i], hashes[i], textHashes[i]);
        }
      }
      for (String id : gone) {
        store.delete(id);
      }
      if (commit) {
        // The state file first, then the commit that names it: a crash in between leaves them apart,
        // and the next open reads Lucene's own fields instead.
        if (folder.isPresent()) {
          new IndexState(statsId, statsDocs, ids, textHashes, hashes).write(folder.get(), token);
        }
        store.commit(token);
        store.refresh();
      }
      return chars;
    });
    Optional<String> commitToken = commit ? Optional.ofNullable(token) : store.stateToken();
    phases.mark("search entries");

    // (4) related articles: read back from the index folder when nothing they depend on changed.
    long t1 = System.nanoTime();
    List<String> order = List.of(ids);
    String key = relatedKey(options, statsId, assigned, content);
    Optional<RelatedStore> kept;
    RelatedStore lists;
    try {
      kept = folder.flatMap(f -> RelatedStore.read(f, key, order, recompute(assigned, similarity, options)));
      lists = kept.orElseGet(() -> RelatedStore.of(order, similarLists(assigned, similarity,
          options.relatedLimit())));
      if (kept.isEmpty() && folder.isPresent()) {
        lists.write(folder.get(), key);
      }
    } finally {
      awaitQuietly(late); // a failure here must not leave the thread writing to a store about to close
    }
    phases.mark("related");
    long chars = await(late);
    phases.mark("search index");
    Corpus finalCorpus = assigned.withComputedRelations(computed(assigned, lists, () -> position));
    long t2 = System.nanoTime();
    phases.mark("related");
    if (reopenKey.isPresent() && categoriesStored && commitToken.isPresent()) {
      // Last, once every file it names is in place.
      new ReopenState(commitToken.get(), statsId, statsDocs, content, categoryKey.get(), key)
          .write(folder.get(), reopenKey.get());
    }
    IndexReport report = new IndexReport(n, analysed, reused, deleted, vectorised, rebuilt, chars,
        Duration.ZERO, Duration.ofNanos(t2 - t1), kept.isPresent(), keptCategories.isPresent(), Map.of());
    return finish(options, store, finalCorpus, similarity, phases, statsId, () -> textHashes, done ->
        new IndexReport(report.articles(), report.analysed(), report.reused(), report.deleted(), report.vectorised(),
            report.rebuilt(), report.chars(), Duration.ofNanos(System.nanoTime() - t0), report.relatedElapsed(),
            report.relatedReused(), report.categoriesReused(), done));
  }

  /**
   * What the search index holds for an article, hashed: its text, kind, day and categories. The index
   * version is not in it: an index of another version is rebuilt as a whole.
   */
  private static String entryHash(String textHash, Article a, Optional<LocalDate> day, String categorySet) {
    return Fingerprint.get().add(textHash).add('\u0000').add(Boolean.toString(a.stub())).add('\u0000')
        .add(day.map(LocalDate::toString).orElse("")).add('\u0000').add(categorySet).hex(16);
  }

  /** Writes an article's search entry; returns the characters analysed. */
  private static long put(LuceneStore store, Corpus corpus, Article a, Optional<LocalDate> day, String hash,
      String textHash) throws IOException {
    VectorModel.Doc d = SimilarityIndex.doc(a);
    store.put(new LuceneStore.Entry(a.id(), d.title(), d.text(), a.stub(), day, categoriesWithAncestors(corpus, a),
        hash, textHash));
    return d.title().length() + d.text().length();
  }

  /** A task started now on a daemon thread of its own. */
  private static <T> java.util.concurrent.FutureTask<T> background(String name,
      java.util.concurrent.Callable<T> task) {
    java.util.concurrent.FutureTask<T> f = new java.util.concurrent.FutureTask<>(task);
    Thread t = new Thread(f, name);
    t.setDaemon(true);
    t.start();
    return f;
  }

  /** The task's result; its failure is rethrown as it was (unchecked) or as an {@link UncheckedIOException}. */
  private static <T> T await(java.util.concurrent.Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the search index was written", e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      if (c instanceof IOException io) {
        throw new UncheckedIOException("cannot write the search index: " + io.getMessage(), io);
      }
      throw new IllegalStateException(c);
    }
  }

  /**
   * Waits until the task is done, even on an interrupted thread (the interrupt is kept): a task writing
   * to the store must be finished before the store is closed, or the close may fail and keep the
   * folder's lock. Its failure is reported by {@link #await}, or superseded by the one being thrown.
   */
  private static void awaitQuietly(java.util.concurrent.Future<?> f) {
    boolean interrupted = false;
    try {
      while (!f.isDone()) {
        try {
          f.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
          break;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The library over the final corpus: search and suggestions set up, the report's last phase timed. */
  private static ContentLibrary finish(Options options, LuceneStore store, Corpus finalCorpus,
      SimilarityIndex similarity, Phases phases, String statsId, Supplier<String[]> textHashes,
      java.util.function.Function<Map<String, Duration>, IndexReport> reportOf) {
    Searcher searcher = searcher(options, store, finalCorpus);
    TitleSuggester suggester = new TitleSuggester(finalCorpus.articles());
    phases.mark("search set-up");
    IndexReport report = reportOf.apply(phases.done);
    return new ContentLibrary(options, store, finalCorpus, similarity, searcher, suggester, report, statsId,
        textHashes);
  }

  /** What a {@link ReopenState} is filed under besides the corpus: every setting the stages depend on. */
  private static String reopenHead(Options options, String assignerKey) {
    return version(options) + '\u0000' + assignerKey + '\u0000' + options.relatedLimit() + '\u0000'
        + options.evidenceTerms();
  }

  /**
   * The library over a corpus equal to the one the folder was last brought up to date with (same
   * {@link ReopenState#key}, same Lucene commit): the category assignments and related lists read by
   * {@link #prepare} are bound to it, the vectors are left on disk until used, and no article is hashed
   * again, read or compared. Empty when the files do not fit the corpus after all; nothing has been
   * changed then, and the ordinary path checks every article.
   */
  private static Optional<ContentLibrary> reopenUnchanged(Options options, LuceneStore store, Corpus corpus,
      long t0, Phases phases, Path folder, Reopen files) {
    ReopenState st = files.state();
    VectorModel.Params params = options.similarityParams();
    String vectorsKey = VectorStore.key(params.version(), st.statsId());
    List<Article> articles = corpus.articles();
    int n = articles.size();
    // The graph's nodes are the ids in corpus order: no article is read (a corpus of stored articles
    // restores each article when first read). Only a list's relations, update() and a vectors file
    // computed again need them: gathered when first asked for.
    Supplier<String[]> ids = Suppliers.memoize(() -> corpus.graph().nodes().toArray(new String[0]));
    warmUpSearch(options, store, corpus);
    long t1 = System.nanoTime();
    Optional<Corpus> kept = withCategories(corpus, files.categories(), folder);
    if (kept.isEmpty()) {
      return Optional.empty();
    }
    Corpus assigned = kept.get();
    // Needed only by update() and to recompute a damaged vectors file: hashed when first asked for.
    Supplier<String[]> textHashes = Suppliers.memoize(() -> {
      String[] out = new String[n];
      IntStream.range(0, n).parallel().forEach(i -> out[i] = textHash(articles.get(i)));
      return out;
    });
    SimilarityIndex similarity = SimilarityIndex.lazy(() -> loadVectors(folder, vectorsKey, st.vectorsContent(),
        params, store, st.statsId(), corpus, ids.get(), textHashes.get()), options.evidenceTerms());
    // A list found damaged when read is computed again; the next open then takes the ordinary path, which
    // checks the whole file and computes every list again.
    Optional<RelatedStore> lists = files.lists().bind(n, () -> List.of(ids.get()), folder,
        recompute(assigned, similarity, options),
        () -> forgetReopenState(folder));
    phases.mark("categories");
    if (lists.isEmpty()) {
      return Optional.empty();
    }
    // The graph reads the lists by position; ids are looked up only when a list's relations are made.
    Supplier<Map<String, Integer>> position = Suppliers.memoize(() -> positions(ids.get()));
    Corpus finalCorpus = assigned.withComputedRelations(computed(assigned, lists.get(), position));
    long t2 = System.nanoTime();
    phases.mark("related");
    return Optional.of(finish(options, store, finalCorpus, similarity, phases, st.statsId(), textHashes,
        done -> new IndexReport(n, 0, n, 0, 0, Optional.empty(), 0, Duration.ofNanos(System.nanoTime() - t0),
            Duration.ofNanos(t2 - t1), true, true, done)));
  }

  /** What {@link #warmUpSearch} looks for: common words, not a reader's query. */
  private static final String WARM_UP_QUERY = "借款 合同";

  /**
   * Runs one search on a thread of its own and forgets it: in a fresh JVM the first search loads and
   * compiles the search path (query parsing, Lucene's scoring and facets, stored fields, highlighting),
   * which then happens on the other core while this one binds the files, instead of in the first
   * reader's request. Over the corpus as loaded, whose articles are those of the final corpus.
   */
  private static void warmUpSearch(Options options, LuceneStore store, Corpus corpus) {
    background("content-search warm-up", () -> {
      try {
        searcher(options, store, corpus).search(SearchRequest.of(WARM_UP_QUERY));
      } catch (RuntimeException e) {
        // Closed meanwhile, or nothing to find: only a warm-up.
      }
      return null;
    });
  }

  /** The searcher of {@code corpus} over {@code store}, with the query terms the options ask for. */
  private static Searcher searcher(Options options, LuceneStore store, Corpus corpus) {
    return new Searcher(store, corpus, new QueryBuilder(Analyzers.bigrams(),
        options.searchTerms() == TermMode.BOTH ? Analyzers.words() : null));
  }

  /** Each id's position in {@code ids}. */
  private static Map<String, Integer> positions(String[] ids) {
    Map<String, Integer> position = new HashMap<>(ids.length * 4 / 3 + 1);
    for (int i = 0; i < ids.length; i++) {
      position.put(ids[i], i);
    }
    return position;
  }

  /**
   * What stands for an article's text (title and body, or a stub's title and excerpt) in the stored
   * state: a hash that changes with the text. A full article with the loader's digest of its source is
   * hashed from that digest, its title and its body's list hash code (which a lazily loaded body knows
   * without being read), so an unchanged article's body is never read, yet a program that edits a loaded
   * article's title or blocks without dropping its source still changes the hash. Other articles are
   * hashed from their text. The statistics are not in it: every store keyed by it names them apart.
   */
  static String textHash(Article a) {
    if (!a.stub()) {
      Optional<String> digest = a.source().flatMap(Source::digest);
      if (digest.isPresent()) {
        return Fingerprint.get().add('d').add(digest.get()).add('\u0000').add(a.body().hashCode()).add('\u0000')
            .add(a.title()).hex(16);
      }
    }
    VectorModel.Doc d = SimilarityIndex.doc(a);
    return Fingerprint.get().add('t').add(d.title()).add('\u0000').add(d.text()).hex(16);
  }

  /** The ids and text hashes in order, hashed: equal for the same articles with the same texts. */
  private static String contentHash(String[] ids, String[] textHashes) {
    return digest("", ids.length, (b, i) -> b.add(ids[i]).add('\u0000').add(textHashes[i]));
  }

  /**
   * A SHA-256 of {@code head} and every article's part ({@code part} appends article {@code i}'s), hashed
   * in parallel chunks whose digests are then hashed in order: the same parts give the same result.
   */
  private static String digest(String head, int n, java.util.function.ObjIntConsumer<Fingerprint> part) {
    int chunks = Math.max(1, Math.min(64, n / 1024));
    byte[][] sums = new byte[chunks][];
    IntStream.range(0, chunks).parallel().forEach(c -> {
      Fingerprint f = new Fingerprint();
      for (int i = (int) ((long) n * c / chunks), end = (int) ((long) n * (c + 1) / chunks); i < end; i++) {
        part.accept(f.add('\u0001'), i);
      }
      sums[c] = f.digest();
    });
    Fingerprint all = new Fingerprint().add(head);
    for (byte[] sum : sums) {
      all.add(sum);
    }
    return HexFormat.of().formatHex(all.digest());
  }


  /** The vectors kept on disk, made into the engine when first needed; recomputed if the file let us down. */
  private static VectorModel loadVectors(Path folder, String key, String content, VectorModel.Params params,
      LuceneStore store, String statsId, Corpus corpus, String[] ids, String[] textHashes) {
    Optional<VectorStore.Stored> kept = VectorStore.read(folder, key); // a damaged file is logged there
    try {
      if (kept.isPresent()) {
        if (!kept.get().content().equals(content)) {
          throw new IllegalStateException("its articles changed since the library was opened");
        }
        return VectorModel.restore(params, kept.get().stats(), kept.get().layout());
      }
    } catch (RuntimeException e) {
      BinaryFile.damaged(folder.resolve("vectors.bin"), e);
    }
    try {
      VectorModel.Stats stats = frozenStats(store, params, statsId);
      VectorModel model = VectorModel.of(params, stats, List.of(ids),
          VectorModel.vectorise(params, stats, SimilarityIndex.docs(corpus)));
      if (kept.isEmpty() && (VectorStore.content(folder, key).isPresent() || !VectorStore.exists(folder))) {
        // Replaces a damaged or missing file; a file of other articles or statistics belongs to a newer
        // library of this folder and stays.
        VectorStore.write(folder, key, content, model, textHashes);
      }
      return model;
    } catch (IOException io) {
      throw new UncheckedIOException("cannot read the similarity statistics: " + io.getMessage(), io);
    }
  }

  /** The frozen statistics stored in Lucene under {@code statsId}. */
  private static VectorModel.Stats frozenStats(LuceneStore store, VectorModel.Params params, String statsId)
      throws IOException {
    Optional<LuceneStore.StoredStats> s = store.stats(params.version());
    if (s.isEmpty() || !s.get().id().equals(statsId)) {
      throw new IllegalStateException("the index holds no similarity statistics " + statsId
          + "; delete the index folder to rebuild it");
    }
    return s.get().stats();
  }

  /** The corpus with kept category assignments, or empty if they no longer fit it (then recomputed). */
  private static Optional<Corpus> withCategories(Corpus corpus, Map<String, List<CategoryAssignment>> updates,
      Path folder) {
    try {
      return Optional.of(updates.isEmpty() ? corpus : corpus.withCategories(corpus.taxonomy(), updates));
    } catch (IllegalArgumentException e) {
      BinaryFile.damaged(folder.resolve("categories.bin"), e);
      return Optional.empty();
    }
  }

  /**
   * What the category stage depends on, hashed: its own key, the similarity settings and statistics,
   * the taxonomy, and per article its id, text, kind and loaded categories (with reasons and evidence).
   */
  private static String categoryKey(String assignerKey, Options options, String statsId, Corpus corpus,
      String[] textHashes) {
    StringBuilder head = new StringBuilder(4096).append(assignerKey).append('\u0000').append(version(options))
        .append('\u0000').append(statsId).append('\u0000').append(options.evidenceTerms());
    for (Category c : corpus.taxonomy().all()) {
      head.append('\u0001').append(c.slug()).append('\u0000').append(c.name()).append('\u0000')
          .append(c.parent().orElse("")).append('\u0000').append(c.description()).append('\u0000').append(c.order());
    }
    List<Article> all = corpus.articles();
    return digest(head.toString(), all.size(), (b, i) -> {
      Article a = all.get(i);
      b.add(a.id()).add('\u0000').add(textHashes[i]).add(a.stub() ? 's' : 'f');
      for (CategoryAssignment c : a.categories()) {
        b.add('\u0003').add(c.slug()).add('\u0000').add(c.source().name()).add('\u0000')
            .add(Double.doubleToLongBits(c.score())).add('\u0000').add(c.reason());
        for (CategoryAssignment.Evidence e : c.evidence()) {
          b.add('\u0004').add(e.kind()).add('\u0000').add(e.label()).add('\u0000')
              .add(Double.doubleToLongBits(e.weight()));
        }
      }
    });
  }

  /** The computed edges of every article as the corpus graph asks for them, made from the kept lists. */
  private static ComputedRelations computed(Corpus corpus, RelatedStore lists,
      Supplier<Map<String, Integer>> position) {
    return new ComputedRelations() {
      @Override
      public List<String> targets(String source) {
        Integer i = position.get().get(source);
        return i == null ? List.of() : lists.targets(i);
      }

      @Override
      public int[] targetPositions(int i) {
        // The lists are in the corpus's order, which is the order of the corpus they are given to.
        return lists.targetPositions(i);
      }

      @Override
      public List<Relation> relations(String source) {
        Integer i = position.get().get(source);
        if (i == null) {
          return List.of();
        }
        Article a = corpus.require(source);
        List<Relation> out = new ArrayList<>();
        for (SimilarArticle s : lists.similar(i)) {
          out.add(relation(corpus, a, s));
        }
        return out;
      }
    };
  }

  private static void checkSameArticles(Corpus before, Corpus after) {
    if (before.size() != after.size()
        || !before.articles().stream().allMatch(a -> after.article(a.id()).isPresent())) {
      throw new IllegalStateException("the category assigner must return the same articles ("
          + before.size() + " before, " + after.size() + " after)");
    }
  }

  private static Optional<LocalDate> day(Corpus corpus, Article a) {
    return a.publishWindow(corpus.zone()).sortInstant().map(i -> LocalDate.ofInstant(i, corpus.zone()));
  }

  /**
   * An article's categories with their ancestors, sorted, as text ({@code [a, b]}); most articles have
   * one category, whose set is made once.
   */
  private static String categorySet(Corpus corpus, Article a, Map<String, String> bySlug) {
    if (a.categories().size() == 1) {
      return bySlug.computeIfAbsent(a.categories().get(0).slug(),
          k -> new TreeSet<>(categoriesWithAncestors(corpus, a)).toString());
    }
    return new TreeSet<>(categoriesWithAncestors(corpus, a)).toString();
  }

  private static Set<String> categoriesWithAncestors(Corpus corpus, Article a) {
    Set<String> out = new LinkedHashSet<>();
    for (CategoryAssignment c : a.categories()) {
      for (Category up : corpus.taxonomy().pathToRoot(c.slug())) {
        out.add(up.slug());
      }
    }
    return out;
  }

  /**
   * What the related lists depend on, hashed: the similarity settings and statistics, and per article
   * its id, text, kind (only full articles are targets) and explicit targets (never repeated, but
   * scored). Categories are not in it: the category reasons are derived again at every open.
   */
  private static String relatedKey(Options options, String statsId, Corpus corpus, String content) {
    // The ids and texts in order are the content hash; page targets go in as positions in that order,
    // read from the graph's numbers instead of every related entry (a restart's largest memory walk).
    List<Article> all = corpus.articles();
    RelatedGraph graph = corpus.graph();
    return digest(version(options) + '\u0000' + statsId + '\u0000' + options.relatedLimit() + '\u0000'
        + options.evidenceTerms() + '\u0000' + content, all.size(), (f, i) -> {
          f.add(all.get(i).stub() ? 's' : 'f');
          int[] targets = graph.successorPositions(i);
          f.addInt(targets.length);
          for (int t : targets) {
            f.addInt(t);
          }
        });
  }



  /**
   * Deletes the folder's reopen state after a file it names was found damaged, so that the next open
   * takes the ordinary path (which checks every file in full); a failure only costs that next open
   * finding the damage again, so it is logged, not thrown at the reader who found it.
   */
  private static void forgetReopenState(Path folder) {
    try {
      ReopenState.delete(folder);
    } catch (UncheckedIOException e) {
      System.getLogger("dev.content.search").log(System.Logger.Level.WARNING, e.getMessage());
    }
  }

  /** Article {@code i}'s list made again, for a stored one found damaged when read. */
  private static java.util.function.IntFunction<List<SimilarArticle>> recompute(Corpus corpus,
      SimilarityIndex similarity, Options options) {
    return i -> similarOf(corpus, similarity, corpus.articles().get(i), options.relatedLimit());
  }

  /** Per article (corpus order): its explicit targets' similarity and its {@code k} computed neighbours. */
  private static List<List<SimilarArticle>> similarLists(Corpus corpus, SimilarityIndex similarity, int k) {
    List<Article> all = corpus.articles();
    return IntStream.range(0, all.size()).parallel().mapToObj(i -> similarOf(corpus, similarity, all.get(i), k))
        .toList();
  }

  private static List<SimilarArticle> similarOf(Corpus corpus, SimilarityIndex similarity, Article a, int k) {
    Set<String> explicit = new java.util.HashSet<>(corpus.graph().successors(a.id()));
    List<SimilarArticle> edges = new ArrayList<>();
    // Explicit targets keep their page position; similarity only adds its explanation.
    for (String t : explicit) {
      if (corpus.isFull(t) && similarity.contains(t)) {
        SimilarArticle s = similarity.compare(a.id(), t);
        if (s.score() > 0) {
          edges.add(s);
        }
      }
    }
    edges.addAll(similarity.similar(a.id(), k, id -> corpus.isFull(id) && !explicit.contains(id)));
    edges.sort(java.util.Comparator.comparingDouble(SimilarArticle::score).reversed()
        .thenComparing(SimilarArticle::id));
    return edges;
  }

  private static Relation relation(Corpus corpus, Article a, SimilarArticle s) {
    List<Relation.Reason> reasons = new ArrayList<>();
    for (SharedTerm t : s.sharedTerms()) {
      reasons.add(new Relation.Reason(Relation.ReasonKind.SHARED_TERM, t.term(), t.weight()));
    }
    Set<String> mine = categoriesWithAncestors(corpus, a);
    Set<String> theirs = categoriesWithAncestors(corpus, corpus.require(s.id()));
    for (String c : mine) {
      if (theirs.contains(c) && !c.equals(dev.content.core.Taxonomy.UNCATEGORISED)) {
        reasons.add(new Relation.Reason(Relation.ReasonKind.SHARED_CATEGORY, c, 0));
      }
    }
    return new Relation(a.id(), s.id(), Relation.Kind.COMPUTED, s.score(), reasons);
  }

  /** The final corpus: categories as assigned, computed related edges in its graph. */
  public Corpus corpus() {
    checkOpen();
    return corpus;
  }

  /**
   * The similarity machinery over every article of the corpus. After a reopen over an unchanged corpus
   * its vectors are read from the index folder on first use.
   */
  public SimilarityIndex similarity() {
    checkOpen();
    return similarity;
  }

  /** What the last open or update did. */
  public IndexReport indexReport() {
    return report;
  }

  /** The searcher itself, for tests that compare its two paths. */
  Searcher searcher() {
    return searcher;
  }

  /** The first page of results for a query (see {@link SearchRequest} for the syntax). */
  public SearchResults search(String query) {
    return search(SearchRequest.of(Objects.requireNonNull(query, "query must not be null")));
  }

  /**
   * Runs a search.
   *
   * @throws IllegalArgumentException if the request names an unknown category
   */
  public SearchResults search(SearchRequest request) {
    Objects.requireNonNull(request, "request must not be null");
    checkOpen();
    return searcher.search(request);
  }

  /**
   * Up to {@code limit} titles for what the reader has typed so far: titles starting with it first, then
   * titles containing it (width, case and spaces ignored). The first call sorts the titles (a few hundred
   * milliseconds at 100,000 articles), so that an open need not.
   */
  public List<Suggestion> suggest(String typed, int limit) {
    Objects.requireNonNull(typed, "typed must not be null");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    checkOpen();
    return suggester.suggest(typed, limit);
  }

  /** The related articles of {@code id} up to {@link Options#relatedLimit()} (6 by default). */
  public List<Relation> related(String id) {
    return related(id, options.relatedLimit());
  }

  /**
   * The related articles of {@code id}: explicit ones first in page order, then computed ones by
   * descending similarity, {@code k} in all.
   *
   * @throws IllegalArgumentException for an unknown id or a negative {@code k}
   */
  public List<Relation> related(String id, int k) {
    Objects.requireNonNull(id, "id must not be null");
    if (k < 0) {
      throw new IllegalArgumentException("k must not be negative, was " + k);
    }
    checkOpen();
    List<Relation> all = corpus.graph().related(id);
    long computed = all.stream().filter(r -> r.kind() == Relation.Kind.COMPUTED).count();
    if (all.size() < k && computed >= options.relatedLimit()) {
      // More than the precomputed edges were asked for: compute this list afresh.
      List<Relation> more = new ArrayList<>(all.stream().filter(r -> r.kind() == Relation.Kind.EXPLICIT).toList());
      Article a = corpus.require(id);
      Set<String> explicit = new java.util.HashSet<>(more.stream().map(Relation::target).toList());
      for (SimilarArticle s : similarity.similar(id, k - more.size(),
          t -> corpus.isFull(t) && !explicit.contains(t))) {
        more.add(relation(corpus, a, s));
      }
      return List.copyOf(more);
    }
    return all.size() <= k ? all : List.copyOf(all.subList(0, k));
  }

  private void checkOpen() {
    if (superseded) {
      throw new IllegalStateException("this library was updated or closed; use the library update() returned");
    }
  }

  @Override
  public void close() {
    superseded = true;
    try {
      store.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the index: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(LuceneStore store) {
    if (store != null) {
      try {
        store.close();
      } catch (IOException | RuntimeException ignored) {
        // The original failure matters more.
      }
    }
  }


  /** How a {@link ContentLibrary} indexes; build with {@link #builder()}. */
  public static final class Options {
    private final Optional<Path> indexDirectory;
    private final int relatedLimit;
    private final TermMode searchTerms;
    private final VectorModel.Params similarityParams;
    private final int evidenceTerms;
    private final CategoryAssigner categoryAssigner;

    private Options(Builder b) {
      this.indexDirectory = b.indexDirectory;
      this.relatedLimit = b.relatedLimit;
      this.searchTerms = b.searchTerms;
      this.similarityParams = b.similarity.params();
      this.evidenceTerms = b.similarity.evidence();
      this.categoryAssigner = b.categoryAssigner;
    }

    /** In memory, 6 related articles, default similarity, no category assigner. */
    public static Options defaults() {
      return builder().build();
    }

    public static Builder builder() {
      return new Builder();
    }

    /** The index folder; empty for an in-memory index. */
    public Optional<Path> indexDirectory() {
      return indexDirectory;
    }

    /** How many related articles {@link ContentLibrary#related(String)} lists. */
    public int relatedLimit() {
      return relatedLimit;
    }

    /** The terms of the search fields. */
    public TermMode searchTerms() {
      return searchTerms;
    }

    public CategoryAssigner categoryAssigner() {
      return categoryAssigner;
    }

    VectorModel.Params similarityParams() {
      return similarityParams;
    }

    int evidenceTerms() {
      return evidenceTerms;
    }

    /** Builds {@link Options}; every setter returns the builder. */
    public static final class Builder {
      private Optional<Path> indexDirectory = Optional.empty();
      private int relatedLimit = 6;
      private TermMode searchTerms = TermMode.BIGRAMS;
      private SimilarityIndex.Builder similarity = SimilarityIndex.builder();
      // Neighbour voting is the library's third way of assigning categories (after folders and
      // rules); without labelled articles it changes nothing.
      private CategoryAssigner categoryAssigner = NeighbourClassifier.create();

      private Builder() {}

      /** Keeps the index in this folder (created if needed), updated incrementally across runs. */
      public Builder indexDirectory(Path folder) {
        this.indexDirectory = Optional.of(Objects.requireNonNull(folder, "folder must not be null"));
        return this;
      }

      /** Keeps the index in memory (the default). */
      public Builder inMemory() {
        this.indexDirectory = Optional.empty();
        return this;
      }

      /** How many related articles to list by default and to precompute; 6 by default. */
      public Builder relatedLimit(int k) {
        if (k < 0 || k > 100) {
          throw new IllegalArgumentException("relatedLimit must be 0 to 100, was " + k);
        }
        this.relatedLimit = k;
        return this;
      }

      /**
       * The terms of the search fields: {@link TermMode#BIGRAMS} (the default, chosen by measurement) or
       * {@link TermMode#BOTH} (adds SmartChineseAnalyzer word fields).
       */
      public Builder searchTerms(TermMode mode) {
        Objects.requireNonNull(mode, "mode must not be null");
        if (mode == TermMode.WORDS || mode == TermMode.UNIGRAMS_BIGRAMS) {
          throw new IllegalArgumentException(
              "search needs character bigrams (words alone miss 网贷); use BIGRAMS or BOTH, not " + mode);
        }
        this.searchTerms = mode;
        return this;
      }

      /**
       * The similarity settings, taken from a {@link SimilarityIndex#builder()} (texts added to it are
       * ignored).
       */
      public Builder similarity(SimilarityIndex.Builder settings) {
        this.similarity = Objects.requireNonNull(settings, "settings must not be null");
        return this;
      }

      /** The stage that fills in categories before indexing (neighbour classification). */
      public Builder categoryAssigner(CategoryAssigner assigner) {
        this.categoryAssigner = Objects.requireNonNull(assigner, "assigner must not be null");
        return this;
      }

      public Options build() {
        return new Options(this);
      }
    }
  }
}

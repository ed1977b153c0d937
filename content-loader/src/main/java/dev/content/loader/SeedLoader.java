package dev.content.loader;

import dev.content.core.Article;
import dev.content.core.CategoryAssignment;
import dev.content.core.LazyBody;
import dev.content.loader.categories.CategoriesFile;
import dev.content.loader.categories.CategoryRules;
import dev.content.core.Corpus;
import dev.content.loader.categories.Categorization;
import dev.content.loader.categories.Categorizer;
import dev.content.core.Titles;
import dev.content.loader.internal.FileNames;
import dev.content.loader.internal.SeedParser;
import dev.content.loader.internal.BodyCodec;
import dev.content.loader.internal.SnapshotCodec;
import dev.content.loader.internal.StoredBody;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/**
 * Loads seed-format files into the content model. Thread-safe and reusable.
 *
 * <pre>{@code
 * LoadResult result = SeedLoader.create().load(Path.of("seeds"));
 * result.diagnostics().forEach(System.err::println);
 * Corpus corpus = result.corpus();
 * }</pre>
 *
 * <p>Parsing never throws on bad content: problems become {@link Diagnostic}s, and a file is rejected
 * (with an error that says why) only when nothing usable is in it. One bad file never costs another
 * its article.
 */
public final class SeedLoader {
  /**
   * The version of the seed-format parser. It is part of every {@link dev.content.core.Source#digest()}
   * the loader computes, and it changes whenever the same text would parse to a different article.
   */
  public static final String PARSER_VERSION = SeedParser.VERSION;

  private final ZoneId zone;
  private final int threads;
  private final SeedParser parser;
  private final LoadProgress progress;
  private final Path snapshot;

  private static final String CANNOT_READ = "cannot read file: ";
  /** Files modified less than this long before being read are parsed again by the next load. */
  private static final long RACY_MILLIS = 2_000;

  private SeedLoader(Builder b) {
    this.snapshot = b.snapshot;
    this.zone = b.zone;
    this.threads = b.threads;
    this.progress = b.progress;
    this.parser = new SeedParser(zone);
  }

  /** A loader for zone Asia/Shanghai that uses every core for folders. */
  public static SeedLoader create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The zone footer times are read in. */
  public ZoneId zone() {
    return zone;
  }

  /** Parses one file; its id comes from its name. I/O failures become an error diagnostic. */
  public ParseResult parse(Path file) {
    Objects.requireNonNull(file, "file must not be null");
    return parseFile(file, slashes(file.toString()));
  }

  /** Parses a file's bytes (encoding detected); {@code path} names it in diagnostics and gives its id. */
  public ParseResult parse(byte[] bytes, String path) {
    Objects.requireNonNull(bytes, "bytes must not be null");
    Objects.requireNonNull(path, "path must not be null");
    return withNameWarning(parser.parse(bytes, path, idFor(path).id()), path);
  }

  /** Parses already decoded text; {@code path} names it in diagnostics and gives its id. */
  public ParseResult parse(String text, String path) {
    Objects.requireNonNull(text, "text must not be null");
    Objects.requireNonNull(path, "path must not be null");
    return withNameWarning(parser.parseText(text, path, idFor(path).id()), path);
  }

  /**
   * Loads every {@code *.txt} file under {@code folder} (recursively, skipping hidden folders) in
   * parallel, and resolves their related listings into a {@link Corpus}.
   *
   * <p>Ids come from file names; when two files give the same id, the second (by path) gets
   * {@code -2}, {@code -3}… appended and both are named in a warning. Duplicate titles are warnings
   * too; listings resolve to the first file by path.
   *
   * <p>With a {@linkplain Builder#snapshot snapshot file}, files whose size and modification time are
   * those the snapshot recorded are taken from it without being read, only new and changed files are
   * parsed, and the snapshot is rewritten when anything changed; the result is the same as a parse
   * (articles, diagnostics, file outcomes), and {@link LoadResult#snapshot()} says what happened.
   *
   * @throws IOException only if {@code folder} is not a readable folder
   */
  public LoadResult load(Path folder) throws IOException {
    Objects.requireNonNull(folder, "folder must not be null");
    if (!Files.isDirectory(folder)) {
      throw new IOException(folder + ": not a folder");
    }
    // The snapshot is read (and its corpus built, on the chance that nothing changed) while the folder
    // is walked: the two are independent, and each is a large part of a restart.
    // A snapshot read unverified had only its head checked: the rest is checked here, beside the walk.
    Unverified served = unverified.getAndSet(null);
    java.util.concurrent.CompletableFuture<Stored> stored = snapshot == null ? null
        : java.util.concurrent.CompletableFuture.supplyAsync(() -> served != null && served.folder().equals(folder)
            ? verified(served.stored()) : readSnapshot(folder, true), STORED_READER);
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<TextFile> files = listTextFiles(folder, diagnostics);
    Path categoriesPath = folder.resolve(CategoriesFile.NAME);
    String categoriesDigest = "";
    Optional<CategoriesFile.Result> categories = Optional.empty();
    if (Files.isRegularFile(categoriesPath)) {
      categoriesDigest = contentDigest(categoriesPath);
      categories = Optional.of(CategoriesFile.read(categoriesPath, CategoriesFile.NAME));
    }
    if (snapshot != null) {
      return loadWithSnapshot(folder, files, diagnostics, categories, categoriesDigest, stored.join());
    }
    return assemble(files, parseAll(folder, files, null), diagnostics, categories);
  }

  /**
   * The result of the last load of {@code folder} as its {@linkplain Builder#snapshot snapshot} holds
   * it, read without walking the folder: <strong>unverified</strong>. No article file is listed, read or
   * compared, nor is {@code categories.json}: files added, changed or removed since that load are not
   * seen, so the result may differ from what {@link #load} would give now. What is checked is the part
   * of the snapshot that this reads at once (its key, the checksum of its head: the articles' ids, kinds,
   * page targets, the files' outcomes, the load's diagnostics; the consistency of the articles' index);
   * the rest (the articles' records, titles, openings, the files' details), read when used, is checked by
   * the next {@link #load}, which parses every file again when it is damaged, as for a snapshot damaged
   * anywhere else. Meant for a server that starts at once from the snapshot and then calls {@link #load}
   * to verify (and replace) it: until then, damage in the rest can show in what is served (an article
   * that does not decode is an {@link IllegalStateException} when read).
   *
   * <p>The result's {@link LoadResult#files() files} are decoded from the snapshot as they are read.
   *
   * <p>Bodies are lazy, read from the snapshot as after {@link #load}. {@link LoadResult#snapshot()}
   * counts every stored file as reused, none parsed or removed. The next {@link #load} of the same
   * folder by this loader compares the folder with the snapshot read here, without reading it again;
   * when nothing changed it returns this very corpus.
   *
   * @return empty when there is no snapshot file or it cannot be used (another parser version, zone or
   *     Java version, corrupt, truncated, inconsistent); {@link #load} then parses every file
   * @throws IllegalStateException when this loader has no snapshot file
   */
  public Optional<LoadResult> loadUnverified(Path folder) {
    Objects.requireNonNull(folder, "folder must not be null");
    if (snapshot == null) {
      throw new IllegalStateException("loadUnverified needs a snapshot file: see SeedLoader.Builder.snapshot");
    }
    Stored stored = readSnapshot(folder, false);
    if (stored.contents() == null || stored.corpus() == null) {
      return Optional.empty();
    }
    unverified.set(new Unverified(folder, stored));
    return Optional.of(storedResult(stored));
  }

  /**
   * The snapshot {@link #loadUnverified} read, taken by the next {@link #load} of the same folder: the
   * verifying load compares the folder with it instead of reading the snapshot a second time (and, when
   * nothing changed, returns the very corpus that was served unverified).
   */
  private record Unverified(Path folder, Stored stored) {}

  private final java.util.concurrent.atomic.AtomicReference<Unverified> unverified =
      new java.util.concurrent.atomic.AtomicReference<>();

  /** The corpus, diagnostics and outcomes of parsed files (one result per file, in file order). */
  private LoadResult assemble(List<TextFile> files, List<Fresh> parsed, List<Diagnostic> walkDiagnostics,
      Optional<CategoriesFile.Result> categories) {
    List<Diagnostic> diagnostics = new ArrayList<>(walkDiagnostics);
    List<FileOutcome> outcomes = new ArrayList<>();
    Map<String, String> pathById = new HashMap<>();
    Map<String, String> pathByTitle = new HashMap<>();
    List<Article> articles = new ArrayList<>();
    Map<String, List<CategoryAssignment>> scoresByPath = new HashMap<>();
    for (int i = 0; i < files.size(); i++) {
      String path = files.get(i).path();
      Fresh fresh = parsed.get(i);
      ParseResult r = fresh.result();
      diagnostics.addAll(r.diagnostics());
      if (r.article().isEmpty()) {
        outcomes.add(FileOutcome.rejected(path, rejection(r.diagnostics())));
        continue;
      }
      if (fresh.scores() != null) {
        scoresByPath.put(path, fresh.scores());
      }
      Article a = r.article().get();
      String id = a.id();
      if (pathById.containsKey(id)) {
        int n = 2;
        while (pathById.containsKey(id + "-" + n)) {
          n++;
        }
        String unique = id + "-" + n;
        diagnostics.add(Diagnostic.warning(path, 0, "duplicate id " + id + ", also the id of "
            + pathById.get(id) + "; this article's id is " + unique));
        id = unique;
        a = a.withId(unique);
      }
      pathById.put(id, path);
      String titleKey = Titles.normalize(a.title());
      String other = pathByTitle.putIfAbsent(titleKey, path);
      if (other != null) {
        diagnostics.add(Diagnostic.warning(path, 1, "duplicate title “" + a.title() + "”, also the title of "
            + other + "; related listings resolve to " + other));
      }
      articles.add(a);
      outcomes.add(FileOutcome.loaded(path, id));
    }
    // Rule scores need the body; those computed while the body was in hand are used as they are.
    Categorization categorized = Categorizer.assign(Corpus.builder().zone(zone).addAll(articles).build(),
        categories, (r, a) -> {
          List<CategoryAssignment> known = a.stub() ? null
              : a.source().map(s -> scoresByPath.get(s.path())).orElse(null);
          return known != null ? known : r.scores(a);
        });
    Corpus corpus = categorized.corpus();
    diagnostics.addAll(categorized.diagnostics());
    diagnostics.sort(Diagnostic.ORDER);
    return new LoadResult(corpus, diagnostics, outcomes);
  }

  /**
   * A file's parse result and, when known, its article's rule scores and where its body is stored (a
   * snapshot load).
   */
  private record Fresh(ParseResult result, List<CategoryAssignment> scores, boolean trusted, StoredBody body) {
    Fresh(ParseResult result, List<CategoryAssignment> scores, boolean trusted) {
      this(result, scores, trusted, null);
    }
  }

  /** Reads the snapshot's files on daemon threads (a load must never keep a JVM alive). */
  private static final java.util.concurrent.Executor STORED_READER = r -> {
    Thread t = new Thread(r, "snapshot-reader");
    t.setDaemon(true);
    t.start();
  };

  /**
   * What the snapshot holds, with the corpus of its articles when they are consistent (what a load of
   * an unchanged folder returns), or why it cannot be used.
   */
  private record Stored(SnapshotCodec.Contents contents, Corpus corpus, String problem) {}

  private static final String IGNORED = "snapshot ignored, every file parsed again: ";

  /**
   * Reads the snapshot and restores its corpus; {@code whole}: checks all of it first, as a load does
   * before it reuses anything (else only its head, which the corpus is restored from).
   */
  private Stored readSnapshot(Path folder, boolean whole) {
    if (!Files.exists(snapshot)) {
      return new Stored(null, null, null);
    }
    SnapshotCodec.Contents contents;
    try {
      contents = SnapshotCodec.read(snapshot, SnapshotCodec.key(zone.getId()),
          (path, digest) -> new BodyReader(folder, path, digest, parser));
      if (whole) {
        contents.verify();
      }
    } catch (SnapshotCodec.Unusable e) {
      return new Stored(null, null, IGNORED + e.getMessage());
    } catch (RuntimeException e) {
      return new Stored(null, null, IGNORED + describe(e));
    }
    try {
      // Articles are decoded when first read: a restart reads their ids, kinds and page targets.
      return new Stored(contents, Corpus.ofStored(zone, contents.taxonomy(), contents.stored()), null);
    } catch (IllegalArgumentException e) {
      return new Stored(contents, null, IGNORED + "inconsistent: " + e.getMessage());
    } catch (RuntimeException e) {
      // The index read in place from the mapped head, which does not decode (a bug: its checksum matched).
      return new Stored(null, null, IGNORED + "corrupt: " + describe(e));
    }
  }

  /** {@code stored}, read unverified, once the rest of its snapshot is checked; or why it cannot be used. */
  private static Stored verified(Stored stored) {
    try {
      stored.contents().verify();
      return stored;
    } catch (SnapshotCodec.Unusable e) {
      return new Stored(null, null, IGNORED + e.getMessage());
    }
  }

  private LoadResult loadWithSnapshot(Path folder, List<TextFile> files, List<Diagnostic> walkDiagnostics,
      Optional<CategoriesFile.Result> categories, String categoriesDigest, Stored stored) throws IOException {
    String key = SnapshotCodec.key(zone.getId());
    SnapshotCodec.Contents old = stored.contents();
    String problem = stored.problem();
    if (old != null && stored.corpus() == null) {
      old = null; // inconsistent: the problem says so
    }
    if (old != null && !old.categoriesDigest().equals(categoriesDigest)) {
      problem = CategoriesFile.NAME + " changed since the snapshot: every file parsed again";
      old = null;
    }
    // Both lists are in path order: one merge pairs them (an entry out of order would only count as
    // removed, and its file be parsed again).
    List<SnapshotCodec.FileEntry> entries = old == null ? List.of() : old.files();
    int[] match = new int[files.size()];
    int matched = 0;
    Fresh[] out = new Fresh[files.size()];
    List<Integer> toParse = new ArrayList<>();
    for (int i = 0, j = 0; i < files.size(); i++) {
      TextFile f = files.get(i);
      // Equal paths first: the usual case, and cheaper than an ordering.
      while (j < entries.size() && !entries.get(j).path().equals(f.path())
          && entries.get(j).path().compareTo(f.path()) < 0) {
        j++;
      }
      SnapshotCodec.FileEntry e = null;
      match[i] = -1;
      if (j < entries.size() && entries.get(j).path().equals(f.path())) {
        e = entries.get(j);
        match[i] = j++;
        matched++;
      }
      if (e != null && e.trusted() && e.size() == f.size() && e.modified() == f.modified()) {
        out[i] = new Fresh(null, e.scores(), true);
      } else {
        toParse.add(i);
      }
    }
    int removed = entries.size() - matched;
    int reused = files.size() - toParse.size();
    if (old != null && toParse.isEmpty() && removed == 0 && walkDiagnostics.isEmpty() && !old.walkProblems()) {
      // Nothing changed: the stored result is the result.
      return storedResult(stored);
    }
    for (int i = 0; i < files.size(); i++) {
      if (out[i] != null) {
        SnapshotCodec.FileEntry e = entries.get(match[i]);
        out[i] = new Fresh(asParsed(e.path(), e, old.articles()), e.scores(), true,
            e.article() < 0 ? null : old.bodies().get(e.article()));
      }
    }
    CategoryRules rules = categories.flatMap(CategoriesFile.Result::rules).orElse(CategoryRules.none());
    List<TextFile> changed = toParse.stream().map(files::get).toList();
    List<Fresh> fresh = parseAll(folder, changed, rules);
    for (int j = 0; j < toParse.size(); j++) {
      out[toParse.get(j)] = fresh.get(j);
    }
    List<Fresh> all = List.of(out);
    LoadResult result = assemble(files, all, walkDiagnostics, categories);
    boolean written = false;
    String generation = null;
    try {
      generation = SnapshotCodec.write(snapshot, key,
          contents(result, files, all, categoriesDigest, !walkDiagnostics.isEmpty()));
      written = true;
    } catch (IOException | RuntimeException e) {
      problem = (problem == null ? "" : problem + "; ") + "could not write the snapshot: " + describe(e);
    }
    return new LoadResult(result.corpus(), result.diagnostics(), result.files(), Optional.of(
        new SnapshotUse(snapshot, reused, changed.size(), removed, written, Optional.ofNullable(problem),
            Optional.ofNullable(generation))));
  }

  /** The result of the load that wrote the snapshot, as it stored it. */
  private LoadResult storedResult(Stored stored) {
    SnapshotCodec.Contents old = stored.contents();
    // Made as they are read (the file entries are decoded in place): a restart reads few or none.
    List<SnapshotCodec.FileEntry> files = old.files();
    SnapshotCodec.Layout layout = old.layout();
    List<FileOutcome> outcomes = new StoredOutcomes(files.size(), i -> {
      if (files instanceof SnapshotCodec.FileEntries in && in.article(i) >= 0) {
        return FileOutcome.loaded(in.path(i), layout.id(in.article(i)));
      }
      SnapshotCodec.FileEntry e = files.get(i);
      return e.article() >= 0 ? FileOutcome.loaded(e.path(), layout.id(e.article()))
          : FileOutcome.rejected(e.path(), rejection(e.diagnostics()));
    });
    return new LoadResult(stored.corpus(), old.diagnostics(), outcomes,
        Optional.of(new SnapshotUse(snapshot, outcomes.size(), 0, 0, false, Optional.empty(),
            Optional.of(old.generation()))));
  }

  /** What parsing the file gave, recovered from the resolved article a snapshot stores. */
  private static ParseResult asParsed(String path, SnapshotCodec.FileEntry e, List<Article> articles) {
    if (e.article() < 0) {
      return new ParseResult(Optional.empty(), e.diagnostics());
    }
    // The parser leaves date, excerpt, categories and targets empty; the corpus filled them in.
    Article a = articles.get(e.article());
    List<dev.content.core.RelatedEntry> related = new ArrayList<>(a.related().size());
    for (dev.content.core.RelatedEntry r : a.related()) {
      related.add(new dev.content.core.RelatedEntry(r.title(), r.excerpt(), r.date(), Optional.empty(), r.lines()));
    }
    Article parsed = new Article(idFor(path).id(), false, a.title(), a.pageTitle(), a.author(), a.likes(),
        a.previousPostAt(), a.nextPostAt(), Optional.empty(), Optional.empty(), a.body(), related, List.of(),
        a.source());
    return new ParseResult(Optional.of(parsed), e.diagnostics());
  }

  private static String rejection(List<Diagnostic> diagnostics) {
    return diagnostics.stream().filter(Diagnostic::isError).map(Diagnostic::message).findFirst()
        .orElse("no article could be read");
  }

  /** The snapshot of a load: its result, and per file what the next load needs to reuse it. */
  private static SnapshotCodec.Contents contents(LoadResult result, List<TextFile> files, List<Fresh> parsed,
      String categoriesDigest, boolean walkProblems) {
    // The articles in the corpus's order, with what the corpus derived from them (page targets as
    // positions, title owners), so that the next load restores the corpus without deriving it again.
    Corpus corpus = result.corpus();
    List<Article> articles = corpus.articles();
    Map<String, Integer> position = new HashMap<>(articles.size() * 4 / 3 + 1);
    int[][] targets = new int[articles.size()][];
    boolean[] owners = new boolean[articles.size()];
    String[] ids = new String[articles.size()];
    boolean[] stubs = new boolean[articles.size()];
    for (int p = 0; p < articles.size(); p++) {
      Article a = articles.get(p);
      ids[p] = a.id();
      stubs[p] = a.stub();
      position.put(a.id(), p);
      targets[p] = corpus.graph().successorPositions(p);
      owners[p] = corpus.byTitle(a.title()).orElseThrow().id().equals(a.id());
    }
    StoredBody[] bodies = new StoredBody[articles.size()];
    List<SnapshotCodec.FileEntry> entries = new ArrayList<>(files.size());
    for (int i = 0; i < files.size(); i++) {
      TextFile f = files.get(i);
      FileOutcome outcome = result.files().get(i);
      int index = -1;
      if (outcome.loaded()) {
        index = position.get(outcome.articleId().orElseThrow());
        bodies[index] = parsed.get(i).body();
      }
      Fresh r = parsed.get(i);
      entries.add(new SnapshotCodec.FileEntry(f.path(), f.size(), f.modified(), r.trusted(),
          r.result().diagnostics(), index, r.scores() == null ? List.of() : r.scores()));
    }
    return new SnapshotCodec.Contents(categoriesDigest, walkProblems, corpus.taxonomy(), result.diagnostics(),
        articles, java.util.Arrays.asList(bodies), entries, SnapshotCodec.Layout.of(ids, stubs, targets, owners));
  }

  /**
   * Parses files in parallel. With {@code rules} (a snapshot load), each article's rule scores are
   * computed while its body is in hand, and the body becomes a {@link LazyBody} whose encoded blocks
   * are kept in memory until the snapshot is written, then read from the snapshot when the collector
   * dropped the blocks.
   */
  private List<Fresh> parseAll(Path folder, List<TextFile> files, CategoryRules rules) throws IOException {
    int total = files.size();
    // A file changed within this margin of being read might change again without its time moving.
    long trustedBefore = (System.currentTimeMillis() - RACY_MILLIS) * 1_000_000L;
    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    java.util.function.Function<TextFile, Fresh> parseOne = f -> {
      ParseResult r = parseFile(f.file(), f.path());
      progress.parsed(done.incrementAndGet(), total);
      boolean readable = r.article().isPresent() || r.diagnostics().stream()
          .noneMatch(d -> d.line() == 0 && d.message().startsWith(CANNOT_READ));
      if (rules == null || r.article().isEmpty()) {
        return new Fresh(r, null, readable && f.modified() < trustedBefore);
      }
      Article a = r.article().get();
      List<CategoryAssignment> scores = rules.scores(a);
      String digest = a.source().flatMap(dev.content.core.Source::digest).orElseThrow();
      StoredBody stored = StoredBody.inMemory(BodyCodec.encode(a.body()),
          (path, d) -> new BodyReader(folder, path, d, parser), f.path(), digest);
      LazyBody body = LazyBody.of(a.body(), digest, stored);
      return new Fresh(new ParseResult(Optional.of(a.toBuilder().body(body).build()), r.diagnostics()), scores,
          f.modified() < trustedBefore, stored);
    };
    if (threads == 1 || total < 64) {
      return files.stream().map(parseOne).toList();
    }
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return pool.submit(() -> files.parallelStream().map(parseOne).toList()).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while loading " + folder, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("parser failed unexpectedly", e.getCause());
    } finally {
      pool.shutdown();
    }
  }

  /** The hex SHA-256 of a file's bytes, or a marker that never matches a digest when it is unreadable. */
  private static String contentDigest(Path file) {
    try {
      return java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      return "unreadable";
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Reads a lazy body from the article's file, when the snapshot's copy is damaged: parses the file and
   * checks that it is the text the corpus was loaded from.
   */
  private record BodyReader(Path folder, String path, String digest, SeedParser parser)
      implements java.util.function.Supplier<List<dev.content.core.Block>> {
    @Override
    public List<dev.content.core.Block> get() {
      Path file = folder.resolve(path);
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (java.nio.file.NoSuchFileException e) {
        throw new IllegalStateException(file + ": the file is gone since the corpus was loaded;"
            + " reload the corpus to drop its article");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(file + ": cannot read the article's body again: " + describe(e), e);
      }
      Optional<Article> a = parser.parse(bytes, path, idFor(path).id()).article();
      if (a.isEmpty() || !a.get().source().flatMap(dev.content.core.Source::digest).equals(Optional.of(digest))) {
        throw new IllegalStateException(file + ": the file changed since the corpus was loaded;"
            + " reload the corpus to see the new text");
      }
      return a.get().body();
    }
  }

  private ParseResult parseFile(Path file, String path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException | SecurityException e) {
      return new ParseResult(Optional.empty(),
          List.of(Diagnostic.error(path, 0, CANNOT_READ + describe(e))));
    } catch (OutOfMemoryError e) {
      return new ParseResult(Optional.empty(), List.of(Diagnostic.error(path, 0, "file too large to read")));
    }
    return withNameWarning(parser.parse(bytes, path, idFor(path).id()), path);
  }

  private static ParseResult withNameWarning(ParseResult r, String path) {
    Optional<String> warning = idFor(path).warning();
    if (warning.isEmpty() || r.article().isEmpty()) {
      return r;
    }
    List<Diagnostic> all = new ArrayList<>(r.diagnostics());
    all.add(Diagnostic.warning(path, 0, warning.get()));
    all.sort(Diagnostic.ORDER);
    return new ParseResult(r.article(), all);
  }

  private static FileNames.Id idFor(String path) {
    int slash = path.lastIndexOf('/');
    return FileNames.idOf(slash >= 0 ? path.substring(slash + 1) : path);
  }

  /** A file to load, its path relative to the folder (which names it everywhere), size and time. */
  private record TextFile(Path file, String path, long size, long modified) {}

  private static List<TextFile> listTextFiles(Path folder, List<Diagnostic> diagnostics) throws IOException {
    List<TextFile> files = new ArrayList<>();
    Files.walkFileTree(folder, new SimpleFileVisitor<>() {
      /** The relative path of each folder being visited, with a trailing slash: one relativize per folder. */
      private final java.util.ArrayDeque<String> prefixes = new java.util.ArrayDeque<>();

      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        if (!dir.equals(folder) && name.startsWith(".")) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        prefixes.push(dir.equals(folder) ? "" : relative(folder, dir) + "/");
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        prefixes.pop();
        return super.postVisitDirectory(dir, e);
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        String name = file.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".txt") && !attrs.isDirectory()) {
          files.add(new TextFile(file, prefixes.isEmpty() ? relative(folder, file) : prefixes.peek() + name,
              attrs.size(), attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS)));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        if (file.equals(folder)) {
          return FileVisitResult.TERMINATE;
        }
        diagnostics.add(Diagnostic.error(relative(folder, file), 0, "cannot read: " + describe(e)));
        return FileVisitResult.CONTINUE;
      }
    });
    TextFile[] sorted = files.toArray(TextFile[]::new);
    java.util.Arrays.parallelSort(sorted, java.util.Comparator.comparing(TextFile::path));
    return java.util.Arrays.asList(sorted);
  }

  private static String describe(Exception e) {
    String name = e.getClass().getSimpleName();
    return e.getMessage() == null ? name : name + " (" + e.getMessage() + ")";
  }

  private static String relative(Path folder, Path file) {
    return slashes(folder.relativize(file).toString());
  }

  private static String slashes(String path) {
    return path.replace('\\', '/');
  }

  /** Configures a {@link SeedLoader}. */
  public static final class Builder {
    private ZoneId zone = ZoneId.of("Asia/Shanghai");
    private int threads = Runtime.getRuntime().availableProcessors();
    private LoadProgress progress = LoadProgress.NONE;
    private Path snapshot;

    private Builder() {}

    /** The zone in which footer times are read; Asia/Shanghai by default. */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone must not be null");
      return this;
    }

    /** How many threads parse a folder; all cores by default. */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Who is told how many files of a folder load have been parsed; nobody by default. */
    public Builder progress(LoadProgress progress) {
      this.progress = Objects.requireNonNull(progress, "progress must not be null");
      return this;
    }

    /**
     * A file in which folder loads keep what they parsed, so that the next load of the same folder
     * reads only new and changed files (compared by size and modification time; a file changed less
     * than two seconds before it was read is parsed again next time, as its time may not move with
     * a second change). Bodies of loaded articles are then {@link LazyBody lazy}: the snapshot keeps
     * their blocks, which are read back from it (memory-mapped, each body checked by its own CRC-32C)
     * when used after the collector dropped them, never from the article files: a corpus keeps its
     * bodies whatever happens to the files after it was loaded, until the next load. A body whose stored
     * copy is damaged is read from its file (checked against the source digest), logged, and the snapshot
     * deleted so that the next load writes it again. The file is keyed by the parser version,
     * zone, Java version and {@code categories.json}; a snapshot that does not match, or is corrupt or
     * truncated, is ignored (every file is parsed; {@link SnapshotUse#problem()} says why). It is
     * written atomically (a corpus loaded from the replaced file goes on reading that file's bodies;
     * its space is freed once no corpus uses it). Keep it outside the corpus folder or in a hidden folder of it
     * (such as {@code .content-index/}); none by default.
     */
    public Builder snapshot(Path file) {
      this.snapshot = Objects.requireNonNull(file, "file must not be null");
      return this;
    }

    public SeedLoader build() {
      return new SeedLoader(this);
    }
  }
}

package dev.content.cli;

import dev.content.cli.render.Screen;
import dev.content.core.Article;
import dev.content.core.Corpus;
import dev.content.core.Titles;
import dev.content.json.ArticleJson;
import dev.content.json.ArticleWriter;
import dev.content.loader.LoadResult;
import dev.content.loader.SeedLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.content.search.ContentLibrary;

/**
 * The state commands share: the seeds folder and its loaded corpus, the screen, the numbered links of
 * the last screen, the article being read and the way back. One session serves a whole REPL run or a
 * single batch command.
 */
public final class Session {
  /** Builds search indexes in the background; daemon, so that it never keeps the JVM alive. */
  private static final ExecutorService INDEXER = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "indexer");
    t.setDaemon(true);
    return t;
  });

  private final Path seeds;
  private final SeedLoader loader;
  private Screen screen;
  private volatile LoadResult result;
  private volatile long loadNanos;
  private List<String> links = List.of();
  private String current;
  private final Deque<String> back = new ArrayDeque<>();
  private boolean quit;
  private boolean interactive;
  private ArticleWriter json;
  private TitleIndex titles;
  private Corpus titlesOf;
  private final java.util.Map<String, Object> memo = new java.util.HashMap<>();
  private Corpus memoOf;

  private volatile CompletableFuture<ContentLibrary> library;
  private Path indexDirectory;

  public Session(Path seeds, SeedLoader loader, Screen screen) {
    this.seeds = Objects.requireNonNull(seeds, "seeds must not be null");
    this.loader = Objects.requireNonNull(loader, "loader must not be null");
    this.screen = Objects.requireNonNull(screen, "screen must not be null");
  }

  /** Keeps the search index in this folder (updated incrementally) instead of in memory. */
  public void indexDirectory(Path folder) {
    this.indexDirectory = folder;
  }

  public Path seeds() {
    return seeds;
  }

  public Screen screen() {
    return screen;
  }

  void screen(Screen s) {
    this.screen = s;
  }

  public boolean interactive() {
    return interactive;
  }

  public void interactive(boolean yes) {
    this.interactive = yes;
  }

  /** The last load, loading the folder first if needed. */
  public LoadResult load() {
    LoadResult r = result;
    if (r == null) {
      r = reload();
    }
    return r;
  }

  /** Loads the folder again and resets navigation. */
  public synchronized LoadResult reload() {
    return reload(null, 0);
  }

  /**
   * Like {@link #reload()}, taking the result of a load of the same folder that was started earlier
   * (the REPL starts loading before it sets up the terminal) at {@code startNanos}, when there is one.
   */
  public synchronized LoadResult reload(CompletableFuture<LoadResult> started, long startNanos) {
    if (!Files.isDirectory(seeds)) {
      throw new CliException("seeds folder " + seeds + " does not exist (use --seeds DIR)");
    }
    long t0 = started != null ? startNanos : System.nanoTime();
    try {
      result = started != null ? started.join() : loader.load(seeds);
    } catch (IOException e) {
      throw new CliException("cannot read seeds folder " + seeds + ": " + e.getMessage());
    } catch (java.util.concurrent.CompletionException e) {
      Throwable cause = e.getCause();
      throw new CliException("cannot read seeds folder " + seeds + ": " + cause.getMessage());
    }
    loadNanos = System.nanoTime() - t0;
    // Not a diagnostic of the corpus (check prints the same either way): a note that it was slower.
    result.snapshot().flatMap(u -> u.problem().map(p -> u.file() + ": " + p))
        .ifPresent(p -> screen.error(new org.jline.utils.AttributedString("note: " + p)));
    CompletableFuture<ContentLibrary> old = library;
    library = null;
    if (old != null) {
      // The old index must be closed before a new one opens the same folder (it holds its lock).
      try {
        old.thenAccept(ContentLibrary::close).join();
      } catch (java.util.concurrent.CompletionException e) {
        // it never opened: nothing to close
      }
    }
    links = List.of();
    if (current != null && result.corpus().article(current).isEmpty()) {
      current = null;
    }
    back.removeIf(id -> result.corpus().article(id).isEmpty());
    return result;
  }

  /**
   * The corpus as the reader sees it: after content-search ran (final categories, computed related
   * articles). In batch mode it waits for the index; in the REPL, while the index is still being built in
   * the background, it is the corpus as loaded, so that reading never waits for indexing.
   */
  public Corpus corpus() {
    if (interactive && !indexed()) {
      return loadedCorpus();
    }
    return library().corpus();
  }

  /** The best corpus available now, never waiting: the indexed one when ready, else the loaded one. */
  public Corpus readyCorpus() {
    return indexed() ? library().corpus() : loadedCorpus();
  }

  /** The corpus as loaded from the files, without waiting for the index. */
  public Corpus loadedCorpus() {
    return load().corpus();
  }

  /** Starts building the search index in the background, if it is not built or building already. */
  public synchronized void startIndexing() {
    if (library != null) {
      return;
    }
    LoadResult loadResult = load();
    Corpus loaded = loadResult.corpus();
    // The snapshot's generation names exactly this corpus: the index's reopen state is filed under it, so
    // a restart over an unchanged folder reads no article for the key.
    Optional<String> identity = loadResult.snapshot().flatMap(dev.content.loader.SnapshotUse::generation);
    Path dir = indexDirectory;
    library = CompletableFuture.supplyAsync(() -> {
      // The library's default pipeline votes categories for unlabelled articles (NeighbourClassifier).
      ContentLibrary.Options.Builder options = ContentLibrary.Options.builder();
      if (dir != null) {
        options.indexDirectory(dir);
      }
      if (identity.isEmpty()) {
        return ContentLibrary.open(loaded, options.build());
      }
      try (ContentLibrary.Opening opening = ContentLibrary.prepare(options.build())) {
        return opening.open(loaded, identity.get());
      }
    }, INDEXER);
  }

  /** Whether the search index is ready (so that commands answer without waiting). */
  public boolean indexed() {
    CompletableFuture<ContentLibrary> f = library;
    return f != null && f.isDone() && !f.isCompletedExceptionally();
  }

  /** Search, suggestions and related articles over the corpus; waits while the index is being built. */
  public ContentLibrary library() {
    startIndexing();
    try {
      return library.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new CliException("cannot build the search index: " + (cause.getMessage() == null
          ? cause.getClass().getSimpleName() : cause.getMessage()));
    }
  }

  /**
   * Waits for the index like {@link #library()}, showing progress on the screen while it takes long; only
   * the thread that runs commands calls this (the screen belongs to it).
   */
  public void awaitIndex() {
    startIndexing();
    CompletableFuture<ContentLibrary> f = library;
    long t0 = System.nanoTime();
    boolean shown = false;
    try {
      while (true) {
        try {
          f.get(100, TimeUnit.MILLISECONDS);
          return;
        } catch (TimeoutException e) {
          shown = true;
          screen.status(String.format(Locale.ROOT, "indexing %,d articles for search … %.1f s (Ctrl-C cancels)",
              load().corpus().size(), (System.nanoTime() - t0) / 1e9));
        } catch (ExecutionException e) {
          return; // library() reports it
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException();
    } finally {
      if (shown) {
        screen.status("");
      }
    }
  }


  /** Id and title prefixes of the current corpus. */
  public synchronized TitleIndex titles() {
    // Ids and titles are the same before and after indexing: never wait for the index here.
    Corpus c = readyCorpus();
    if (titles == null || titlesOf != c) {
      titles = new TitleIndex(c);
      titlesOf = c;
    }
    return titles;
  }

  /**
   * A value computed once per corpus (such as the statistics of {@code stats}); computed again after a
   * reload.
   */
  @SuppressWarnings("unchecked")
  public synchronized <T> T memo(String key, java.util.function.Function<Corpus, T> compute) {
    Corpus c = corpus();
    if (memoOf != c) {
      memo.clear();
      memoOf = c;
    }
    return (T) memo.computeIfAbsent(key, k -> compute.apply(c));
  }

  /** The JSON writer for the current corpus (made once per corpus: an ObjectMapper is not cheap). */
  public synchronized ArticleWriter json() {
    Corpus c = corpus();
    if (json == null || json.corpus() != c) {
      json = ArticleJson.writer(c).pretty();
    }
    return json;
  }

  /** How long the last load took, in nanoseconds. */
  public long loadNanos() {
    return loadNanos;
  }

  public boolean loaded() {
    return result != null;
  }

  /** The ids the numbers of the last screen point to (1-based for users). */
  public List<String> links() {
    return links;
  }

  public void links(List<String> ids) {
    this.links = List.copyOf(ids.stream().map(id -> id == null ? "" : id).toList());
  }

  public Optional<String> current() {
    return Optional.ofNullable(current);
  }

  /** Opens {@code id}: it becomes the current article, the previous one is remembered for {@code back}. */
  public void open(String id) {
    if (current != null && !current.equals(id)) {
      back.push(current);
    }
    current = id;
  }

  /** Goes back to the article read before, if any. */
  public Optional<String> back() {
    if (back.isEmpty()) {
      return Optional.empty();
    }
    current = back.pop();
    return Optional.of(current);
  }

  public boolean quitRequested() {
    return quit;
  }

  public void requestQuit() {
    this.quit = true;
  }

  /**
   * The article a user means by {@code ref}: a number from the last screen, an id, a unique id prefix, a
   * title (folded like titles in related lists) or a unique title prefix.
   *
   * @throws CliException naming what did not match, or the candidates when several did
   */
  public Article resolve(String ref) {
    Objects.requireNonNull(ref, "ref must not be null");
    Corpus corpus = readyCorpus(); // ids and titles do not depend on the index
    String r = ref.strip();
    if (r.matches("\\d{1,6}")) {
      int n = Integer.parseInt(r);
      if (n < 1 || n > links.size() || links.get(n - 1).isEmpty()) {
        throw new CliException(links.isEmpty()
            ? "no numbered links on the last screen (try list)"
            : "no link " + n + " on the last screen (1 to " + links.size() + ")");
      }
      return corpus.require(links.get(n - 1));
    }
    Optional<Article> exact = corpus.article(r).or(() -> corpus.byTitle(r));
    if (exact.isPresent()) {
      return exact.get();
    }
    List<Article> matches = new ArrayList<>();
    if (r.length() >= 4) {
      matches.addAll(titles().idsStartingWith(r, 6));
    }
    for (Article a : titles().titlesStartingWith(r, 6)) {
      if (!matches.contains(a)) {
        matches.add(a);
      }
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw new CliException("no article matches '" + r + "' (an id, a title, or a number from the last screen)");
    }
    StringBuilder sb = new StringBuilder("'" + r + "' matches "
        + (matches.size() > 5 ? "more than 5" : Integer.toString(matches.size())) + " articles:");
    matches.stream().limit(5).forEach(a -> sb.append("\n  ").append(a.id()).append("  ").append(a.title()));
    if (matches.size() > 5) {
      sb.append("\n  …");
    }
    throw new CliException(sb.toString());
  }
}

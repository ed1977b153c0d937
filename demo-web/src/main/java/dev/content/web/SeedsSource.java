package dev.content.web;

import dev.content.core.Article;
import dev.content.core.Corpus;
import dev.content.loader.Diagnostic;
import dev.content.loader.FileOutcome;
import dev.content.loader.LoadResult;
import dev.content.loader.SeedLoader;
import dev.content.loader.SnapshotUse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads the seeds folder into {@link Snapshot}s. A file that loaded before and cannot be read now
 * keeps its last good article (listed in the report), so a half-written or broken save never takes
 * an article off the site. One load at a time: the {@link SeedsWatcher} serialises them.
 */
final class SeedsSource {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SeedsSource.class);
  private final Path folder;
  private final SeedLoader loader;
  private final Optional<IndexFolder> index;
  /** The corpus of the last load: its full articles are the last good version of each file. */
  private Corpus lastGood;
  /** Snapshots are numbered on the starting thread, then on the watcher's. */
  private final AtomicLong generation = new AtomicLong();
  /**
   * The loader's name for the corpus of the last load ({@code SnapshotUse.generation()}), when that corpus
   * is exactly the loader's result (no last good article added): the library files its reopen state
   * under it instead of hashing every article.
   */
  private volatile Identified identified;

  /** A source whose snapshots are indexed in memory. */
  SeedsSource(Path folder, SeedLoader loader) {
    this(folder, loader, Optional.empty());
  }

  /** A source whose snapshots keep their index in {@code index} (see {@link IndexFolder}). */
  SeedsSource(Path folder, SeedLoader loader, Optional<IndexFolder> index) {
    this.folder = Objects.requireNonNull(folder, "folder must not be null");
    this.loader = Objects.requireNonNull(loader, "loader must not be null");
    this.index = Objects.requireNonNull(index, "index must not be null");
  }

  /** The index root, when the index is kept on disk: the watcher ignores changes under it. */
  Optional<Path> indexRoot() {
    return index.map(IndexFolder::root);
  }

  Path folder() {
    return folder;
  }

  /** Loads the folder now and indexes it; throws only when the folder itself cannot be listed. */
  Snapshot load() throws IOException {
    return index(loadCorpus(), new AtomicBoolean(true));
  }

  /**
   * Loads the folder without indexing: a snapshot that serves pages at once while {@link #index}
   * builds the search index (its search answers 503 meanwhile).
   */
  Snapshot loadUnindexed() throws IOException {
    return pending(loadCorpus(), true);
  }

  /**
   * What the last load left in the loader's corpus snapshot, read without listing the folder
   * ({@link SeedLoader#loadUnverified}): a restart serves it at once, not indexed and not
   * {@linkplain Snapshot#verified() verified}, and then calls {@link #verify}. Empty when the loader
   * has no usable snapshot (the first start, another parser or Java version): then {@link #loadUnindexed}.
   * The loader must have been built with a snapshot file.
   */
  Optional<Snapshot> loadUnverified() {
    long t0 = System.nanoTime();
    return loader.loadUnverified(folder).filter(this::looksLikeItsFolder)
        .map(r -> pending(loaded(r, t0, "read from the snapshot, unverified:"), false));
  }

  /** How many of the snapshot's files {@link #looksLikeItsFolder} looks for. */
  static final int SAMPLED_FILES = 16;

  /**
   * Whether {@code folder} is plausibly the folder the snapshot was made from: a few of its files,
   * spread over the path order, are there. The snapshot does not name its folder, and an index folder
   * given with {@code --index} may have served another seeds folder before; its articles must not be
   * served, even for the moment until the verification, as this folder's.
   */
  private boolean looksLikeItsFolder(LoadResult stored) {
    List<FileOutcome> files = stored.files();
    int samples = Math.min(files.size(), SAMPLED_FILES);
    for (int i = 0; i < samples; i++) {
      String path = files.get((int) ((long) i * (files.size() - 1) / Math.max(1, samples - 1))).path();
      if (!Files.isRegularFile(folder.resolve(path))) {
        LOG.info("the corpus snapshot names {}, which is not in {}: loading the folder instead", path, folder);
        return false;
      }
    }
    return true;
  }

  /**
   * Loads the folder to check {@code served}, a snapshot of {@link #loadUnverified}. When the load
   * gives exactly what the loader's snapshot held (every file reused, none parsed or removed), the
   * served corpus is what the folder holds: it is marked verified (with every snapshot indexing it) and
   * the answer is empty. Otherwise the answer is the load's snapshot with its search index built, to be
   * swapped in as a reload's is.
   */
  Optional<Snapshot> verify(Snapshot served) throws IOException {
    Loaded l = loadCorpus();
    if (l.unchanged) {
      served.verification().set(true);
      return Optional.empty();
    }
    return Optional.of(index(l, new AtomicBoolean(true)));
  }

  /** The snapshot of {@code pending}'s corpus with its search index built (verified when it is). */
  Snapshot index(Snapshot pending) {
    return index(new Loaded(pending.corpus(), pending.report(), false), pending.verification());
  }

  /** A loaded corpus and the loader's name for it. */
  private record Identified(Corpus corpus, String identity) {}

  private Snapshot index(Loaded l, AtomicBoolean verified) {
    long t0 = System.nanoTime();
    Identified last = identified;
    Optional<String> known = last != null && last.corpus() == l.corpus ? Optional.of(last.identity())
        : Optional.empty();
    Indexes.Indexed indexed = index.map(f -> Indexes.open(l.corpus, f, known)).orElseGet(() -> Indexes.open(l.corpus));
    LOG.info("indexed {} articles in {} ms: {}", l.corpus.size(), (System.nanoTime() - t0) / 1_000_000,
        indexed.search().state());
    return new Snapshot(generation.incrementAndGet(), Instant.now(), indexed.corpus(), indexed.search(),
        l.report, verified);
  }

  /**
   * @param unchanged whether the load gave exactly what the loader's snapshot held (nothing parsed,
   *     removed or written, no file kept from an earlier load)
   */
  private record Loaded(Corpus corpus, LoadReport report, boolean unchanged) {}

  private Snapshot pending(Loaded l, boolean verified) {
    return new Snapshot(generation.incrementAndGet(), Instant.now(), l.corpus, new PendingSearch(l.corpus),
        l.report, new AtomicBoolean(verified));
  }

  /**
   * Releases the index of a snapshot that no request uses any more, and deletes its generation folder
   * (the current snapshot's generation has its own links to the files it still needs).
   */
  void retire(Snapshot old) {
    old.search().close();
    if (old.search() instanceof LibrarySearch l) {
      l.directory().ifPresent(d -> index.ifPresent(f -> f.retire(d)));
    }
  }

  private Loaded loadCorpus() throws IOException {
    long t0 = System.nanoTime();
    return loaded(loader.load(folder), t0, "loaded");
  }

  /** The corpus and report of a load that started at {@code t0} (with the last good articles kept). */
  private Loaded loaded(LoadResult result, long t0, String how) {
    Corpus loaded = result.corpus();
    List<Article> kept = new ArrayList<>();
    List<String> keptPaths = new ArrayList<>();
    // Articles by path only when a file failed: a load where every file loaded (every restart) never
    // walks the earlier corpus, and the first load (nothing to keep) does not even walk the outcomes,
    // which a corpus snapshot decodes as they are read.
    Map<String, Article> good = null;
    for (FileOutcome f : lastGood == null ? List.<FileOutcome>of() : result.files()) {
      if (f.loaded()) {
        continue;
      }
      if (good == null) {
        good = byPath(lastGood);
      }
      Article old = good.get(f.path());
      if (old != null && loaded.article(old.id()).isEmpty()) {
        // The taxonomy may have changed meanwhile: keep only assignments it still knows.
        kept.add(old.toBuilder().categories(old.categories().stream()
            .filter(c -> loaded.taxonomy().contains(c.slug())).toList()).build());
        keptPaths.add(f.path() + ": " + f.reason().orElse("not loaded") + " (showing the last good version)");
      }
    }
    Corpus corpus = kept.isEmpty() ? loaded : Corpus.builder().zone(loaded.zone()).taxonomy(loaded.taxonomy())
        .addAll(loaded.fullArticles()).addAll(kept).build();
    lastGood = corpus;
    identified = kept.isEmpty() ? result.snapshot().flatMap(SnapshotUse::generation)
        .map(g -> new Identified(corpus, g)).orElse(null) : null;
    List<String> diagnostics = result.diagnostics().stream().map(Diagnostic::format).toList();
    LoadReport report = new LoadReport(result.files().size(), (int) result.errorCount(),
        (int) result.warningCount(), diagnostics, keptPaths);
    LOG.info("{} {} files from {} in {} ms", how, result.files().size(), folder,
        (System.nanoTime() - t0) / 1_000_000);
    result.snapshot().ifPresent(u -> {
      if (u.problem().isPresent()) {
        LOG.warn(u.describe());
      } else {
        LOG.info(u.describe());
      }
    });
    boolean unchanged = keptPaths.isEmpty() && result.snapshot().filter(u -> u.parsed() == 0 && u.removed() == 0
        && !u.written() && u.problem().isEmpty()).isPresent();
    return new Loaded(corpus, report, unchanged);
  }

  private static Map<String, Article> byPath(Corpus corpus) {
    Map<String, Article> byPath = new HashMap<>();
    for (Article a : corpus.fullArticles()) {
      a.source().ifPresent(s -> byPath.put(s.path(), a));
    }
    return byPath;
  }
}

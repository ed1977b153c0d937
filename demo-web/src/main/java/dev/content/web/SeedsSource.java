package dev.content.web;

import dev.content.core.Article;
import dev.content.core.Corpus;
import dev.content.loader.Diagnostic;
import dev.content.loader.FileOutcome;
import dev.content.loader.LoadResult;
import dev.content.loader.SeedLoader;
import dev.content.loader.SnapshotUse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
  /**
   * The loader's name for the corpus of the last load ({@code SnapshotUse.generation()}), when that corpus
   * is exactly the loader's result (no last good article added): the library files its reopen state
   * under it instead of hashing every article.
   */
  private volatile Identified identified;
  private long generation;

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
    return index(loadCorpus());
  }

  /**
   * Loads the folder without indexing: a snapshot that serves pages at once while {@link #index}
   * builds the search index (its search answers 503 meanwhile).
   */
  Snapshot loadUnindexed() throws IOException {
    Loaded l = loadCorpus();
    return new Snapshot(++generation, Instant.now(), l.corpus, new PendingSearch(l.corpus), l.report);
  }

  /** The snapshot of {@code pending}'s corpus with its search index built. */
  Snapshot index(Snapshot pending) {
    return index(new Loaded(pending.corpus(), pending.report()));
  }

  private record Loaded(Corpus corpus, LoadReport report) {}

  /** A loaded corpus and the loader's name for it. */
  private record Identified(Corpus corpus, String identity) {}

  private Snapshot index(Loaded l) {
    long t0 = System.nanoTime();
    Identified last = identified;
    Optional<String> known = last != null && last.corpus() == l.corpus ? Optional.of(last.identity())
        : Optional.empty();
    Indexes.Indexed indexed = index.map(f -> Indexes.open(l.corpus, f, known)).orElseGet(() -> Indexes.open(l.corpus));
    LOG.info("indexed {} articles in {} ms: {}", l.corpus.size(), (System.nanoTime() - t0) / 1_000_000,
        indexed.search().state());
    return new Snapshot(++generation, Instant.now(), indexed.corpus(), indexed.search(), l.report);
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
    LoadResult result = loader.load(folder);
    Corpus loaded = result.corpus();
    List<Article> kept = new ArrayList<>();
    List<String> keptPaths = new ArrayList<>();
    // Articles by path only when a file failed: a load where every file loaded (every restart) never
    // walks the earlier corpus.
    Map<String, Article> good = null;
    for (FileOutcome f : result.files()) {
      if (f.loaded() || lastGood == null) {
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
    LOG.info("loaded {} files from {} in {} ms", result.files().size(), folder,
        (System.nanoTime() - t0) / 1_000_000);
    result.snapshot().ifPresent(u -> {
      if (u.problem().isPresent()) {
        LOG.warn(u.describe());
      } else {
        LOG.info(u.describe());
      }
    });
    return new Loaded(corpus, report);
  }

  private static Map<String, Article> byPath(Corpus corpus) {
    Map<String, Article> byPath = new HashMap<>();
    for (Article a : corpus.fullArticles()) {
      a.source().ifPresent(s -> byPath.put(s.path(), a));
    }
    return byPath;
  }
}

package dev.content.web;

import dev.content.core.Article;
import dev.content.core.Corpus;
import dev.content.loader.Diagnostic;
import dev.content.loader.FileOutcome;
import dev.content.loader.LoadResult;
import dev.content.loader.SeedLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Loads the seeds folder into {@link Snapshot}s. A file that loaded before and cannot be read now
 * keeps its last good article (listed in the report), so a half-written or broken save never takes
 * an article off the site. One load at a time: the {@link SeedsWatcher} serialises them.
 */
final class SeedsSource {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SeedsSource.class);
  private final Path folder;
  private final SeedLoader loader;
  private Map<String, Article> lastGood = Map.of();
  private long generation;

  SeedsSource(Path folder, SeedLoader loader) {
    this.folder = Objects.requireNonNull(folder, "folder must not be null");
    this.loader = Objects.requireNonNull(loader, "loader must not be null");
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

  private Snapshot index(Loaded l) {
    long t0 = System.nanoTime();
    Indexes.Indexed indexed = Indexes.open(l.corpus);
    LOG.info("indexed {} articles in {} ms", l.corpus.size(), (System.nanoTime() - t0) / 1_000_000);
    return new Snapshot(++generation, Instant.now(), indexed.corpus(), indexed.search(), l.report);
  }

  private Loaded loadCorpus() throws IOException {
    long t0 = System.nanoTime();
    LoadResult result = loader.load(folder);
    Corpus loaded = result.corpus();
    List<Article> kept = new ArrayList<>();
    List<String> keptPaths = new ArrayList<>();
    for (FileOutcome f : result.files()) {
      Article old = lastGood.get(f.path());
      if (!f.loaded() && old != null && loaded.article(old.id()).isEmpty()) {
        // The taxonomy may have changed meanwhile: keep only assignments it still knows.
        kept.add(old.toBuilder().categories(old.categories().stream()
            .filter(c -> loaded.taxonomy().contains(c.slug())).toList()).build());
        keptPaths.add(f.path() + ": " + f.reason().orElse("not loaded") + " (showing the last good version)");
      }
    }
    Corpus corpus = kept.isEmpty() ? loaded : Corpus.builder().zone(loaded.zone()).taxonomy(loaded.taxonomy())
        .addAll(loaded.fullArticles()).addAll(kept).build();
    Map<String, Article> good = new HashMap<>();
    for (Article a : corpus.fullArticles()) {
      a.source().ifPresent(s -> good.put(s.path(), a));
    }
    lastGood = good;
    List<String> diagnostics = result.diagnostics().stream().map(Diagnostic::format).toList();
    LoadReport report = new LoadReport(result.files().size(), (int) result.errorCount(),
        (int) result.warningCount(), diagnostics, keptPaths);
    LOG.info("loaded {} files from {} in {} ms", result.files().size(), folder,
        (System.nanoTime() - t0) / 1_000_000);
    return new Loaded(corpus, report);
  }
}

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
 * an article off the site. Not thread-safe: one reload at a time (the {@link SeedsWatcher} ensures it).
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

  /** Loads the folder now; throws only when the folder itself cannot be listed. */
  Snapshot load() throws IOException {
    long t0 = System.nanoTime();
    LoadResult result = loader.load(folder);
    long t1 = System.nanoTime();
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
    Indexes.Indexed indexed = Indexes.open(corpus);
    long t2 = System.nanoTime();
    LOG.info("loaded {} files from {} in {} ms, indexed in {} ms", result.files().size(), folder,
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    return new Snapshot(++generation, Instant.now(), indexed.corpus(), indexed.search(), report);
  }
}

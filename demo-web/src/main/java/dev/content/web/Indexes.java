package dev.content.web;

import dev.content.core.Corpus;
import dev.content.search.ContentLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens content-search over a loaded corpus: the one place the site builds its index. */
final class Indexes {
  private static final Logger LOG = LoggerFactory.getLogger(Indexes.class);

  private Indexes() {}

  /**
   * The final corpus (categories completed by neighbour voting, computed related edges in the graph)
   * and its search index, in memory.
   */
  static Indexed open(Corpus loaded) {
    ContentLibrary library = ContentLibrary.open(loaded);
    return new Indexed(library.corpus(), new LibrarySearch(library, Optional.empty()));
  }

  /**
   * Starts opening the library of {@code folder}'s next generation before its corpus is loaded (Lucene's
   * index, the files a restart over an unchanged corpus reuses: see {@link ContentLibrary#prepare}), so
   * that {@link #open(Corpus, IndexFolder)} then only binds them to the corpus. A folder that cannot be
   * used is only logged here: the open says so again and indexes in memory.
   */
  static void prepare(IndexFolder folder) {
    try {
      Path dir = folder.next();
      folder.prepared(dir, ContentLibrary.prepare(options(dir)));
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("cannot use the index folder {} ({})", folder.root(), e.toString());
    }
  }

  /**
   * The same with the index in the next generation of {@code folder} (the one {@link #prepare} started
   * opening, if it did), reusing what an earlier generation analysed; in memory when the folder cannot
   * be used (read-only, locked by another process), which costs only the reuse. {@code identity} is the
   * loader's name for exactly this corpus, when it has one (see {@link ContentLibrary.Opening#open(Corpus,
   * String)}).
   */
  static Indexed open(Corpus loaded, IndexFolder folder, Optional<String> identity) {
    Optional<IndexFolder.Prepared> prepared = folder.takePrepared();
    Path dir;
    if (prepared.isPresent()) {
      dir = prepared.get().dir();
    } else {
      try {
        dir = folder.next();
      } catch (IOException | UncheckedIOException e) {
        LOG.warn("cannot use the index folder {} ({}); indexing in memory", folder.root(), e.toString());
        return open(loaded);
      }
    }
    try (ContentLibrary.Opening opening = prepared.map(IndexFolder.Prepared::opening)
        .orElseGet(() -> ContentLibrary.prepare(options(dir)))) {
      long t0 = System.nanoTime();
      ContentLibrary library = identity.isPresent() ? opening.open(loaded, identity.get()) : opening.open(loaded);
      LOG.info("opened the library of {} articles in {} ms (process CPU {} ms; {})", loaded.size(),
          (System.nanoTime() - t0) / 1_000_000, Main.processCpuMillis(), phases(library.indexReport()));
      return new Indexed(library.corpus(), new LibrarySearch(library, Optional.of(dir)));
    } catch (UncheckedIOException | IllegalStateException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw e; // the server is stopping: no index is wanted any more
      }
      LOG.warn("cannot use the index folder {} ({}); indexing in memory", dir, e.getMessage());
      return open(loaded);
    }
  }

  /** The wall time of each part of the open, for the log: "lucene open 120 ms, vectors 900 ms, …". */
  static String phases(dev.content.search.IndexReport report) {
    StringBuilder b = new StringBuilder();
    report.phases().forEach((name, d) -> b.append(b.length() == 0 ? "" : ", ").append(name).append(' ')
        .append(d.toMillis()).append(" ms"));
    return b.toString();
  }

  private static ContentLibrary.Options options(Path dir) {
    return ContentLibrary.Options.builder().indexDirectory(dir).build();
  }

  /** A corpus together with the index built over it. */
  record Indexed(Corpus corpus, SiteSearch search) {}
}

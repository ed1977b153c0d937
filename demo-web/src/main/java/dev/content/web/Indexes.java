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
   * The same with the index in the next generation of {@code folder}, reusing what an earlier
   * generation analysed; in memory when the folder cannot be used (read-only, locked by another
   * process), which costs only the reuse.
   */
  static Indexed open(Corpus loaded, IndexFolder folder) {
    Path dir;
    try {
      dir = folder.next();
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("cannot use the index folder {} ({}); indexing in memory", folder.root(), e.toString());
      return open(loaded);
    }
    try {
      ContentLibrary library = ContentLibrary.open(loaded, ContentLibrary.Options.builder()
          .indexDirectory(dir).build());
      return new Indexed(library.corpus(), new LibrarySearch(library, Optional.of(dir)));
    } catch (UncheckedIOException | IllegalStateException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw e; // the server is stopping: no index is wanted any more
      }
      LOG.warn("cannot use the index folder {} ({}); indexing in memory", dir, e.getMessage());
      return open(loaded);
    }
  }

  /** A corpus together with the index built over it. */
  record Indexed(Corpus corpus, SiteSearch search) {}
}

package dev.content.web;

import dev.content.search.ContentLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the site keeps its search index on disk ({@code <seeds>/.content-index} unless {@code --index}
 * says otherwise), so a restart over an unchanged corpus reuses the analysis.
 *
 * <p>Each corpus snapshot has its own generation folder ({@code g000001}, {@code g000002}, …): a reload
 * opens its library in a new generation whose files are hard links to the current one's (Lucene never
 * rewrites a file), so the new library reuses every unchanged article's analysis while the current
 * library keeps serving from its own folder until the snapshot swap. A retired generation is deleted.
 */
final class IndexFolder {
  private static final Logger LOG = LoggerFactory.getLogger(IndexFolder.class);
  private static final String PREFIX = "g";
  private static final String LOCK = "write.lock";

  private final Path root;
  private Path current;
  private long generation;
  private Prepared prepared;

  /** A library being opened in {@code dir} before its corpus is there ({@link Indexes#prepare}). */
  record Prepared(Path dir, ContentLibrary.Opening opening) {}

  IndexFolder(Path root) {
    this.root = Objects.requireNonNull(root, "root must not be null").toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  /**
   * The generation for the next library: the newest one a previous run left (older ones and unfinished
   * copies are deleted) for the first library, a linked copy of the current one afterwards.
   */
  synchronized Path next() throws IOException {
    Files.createDirectories(root);
    if (current == null) {
      List<Path> generations = generations();
      for (Path p : list()) {
        if (!generations.isEmpty() && p.equals(generations.get(generations.size() - 1))) {
          continue;
        }
        deleteTree(p);
      }
      if (generations.isEmpty()) {
        current = root.resolve(name(1));
        generation = 1;
      } else {
        current = generations.get(generations.size() - 1);
        generation = number(current);
      }
      return current;
    }
    Path next = root.resolve(name(++generation));
    Path tmp = root.resolve(name(generation) + ".tmp");
    deleteTree(tmp);
    Files.createDirectories(tmp);
    if (Files.isDirectory(current)) {
      linkFiles(current, tmp);
    }
    Files.move(tmp, next, StandardCopyOption.ATOMIC_MOVE);
    current = next;
    return next;
  }

  /** Keeps the opening started for the generation {@code dir} until {@link #takePrepared}. */
  synchronized void prepared(Path dir, ContentLibrary.Opening opening) {
    if (prepared != null) {
      prepared.opening().close();
    }
    prepared = new Prepared(dir, opening);
  }

  /** The opening started by {@link Indexes#prepare}, once: the caller opens or closes it. */
  synchronized Optional<Prepared> takePrepared() {
    Optional<Prepared> p = Optional.ofNullable(prepared);
    prepared = null;
    return p;
  }

  /** Releases an opening nobody took (the server did not start). */
  void abandon() {
    takePrepared().ifPresent(p -> p.opening().close());
  }

  /** Deletes a generation no library uses any more; a failure is only logged. */
  void retire(Path generation) {
    try {
      deleteTree(generation);
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("cannot delete the old index generation {}: {}", generation, e.toString());
    }
  }

  private static void linkFiles(Path from, Path to) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(from)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (name.equals(LOCK) || !Files.isRegularFile(f)) {
          continue;
        }
        try {
          Files.createLink(to.resolve(name), f);
        } catch (NoSuchFileException e) {
          // Deleted by the live index meanwhile: not part of its last commit.
        } catch (IOException | UnsupportedOperationException e) {
          copy(f, to.resolve(name)); // no hard links on this file system
        }
      }
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try {
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (NoSuchFileException e) {
      // as above
    }
  }

  private List<Path> list() throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList();
    }
  }

  private List<Path> generations() throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path p : list()) {
      if (p.getFileName().toString().matches(PREFIX + "\\d{6,}") && Files.isDirectory(p)) {
        out.add(p);
      }
    }
    out.sort(Comparator.comparingLong(IndexFolder::number));
    return out;
  }

  private static long number(Path generation) {
    return Long.parseLong(generation.getFileName().toString().substring(PREFIX.length()));
  }

  private static String name(long n) {
    return String.format("%s%06d", PREFIX, n);
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }

  /** The generation folder a library was opened in, for tests. */
  Optional<Path> current() {
    return Optional.ofNullable(current);
  }
}

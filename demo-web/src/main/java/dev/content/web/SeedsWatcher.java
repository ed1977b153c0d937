package dev.content.web;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the first snapshot's search index in the background (and then, when that snapshot was read from
 * the loader's snapshot unverified, verifies it by loading the folder), then watches the seeds folder
 * (and its subfolders) and reloads in the background when files change.
 * Changes are collected for a short quiet period so that an editor's save or a copy of many files
 * causes one reload; the new snapshot replaces the old one in a single reference swap.
 */
public final class SeedsWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SeedsWatcher.class);
  private static final Duration RETIRE_AFTER = Duration.ofSeconds(60);
  private static final java.util.concurrent.ScheduledExecutorService RETIRE =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "snapshot-retire");
        t.setDaemon(true);
        return t;
      });

  private final SeedsSource source;
  private final AtomicReference<Snapshot> current;
  private final Duration quiet;
  private final Instant loadStarted;
  private final Consumer<Snapshot> onReload;
  private final WatchService watch;
  private final Thread thread;
  private final java.util.concurrent.CountDownLatch indexed = new java.util.concurrent.CountDownLatch(1);
  private final java.util.concurrent.CountDownLatch watching = new java.util.concurrent.CountDownLatch(1);

  /**
   * Indexes the current (first) snapshot in the background, then watches the folder; whatever changed
   * after {@code loadStarted} (the first snapshot's load began) is reloaded then. A first snapshot that
   * is not {@linkplain Snapshot#verified() verified} is verified once it is indexed: the folder is loaded
   * ({@link SeedsSource#verify}) and, when it differs, its snapshot is indexed and swapped in as a
   * reload's is; {@code loadStarted} must then be earlier than this call.
   */
  SeedsWatcher(SeedsSource source, AtomicReference<Snapshot> current, Duration quiet, Instant loadStarted,
      Consumer<Snapshot> onReload) throws IOException {
    this.source = Objects.requireNonNull(source, "source must not be null");
    this.current = Objects.requireNonNull(current, "current must not be null");
    this.quiet = Objects.requireNonNull(quiet, "quiet must not be null");
    this.loadStarted = Objects.requireNonNull(loadStarted, "loadStarted must not be null");
    this.onReload = Objects.requireNonNull(onReload, "onReload must not be null");
    this.watch = source.folder().getFileSystem().newWatchService();
    this.thread = new Thread(this::run, "seeds-watcher");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /**
   * Registers every folder under {@code root} that is not ignored; whether a file or folder there was
   * modified at or after {@code since} (null: not asked). The file system stamps times from a clock that
   * is never ahead of the one {@code since} was read from, so nothing written before it counts; what is
   * written after it may be stamped up to a clock tick (milliseconds) earlier, so a change in the load's
   * very first tick could go unseen (before, every change until the folders were registered did).
   */
  private boolean registerAll(Path root, Instant since) throws IOException {
    boolean[] changed = {false};
    java.nio.file.attribute.FileTime after = since == null ? null
        : java.nio.file.attribute.FileTime.from(since);
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (!dir.equals(root) && ignored(dir)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        dir.register(watch, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        changed[0] |= after != null && attrs.lastModifiedTime().compareTo(after) >= 0;
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        changed[0] |= after != null && !ignored(file) && attrs.lastModifiedTime().compareTo(after) >= 0;
        return FileVisitResult.CONTINUE;
      }
    });
    return changed[0];
  }

  /**
   * Hidden folders (the loader skips them too) and the index folder, wherever it is: the index is
   * written by every reload and must not cause the next one.
   */
  private boolean ignored(Path path) {
    Path p = path.toAbsolutePath().normalize();
    if (source.indexRoot().filter(p::startsWith).isPresent()) {
      return true;
    }
    Path rel = source.folder().toAbsolutePath().normalize().relativize(p);
    for (Path part : rel) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private void run() {
    try {
      indexFirstSnapshot();
      // After the index, not beside it: on two cores the walk would delay 'ready' (search and related
      // lists of the served corpus) by as much as it gains 'verified'.
      verifyFirstSnapshot();
      // The folders are registered once the first snapshot is indexed: the walk visits every file, and
      // would compete with the index for the cores. What changed since the load started is seen by its
      // time stamp instead, and reloaded.
      boolean changed;
      try {
        changed = registerAll(source.folder(), loadStarted);
      } catch (ClosedWatchServiceException e) {
        return; // closed meanwhile
      } catch (IOException | RuntimeException e) {
        LOG.error("cannot watch {} for changes; they are picked up only after a restart: {}", source.folder(),
            e.toString());
        return;
      } finally {
        watching.countDown();
      }
      if (changed) {
        LOG.info("{} changed while it was loaded: reloading", source.folder());
        reload();
      }
      restoreAll();
      while (!Thread.currentThread().isInterrupted()) {
        changed = drain(watch.take());
        // Wait until the folder has been quiet for a moment, then reload once.
        WatchKey more;
        while ((more = watch.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
          changed |= drain(more);
        }
        if (changed) {
          reload();
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      Thread.currentThread().interrupt();
    } finally {
      watching.countDown();
    }
  }

  /**
   * Reads every article of the served corpus once, here. A corpus read from the loader's snapshot
   * restores an article when it is first read; a page that lists the whole corpus (the category tree,
   * the graph) would otherwise restore all of them on a reader's request: seconds at 100,000 articles,
   * once. Done after 'ready' and the verification, on this one thread, so it takes no core from them.
   */
  private void restoreAll() {
    long t0 = System.nanoTime();
    Snapshot served = current.get();
    long categories = 0;
    java.util.List<dev.content.core.Article> articles = served.corpus().articles();
    for (int i = 0; i < articles.size(); i++) {
      if ((i & 1023) == 0 && Thread.currentThread().isInterrupted()) {
        return; // closing: the rest would only delay it
      }
      categories += articles.get(i).categories().size();
    }
    LOG.info("read the {} articles of generation {} in {} ms ({} category assignments)",
        served.corpus().size(), served.generation(), (System.nanoTime() - t0) / 1_000_000, categories);
  }

  /** Whether the key had an event that is not about an ignored path. */
  private boolean drain(WatchKey key) {
    boolean relevant = false;
    Path dir = key.watchable() instanceof Path p ? p : source.folder();
    for (var event : key.pollEvents()) {
      relevant |= !(event.context() instanceof Path name) || !ignored(dir.resolve(name));
    }
    if (!key.reset()) {
      key.cancel();
    }
    return relevant;
  }

  /** Builds the search index of the snapshot the server started with, then swaps it in. */
  private synchronized void indexFirstSnapshot() {
    Snapshot pending = current.get();
    try {
      if (pending.search() instanceof PendingSearch) {
        Snapshot indexed = source.index(pending);
        if (current.compareAndSet(pending, indexed)) {
          onReload.accept(indexed);
        }
      }
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        return; // closed while indexing: nothing to report
      }
      LOG.error("cannot build the search index of {}; search stays unavailable until the next change: {}",
          source.folder(), e.toString());
    } finally {
      indexed.countDown();
    }
  }

  /**
   * Loads the folder to check the first snapshot when it was read unverified; when the folder changed,
   * indexes the load's snapshot and swaps it in. A failure keeps the first snapshot, unverified.
   */
  private synchronized void verifyFirstSnapshot() {
    Snapshot served = current.get();
    if (served.verified()) {
      return;
    }
    long t0 = System.nanoTime();
    try {
      java.util.Optional<Snapshot> changed = source.verify(served);
      LOG.info(changed.isEmpty() ? "verified {} in {} ms: the folder holds what the snapshot held"
          : "verified {} in {} ms: it changed since the snapshot; serving the new corpus",
          source.folder(), (System.nanoTime() - t0) / 1_000_000);
      changed.ifPresent(this::swap);
    } catch (IOException | RuntimeException e) {
      if (!Thread.currentThread().isInterrupted()) {
        LOG.error("cannot verify {} against the corpus read from the snapshot; still serving generation {},"
            + " unverified: {}", source.folder(), current.get().generation(), e.toString());
      }
    }
  }

  /**
   * Waits until the first snapshot is indexed (or indexing failed), verified when it was read unverified
   * (or verifying failed), and the folder is watched.
   */
  boolean awaitIndexed(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    return indexed.await(timeout.toNanos(), TimeUnit.NANOSECONDS)
        && watching.await(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  /** Reloads now (also used by tests); a failure keeps the current snapshot. */
  synchronized void reload() {
    try {
      registerAll(source.folder(), null);
      swap(source.load());
    } catch (IOException | RuntimeException e) {
      LOG.warn("reload of {} failed, still serving generation {}: {}", source.folder(),
          current.get().generation(), e.toString());
    }
  }

  /** Serves {@code next} from now on; the previous snapshot's index is released a while later. */
  private void swap(Snapshot next) {
    Snapshot previous = current.getAndSet(next);
    onReload.accept(next);
    // Requests that took the previous snapshot finish long before this; then its index goes.
    RETIRE.schedule(() -> source.retire(previous), RETIRE_AFTER.toSeconds(), TimeUnit.SECONDS);
  }

  @Override
  public void close() throws IOException {
    thread.interrupt();
    watch.close();
    // An index build still running would go on writing into the index folder after close (a test's
    // temporary folder, or the next run's): wait a while for it.
    if (Thread.currentThread() != thread) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

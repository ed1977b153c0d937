package dev.content.web;

import dev.content.loader.SeedLoader;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts the site: {@code java -jar demo-web.jar [--seeds DIR] [--index DIR] [--port 7070] [--host 127.0.0.1]}.
 * Exit code 2 for a usage error, 1 when the seeds folder cannot be read or the port is taken. The
 * server runs in a second JVM with a class-data-sharing archive ({@link Launcher}).
 */
public final class Main {
  private static final String USAGE = """
      usage: java -jar demo-web.jar [--seeds DIR] [--index DIR] [--port PORT] [--host HOST]
        --seeds DIR   folder of seed *.txt files (default ./seeds); changes are picked up live
        --index DIR   where the search index and the corpus snapshot are kept between runs, so
                      that a restart over an unchanged corpus reuses them (default: the hidden
                      folder .content-index in the seeds folder; in memory when it cannot be
                      written)
        --port PORT   TCP port, 0 for any free port (default 7070)
        --host HOST   address to listen on (default 127.0.0.1)
      """;

  /** The loader's corpus snapshot's file name in the index folder (the name demo-cli uses too). */
  static final String CORPUS_SNAPSHOT = "corpus.snapshot";

  /** What {@link #run} returns when the server started and is serving. */
  static final int RUNNING = -1;

  private Main() {}

  public static void main(String[] args) {
    if (!Launcher.isServer()) {
      java.util.OptionalInt launched = Launcher.launch(args);
      if (launched.isPresent()) {
        System.exit(launched.getAsInt());
      }
    }
    skipJettysMBeanServer();
    int code = run(args, System.out, System.err, server -> { });
    if (code != RUNNING) {
      System.exit(code);
    }
    // The server's threads keep the process running until it is stopped.
  }

  /** Parses the arguments and starts the server: {@link #RUNNING}, or the exit code when it did not start. */
  static int run(String[] args, PrintStream out, PrintStream err,
      java.util.function.Consumer<Server> onStart) {
    Path seeds = Path.of("seeds");
    Path index = null;
    int port = 7070;
    String host = "127.0.0.1";
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        out.print(USAGE);
        return 0;
      }
      if (i + 1 >= args.length || !(a.equals("--seeds") || a.equals("--index") || a.equals("--port") || a.equals("--host"))) {
        err.println("demo-web: " + (a.startsWith("--") && i + 1 >= args.length
            ? "option " + a + " needs a value" : "unknown argument '" + a + "'"));
        err.print(USAGE);
        return 2;
      }
      String v = args[++i];
      switch (a) {
        case "--seeds" -> seeds = Path.of(v);
        case "--index" -> index = Path.of(v);
        case "--host" -> host = v;
        default -> {
          try {
            port = Integer.parseInt(v);
            if (port < 0 || port > 65535) {
              throw new NumberFormatException();
            }
          } catch (NumberFormatException e) {
            err.println("demo-web: --port must be a number from 0 to 65535, was '" + v + "'");
            return 2;
          }
        }
      }
    }
    if (!Files.isDirectory(seeds)) {
      err.println("demo-web: seeds folder " + seeds.toAbsolutePath() + " does not exist or is not a folder");
      return 1;
    }
    long started = System.nanoTime();
    try {
      Server server = Server.start(seeds, index == null ? defaultIndex(seeds) : index, host, port);
      onStart.accept(server);
      Snapshot s = server.snapshot();
      out.printf("demo-web: %d articles (%d stubs), %d diagnostics from %s, serving after %d ms"
          + " (process CPU %d ms; %ssearch index building in the background)%n",
          s.corpus().fullArticles().size(), s.corpus().size() - s.corpus().fullArticles().size(),
          s.report().diagnostics().size(), seeds.toAbsolutePath().normalize(),
          (System.nanoTime() - started) / 1_000_000, processCpuMillis(),
          server.startedUnverified() ? "read from the corpus snapshot, the folder is being verified and " : "");
      out.println("demo-web: serving http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
          + server.port() + "/");
      out.flush();
      return RUNNING;
    } catch (IOException e) {
      err.println("demo-web: cannot read " + seeds + ": " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      err.println("demo-web: cannot start on " + host + ":" + port + ": " + rootMessage(e));
      return 1;
    }
  }

  /** Jetty's system property for the number of object references in a CPU cache line. */
  static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

  /**
   * Tells Jetty how many object references fill a cache line, which it otherwise asks the platform
   * MBean server (whether compressed references are on): starting that server registers every
   * platform MBean, about 200 classes loaded and initialised while the site starts, for a padding size.
   * References are compressed (4 bytes, 16 in Jetty's 64-byte line) for heaps under 32 GB, the JVM's
   * default; a wrong guess only pads some of Jetty's counters differently. A value given with -D stays.
   */
  static void skipJettysMBeanServer() {
    if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
      System.setProperty(REFERENCES_PER_CACHE_LINE,
          Runtime.getRuntime().maxMemory() < (32L << 30) ? "16" : "8");
    }
  }

  /** CPU time of the whole process so far (every thread: JIT compilers and GC included), for the log. */
  static long processCpuMillis() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
  }

  /** The index lives with the corpus it indexes, hidden so that neither loader nor watcher sees it. */
  static Path defaultIndex(Path seeds) {
    return seeds.resolve(".content-index");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  /** A running site with its live-reloading seeds folder. */
  public static final class Server implements AutoCloseable {
    private final Javalin app;
    private final AtomicReference<Snapshot> current;
    private final SeedsWatcher watcher;
    private final boolean startedUnverified;

    private Server(Javalin app, AtomicReference<Snapshot> current, SeedsWatcher watcher,
        boolean startedUnverified) {
      this.app = app;
      this.current = current;
      this.watcher = watcher;
      this.startedUnverified = startedUnverified;
    }

    /** {@link #start(Path, Path, String, int)} with the index in {@code <seeds>/.content-index}. */
    public static Server start(Path seeds, String host, int port) throws IOException {
      return start(seeds, defaultIndex(seeds), host, port);
    }

    /**
     * Loads {@code seeds}, starts serving it on host:port, builds the search index in the background
     * (search answers 503 until then; an index left in {@code index} by an earlier run is reused) and
     * watches the folder for changes. A restart serves the corpus an earlier run left in the index
     * folder's corpus snapshot at once, without listing the folder, and verifies it in the background
     * (a folder that changed meanwhile is then served as a reload would; see {@link Snapshot#verified()}).
     */
    public static Server start(Path seeds, Path index, String host, int port) throws IOException {
      AtomicReference<Snapshot> current = new AtomicReference<>();
      CompletableFuture<Javalin> started = new CompletableFuture<>();
      // The site is configured and started first, on a thread of its own, while this one sets up the
      // loader and the index and loads the corpus (Javalin, Jetty, templates: mostly class loading):
      // requests that come before the corpus is loaded wait for it (see Site#create). Not the common
      // pool: on two cores it has one worker, which the loader's and the corpus's parallel streams need.
      Thread starter = new Thread(() -> {
        try {
          Javalin app = Site.create(current::get);
          try {
            app.start(host, port);
          } catch (RuntimeException e) {
            started.completeExceptionally(e);
            return;
          }
          started.complete(app);
          warmUp();
        } catch (Throwable e) {
          started.completeExceptionally(e);
        }
      }, "site-start");
      starter.setDaemon(true);
      starter.start();
      SeedsWatcher watcher = null;
      IndexFolder folder = null;
      try {
        // The loader's corpus snapshot lives beside the index: a restart over an unchanged corpus reads no
        // article file, and lazy bodies are read back from the snapshot (never from the files), so the
        // corpus still served while an edited folder reloads keeps every body it had.
        SeedLoader loader = SeedLoader.builder().snapshot(index.resolve(CORPUS_SNAPSHOT)).build();
        folder = new IndexFolder(index);
        // The index is opened (Lucene, the files a restart over an unchanged corpus reuses) while the corpus
        // loads.
        Indexes.prepare(folder);
        SeedsSource source = new SeedsSource(seeds, loader, Optional.of(folder));
        Instant loadStarted = Instant.now();
        // A restart does not wait for the folder's walk (100,000 files stat-ed and compared with the
        // snapshot: seconds): the snapshot's corpus is served while the watcher verifies it.
        Optional<Snapshot> stored = source.loadUnverified();
        if (stored.isPresent()) {
          current.set(stored.get());
          loadStarted = Instant.now(); // the verification's walk starts after this
        } else {
          current.set(source.loadUnindexed());
        }
        // The index is bound to the corpus in the background while the server starts; pages are served
        // at once. A port that is taken stops it again.
        watcher = new SeedsWatcher(source, current, Duration.ofMillis(300), loadStarted, s -> { });
        Javalin app = started.join();
        return new Server(app, current, watcher, stored.isPresent());
      } catch (IOException | RuntimeException e) {
        // A server that started while the corpus could not be loaded stops again.
        started.thenAccept(Javalin::stop);
        if (watcher != null) {
          watcher.close();
          Snapshot s = current.get();
          if (s != null) {
            s.search().close(); // the index folder's lock
          }
        }
        if (folder != null) {
          folder.abandon();
        }
        throw e;
      }
    }

    /**
     * Loads and initialises what the first requests and responses need and the site's configuration did
     * not touch, so that it happens beside the load instead of after it: Jetty's MIME types (which list
     * every locale the JVM has) and the JSON writer of the first answers.
     */
    private static void warmUp() {
      try {
        Class.forName("org.eclipse.jetty.http.MimeTypes", true, Main.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        // Another Jetty: nothing to warm.
      }
      // The JSON generator of /health and /api/articles.
      Json.error(503, "warm_up", "预热");
    }

    public Snapshot snapshot() {
      return current.get();
    }

    /** Whether the server started with the corpus snapshot of an earlier run, unverified. */
    public boolean startedUnverified() {
      return startedUnverified;
    }

    public int port() {
      return app.port();
    }

    /**
     * Waits until the search index of the first snapshot is built, a snapshot served unverified is
     * verified (or replaced), and the folder is watched.
     */
    public boolean awaitIndexed(Duration timeout) throws InterruptedException {
      return watcher.awaitIndexed(timeout);
    }

    /** Reloads the folder now, as the watcher would. */
    void reloadNow() {
      watcher.reload();
    }

    @Override
    public void close() throws IOException {
      watcher.close();
      app.stop();
      current.get().search().close(); // releases the index folder's lock; the folder stays for the next run
    }
  }
}

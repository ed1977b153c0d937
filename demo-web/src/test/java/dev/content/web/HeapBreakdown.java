package dev.content.web;

import dev.content.core.Corpus;
import dev.content.loader.SeedLoader;
import dev.content.search.ContentLibrary;
import dev.content.search.SimilarityIndex;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A harness, not a test: the live heap the site's parts hold, step by step, over one seeds folder.
 * {@code java -cp demo-web/target/demo-web.jar:demo-web/target/test-classes dev.content.web.HeapBreakdown DIR}
 * (with {@code -Xmx2g}; the index goes to a temporary folder). Each figure is the used heap after a
 * full collection, so a step's figure minus the one before is what that step keeps alive.
 */
public final class HeapBreakdown {
  private HeapBreakdown() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    long base = live();
    report("JVM and classes", base, 0);
    Corpus loaded = SeedLoader.create().load(folder).corpus();
    long corpus = live();
    report("loaded corpus (" + loaded.size() + " articles with stubs)", corpus, base);

    SimilarityIndex sim = SimilarityIndex.of(loaded);
    long withSim = live();
    report("similarity vectors alone (SimilarityIndex.of)", withSim, corpus);
    sim = null;

    ContentLibrary inMemory = ContentLibrary.open(loaded);
    long memLib = live();
    report("ContentLibrary in memory (the old demo-web): Lucene in the heap, vectors, final corpus, related",
        memLib, corpus);
    inMemory.close();
    inMemory = null;

    Path dir = Files.createTempDirectory("heap-breakdown-index");
    ContentLibrary onDisk = ContentLibrary.open(loaded, ContentLibrary.Options.builder().indexDirectory(dir).build());
    long diskLib = live();
    report("ContentLibrary on disk (demo-web now): vectors, final corpus, related, Lucene readers", diskLib, corpus);
    Corpus plain = onDisk.corpus().withComputedRelations(java.util.Map.of());
    long noRelated = live();
    report("  (a copy of the final corpus without computed edges, for scale)", noRelated, diskLib);
    plain = null;

    Snapshot s = new Snapshot(2, java.time.Instant.now(), onDisk.corpus(), new LibrarySearch(onDisk, Optional.of(dir)),
        LoadReport.none());
    loaded = null;
    long snapshot = live();
    report("snapshot serving (loaded corpus dropped, final corpus kept)", snapshot, base);
    int n = 0;
    for (var a : s.corpus().fullArticles()) {
      s.cached(Urls.article(a.id()), "text/html", k -> new byte[15_000]);
      n++;
    }
    long cached = live();
    report("after caching " + n + " pages of 15 KB (bounded to " + (Snapshot.CACHE_BYTES >> 20) + " MB)",
        cached, snapshot);
    System.out.println("total live " + mb(cached));
    onDisk.close();
  }

  private static void report(String what, long now, long before) {
    System.out.printf("%-100s %8s  (+%s)%n", what, mb(now), mb(now - before));
  }

  private static String mb(long bytes) {
    return String.format("%.1f MB", bytes / 1e6);
  }

  private static long live() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}

package dev.content.bench;

import dev.content.core.Article;
import dev.content.core.CategoryAssignment;
import dev.content.core.ComputedRelations;
import dev.content.core.Corpus;
import dev.content.core.Relation;
import dev.content.core.RelatedEntry;
import dev.content.core.Taxonomy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The core's part of a restart, in a fresh JVM: {@code java -cp CLASSPATH dev.content.bench.RestoreCorpus
 * [ARTICLES] [ROUNDS]} (100,000 and 1 by default; the class path is in BENCHMARKS.md) makes that many
 * synthetic stored articles (generator-like 16-hex ids, 3% stubs, 3 to 7 page targets each, 10 computed
 * targets each, held by position as a library keeps them), then times what a reopened library does with
 * them: {@link Corpus#ofStored}, {@link Corpus#withCategories} (the stubs filed),
 * {@link Corpus#withComputedRelations(ComputedRelations)}, and the first questions whose answers a lazy
 * graph makes when asked. Prints one line per step: wall, this thread's CPU and the whole process's CPU
 * milliseconds (JIT compiler threads included). Only the first round in a JVM is the restart figure;
 * later rounds show the warm cost.
 */
public final class RestoreCorpus {
  private RestoreCorpus() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    Data data = new Data(n, 1);
    for (int r = 0; r < rounds; r++) {
      // Fresh strings each round, as a snapshot decodes them: no cached hash codes.
      data.freshIds();
      run(data, r);
    }
  }

  private static void run(Data data, int round) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Step step = new Step(mx, round);
    Corpus stored = Corpus.ofStored(ZoneId.of("Asia/Shanghai"), data.taxonomy, data.stored());
    step.mark("ofStored");
    Map<String, List<CategoryAssignment>> filed = data.filedStubs();
    step.mark("(assignments made)");
    Corpus assigned = stored.withCategories(stored.taxonomy(), filed);
    step.mark("withCategories(" + filed.size() + ")");
    Corpus computed = assigned.withComputedRelations(data.computed(assigned));
    step.mark("withComputedRelations");
    String some = data.ids[data.ids.length / 2];
    int related = computed.graph().successors(some).size();
    step.mark("first successors (" + related + ")");
    // What a server's health check asks (every node's targets), then the first backlinks (who points at each).
    int edges = computed.graph().edgeCount();
    step.mark("first edgeCount (" + edges + ")");
    int backlinks = computed.graph().predecessors(some).size();
    step.mark("first predecessors (" + backlinks + ")");
    step.total();
  }

  /** Times steps in wall and this thread's CPU time. */
  private static final class Step {
    private final ThreadMXBean mx;
    private final int round;
    private final long wall0 = System.nanoTime();
    private final long cpu0;
    private final long proc0 = processCpu();
    private long wall;
    private long cpu;
    private long proc = proc0;

    Step(ThreadMXBean mx, int round) {
      this.mx = mx;
      this.round = round;
      this.cpu0 = mx.getCurrentThreadCpuTime();
      this.wall = wall0;
      this.cpu = cpu0;
    }

    void mark(String what) {
      long w = System.nanoTime();
      long c = mx.getCurrentThreadCpuTime();
      long p = processCpu();
      System.out.printf(Locale.ROOT, "round=%d step=%-32s ms=%7.1f cpuMs=%7.1f processCpuMs=%7.1f%n", round, what,
          (w - wall) / 1e6, (c - cpu) / 1e6, (p - proc) / 1e6);
      wall = w;
      cpu = c;
      proc = p;
    }

    void total() {
      System.out.printf(Locale.ROOT, "round=%d step=%-32s ms=%7.1f cpuMs=%7.1f processCpuMs=%7.1f%n", round,
          "total", (System.nanoTime() - wall0) / 1e6, (mx.getCurrentThreadCpuTime() - cpu0) / 1e6,
          (processCpu() - proc0) / 1e6);
    }

    /** The CPU time of every thread of the process (parallel steps run on the common pool too). */
    private static long processCpu() {
      return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }
  }

  /** Synthetic stored articles with their page targets and computed lists, in corpus order. */
  private static final class Data {
    final Taxonomy taxonomy = Taxonomy.of(List.of(new dev.content.core.Category("loans", "网贷", Optional.empty(), "",
        1)));
    final String[] ids;
    final boolean[] stubs;
    final int[][] pageTargets;
    /** The computed lists as a library keeps them: flat, by position. */
    final int[] edgeStart;
    final int[] edgeTarget;

    Data(int n, long seed) {
      SplittableRandom rnd = new SplittableRandom(seed);
      ids = new String[n];
      stubs = new boolean[n];
      for (int i = 0; i < n; i++) {
        stubs[i] = rnd.nextInt(100) < 3;
      }
      List<Integer> full = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (!stubs[i]) {
          full.add(i);
        }
      }
      pageTargets = new int[n][];
      for (int i = 0; i < n; i++) {
        if (stubs[i]) {
          pageTargets[i] = new int[0];
          continue;
        }
        int k = 3 + rnd.nextInt(5);
        int[] t = new int[k];
        int m = 0;
        while (m < k) {
          int x = rnd.nextInt(n);
          if (x != i && !contains(t, m, x)) {
            t[m++] = x;
          }
        }
        pageTargets[i] = t;
      }
      edgeStart = new int[n + 1];
      List<int[]> lists = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int[] t = new int[stubs[i] ? 0 : 10];
        int m = 0;
        while (m < t.length) {
          int x = full.get(rnd.nextInt(full.size()));
          if (x != i && !contains(t, m, x)) {
            t[m++] = x;
          }
        }
        lists.add(t);
        edgeStart[i + 1] = edgeStart[i] + t.length;
      }
      edgeTarget = new int[edgeStart[n]];
      for (int i = 0; i < n; i++) {
        System.arraycopy(lists.get(i), 0, edgeTarget, edgeStart[i], lists.get(i).length);
      }
      this.rnd = rnd;
    }

    private final SplittableRandom rnd;

    void freshIds() {
      for (int i = 0; i < ids.length; i++) {
        ids[i] = stubs[i] ? "s-" + hex(rnd.nextLong()) : hex(rnd.nextLong());
      }
    }

    private static String hex(long v) {
      char[] c = new char[16];
      for (int k = 15; k >= 0; k--) {
        c[k] = Character.forDigit((int) (v & 0xF), 16);
        v >>>= 4;
      }
      return new String(c);
    }

    private static boolean contains(int[] a, int length, int x) {
      for (int i = 0; i < length; i++) {
        if (a[i] == x) {
          return true;
        }
      }
      return false;
    }

    Corpus.StoredArticles stored() {
      return new Corpus.StoredArticles() {
        @Override
        public int size() {
          return ids.length;
        }

        @Override
        public String id(int position) {
          return ids[position];
        }

        @Override
        public boolean stub(int position) {
          return stubs[position];
        }

        @Override
        public int[] pageTargets(int position) {
          return pageTargets[position];
        }

        @Override
        public boolean ownsTitle(int position) {
          return true;
        }

        @Override
        public Article article(int position) {
          if (stubs[position]) {
            // As a decoder makes it: the stored id, no hashing of the title.
            return new Article(ids[position], true, "没有文件的第" + position + "篇", Optional.empty(),
                Optional.empty(), java.util.OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), List.of(), List.of(), Optional.empty());
          }
          List<RelatedEntry> related = new ArrayList<>();
          for (int t : pageTargets[position]) {
            related.add(new RelatedEntry("第" + t + "篇", Optional.empty(), Optional.empty(), Optional.of(ids[t]),
                Optional.empty()));
          }
          return Article.builder(ids[position], "第" + position + "篇").related(related).build();
        }
      };
    }

    /** The stubs, filed into a category (what a reopen assigns: the changes the category stage made). */
    Map<String, List<CategoryAssignment>> filedStubs() {
      CategoryAssignment loans = new CategoryAssignment("loans", CategoryAssignment.Source.NEIGHBOURS, 0.5,
          "邻居投票", List.of());
      Map<String, List<CategoryAssignment>> out = new HashMap<>();
      for (int i = 0; i < ids.length; i++) {
        if (stubs[i]) {
          out.put(ids[i], List.of(loans));
        }
      }
      return out;
    }

    /** The computed lists held by position, as a library restores them. */
    ComputedRelations computed(Corpus corpus) {
      return new ComputedRelations() {
        @Override
        public List<String> targets(String source) {
          int i = corpus.articles().indexOf(corpus.require(source));
          List<String> out = new ArrayList<>();
          for (int e = edgeStart[i]; e < edgeStart[i + 1]; e++) {
            out.add(ids[edgeTarget[e]]);
          }
          return out;
        }

        @Override
        public int[] targetPositions(int i) {
          return java.util.Arrays.copyOfRange(edgeTarget, edgeStart[i], edgeStart[i + 1]);
        }

        @Override
        public List<Relation> relations(String source) {
          List<Relation> out = new ArrayList<>();
          for (String t : targets(source)) {
            out.add(new Relation(source, t, Relation.Kind.COMPUTED, 0.5, List.of()));
          }
          return out;
        }
      };
    }
  }
}

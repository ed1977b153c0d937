package dev.content.search.internal;

import dev.content.search.SharedTerm;
import dev.content.search.SimilarArticle;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import java.util.zip.CRC32;

/**
 * The computed related lists of every article, held as flat columns (targets and scores, shared terms as
 * ids of one term table with their weights) and kept in the index folder ({@code related-lists.bin})
 * so that a restart over an unchanged corpus computes none of them and creates no objects for them:
 * {@link #similar} makes an article's list when it is read.
 *
 * <p>The file carries a key: a hash of everything the lists depend on (similarity version and settings,
 * the frozen statistics' id, every article's id, text hash and kind, and its explicit targets). The
 * lists are read back only under the same key; another key, or a missing or damaged file, reads as
 * absent and they are computed afresh (see {@link BinaryFile}).
 *
 * <h2>Reading a restart's lists without reading the file</h2>
 * The file is a directory (each list's start, every target, each list's CRC-32 and the term table) and
 * the lists' scores and shared terms, most of its 80 MB at 100,000 articles. {@link #map} checks the
 * directory's CRC-32 and copies the targets (the graph reads every list's targets when it is built);
 * the rest stays in the memory map and each list is checked against its own CRC-32 when it is read.
 * A list that fails its check, or whose targets or term ids do not fit, is never served: it is logged
 * (once per file), computed again from the similarity index ({@link Unbound#bind}'s {@code recompute})
 * and kept, and the caller's {@code damaged} action runs (a library deletes its reopen state, so that
 * the next open takes the ordinary path, which checks the whole file with {@link #read} and computes
 * every list again). A damaged directory reads as absent at once.
 */
public final class RelatedStore {
  static final String FILE = "related-lists.bin";
  private static final String MAGIC = "content-search related lists 3";

  /** The articles' ids in order, gathered when a list's ids are first read. */
  private final java.util.function.Supplier<List<String>> ids;
  private final Unbound lists;
  private final Path file;
  private final IntFunction<List<SimilarArticle>> recompute;
  private final Runnable damaged;
  /** Lists computed again because their stored form was damaged, by article position. */
  private final Map<Integer, Repaired> repaired = new ConcurrentHashMap<>();
  private final AtomicBoolean logged = new AtomicBoolean();

  private RelatedStore(java.util.function.Supplier<List<String>> ids, Unbound lists, Path file,
      IntFunction<List<SimilarArticle>> recompute, Runnable damaged) {
    this.ids = ids;
    this.lists = lists;
    this.file = file;
    this.recompute = recompute;
    this.damaged = damaged;
  }

  /**
   * The lists of the articles {@code ids} (one per id, same order; scores and term weights must be
   * floats, as {@link VectorModel} makes them, so that storing and reading gives back equal values).
   */
  public static RelatedStore of(List<String> ids, List<List<SimilarArticle>> lists) {
    Map<String, Integer> position = new HashMap<>(ids.size() * 4 / 3 + 1);
    for (int i = 0; i < ids.size(); i++) {
      position.put(ids.get(i), i);
    }
    Map<String, Integer> termIndex = new HashMap<>();
    List<String> terms = new ArrayList<>();
    int edges = 0;
    int shared = 0;
    for (List<SimilarArticle> list : lists) {
      edges += list.size();
      for (SimilarArticle s : list) {
        shared += s.sharedTerms().size();
      }
    }
    int[] edgeStart = new int[ids.size() + 1];
    int[] edgeTarget = new int[edges];
    float[] edgeScore = new float[edges];
    int[] termStart = new int[edges + 1];
    int[] termId = new int[shared];
    float[] termWeight = new float[shared];
    int e = 0;
    int t = 0;
    for (int i = 0; i < ids.size(); i++) {
      for (SimilarArticle s : lists.get(i)) {
        edgeTarget[e] = position.get(s.id());
        edgeScore[e] = (float) s.score();
        for (SharedTerm x : s.sharedTerms()) {
          termId[t] = termIndex.computeIfAbsent(x.term(), k -> {
            terms.add(k);
            return terms.size() - 1;
          });
          termWeight[t++] = (float) x.weight();
        }
        termStart[++e] = t;
      }
      edgeStart[i + 1] = e;
    }
    String[] table = terms.toArray(String[]::new);
    Unbound u = new Unbound(ids.size(), edgeStart, edgeTarget, null, table.length, table::clone,
        FloatBuffer.wrap(edgeScore), IntBuffer.wrap(termStart), IntBuffer.wrap(termId), FloatBuffer.wrap(termWeight),
        null);
    u.terms = table;
    List<String> copy = List.copyOf(ids);
    return new RelatedStore(() -> copy, u, null, null, () -> { });
  }

  /** The targets of article {@code i}'s list, best first. */
  public List<String> targets(int i) {
    int[] positions = targetPositions(i);
    List<String> all = ids.get();
    List<String> out = new ArrayList<>(positions.length);
    for (int p : positions) {
      out.add(all.get(p));
    }
    return out;
  }

  /** The targets of article {@code i}'s list as positions in the ids' order, best first. */
  public int[] targetPositions(int i) {
    Repaired fixed = repaired.get(i);
    if (fixed == null) {
      try {
        return lists.targetPositions(i);
      } catch (BinaryFile.Damaged e) {
        fixed = repair(i, e);
      }
    }
    return fixed.positions().clone();
  }

  /** Article {@code i}'s list, best first, made now. */
  public List<SimilarArticle> similar(int i) {
    Repaired fixed = repaired.get(i);
    if (fixed == null) {
      try {
        return lists.similar(i, ids.get());
      } catch (BinaryFile.Damaged e) {
        fixed = repair(i, e);
      }
    }
    return new ArrayList<>(fixed.list());
  }

  /** A list computed again, with its targets' positions. */
  private record Repaired(List<SimilarArticle> list, int[] positions) {}

  /** List {@code i} computed again in place of its damaged stored form (see the class comment). */
  private Repaired repair(int i, BinaryFile.Damaged e) {
    if (recompute == null) {
      throw new IllegalStateException("related list " + i + " cannot be read: " + e.getMessage(), e);
    }
    if (logged.compareAndSet(false, true)) {
      BinaryFile.damaged(file, e);
    }
    damaged.run();
    return repaired.computeIfAbsent(i, k -> {
      List<SimilarArticle> list = List.copyOf(recompute.apply(k));
      // Rare (a damaged file), so the ids are searched rather than indexed.
      List<String> all = ids.get();
      return new Repaired(list, list.stream().mapToInt(s -> all.indexOf(s.id())).toArray());
    });
  }

  /** The number of edges over all lists. */
  public int edges() {
    return lists.edgeTarget.length;
  }

  /** Keeps the lists in the folder under {@code key}. */
  public void write(Path folder, String key) {
    Unbound u = lists;
    int n = u.n;
    // Each list's scores and shared terms are checked by a CRC-32 of their bytes in the file's order.
    int[] listCrc = new int[n];
    ByteBuffer bytes = ByteBuffer.allocate(1 << 12);
    CRC32 crc = new CRC32();
    for (int i = 0; i < n; i++) {
      int e0 = u.edgeStart[i];
      int e1 = u.edgeStart[i + 1];
      int t0 = u.termStart.get(e0);
      int t1 = u.termStart.get(e1);
      int size = 4 * ((e1 - e0) + (e1 - e0 + 1) + 2 * (t1 - t0));
      if (bytes.capacity() < size) {
        bytes = ByteBuffer.allocate(Math.max(size, 2 * bytes.capacity()));
      }
      bytes.clear();
      for (int e = e0; e < e1; e++) {
        bytes.putFloat(u.edgeScore.get(e));
      }
      for (int e = e0; e <= e1; e++) {
        bytes.putInt(u.termStart.get(e));
      }
      for (int t = t0; t < t1; t++) {
        bytes.putInt(u.termId.get(t));
      }
      for (int t = t0; t < t1; t++) {
        bytes.putFloat(u.termWeight.get(t));
      }
      bytes.flip();
      crc.reset();
      crc.update(bytes);
      listCrc[i] = (int) crc.getValue();
    }
    try (BinaryFile.Writer w = new BinaryFile.Writer(folder.resolve(FILE), MAGIC, key)) {
      w.integer(n).ints(u.edgeStart).ints(u.edgeTarget).ints(listCrc).strings(u.terms()).checkpoint()
          .floats(floats(u.edgeScore)).ints(ints(u.termStart)).ints(ints(u.termId)).floats(floats(u.termWeight))
          .commit();
    }
  }

  private static int[] ints(IntBuffer b) {
    if (b.hasArray()) {
      return b.array();
    }
    int[] a = new int[b.limit()];
    b.get(0, a);
    return a;
  }

  private static float[] floats(FloatBuffer b) {
    if (b.hasArray()) {
      return b.array();
    }
    float[] a = new float[b.limit()];
    b.get(0, a);
    return a;
  }

  /**
   * The lists kept under {@code key}, for the articles {@code ids} (same order as when written), the
   * whole file checked first (its checksum, then its directory); {@code recompute} makes a list again
   * should one not fit after all.
   */
  public static Optional<RelatedStore> read(Path folder, String key, List<String> ids,
      IntFunction<List<SimilarArticle>> recompute) {
    Path file = folder.resolve(FILE);
    return BinaryFile.open(file, MAGIC, key).flatMap(r -> unbound(file, r))
        .flatMap(u -> u.bind(ids.size(), () -> ids, folder, recompute, () -> { }));
  }

  /**
   * The lists kept under {@code key}, mapped, with only their directory read and checked (see the class
   * comment), before the articles they belong to are known ({@link Unbound#bind} gives them their ids).
   */
  public static Optional<Unbound> map(Path folder, String key) {
    Path file = folder.resolve(FILE);
    return BinaryFile.map(file, MAGIC, key).flatMap(r -> unbound(file, r));
  }

  private static Optional<Unbound> unbound(Path file, BinaryFile.Reader r) {
    try {
      int n = r.integer();
      IntBuffer edgeStart = r.section(4).asIntBuffer();
      IntBuffer edgeTarget = r.section(4).asIntBuffer();
      IntBuffer listCrc = r.section(4).asIntBuffer();
      IntBuffer termEnds = r.section(4).asIntBuffer();
      java.nio.CharBuffer termChars = r.section(2).asCharBuffer();
      r.checkpoint();
      ByteBuffer scores = r.section(4);
      ByteBuffer termStart = r.section(4);
      ByteBuffer termId = r.section(4);
      ByteBuffer termWeight = r.section(4);
      r.end();
      int edges = edgeTarget.limit();
      if (edgeStart.limit() != n + 1 || listCrc.limit() != n || scores.limit() != 4 * edges
          || termStart.limit() != 4 * (edges + 1) || termWeight.limit() != termId.limit()) {
        throw new BinaryFile.Damaged("sections of different lengths");
      }
      // The directory is checked; its two columns the graph reads for every list are copied in bulk.
      int[] starts = new int[n + 1];
      edgeStart.get(0, starts);
      int[] targets = new int[edges];
      edgeTarget.get(0, targets);
      int[] crcs = new int[n];
      listCrc.get(0, crcs);
      if (starts[0] != 0 || starts[n] != edges) {
        throw new BinaryFile.Damaged("list starts do not cover the edges");
      }
      return Optional.of(new Unbound(n, starts, targets, crcs, termEnds.limit(), () -> {
        String[] out = new String[termEnds.limit()];
        for (int j = 0; j < out.length; j++) {
          out[j] = Unbound.term(termEnds, termChars, j);
        }
        return out;
      }, scores.asFloatBuffer(), termStart.asIntBuffer(), termId.asIntBuffer(), termWeight.asFloatBuffer(),
          new Unbound.Mapped(scores, termStart, termId, termWeight, termEnds, termChars)));
    } catch (RuntimeException e) {
      BinaryFile.damaged(file, e);
      return Optional.empty();
    }
  }

  /**
   * The lists of {@code n} articles as columns, read from the folder, waiting for the ids of the
   * articles they belong to ({@link #bind}). Safe for several threads: the columns are only read with
   * absolute gets.
   */
  public static final class Unbound {
    private final int n;
    private final int[] edgeStart;
    private final int[] edgeTarget;
    /** Each list's CRC-32 over its bytes in the file; null for lists made in memory. */
    private final int[] listCrc;
    private final int termCount;
    private final java.util.function.Supplier<String[]> allTerms;
    private final FloatBuffer edgeScore;
    private final IntBuffer termStart;
    private final IntBuffer termId;
    private final FloatBuffer termWeight;
    private final Mapped mapped;
    /** The term table as far as decoded (a racy cache: a term may be decoded twice, never wrongly). */
    private volatile String[] terms;
    private final String[] termCache;

    /** The mapped sections a list is checked and its terms decoded from. */
    private record Mapped(ByteBuffer scores, ByteBuffer termStart, ByteBuffer termId, ByteBuffer termWeight,
        IntBuffer termEnds, java.nio.CharBuffer termChars) {}

    private Unbound(int n, int[] edgeStart, int[] edgeTarget, int[] listCrc, int termCount,
        java.util.function.Supplier<String[]> allTerms, FloatBuffer edgeScore, IntBuffer termStart,
        IntBuffer termId, FloatBuffer termWeight, Mapped mapped) {
      this.n = n;
      this.edgeStart = edgeStart;
      this.edgeTarget = edgeTarget;
      this.listCrc = listCrc;
      this.termCount = termCount;
      this.allTerms = allTerms;
      this.edgeScore = edgeScore;
      this.termStart = termStart;
      this.termId = termId;
      this.termWeight = termWeight;
      this.mapped = mapped;
      this.termCache = mapped == null ? null : new String[termCount];
    }

    /** Every term of the table, in order (for {@link RelatedStore#write}). */
    private String[] terms() {
      String[] t = terms;
      if (t == null) {
        t = allTerms.get();
        terms = t;
      }
      return t;
    }

    /** The edges of list {@code i}, checked to lie in order inside the columns. */
    private int start(int i) {
      int e0 = edgeStart[i];
      int e1 = edgeStart[i + 1];
      if (e0 < 0 || e1 < e0 || e1 > edgeTarget.length) {
        throw new BinaryFile.Damaged("related list " + i + " out of order");
      }
      return e0;
    }

    int[] targetPositions(int i) {
      int e0 = start(i);
      int[] out = java.util.Arrays.copyOfRange(edgeTarget, e0, edgeStart[i + 1]);
      for (int t : out) {
        if (t < 0 || t >= n) {
          throw new BinaryFile.Damaged("related list " + i + " has a target out of range");
        }
      }
      return out;
    }

    List<SimilarArticle> similar(int i, List<String> ids) {
      int e0 = start(i);
      int e1 = edgeStart[i + 1];
      int t0 = termStart.get(e0);
      int t1 = termStart.get(e1);
      if (t0 < 0 || t1 < t0 || t1 > termId.limit()) {
        throw new BinaryFile.Damaged("related list " + i + ": shared terms out of range");
      }
      if (mapped != null) {
        CRC32 crc = new CRC32();
        crc.update(mapped.scores.slice(4 * e0, 4 * (e1 - e0)));
        crc.update(mapped.termStart.slice(4 * e0, 4 * (e1 - e0 + 1)));
        crc.update(mapped.termId.slice(4 * t0, 4 * (t1 - t0)));
        crc.update(mapped.termWeight.slice(4 * t0, 4 * (t1 - t0)));
        if ((int) crc.getValue() != listCrc[i]) {
          throw new BinaryFile.Damaged("related list " + i + ": checksum mismatch");
        }
      }
      List<SimilarArticle> out = new ArrayList<>(e1 - e0);
      for (int e = e0; e < e1; e++) {
        int from = termStart.get(e);
        int to = termStart.get(e + 1);
        if (from < t0 || to < from || to > t1) {
          throw new BinaryFile.Damaged("related list " + i + ": shared terms out of order");
        }
        List<SharedTerm> shared = new ArrayList<>(to - from);
        for (int t = from; t < to; t++) {
          shared.add(new SharedTerm(term(termId.get(t), i), termWeight.get(t)));
        }
        int target = edgeTarget[e];
        if (target < 0 || target >= n) {
          throw new BinaryFile.Damaged("related list " + i + " has a target out of range");
        }
        out.add(new SimilarArticle(ids.get(target), edgeScore.get(e), shared));
      }
      return out;
    }

    private String term(int j, int list) {
      if (j < 0 || j >= termCount) {
        throw new BinaryFile.Damaged("related list " + list + ": term id out of range");
      }
      if (mapped == null) {
        return terms[j];
      }
      String t = termCache[j];
      if (t == null) {
        t = term(mapped.termEnds, mapped.termChars, j);
        termCache[j] = t;
      }
      return t;
    }

    /** Term {@code j} of a table held as end offsets and characters. */
    private static String term(IntBuffer ends, java.nio.CharBuffer chars, int j) {
      int from = j == 0 ? 0 : ends.get(j - 1);
      int to = ends.get(j);
      if (from < 0 || to < from || to > chars.limit()) {
        throw new BinaryFile.Damaged("term " + j + " out of order");
      }
      char[] c = new char[to - from];
      chars.get(from, c);
      return new String(c);
    }

    /**
     * The lists of {@code size} articles whose ids ({@code ids}, asked for when a list's ids are first
     * read) are in the order the lists were written in; empty, with the file logged as not fitting,
     * when their number differs. {@code recompute} makes list {@code i} again in place of a stored one
     * found damaged when read, after which {@code damaged} runs (see the class comment).
     */
    public Optional<RelatedStore> bind(int size, java.util.function.Supplier<List<String>> ids, Path folder,
        IntFunction<List<SimilarArticle>> recompute, Runnable damaged) {
      if (size != n) {
        BinaryFile.damaged(folder.resolve(FILE), new IllegalArgumentException("lists for " + n + " articles, not "
            + size));
        return Optional.empty();
      }
      return Optional.of(new RelatedStore(com.google.common.base.Suppliers.memoize(ids::get), this,
          folder.resolve(FILE), recompute, damaged));
    }
  }
}

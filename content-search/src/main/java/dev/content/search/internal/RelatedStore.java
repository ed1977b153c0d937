package dev.content.search.internal;

import dev.content.search.SharedTerm;
import dev.content.search.SimilarArticle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The computed related lists of every article, held as flat arrays (targets and scores, shared terms as
 * ids of one term table with their weights) and kept in the index folder ({@code related-lists.bin})
 * so that a restart over an unchanged corpus computes none of them and creates no objects for them:
 * {@link #similar} makes an article's list when it is read.
 *
 * <p>The file carries a key: a hash of everything the lists depend on (similarity version and settings,
 * the frozen statistics' id, every article's id, text hash and kind, and its explicit targets). The
 * lists are read back only under the same key; another key, or a missing or damaged file, reads as
 * absent and they are computed afresh (see {@link BinaryFile}).
 */
public final class RelatedStore {
  static final String FILE = "related-lists.bin";
  private static final String MAGIC = "content-search related lists 2";

  private final List<String> ids;
  private final Unbound lists;

  private RelatedStore(List<String> ids, Unbound lists) {
    this.ids = ids;
    this.lists = lists;
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
    return new RelatedStore(List.copyOf(ids), new Unbound(ids.size(), terms.toArray(String[]::new), edgeStart,
        edgeTarget, edgeScore, termStart, termId, termWeight));
  }

  /** The targets of article {@code i}'s list, best first. */
  public List<String> targets(int i) {
    List<String> out = new ArrayList<>(lists.edgeStart[i + 1] - lists.edgeStart[i]);
    for (int e = lists.edgeStart[i]; e < lists.edgeStart[i + 1]; e++) {
      out.add(ids.get(lists.edgeTarget[e]));
    }
    return out;
  }

  /** The targets of article {@code i}'s list as positions in the ids' order, best first. */
  public int[] targetPositions(int i) {
    return java.util.Arrays.copyOfRange(lists.edgeTarget, lists.edgeStart[i], lists.edgeStart[i + 1]);
  }

  /** Article {@code i}'s list, best first, made now. */
  public List<SimilarArticle> similar(int i) {
    List<SimilarArticle> out = new ArrayList<>(lists.edgeStart[i + 1] - lists.edgeStart[i]);
    for (int e = lists.edgeStart[i]; e < lists.edgeStart[i + 1]; e++) {
      List<SharedTerm> shared = new ArrayList<>(lists.termStart[e + 1] - lists.termStart[e]);
      for (int t = lists.termStart[e]; t < lists.termStart[e + 1]; t++) {
        shared.add(new SharedTerm(lists.terms[lists.termId[t]], lists.termWeight[t]));
      }
      out.add(new SimilarArticle(ids.get(lists.edgeTarget[e]), lists.edgeScore[e], shared));
    }
    return out;
  }

  /** The number of edges over all lists. */
  public int edges() {
    return lists.edgeTarget.length;
  }

  /** Keeps the lists in the folder under {@code key}. */
  public void write(Path folder, String key) {
    try (BinaryFile.Writer w = new BinaryFile.Writer(folder.resolve(FILE), MAGIC, key)) {
      w.integer(ids.size()).strings(lists.terms).ints(lists.edgeStart).ints(lists.edgeTarget)
          .floats(lists.edgeScore).ints(lists.termStart).ints(lists.termId).floats(lists.termWeight).commit();
    }
  }

  /** The lists kept under {@code key}, for the articles {@code ids} (same order as when written). */
  public static Optional<RelatedStore> read(Path folder, String key, List<String> ids) {
    return read(folder, key).flatMap(u -> u.bind(ids, folder));
  }

  /**
   * The lists kept under {@code key}, read and checked before the articles they belong to are known
   * ({@link Unbound#bind} gives them their ids).
   */
  public static Optional<Unbound> read(Path folder, String key) {
    Path file = folder.resolve(FILE);
    return BinaryFile.open(file, MAGIC, key).flatMap(r -> {
      try {
        Unbound u = new Unbound(r.integer(), r.strings(), r.ints(), r.ints(), r.floats(), r.ints(), r.ints(),
            r.floats());
        r.end();
        return Optional.of(u);
      } catch (RuntimeException e) {
        BinaryFile.damaged(file, e);
        return Optional.empty();
      }
    });
  }

  /**
   * The lists of {@code n} articles as flat arrays, checked when made; read from the folder they wait for
   * the ids of the articles they belong to ({@link #bind}).
   */
  public static final class Unbound {
    private final int n;
    private final String[] terms;
    private final int[] edgeStart;
    private final int[] edgeTarget;
    private final float[] edgeScore;
    private final int[] termStart;
    private final int[] termId;
    private final float[] termWeight;

    private Unbound(int n, String[] terms, int[] edgeStart, int[] edgeTarget, float[] edgeScore, int[] termStart,
        int[] termId, float[] termWeight) {
      this.n = n;
      this.terms = terms;
      this.edgeStart = edgeStart;
      this.edgeTarget = edgeTarget;
      this.edgeScore = edgeScore;
      this.termStart = termStart;
      this.termId = termId;
      this.termWeight = termWeight;
      int edges = edgeTarget.length;
      if (edgeStart.length != n + 1 || edgeStart[0] != 0 || edgeStart[n] != edges || edgeScore.length != edges
          || termStart.length != edges + 1 || termStart[0] != 0 || termStart[edges] != termId.length
          || termWeight.length != termId.length) {
        throw new IllegalArgumentException("related lists do not match the articles");
      }
      for (int i = 0; i < n; i++) {
        if (edgeStart[i + 1] < edgeStart[i]) {
          throw new IllegalArgumentException("related lists out of order");
        }
      }
      for (int e = 0; e < edges; e++) {
        if (termStart[e + 1] < termStart[e] || edgeTarget[e] < 0 || edgeTarget[e] >= n) {
          throw new IllegalArgumentException("related edge " + e + " damaged");
        }
      }
      for (int t : termId) {
        if (t < 0 || t >= terms.length) {
          throw new IllegalArgumentException("related term id out of range");
        }
      }
    }

    /**
     * The lists of the articles {@code ids} (same order as when written); empty, with the file logged
     * as not fitting, when their number differs.
     */
    public Optional<RelatedStore> bind(List<String> ids, Path folder) {
      if (ids.size() != n) {
        BinaryFile.damaged(folder.resolve(FILE), new IllegalArgumentException("lists for " + n + " articles, not "
            + ids.size()));
        return Optional.empty();
      }
      return Optional.of(new RelatedStore(List.copyOf(ids), this));
    }
  }
}

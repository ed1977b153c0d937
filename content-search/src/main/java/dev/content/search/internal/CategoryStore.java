package dev.content.search.internal;

import dev.content.core.CategoryAssignment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of the category stage kept in the index folder ({@code categories.bin}): the assignments
 * (with their reasons and evidence) of every article whose categories the stage changed, under a key of
 * everything the stage depends on (its own cache key, the similarity settings and statistics, the
 * taxonomy, and every article's id, text hash, kind and loaded categories). Another key, or a missing or
 * damaged file, reads as absent and the stage runs again (see {@link BinaryFile}).
 */
public final class CategoryStore {
  static final String FILE = "categories.bin";
  private static final String MAGIC = "content-search categories 2";

  private CategoryStore() {}

  /** Keeps the changed articles' assignments (article id to assignments, primary first) under {@code key}. */
  public static void write(Path folder, String key, Map<String, List<CategoryAssignment>> changed) {
    // Strings repeat (neighbours' ids, evidence kinds, slugs): one table, referred to by number.
    Map<String, Integer> table = new HashMap<>();
    List<String> strings = new ArrayList<>();
    java.util.function.ToIntFunction<String> ref = x -> table.computeIfAbsent(x, k -> {
      strings.add(k);
      return strings.size() - 1;
    });
    IntList ints = new IntList();
    ints.add(changed.size());
    changed.forEach((id, list) -> {
      ints.add(ref.applyAsInt(id));
      ints.add(list.size());
      for (CategoryAssignment c : list) {
        ints.add(ref.applyAsInt(c.slug()));
        ints.add(c.source().ordinal());
        ints.addDouble(c.score());
        ints.add(ref.applyAsInt(c.reason()));
        ints.add(c.evidence().size());
        for (CategoryAssignment.Evidence e : c.evidence()) {
          ints.add(ref.applyAsInt(e.kind()));
          ints.add(ref.applyAsInt(e.label()));
          ints.addDouble(e.weight());
        }
      }
    });
    try (BinaryFile.Writer w = new BinaryFile.Writer(folder.resolve(FILE), MAGIC, key)) {
      w.strings(strings.toArray(String[]::new)).ints(ints.values, ints.size).commit();
    }
  }

  /** The assignments kept under {@code key}. */
  public static Optional<Map<String, List<CategoryAssignment>>> read(Path folder, String key) {
    Path file = folder.resolve(FILE);
    return BinaryFile.open(file, MAGIC, key).flatMap(r -> {
      try {
        CategoryAssignment.Source[] sources = CategoryAssignment.Source.values();
        String[] table = r.strings();
        int[] v = r.ints();
        r.end();
        // One loop with a local cursor (no lambdas): a restart decodes a quarter of a million evidence
        // entries here in a cold JVM, where every call costs.
        int at = 0;
        int n = v[at++];
        Map<String, List<CategoryAssignment>> out = new LinkedHashMap<>(n * 4 / 3 + 1);
        for (int i = 0; i < n; i++) {
          String id = table[v[at++]];
          int m = v[at++];
          List<CategoryAssignment> list = new ArrayList<>(m);
          for (int j = 0; j < m; j++) {
            String slug = table[v[at++]];
            CategoryAssignment.Source source = sources[v[at++]];
            double score = Double.longBitsToDouble(((long) v[at++] << 32) | (v[at++] & 0xffffffffL));
            String reason = table[v[at++]];
            int k = v[at++];
            CategoryAssignment.Evidence[] evidence = new CategoryAssignment.Evidence[k];
            for (int x = 0; x < k; x++) {
              String kind = table[v[at++]];
              String label = table[v[at++]];
              evidence[x] = new CategoryAssignment.Evidence(kind, label,
                  Double.longBitsToDouble(((long) v[at++] << 32) | (v[at++] & 0xffffffffL)));
            }
            list.add(new CategoryAssignment(slug, source, score, reason, java.util.Arrays.asList(evidence)));
          }
          out.put(id, list);
        }
        if (at != v.length) {
          throw new IllegalArgumentException((v.length - at) + " values left over");
        }
        return Optional.of(out);
      } catch (RuntimeException e) {
        BinaryFile.damaged(file, e);
        return Optional.empty();
      }
    });
  }

  /** A growable int array. */
  private static final class IntList {
    int[] values = new int[1024];
    int size;

    void add(int v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    void addDouble(double d) {
      long bits = Double.doubleToRawLongBits(d);
      add((int) (bits >>> 32));
      add((int) bits);
    }
  }
}

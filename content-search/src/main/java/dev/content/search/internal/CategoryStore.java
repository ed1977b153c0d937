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
        int[] at = {0};
        java.util.function.IntSupplier next = () -> v[at[0]++];
        java.util.function.Supplier<String> string = () -> table[next.getAsInt()];
        java.util.function.DoubleSupplier number = () -> Double.longBitsToDouble(
            ((long) next.getAsInt() << 32) | (next.getAsInt() & 0xffffffffL));
        int n = next.getAsInt();
        Map<String, List<CategoryAssignment>> out = new LinkedHashMap<>(n * 4 / 3 + 1);
        for (int i = 0; i < n; i++) {
          String id = string.get();
          int m = next.getAsInt();
          List<CategoryAssignment> list = new ArrayList<>(m);
          for (int j = 0; j < m; j++) {
            String slug = string.get();
            CategoryAssignment.Source source = sources[next.getAsInt()];
            double score = number.getAsDouble();
            String reason = string.get();
            int k = next.getAsInt();
            List<CategoryAssignment.Evidence> evidence = new ArrayList<>(k);
            for (int x = 0; x < k; x++) {
              evidence.add(new CategoryAssignment.Evidence(string.get(), string.get(), number.getAsDouble()));
            }
            list.add(new CategoryAssignment(slug, source, score, reason, evidence));
          }
          out.put(id, list);
        }
        if (at[0] != v.length) {
          throw new IllegalArgumentException((v.length - at[0]) + " values left over");
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

package dev.content.search.internal;

import dev.content.core.CategoryAssignment;
import java.nio.file.Path;
import java.util.ArrayList;
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
  private static final String MAGIC = "content-search categories 1";

  private CategoryStore() {}

  /** Keeps the changed articles' assignments (article id to assignments, primary first) under {@code key}. */
  public static void write(Path folder, String key, Map<String, List<CategoryAssignment>> changed) {
    try (BinaryFile.Writer w = new BinaryFile.Writer(folder.resolve(FILE), MAGIC, key)) {
      w.integer(changed.size());
      changed.forEach((id, list) -> {
        w.string(id).integer(list.size());
        for (CategoryAssignment c : list) {
          w.string(c.slug()).integer(c.source().ordinal()).number(c.score()).string(c.reason())
              .integer(c.evidence().size());
          for (CategoryAssignment.Evidence e : c.evidence()) {
            w.string(e.kind()).string(e.label()).number(e.weight());
          }
        }
      });
      w.commit();
    }
  }

  /** The assignments kept under {@code key}. */
  public static Optional<Map<String, List<CategoryAssignment>>> read(Path folder, String key) {
    Path file = folder.resolve(FILE);
    return BinaryFile.open(file, MAGIC, key).flatMap(r -> {
      try {
        CategoryAssignment.Source[] sources = CategoryAssignment.Source.values();
        int n = r.integer();
        Map<String, List<CategoryAssignment>> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          String id = r.string();
          int m = r.integer();
          List<CategoryAssignment> list = new ArrayList<>(m);
          for (int j = 0; j < m; j++) {
            String slug = r.string();
            CategoryAssignment.Source source = sources[r.integer()];
            double score = r.number();
            String reason = r.string();
            int k = r.integer();
            List<CategoryAssignment.Evidence> evidence = new ArrayList<>(k);
            for (int x = 0; x < k; x++) {
              evidence.add(new CategoryAssignment.Evidence(r.string(), r.string(), r.number()));
            }
            list.add(new CategoryAssignment(slug, source, score, reason, evidence));
          }
          out.put(id, list);
        }
        r.end();
        return Optional.of(out);
      } catch (RuntimeException e) {
        BinaryFile.damaged(file, e);
        return Optional.empty();
      }
    });
  }
}

package dev.content.search.internal;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The similarity vectors of every article and the frozen statistics they were computed under, kept in
 * the index folder as flat arrays of term ids and weights ({@code vectors.bin}): a restart maps the file
 * and copies the arrays in bulk, and does so only when something needs the vectors (see
 * {@link BinaryFile} for the format's safety). Each article's vector is valid for its text hash, which
 * carries the statistics' id.
 */
public final class VectorStore {
  static final String FILE = "vectors.bin";
  private static final String MAGIC = "content-search vectors 1";

  private VectorStore() {}

  /**
   * What the file holds: the statistics, the vectors in the model's layout, each article's text hash,
   * and a hash of the ids and text hashes in order ({@code content}).
   */
  public record Stored(String content, VectorModel.Stats stats, VectorModel.Layout layout, String[] textHashes) {}

  /** The key: the similarity settings' version and the statistics' id. */
  public static String key(String paramsVersion, String statsId) {
    return paramsVersion + '\u0000' + statsId;
  }

  /** Keeps the model's vectors under {@code key}; {@code content} summarises its ids and text hashes. */
  public static void write(Path folder, String key, String content, VectorModel model, String[] textHashes) {
    VectorModel.Layout l = model.layout();
    try (BinaryFile.Writer w = new BinaryFile.Writer(folder.resolve(FILE), MAGIC, key)) {
      w.string(content);
      model.stats().write(w);
      w.strings(l.ids()).strings(textHashes).strings(l.extraTerms()).ints(l.start()).ints(l.terms())
          .floats(l.weights());
      w.commit();
    }
  }

  /** Whether the folder has a vectors file at all. */
  public static boolean exists(Path folder) {
    return java.nio.file.Files.exists(folder.resolve(FILE));
  }

  /** The content summary of the vectors kept under {@code key}, read from the file's start only. */
  public static Optional<String> content(Path folder, String key) {
    return BinaryFile.header(folder.resolve(FILE), MAGIC, key);
  }

  /** The stored vectors under {@code key}, if the folder has an intact file under it. */
  public static Optional<Stored> read(Path folder, String key) {
    Path file = folder.resolve(FILE);
    return BinaryFile.open(file, MAGIC, key).flatMap(r -> {
      try {
        String content = r.string();
        VectorModel.Stats stats = VectorModel.Stats.read(r);
        String[] ids = r.strings();
        String[] hashes = r.strings();
        String[] extra = r.strings();
        int[] start = r.ints();
        int[] terms = r.ints();
        float[] weights = r.floats();
        r.end();
        if (hashes.length != ids.length) {
          throw new IllegalArgumentException(hashes.length + " text hashes for " + ids.length + " vectors");
        }
        return Optional.of(new Stored(content, stats, new VectorModel.Layout(ids, start, terms, weights, extra),
            hashes));
      } catch (RuntimeException e) {
        BinaryFile.damaged(file, e);
        return Optional.empty();
      }
    });
  }
}

package dev.content.search.internal;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the Lucene index holds, article by article (id, text hash, entry hash), and the frozen statistics'
 * id and size, kept in {@code index-state.bin} so that a restart compares hashes without reading
 * Lucene's stored fields. The file is tied to one Lucene commit by a token both carry: the library
 * writes the file, then commits with its token; a crash in between, or any commit without the token
 * (the intermediate ones of a long indexing run), leaves the two apart, and the library then reads the
 * hashes from Lucene as before.
 *
 * @param statsId the frozen statistics' id
 * @param statsDocs how many documents the statistics were taken from
 * @param ids every article in the index
 * @param textHashes each article's text hash
 * @param hashes each article's entry hash (text, kind, day, categories)
 */
public record IndexState(String statsId, int statsDocs, String[] ids, String[] textHashes, String[] hashes) {
  static final String FILE = "index-state.bin";
  private static final String MAGIC = "content-search index state 1";

  public void write(Path folder, String token) {
    try (BinaryFile.Writer w = new BinaryFile.Writer(folder.resolve(FILE), MAGIC, token)) {
      w.string(statsId).integer(statsDocs).strings(ids).strings(textHashes).strings(hashes).commit();
    }
  }

  /** The state written with {@code token}, if the folder has it intact. */
  public static Optional<IndexState> read(Path folder, String token) {
    Path file = folder.resolve(FILE);
    return BinaryFile.open(file, MAGIC, token).flatMap(r -> {
      try {
        IndexState s = new IndexState(r.string(), r.integer(), r.strings(), r.strings(), r.strings());
        r.end();
        if (s.textHashes.length != s.ids.length || s.hashes.length != s.ids.length) {
          throw new IllegalArgumentException("hashes do not match the ids");
        }
        return Optional.of(s);
      } catch (RuntimeException e) {
        BinaryFile.damaged(file, e);
        return Optional.empty();
      }
    });
  }
}

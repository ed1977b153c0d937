package dev.content.search.internal;

import dev.content.search.SharedTerm;
import dev.content.search.SimilarArticle;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The computed related lists of every article, kept in the index folder beside Lucene's files so that
 * a restart over an unchanged corpus computes none of them.
 *
 * <p>The file carries a key: a hash of everything the lists depend on (similarity version and settings,
 * the frozen statistics' id, every article's id, text hash and kind, and its explicit targets). A list
 * set is read back only under the same key; anything else (another key, a missing or damaged file) reads
 * as absent and the lists are computed afresh. The file is written to a temporary name and moved into
 * place, so a crash leaves either the old file or the new one. Lucene never deletes it: it only removes
 * files named like its own.
 */
public final class RelatedStore {
  static final String FILE = "related-lists.bin";
  private static final String MAGIC = "content-search related lists 1";

  private RelatedStore() {}

  /**
   * The stored lists, one per id of {@code ids} (same order), when the folder holds lists under
   * {@code key}.
   */
  public static Optional<List<List<SimilarArticle>>> read(Path folder, String key, List<String> ids) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(
        Files.newInputStream(folder.resolve(FILE)), 1 << 16))) {
      if (!MAGIC.equals(in.readUTF()) || !key.equals(in.readUTF()) || in.readInt() != ids.size()) {
        return Optional.empty();
      }
      String[] terms = new String[in.readInt()];
      for (int i = 0; i < terms.length; i++) {
        terms[i] = in.readUTF();
      }
      List<List<SimilarArticle>> out = new ArrayList<>(ids.size());
      for (int i = 0; i < ids.size(); i++) {
        int n = in.readUnsignedShort();
        List<SimilarArticle> list = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
          String target = ids.get(in.readInt());
          double score = in.readFloat();
          int m = in.readUnsignedByte();
          List<SharedTerm> shared = new ArrayList<>(m);
          for (int x = 0; x < m; x++) {
            shared.add(new SharedTerm(terms[in.readInt()], in.readFloat()));
          }
          list.add(new SimilarArticle(target, score, shared));
        }
        out.add(list);
      }
      return Optional.of(out);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      // A damaged or truncated file is no worse than a missing one: the lists are computed again.
      return Optional.empty();
    }
  }

  /**
   * Writes the lists (one per id of {@code ids}, same order; scores and term weights must be floats, as
   * {@link VectorModel} makes them, so that reading gives back equal values).
   */
  public static void write(Path folder, String key, List<String> ids, List<List<SimilarArticle>> lists) {
    Map<String, Integer> position = new HashMap<>(ids.size() * 4 / 3 + 1);
    for (int i = 0; i < ids.size(); i++) {
      position.put(ids.get(i), i);
    }
    Map<String, Integer> termIndex = new HashMap<>();
    List<String> terms = new ArrayList<>();
    for (List<SimilarArticle> list : lists) {
      for (SimilarArticle s : list) {
        for (SharedTerm t : s.sharedTerms()) {
          termIndex.computeIfAbsent(t.term(), k -> {
            terms.add(k);
            return terms.size() - 1;
          });
        }
      }
    }
    Path tmp = folder.resolve(FILE + ".tmp");
    try {
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
        out.writeUTF(MAGIC);
        out.writeUTF(key);
        out.writeInt(ids.size());
        out.writeInt(terms.size());
        for (String t : terms) {
          out.writeUTF(t);
        }
        for (List<SimilarArticle> list : lists) {
          out.writeShort(list.size());
          for (SimilarArticle s : list) {
            out.writeInt(position.get(s.id()));
            out.writeFloat((float) s.score());
            List<SharedTerm> shared = s.sharedTerms().size() > 255 ? s.sharedTerms().subList(0, 255) : s.sharedTerms();
            out.writeByte(shared.size());
            for (SharedTerm t : shared) {
              out.writeInt(termIndex.get(t.term()));
              out.writeFloat((float) t.weight());
            }
          }
        }
      }
      try {
        Files.move(tmp, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the related lists to " + folder + ": " + e.getMessage(), e);
    }
  }
}

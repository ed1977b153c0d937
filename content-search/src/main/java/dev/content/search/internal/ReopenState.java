package dev.content.search.internal;

import dev.content.core.Article;
import dev.content.core.Category;
import dev.content.core.CategoryAssignment;
import dev.content.core.Corpus;
import dev.content.core.RelatedGraph;
import dev.content.core.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * What a reopen over an unchanged corpus needs to know, kept in {@code reopen-state.bin}: the keys under
 * which every other file of the folder was written for this corpus (statistics, vectors' content,
 * categories, related lists) and the Lucene commit they belong to, filed under one key of the whole
 * input ({@link #key}). When the next open's corpus and settings give the same key, none of the
 * per-article keys (SHA-256 text hashes, entry hashes, category and related keys) need be computed: the
 * library reads the files under the stored keys. Any difference in the key, a missing, damaged or stale
 * file, or a Lucene commit other than the one named sends the library down its ordinary path, which
 * checks every article and writes this file again at its end (and deletes it at its start, so that a
 * crash in between never leaves a file describing a state the folder no longer has).
 *
 * @param token the {@link IndexState} token of the Lucene commit these files belong to
 * @param statsId the frozen statistics' id
 * @param statsDocs how many documents the statistics were taken from
 * @param vectorsContent the content summary the vectors file carries
 * @param categoryKey the key of {@code categories.bin}
 * @param relatedKey the key of {@code related-lists.bin}
 */
public record ReopenState(String token, String statsId, int statsDocs, String vectorsContent, String categoryKey,
    String relatedKey) {
  static final String FILE = "reopen-state.bin";
  private static final String MAGIC = "content-search reopen state 1";

  /** Keeps this state under {@code key} (the input's {@link #key}). */
  public void write(Path folder, String key) {
    try (BinaryFile.Writer w = new BinaryFile.Writer(folder.resolve(FILE), MAGIC, key)) {
      w.string(token).string(statsId).integer(statsDocs).string(vectorsContent).string(categoryKey)
          .string(relatedKey).commit();
    }
  }

  /**
   * The state the folder holds, with the key it was filed under, read before the input's key is known
   * (the caller compares the keys once it is): empty if the file is missing or damaged.
   */
  public static Optional<Map.Entry<String, ReopenState>> read(Path folder) {
    Path file = folder.resolve(FILE);
    return BinaryFile.openAnyKey(file, MAGIC).flatMap(e -> {
      BinaryFile.Reader r = e.getValue();
      try {
        ReopenState s = new ReopenState(r.string(), r.string(), r.integer(), r.string(), r.string(), r.string());
        r.end();
        return Optional.of(Map.entry(e.getKey(), s));
      } catch (RuntimeException x) {
        BinaryFile.damaged(file, x);
        return Optional.empty();
      }
    });
  }

  /** Removes the file: the folder is about to change. */
  public static void delete(Path folder) {
    try {
      Files.deleteIfExists(folder.resolve(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + folder.resolve(FILE) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The per-article part of {@link #key}: one 64-bit hash per article in corpus order, hashed in parallel
   * (it needs the corpus, not the settings, so it can run before the settings' part is known).
   */
  public static long[] articleHashes(Corpus corpus) {
    List<Article> all = corpus.articles();
    RelatedGraph graph = corpus.graph();
    long[] perArticle = new long[all.size()];
    IntStream.range(0, all.size()).parallel().forEach(i -> perArticle[i] = article(all.get(i), graph, i));
    return perArticle;
  }

  /**
   * A key of everything a library built over {@code corpus} depends on: {@code head} (the settings), the
   * corpus's zone and taxonomy, and per article, in order, every field the stages read (id, kind, title,
   * excerpt, dates, loaded categories with reasons and evidence, page targets, and its text: the source
   * digest with the body's size and hash code, or the text itself when there is no digest). Each article
   * is hashed to 64 bits in parallel without building strings or reading lazy bodies; the 64-bit values
   * in order ({@link #articleHashes}) then go into a SHA-256.
   */
  public static String key(String head, Corpus corpus, long[] articleHashes) {
    if (articleHashes.length != corpus.size()) {
      throw new IllegalArgumentException(articleHashes.length + " article hashes for " + corpus.size() + " articles");
    }
    Fingerprint f = settings(head, corpus).add('\u0002').add(articleHashes.length);
    for (long v : articleHashes) {
      f.addInt((int) (v >>> 32)).addInt((int) v);
    }
    return java.util.HexFormat.of().formatHex(f.digest());
  }

  /**
   * A key like {@link #key(String, Corpus, long[])} for a corpus known by an identity its maker vouches
   * for (equal identities, equal corpora): the articles are not read. It never equals a key of hashes
   * (another marker), so a state filed one way is never found the other way.
   */
  public static String key(String head, Corpus corpus, String identity) {
    Fingerprint f = settings(head, corpus).add('\u0003').add(corpus.size()).add('\u0000').add(identity);
    return java.util.HexFormat.of().formatHex(f.digest());
  }

  /** The head, the corpus's zone and its taxonomy. */
  private static Fingerprint settings(String head, Corpus corpus) {
    Fingerprint f = new Fingerprint().add(head).add('\u0000').add(corpus.zone().getId());
    for (Category c : corpus.taxonomy().all()) {
      f.add('\u0001').add(c.slug()).add('\u0000').add(c.name()).add('\u0000').add(c.parent().orElse(""))
          .add('\u0000').add(c.description()).add('\u0000').add(c.order());
    }
    return f;
  }

  private static long article(Article a, RelatedGraph graph, int position) {
    Hash64 h = new Hash64();
    h.add(a.id()).add(a.stub() ? 1 : 2).add(a.title());
    h.add(a.excerpt().isPresent() ? a.excerpt().get() : "\u0000none");
    h.add(a.previousPostAt()).add(a.nextPostAt());
    h.add(a.date().isPresent() ? a.date().get().toEpochDay() : Long.MIN_VALUE);
    Optional<String> digest = a.source().flatMap(Source::digest);
    if (digest.isPresent()) {
      String d = digest.get();
      // The digest's first 64 bits, not a 32-bit hash of it: the article's hash has 64 bits, so more of
      // the digest would add nothing (by hand: Long.parseUnsignedLong is slow until compiled, and a
      // restart runs this once per article in a cold JVM).
      long bits = 0;
      for (int i = 0, n = Math.min(16, d.length()); i < n; i++) {
        char c = d.charAt(i);
        bits = (bits << 4) | (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
      }
      h.add(bits).add(d.length());
      // As in the text hash: a body replaced after loading changes its size or hash code (a lazy body
      // knows both without being read).
      List<?> body = a.body();
      h.add(body.size()).add(body.hashCode());
    } else if (!a.body().isEmpty()) {
      h.add(a.bodyText());
    }
    h.add(a.categories().size());
    for (CategoryAssignment c : a.categories()) {
      h.add(c.slug()).add(c.source().ordinal()).add(Double.doubleToLongBits(c.score())).add(c.reason())
          .add(c.evidence().size());
      for (CategoryAssignment.Evidence e : c.evidence()) {
        h.add(e.kind()).add(e.label()).add(Double.doubleToLongBits(e.weight()));
      }
    }
    // The page's related entries matter only through what they resolved to, by position in the corpus
    // (a listing's title and excerpt make a stub, which is an article of its own here).
    int[] targets = graph.successorPositions(position);
    h.add(targets.length);
    for (int t : targets) {
      h.add(t);
    }
    return h.value();
  }

  /** A 64-bit hash fed value by value. */
  private static final class Hash64 {
    private long h = 0x243F6A8885A308D3L;

    Hash64 add(long v) {
      h ^= v;
      h *= 0x9E3779B97F4A7C15L;
      h ^= h >>> 32;
      return this;
    }

    Hash64 add(String s) {
      // The string's own hash (kept in the string once computed) with its length and ends: hashing the
      // characters here cost more than the rest of the key.
      int n = s.length();
      return add(((long) s.hashCode() << 32) | n).add(n == 0 ? 0 : ((long) s.charAt(0) << 16) | s.charAt(n - 1));
    }

    Hash64 add(Optional<OffsetDateTime> o) {
      if (o.isEmpty()) {
        return add(0x5bd1e995L);
      }
      OffsetDateTime t = o.get();
      // Fields, not an epoch second: converting costs more than everything else here.
      return add(((long) t.getYear() << 16) | ((long) t.getMonthValue() << 8) | t.getDayOfMonth())
          .add(t.toLocalTime().toNanoOfDay()).add(t.getOffset().getTotalSeconds());
    }

    long value() {
      h ^= h >>> 29;
      h *= 0xBF58476D1CE4E5B9L;
      h ^= h >>> 32;
      return h;
    }
  }
}

package dev.content.loader.internal;

import dev.content.core.Article;
import dev.content.core.Block;
import dev.content.core.CategoryAssignment;
import dev.content.core.LazyBody;
import dev.content.core.LineRange;
import dev.content.core.RelatedEntry;
import dev.content.core.Source;
import dev.content.loader.Diagnostic;
import dev.content.loader.ParseResult;
import dev.content.loader.Severity;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.CRC32C;

/**
 * The binary file in which a folder load keeps what it parsed, so that a later load takes unchanged
 * files from it instead of parsing them again.
 *
 * <p>Layout: the magic line {@code content-snapshot\n}, the payload's length (8 bytes) and its CRC-32C
 * (4 bytes), then the payload: the key (format, parser version, zone, Java feature version), the
 * SHA-256 of {@code categories.json} (empty without one) and one entry per {@code *.txt} file: path,
 * size, modification time, whether the time can be trusted, the parse result without its body's blocks
 * (their count, list hash code, opening text and the source digest instead) and the article's rule scores.
 * Strings are written once and referred to by number afterwards: listings repeat titles and excerpts.
 */
public final class SnapshotCodec {
  private static final byte[] MAGIC = "content-snapshot\n".getBytes(StandardCharsets.US_ASCII);
  private static final int FORMAT = 1;
  private static final int HEADER = MAGIC.length + 8 + 4;

  private SnapshotCodec() {}

  /**
   * What a snapshot says about one file.
   *
   * @param path the path relative to the folder
   * @param size the file size in bytes when it was parsed
   * @param modified the modification time in nanoseconds since the epoch when it was parsed
   * @param trusted whether the file was old enough when parsed that a later change moves its time
   * @param result the parse result; a full article's body is a {@link LazyBody}
   * @param scores the article's rule scores for the snapshot's {@code categories.json}
   */
  public record Entry(String path, long size, long modified, boolean trusted, ParseResult result,
      List<CategoryAssignment> scores) {}

  /** The snapshot's content. */
  public record Contents(String categoriesDigest, Map<String, Entry> entries) {}

  /** Makes the lazy body of a restored article. */
  public interface Bodies {
    LazyBody body(String path, String digest, int size, int hashCode, String opening, boolean complete);
  }

  /** Why a snapshot cannot be used; the message says it in words. */
  public static final class Unusable extends Exception {
    public Unusable(String message) {
      super(message);
    }
  }

  /** The key that a snapshot must carry to be used by this parser in this zone. */
  public static String key(String zone) {
    return "format " + FORMAT + "; " + SeedParser.VERSION + "; zone " + zone + "; java "
        + Runtime.version().feature();
  }

  // ---- reading ----

  /** Reads a snapshot whose key must be {@code key}. */
  public static Contents read(Path file, String key, Bodies bodies) throws Unusable {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException | OutOfMemoryError e) {
      throw new Unusable("cannot read it: " + e);
    }
    if (bytes.length < HEADER || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new Unusable("not a corpus snapshot");
    }
    ByteBuffer head = ByteBuffer.wrap(bytes, MAGIC.length, 12);
    long length = head.getLong();
    int crc = head.getInt();
    if (length != bytes.length - HEADER) {
      throw new Unusable("truncated or extended: " + (bytes.length - HEADER) + " payload bytes, expected "
          + length);
    }
    CRC32C check = new CRC32C();
    check.update(bytes, HEADER, bytes.length - HEADER);
    if ((int) check.getValue() != crc) {
      throw new Unusable("corrupt: checksum mismatch");
    }
    In in = new In(ByteBuffer.wrap(bytes, HEADER, bytes.length - HEADER));
    try {
      String found = in.str();
      if (!found.equals(key)) {
        throw new Unusable("made for another parser, zone or Java (" + found + "; this load: " + key + ")");
      }
      String categories = in.str();
      int n = in.count();
      Map<String, Entry> entries = new LinkedHashMap<>(n * 4 / 3 + 1);
      for (int i = 0; i < n; i++) {
        Entry e = entry(in, bodies);
        entries.put(e.path(), e);
      }
      if (in.buf.hasRemaining()) {
        throw new Unusable("corrupt: " + in.buf.remaining() + " bytes after the last entry");
      }
      return new Contents(categories, entries);
    } catch (RuntimeException e) {
      // A checksum that matches over bad content means a bug or a foreign writer: never a crash.
      throw new Unusable("corrupt: " + e);
    }
  }

  private static Entry entry(In in, Bodies bodies) {
    String path = in.str();
    long size = in.buf.getLong();
    long modified = in.buf.getLong();
    boolean trusted = in.bool();
    int nd = in.count();
    List<Diagnostic> diagnostics = new ArrayList<>(nd);
    for (int i = 0; i < nd; i++) {
      diagnostics.add(new Diagnostic(in.str(), in.count(), in.count(), Severity.values()[in.buf.get()], in.str()));
    }
    Optional<Article> article = in.bool() ? Optional.of(article(in, bodies)) : Optional.empty();
    return new Entry(path, size, modified, trusted, new ParseResult(article, diagnostics), assignments(in));
  }

  private static Article article(In in, Bodies bodies) {
    String id = in.str();
    String title = in.str();
    Optional<String> pageTitle = in.optStr();
    Optional<String> author = in.optStr();
    int likes = in.buf.getInt();
    Optional<OffsetDateTime> previous = in.optTime();
    Optional<OffsetDateTime> next = in.optTime();
    Optional<LocalDate> date = in.optDate();
    Optional<String> excerpt = in.optStr();
    int nr = in.count();
    List<RelatedEntry> related = new ArrayList<>(nr);
    for (int i = 0; i < nr; i++) {
      related.add(new RelatedEntry(in.str(), in.optStr(), in.optDate(), in.optStr(), in.optLines()));
    }
    List<CategoryAssignment> categories = assignments(in);
    Source source = new Source(in.str(), in.str(), in.lines(), in.optStr());
    int blocks = in.count();
    int hash = in.buf.getInt();
    String opening = in.str();
    boolean complete = in.bool();
    String digest = source.digest().orElseThrow(() -> new IllegalStateException("no digest for " + id));
    LazyBody body = bodies.body(source.path(), digest, blocks, hash, opening, complete);
    return new Article(id, false, title, pageTitle, author, likes < 0 ? OptionalInt.empty() : OptionalInt.of(likes),
        previous, next, date, excerpt, body, related, categories, Optional.of(source));
  }

  private static List<CategoryAssignment> assignments(In in) {
    int n = in.count();
    List<CategoryAssignment> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String slug = in.str();
      CategoryAssignment.Source source = CategoryAssignment.Source.values()[in.buf.get()];
      double score = in.buf.getDouble();
      String reason = in.str();
      int ne = in.count();
      List<CategoryAssignment.Evidence> evidence = new ArrayList<>(ne);
      for (int j = 0; j < ne; j++) {
        evidence.add(new CategoryAssignment.Evidence(in.str(), in.str(), in.buf.getDouble()));
      }
      out.add(new CategoryAssignment(slug, source, score, reason, evidence));
    }
    return out;
  }

  private static final class In {
    final ByteBuffer buf;
    final List<String> strings = new ArrayList<>();

    In(ByteBuffer buf) {
      this.buf = buf;
    }

    int count() {
      int v = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        byte b = buf.get();
        v |= (b & 0x7F) << shift;
        if (b >= 0) {
          if (v < 0) {
            throw new IllegalStateException("negative count");
          }
          return v;
        }
      }
      throw new IllegalStateException("malformed number");
    }

    boolean bool() {
      byte b = buf.get();
      if (b != 0 && b != 1) {
        throw new IllegalStateException("malformed flag " + b);
      }
      return b == 1;
    }

    String str() {
      int ref = count();
      if (ref > 0) {
        return strings.get(ref - 1);
      }
      int len = count();
      String s = new String(buf.array(), buf.arrayOffset() + buf.position(), len, StandardCharsets.UTF_8);
      buf.position(buf.position() + len);
      strings.add(s);
      return s;
    }

    Optional<String> optStr() {
      return bool() ? Optional.of(str()) : Optional.empty();
    }

    Optional<OffsetDateTime> optTime() {
      if (!bool()) {
        return Optional.empty();
      }
      long seconds = buf.getLong();
      int nanos = buf.getInt();
      ZoneOffset offset = ZoneOffset.ofTotalSeconds(buf.getInt());
      return Optional.of(OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos), offset));
    }

    Optional<LocalDate> optDate() {
      return bool() ? Optional.of(LocalDate.ofEpochDay(buf.getLong())) : Optional.empty();
    }

    LineRange lines() {
      return new LineRange(count(), count());
    }

    Optional<LineRange> optLines() {
      return bool() ? Optional.of(lines()) : Optional.empty();
    }
  }

  // ---- writing ----

  /**
   * Writes a snapshot atomically: to a temporary file beside {@code file}, then moved over it, so that
   * a reader sees the old snapshot or the new one, never a part.
   */
  public static void write(Path file, String key, String categoriesDigest, List<Entry> entries)
      throws IOException {
    Out out = new Out();
    out.str(key);
    out.str(categoriesDigest);
    out.count(entries.size());
    for (Entry e : entries) {
      entry(out, e);
    }
    byte[] payload = out.bytes();
    int length = out.size;
    CRC32C crc = new CRC32C();
    crc.update(payload, 0, length);
    ByteBuffer head = ByteBuffer.allocate(HEADER);
    head.put(MAGIC).putLong(length).putInt((int) crc.getValue());
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (var channel = Files.newByteChannel(tmp, java.nio.file.StandardOpenOption.WRITE)) {
        head.flip();
        while (head.hasRemaining()) {
          channel.write(head);
        }
        ByteBuffer body = ByteBuffer.wrap(payload, 0, length);
        while (body.hasRemaining()) {
          channel.write(body);
        }
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void entry(Out out, Entry e) {
    out.str(e.path());
    out.putLong(e.size());
    out.putLong(e.modified());
    out.bool(e.trusted());
    List<Diagnostic> diagnostics = e.result().diagnostics();
    out.count(diagnostics.size());
    for (Diagnostic d : diagnostics) {
      out.str(d.file());
      out.count(d.line());
      out.count(d.column());
      out.put((byte) d.severity().ordinal());
      out.str(d.message());
    }
    Optional<Article> article = e.result().article();
    out.bool(article.isPresent());
    article.ifPresent(a -> article(out, a));
    assignments(out, e.scores());
  }

  private static void article(Out out, Article a) {
    out.str(a.id());
    out.str(a.title());
    out.optStr(a.pageTitle());
    out.optStr(a.author());
    out.putInt(a.likes().orElse(-1));
    out.optTime(a.previousPostAt());
    out.optTime(a.nextPostAt());
    out.optDate(a.date());
    out.optStr(a.excerpt());
    out.count(a.related().size());
    for (RelatedEntry r : a.related()) {
      out.str(r.title());
      out.optStr(r.excerpt());
      out.optDate(r.date());
      out.optStr(r.targetId());
      out.optLines(r.lines());
    }
    assignments(out, a.categories());
    Source source = a.source().orElseThrow(() -> new IllegalArgumentException("no source for " + a.id()));
    out.str(source.path());
    out.str(source.encoding());
    out.lines(source.lines());
    out.optStr(source.digest());
    List<Block> body = a.body();
    LazyBody lazy = body instanceof LazyBody l ? l
        : LazyBody.of(body, source.digest().orElseThrow(), () -> { throw new IllegalStateException(); });
    out.count(lazy.size());
    out.putInt(lazy.hashCode());
    out.str(lazy.opening());
    out.bool(lazy.openingComplete());
  }

  private static void assignments(Out out, List<CategoryAssignment> list) {
    out.count(list.size());
    for (CategoryAssignment c : list) {
      out.str(c.slug());
      out.put((byte) c.source().ordinal());
      out.putDouble(c.score());
      out.str(c.reason());
      out.count(c.evidence().size());
      for (CategoryAssignment.Evidence ev : c.evidence()) {
        out.str(ev.kind());
        out.str(ev.label());
        out.putDouble(ev.weight());
      }
    }
  }

  /** A growing byte buffer with the writers the format needs. */
  private static final class Out {
    byte[] buf = new byte[1 << 16];
    int size;
    final Map<String, Integer> strings = new HashMap<>();

    private void room(int n) {
      if (size + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
      }
    }

    byte[] bytes() {
      return buf;
    }

    void put(byte b) {
      room(1);
      buf[size++] = b;
    }

    void putInt(int v) {
      room(4);
      ByteBuffer.wrap(buf, size, 4).putInt(v);
      size += 4;
    }

    void putLong(long v) {
      room(8);
      ByteBuffer.wrap(buf, size, 8).putLong(v);
      size += 8;
    }

    void putDouble(double v) {
      putLong(Double.doubleToRawLongBits(v));
    }

    void count(int v) {
      if (v < 0) {
        throw new IllegalArgumentException("negative count " + v);
      }
      while (v >= 0x80) {
        put((byte) (v | 0x80));
        v >>>= 7;
      }
      put((byte) v);
    }

    void bool(boolean b) {
      put((byte) (b ? 1 : 0));
    }

    void str(String s) {
      Integer ref = strings.get(s);
      if (ref != null) {
        count(ref);
        return;
      }
      strings.put(s, strings.size() + 1);
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      count(0);
      count(utf8.length);
      room(utf8.length);
      System.arraycopy(utf8, 0, buf, size, utf8.length);
      size += utf8.length;
    }

    void optStr(Optional<String> s) {
      bool(s.isPresent());
      s.ifPresent(this::str);
    }

    void optTime(Optional<OffsetDateTime> t) {
      bool(t.isPresent());
      if (t.isPresent()) {
        Instant i = t.get().toInstant();
        putLong(i.getEpochSecond());
        putInt(i.getNano());
        putInt(t.get().getOffset().getTotalSeconds());
      }
    }

    void optDate(Optional<LocalDate> d) {
      bool(d.isPresent());
      d.ifPresent(x -> putLong(x.toEpochDay()));
    }

    void lines(LineRange r) {
      count(r.first());
      count(r.last());
    }

    void optLines(Optional<LineRange> r) {
      bool(r.isPresent());
      r.ifPresent(this::lines);
    }
  }
}

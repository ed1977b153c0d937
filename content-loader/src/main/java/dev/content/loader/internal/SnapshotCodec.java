package dev.content.loader.internal;

import dev.content.core.Article;
import dev.content.core.Block;
import dev.content.core.Category;
import dev.content.core.CategoryAssignment;
import dev.content.core.LazyBody;
import dev.content.core.LineRange;
import dev.content.core.RelatedEntry;
import dev.content.core.Source;
import dev.content.core.Taxonomy;
import dev.content.loader.Diagnostic;
import dev.content.loader.Severity;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.FileChannel;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Supplier;
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
 * <p>Layout: the magic line {@code content-snapshot\n}, the payload's length (8 bytes), its CRC-32C
 * (4 bytes) and the length of the body region (8 bytes); then the payload: the key (format, parser
 * version, zone, Java feature version), the SHA-256 of {@code categories.json} (empty without one), the
 * load's result (taxonomy, diagnostics, resolved and categorised articles, bodies as their block count,
 * list hash code, opening text, source digest and where their blocks lie in the body region) and one
 * entry per {@code *.txt} file: path, size, modification time, whether the time can be trusted, its
 * parse diagnostics, its article and the article's rule scores; then the body region: each full
 * article's blocks ({@link BodyCodec}) with their own CRC-32C in the payload, checked when a body is
 * read ({@link StoredBody}), so that opening a snapshot never reads the bodies. Payload strings are
 * written once and referred to by number afterwards: listings repeat titles and excerpts.
 *
 * <p>The file is read through memory maps: the payload is decoded from one, and bodies are read from
 * the others when used, long after the load. A later load replaces the file by a rename, so a corpus
 * still being served keeps reading the bodies of the file it was loaded from.
 */
public final class SnapshotCodec {
  private static final byte[] MAGIC = "content-snapshot\n".getBytes(StandardCharsets.US_ASCII);
  private static final int FORMAT = 2;
  private static final int HEADER = MAGIC.length + 8 + 4 + 8;
  /** Bodies are mapped in windows of this many bytes plus the longest body (a map holds at most 2 GB). */
  private static final long WINDOW = 1L << 30;

  private SnapshotCodec() {}

  /**
   * What a snapshot says about one file.
   *
   * @param path the path relative to the folder
   * @param size the file size in bytes when it was parsed
   * @param modified the modification time in nanoseconds since the epoch when it was parsed
   * @param trusted whether the file was old enough when parsed that a later change moves its time
   * @param diagnostics what parsing the file reported
   * @param article the index of its article in {@link Contents#articles()}, or -1 when it was rejected
   * @param scores the article's rule scores for the snapshot's {@code categories.json}
   */
  public record FileEntry(String path, long size, long modified, boolean trusted, List<Diagnostic> diagnostics,
      int article, List<CategoryAssignment> scores) {}

  /**
   * The snapshot's content: a whole load's result and, per file, what a later load needs to reuse it.
   *
   * @param categoriesDigest the SHA-256 of {@code categories.json}, empty without one
   * @param walkProblems whether listing the folder reported problems (then the result is not reused whole)
   * @param taxonomy the corpus taxonomy
   * @param diagnostics every diagnostic of the load
   * @param articles the corpus's full articles in file order, then its stubs, resolved and categorised;
   *     full articles' bodies are {@link LazyBody lazy}
   * @param bodies where each article's body is stored, in the order of {@code articles} (null for a stub)
   * @param files one entry per {@code *.txt} file, in path order
   */
  public record Contents(String categoriesDigest, boolean walkProblems, Taxonomy taxonomy,
      List<Diagnostic> diagnostics, List<Article> articles, List<StoredBody> bodies, List<FileEntry> files) {}

  /** Reads a body from the article's file when its stored bytes are damaged. */
  public interface Fallback {
    Supplier<List<Block>> reader(String path, String digest);
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

  /** Reads a snapshot whose key must be {@code key}; bodies stay in the file until used. */
  public static Contents read(Path file, String key, Fallback fallback) throws Unusable {
    ByteBuffer meta;
    Mapped bodies;
    Object fileKey;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      long size = channel.size();
      ByteBuffer head = ByteBuffer.allocate(HEADER);
      while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
        // read the header
      }
      if (head.hasRemaining() || !Arrays.equals(head.array(), 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
        throw new Unusable("not a corpus snapshot");
      }
      head.position(MAGIC.length);
      long length = head.getLong();
      int crc = head.getInt();
      long bodyLength = head.getLong();
      if (length < 0 || bodyLength < 0 || length + bodyLength != size - HEADER) {
        throw new Unusable("truncated or extended: " + (size - HEADER) + " bytes after the header, expected "
            + length + " + " + bodyLength);
      }
      if (length > Integer.MAX_VALUE) {
        throw new Unusable("payload larger than 2 GB");
      }
      meta = channel.map(FileChannel.MapMode.READ_ONLY, HEADER, length);
      if (StoredBody.crc(meta) != crc) {
        throw new Unusable("corrupt: checksum mismatch");
      }
      bodies = new Mapped(channel, HEADER + length, bodyLength);
    } catch (IOException | OutOfMemoryError e) {
      throw new Unusable("cannot read it: " + e);
    }
    In in = new In(meta);
    try {
      String found = in.str();
      if (!found.equals(key)) {
        throw new Unusable("made for another parser, zone or Java (" + found + "; this load: " + key + ")");
      }
      String categories = in.str();
      boolean walkProblems = in.bool();
      int nc = in.count();
      List<Category> taxonomy = new ArrayList<>(nc);
      for (int i = 0; i < nc; i++) {
        taxonomy.add(new Category(in.str(), in.str(), in.optStr(), in.str(), in.buf.getInt()));
      }
      List<Diagnostic> diagnostics = diagnostics(in);
      int na = in.count();
      List<Article> articles = new ArrayList<>(na);
      StoredBody[] stored = new StoredBody[na];
      Place place = (bytes, crc, path, digest) -> {
        StoredBody b = StoredBody.mapped(bytes, crc, file, fileKey, fallback.reader(path, digest));
        stored[articles.size()] = b;
        return b;
      };
      for (int i = 0; i < na; i++) {
        articles.add(article(in, bodies, place));
      }
      int nf = in.count();
      List<FileEntry> files = new ArrayList<>(nf);
      for (int i = 0; i < nf; i++) {
        String path = in.str();
        long size = in.buf.getLong();
        long modified = in.buf.getLong();
        boolean trusted = in.bool();
        List<Diagnostic> parsed = diagnostics(in);
        int article = in.count() - 1;
        if (article >= na) {
          throw new IllegalStateException("file " + path + " names article " + article + " of " + na);
        }
        files.add(new FileEntry(path, size, modified, trusted, parsed, article, assignments(in)));
      }
      if (in.buf.hasRemaining()) {
        throw new Unusable("corrupt: " + in.buf.remaining() + " bytes after the last entry");
      }
      return new Contents(categories, walkProblems, Taxonomy.of(taxonomy), diagnostics, articles,
          Arrays.asList(stored), files);
    } catch (RuntimeException e) {
      // A checksum that matches over bad content means a bug or a foreign writer: never a crash.
      throw new Unusable("corrupt: " + e);
    }
  }

  /** Makes the stored body of the article being read. */
  private interface Place {
    StoredBody body(ByteBuffer bytes, int crc, String path, String digest);
  }

  /**
   * A file region mapped in windows: a body lies inside the window of its start, which reaches beyond the
   * next window's start by the longest body a snapshot holds.
   */
  private static final class Mapped {
    private final ByteBuffer[] windows;
    private final long length;

    Mapped(FileChannel channel, long start, long length) throws IOException {
      this.length = length;
      int n = (int) Math.max(1, (length + WINDOW - 1) / WINDOW);
      windows = new ByteBuffer[n];
      for (int i = 0; i < n; i++) {
        long from = i * WINDOW;
        long size = Math.min(length - from, Math.min(2 * WINDOW - 1, Integer.MAX_VALUE));
        windows[i] = size <= 0 ? ByteBuffer.allocate(0)
            : channel.map(FileChannel.MapMode.READ_ONLY, start + from, size);
      }
    }

    /** The bytes at {@code offset} (relative to the region), a read-only view of their own. */
    ByteBuffer slice(long offset, int size) {
      if (offset < 0 || size < 0 || offset + size > length || size >= WINDOW) {
        throw new IllegalStateException("body at " + offset + " (" + size + " bytes) outside the " + length
            + "-byte body region");
      }
      ByteBuffer w = windows[(int) (offset / WINDOW)];
      return w.slice((int) (offset % WINDOW), size).asReadOnlyBuffer();
    }
  }

  private static List<Diagnostic> diagnostics(In in) {
    int n = in.count();
    List<Diagnostic> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new Diagnostic(in.str(), in.count(), in.count(), Severity.values()[in.buf.get()], in.str()));
    }
    return out;
  }

  private static Article article(In in, Mapped region, Place place) {
    String id = in.str();
    boolean stub = in.bool();
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
    Optional<Source> source = Optional.empty();
    List<Block> body = List.of();
    if (in.bool()) {
      Source s = new Source(in.str(), in.str(), in.lines(), in.optStr());
      source = Optional.of(s);
      int blocks = in.count();
      int hash = in.buf.getInt();
      String opening = in.str();
      boolean complete = in.bool();
      long offset = in.buf.getLong();
      int length = in.buf.getInt();
      int crc = in.buf.getInt();
      String digest = s.digest().orElseThrow(() -> new IllegalStateException("no digest for " + id));
      body = LazyBody.restore(digest, blocks, hash, opening, complete,
          place.body(region.slice(offset, length), crc, s.path(), digest));
    }
    return new Article(id, stub, title, pageTitle, author, likes < 0 ? OptionalInt.empty() : OptionalInt.of(likes),
        previous, next, date, excerpt, body, related, categories, source);
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

  /**
   * Reads the payload. Listings repeat their titles, excerpts, dates and targets, and line ranges are
   * small numbers: equal values share one {@code String} and one {@code Optional}, which saves millions
   * of objects at 100,000 articles (and the collector's time to copy them).
   */
  private static final class In {
    final ByteBuffer buf;
    final List<String> strings = new ArrayList<>();
    final List<Optional<String>> present = new ArrayList<>();
    final Map<Long, Optional<LocalDate>> dates = new HashMap<>();
    final Map<Long, Optional<LineRange>> ranges = new HashMap<>();
    byte[] scratch = new byte[256];
    static final int SMALL_FIRST = 1024;
    static final int SMALL_SPAN = 16;
    @SuppressWarnings("unchecked")
    final Optional<LineRange>[] small = new Optional[SMALL_FIRST * SMALL_SPAN];

    In(ByteBuffer buf) {
      this.buf = buf;
    }

    int count() {
      return BodyCodec.count(buf);
    }

    boolean bool() {
      byte b = buf.get();
      if (b != 0 && b != 1) {
        throw new IllegalStateException("malformed flag " + b);
      }
      return b == 1;
    }

    String str() {
      return strings.get(ref());
    }

    /** The index of the next string in the table, reading its text when it comes first here. */
    private int ref() {
      int ref = count();
      if (ref > 0) {
        return ref - 1;
      }
      int len = count();
      if (scratch.length < len) {
        scratch = new byte[Math.max(len, scratch.length * 2)];
      }
      buf.get(scratch, 0, len);
      String s = new String(scratch, 0, len, StandardCharsets.UTF_8);
      strings.add(s);
      present.add(null);
      return strings.size() - 1;
    }

    Optional<String> optStr() {
      if (!bool()) {
        return Optional.empty();
      }
      int ref = ref();
      Optional<String> o = present.get(ref);
      if (o == null) {
        o = Optional.of(strings.get(ref));
        present.set(ref, o);
      }
      return o;
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
      return bool() ? dates.computeIfAbsent(buf.getLong(), d -> Optional.of(LocalDate.ofEpochDay(d)))
          : Optional.empty();
    }

    LineRange lines() {
      return optRange().orElseThrow();
    }

    Optional<LineRange> optLines() {
      return bool() ? optRange() : Optional.empty();
    }

    private Optional<LineRange> optRange() {
      int first = count();
      int last = count();
      int span = last - first;
      if (first < SMALL_FIRST && span >= 0 && span < SMALL_SPAN) {
        // Most ranges are short and near the top of a file: an array, no boxing, no hashing.
        int slot = first * SMALL_SPAN + span;
        Optional<LineRange> r = small[slot];
        if (r == null) {
          r = Optional.of(new LineRange(first, last));
          small[slot] = r;
        }
        return r;
      }
      return ranges.computeIfAbsent(((long) first << 32) | last, k -> Optional.of(new LineRange(first, last)));
    }
  }

  // ---- writing ----

  /**
   * Writes a snapshot atomically: to a temporary file beside {@code file}, then moved over it, so that
   * a reader sees the old snapshot or the new one, never a part. Then every stored body of
   * {@code contents} reads from the new file ({@link StoredBody#moveTo}), which lets the bytes held in
   * memory and the mappings of an older snapshot go.
   */
  public static void write(Path file, String key, Contents contents) throws IOException {
    Out out = new Out();
    out.str(key);
    out.str(contents.categoriesDigest());
    out.bool(contents.walkProblems());
    List<Category> categories = contents.taxonomy().all();
    out.count(categories.size());
    for (Category c : categories) {
      out.str(c.slug());
      out.str(c.name());
      out.optStr(c.parent());
      out.str(c.description());
      out.putInt(c.order());
    }
    diagnostics(out, contents.diagnostics());
    out.count(contents.articles().size());
    List<ByteBuffer> bodies = new ArrayList<>(contents.articles().size());
    long[] offsets = new long[contents.articles().size()];
    long bodyLength = 0;
    for (int i = 0; i < contents.articles().size(); i++) {
      Article a = contents.articles().get(i);
      StoredBody stored = contents.bodies().get(i);
      ByteBuffer bytes = null;
      if (a.source().isPresent()) {
        if (stored == null) {
          throw new IllegalArgumentException("article " + a.id() + " has no stored body");
        }
        bytes = stored.bytes();
        if (bytes.remaining() >= WINDOW) {
          throw new IllegalArgumentException("the body of " + a.id() + " is too large for a snapshot");
        }
        offsets[i] = bodyLength;
        bodies.add(bytes);
        bodyLength += bytes.remaining();
      }
      article(out, a, bytes == null ? 0 : offsets[i], bytes == null ? 0 : bytes.remaining(),
          stored == null ? 0 : stored.crc());
    }
    out.count(contents.files().size());
    for (FileEntry f : contents.files()) {
      out.str(f.path());
      out.putLong(f.size());
      out.putLong(f.modified());
      out.bool(f.trusted());
      diagnostics(out, f.diagnostics());
      out.count(f.article() + 1);
      assignments(out, f.scores());
    }
    byte[] payload = out.bytes();
    int length = out.size;
    CRC32C crc = new CRC32C();
    crc.update(payload, 0, length);
    ByteBuffer head = ByteBuffer.allocate(HEADER);
    head.put(MAGIC).putLong(length).putInt((int) crc.getValue()).putLong(bodyLength);
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // Beside the target, so that the move is a rename; a unique name, so that two writers never mix.
    Path tmp = dir.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + "-"
        + Thread.currentThread().getId() + "-" + System.nanoTime() + ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        head.flip();
        writeFully(channel, head);
        writeFully(channel, ByteBuffer.wrap(payload, 0, length));
        // Bodies are many and small: gathered into large writes.
        ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
        for (ByteBuffer b : bodies) {
          ByteBuffer src = b.duplicate();
          while (src.hasRemaining()) {
            if (!chunk.hasRemaining()) {
              chunk.flip();
              writeFully(channel, chunk);
              chunk.clear();
            }
            int n = Math.min(chunk.remaining(), src.remaining());
            ByteBuffer part = src.slice(src.position(), n);
            chunk.put(part);
            src.position(src.position() + n);
          }
        }
        chunk.flip();
        writeFully(channel, chunk);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    moveBodies(file, HEADER + (long) length, bodyLength, contents, offsets);
  }

  /** Points the stored bodies at the file just written; where that fails they stay where they are. */
  private static void moveBodies(Path file, long start, long bodyLength, Contents contents, long[] offsets) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      Object fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      if (channel.size() != start + bodyLength) {
        return; // replaced meanwhile by another writer
      }
      Mapped region = new Mapped(channel, start, bodyLength);
      for (int i = 0; i < offsets.length; i++) {
        StoredBody b = contents.bodies().get(i);
        if (b != null && contents.articles().get(i).source().isPresent()) {
          b.moveTo(region.slice(offsets[i], b.bytes().remaining()), file, fileKey);
        }
      }
    } catch (IOException | RuntimeException e) {
      // The bodies keep reading from memory or from the earlier snapshot, which stays mapped.
    }
  }

  private static void writeFully(FileChannel channel, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      channel.write(b);
    }
  }

  private static void diagnostics(Out out, List<Diagnostic> diagnostics) {
    out.count(diagnostics.size());
    for (Diagnostic d : diagnostics) {
      out.str(d.file());
      out.count(d.line());
      out.count(d.column());
      out.put((byte) d.severity().ordinal());
      out.str(d.message());
    }
  }

  private static void article(Out out, Article a, long bodyOffset, int bodyLength, int bodyCrc) {
    out.str(a.id());
    out.bool(a.stub());
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
    out.bool(a.source().isPresent());
    if (a.source().isEmpty()) {
      if (!a.body().isEmpty()) {
        throw new IllegalArgumentException("article " + a.id() + " has a body but no source");
      }
      return;
    }
    Source source = a.source().get();
    out.str(source.path());
    out.str(source.encoding());
    out.lines(source.lines());
    out.optStr(source.digest());
    if (!(a.body() instanceof LazyBody lazy)) {
      throw new IllegalArgumentException("article " + a.id() + " has no lazy body");
    }
    out.count(lazy.size());
    out.putInt(lazy.hashCode());
    out.str(lazy.opening());
    out.bool(lazy.openingComplete());
    out.putLong(bodyOffset);
    out.putInt(bodyLength);
    out.putInt(bodyCrc);
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

  /** The snapshot's writers over the shared primitives: strings through a table, optional values. */
  private static final class Out extends ByteSink {
    final Map<String, Integer> strings = new HashMap<>();

    Out() {
      super(1 << 16);
    }

    byte[] bytes() {
      return buf;
    }

    void putDouble(double v) {
      putLong(Double.doubleToRawLongBits(v));
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
      count(0);
      utf8(s);
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

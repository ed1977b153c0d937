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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.CRC32C;

/**
 * The binary file in which a folder load keeps what it parsed, so that a later load takes unchanged
 * files from it instead of parsing them again.
 *
 * <p>Layout: the magic line {@code content-snapshot\n}, the payload's length (8 bytes), its CRC-32C
 * (4 bytes) and the length of the body region (8 bytes); then the payload: the key (format, parser
 * version, zone, Java feature version; written in full, first, in every format, so that a snapshot of
 * another format is recognised and ignored), the generation (a random id made by each write, so that
 * the result of a load can be known by it: {@link dev.content.loader.SnapshotUse#generation()}), the string table (every string the rest refers to by
 * number: listings repeat titles and excerpts), the SHA-256 of {@code categories.json} (empty without
 * one), the load's result (taxonomy, diagnostics, and the resolved and categorised articles in the
 * corpus's order: first an index, in chunks, of what a restart needs of every article — id, stub or not,
 * whether it owns its normalised title, its page targets as positions, where its record lies — then the
 * records, each decoded when the article is first read ({@link dev.content.core.Corpus#ofStored}); a
 * record holds the article with its body as their
 * block count, list hash code, opening text, source digest and where their blocks lie in the body
 * region; the opening text as a place in the openings section) and one entry per {@code *.txt} file:
 * path, size, modification time, whether the time can be trusted, its parse diagnostics, its article
 * and the article's rule scores; then the openings section (UTF-8, decoded when a page shows one); then
 * the body region:
 * each full article's blocks ({@link BodyCodec}) with their own CRC-32C in the payload, checked when a
 * body is read ({@link StoredBody}), so that opening a snapshot never reads the bodies. The articles' index and the
 * file entries are written in chunks (item count, byte length, bytes) that decode independently of
 * each other, so that a restart decodes them on every core; a string of the table is decoded when
 * first referred to.
 *
 * <p>The file is read through memory maps: the payload is decoded from one, and bodies are read from
 * the others when used, long after the load. A later load replaces the file by a rename, so a corpus
 * still being served keeps reading the bodies of the file it was loaded from.
 */
public final class SnapshotCodec {
  private static final byte[] MAGIC = "content-snapshot\n".getBytes(StandardCharsets.US_ASCII);
  private static final int FORMAT = 7;
  /** How many chunks the articles and the file entries are each cut in, at most. */
  private static final int CHUNKS = 16;
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
   * @param articles the corpus's articles, stubs included, in the corpus's order, resolved and
   *     categorised; full articles' bodies are {@link LazyBody lazy}
   * @param bodies where each article's body is stored, in the order of {@code articles} (null for a stub)
   * @param layout what the corpus derived from the articles, in the order of {@code articles}
   * @param files one entry per {@code *.txt} file, in path order
   * @param generation the random id the snapshot was written with ({@link #write} makes a new one each
   *     time and ignores this one)
   */
  public record Contents(String categoriesDigest, boolean walkProblems, Taxonomy taxonomy,
      List<Diagnostic> diagnostics, List<Article> articles, List<StoredBody> bodies, List<FileEntry> files,
      Layout layout, String generation) {
    /**
     * The articles as a corpus restores them ({@link dev.content.core.Corpus#ofStored}): ids, kinds, page
     * targets and title owners from the layout, each article from {@link #articles()} when first read.
     */
    public dev.content.core.Corpus.StoredArticles stored() {
      return new dev.content.core.Corpus.StoredArticles() {
        @Override
        public int size() {
          return layout.ids().length;
        }

        @Override
        public String id(int position) {
          return layout.ids()[position];
        }

        @Override
        public boolean stub(int position) {
          return layout.stubs()[position];
        }

        @Override
        public int[] pageTargets(int position) {
          return layout.pageTargets()[position];
        }

        @Override
        public boolean ownsTitle(int position) {
          return layout.titleOwners()[position];
        }

        @Override
        public Article article(int position) {
          return articles.get(position);
        }
      };
    }
  }

  /**
   * What a corpus derives from its articles, kept beside them so that a restart neither decodes the
   * articles nor derives it again ({@link dev.content.core.Corpus#ofStored}): per article in corpus order,
   * its id, whether it is a stub, the positions of its page targets and whether it is the article its
   * normalised title names.
   */
  public record Layout(String[] ids, boolean[] stubs, int[][] pageTargets, boolean[] titleOwners) {}

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
    try {
      In head = new In(meta, null);
      // The key comes first and is read as every format wrote it: a string written in full.
      String found = head.inline();
      if (!found.equals(key)) {
        throw new Unusable("made for another parser, zone or Java (" + found + "; this load: " + key + ")");
      }
      String generation = head.inline();
      Table table = Table.read(meta);
      In in = new In(meta, table);
      String categories = in.str();
      boolean walkProblems = in.bool();
      int nc = in.count();
      List<Category> taxonomy = new ArrayList<>(nc);
      for (int i = 0; i < nc; i++) {
        taxonomy.add(new Category(in.str(), in.str(), in.optStr(), in.str(), in.buf.getInt()));
      }
      List<Diagnostic> diagnostics = diagnostics(in);
      int na = in.count();
      String[] ids = new String[na];
      boolean[] stubs = new boolean[na];
      int[][] targets = new int[na][];
      boolean[] owners = new boolean[na];
      int[] offsets = new int[na];
      List<Chunk> articleChunks = Chunk.list(in, na);
      int recordsLength = in.count();
      int recordsStart = in.buf.position();
      if (recordsLength > in.buf.remaining()) {
        throw new IllegalStateException("article records of " + recordsLength + " bytes beyond the payload");
      }
      in.buf.position(recordsStart + recordsLength);
      int nf = in.count();
      FileEntry[] files = new FileEntry[nf];
      List<Chunk> fileChunks = Chunk.list(in, nf);
      int openingsLength = in.count();
      if (openingsLength > in.buf.remaining()) {
        throw new IllegalStateException("openings of " + openingsLength + " bytes beyond the payload");
      }
      Openings openings = new Openings(meta, in.buf.position(), openingsLength);
      in.buf.position(in.buf.position() + openingsLength);
      if (in.buf.hasRemaining()) {
        throw new Unusable("corrupt: " + in.buf.remaining() + " bytes after the last entry");
      }
      // The index chunks decode independently (each from its own view of the payload, sharing only the
      // string table), on every core; the articles themselves are decoded when first read.
      parallel(articleChunks, c -> {
        In ci = c.in(meta, table);
        for (int i = c.first(); i < c.first() + c.count(); i++) {
          ids[i] = ci.str();
          stubs[i] = ci.bool();
          owners[i] = ci.bool();
          int nt = ci.count();
          if (nt > ci.buf.remaining()) {
            throw new IllegalStateException(nt + " page targets beyond the chunk");
          }
          int[] t = new int[nt];
          for (int j = 0; j < t.length; j++) {
            t[j] = ci.count();
          }
          targets[i] = t;
          offsets[i] = ci.count();
          if (offsets[i] >= recordsLength) {
            throw new IllegalStateException("article " + i + " at " + offsets[i] + " beyond its records");
          }
        }
        c.end(ci);
      });
      Records records = new Records(meta, recordsStart, recordsLength, offsets, table, openings, bodies, file, fileKey,
          fallback);
      parallel(fileChunks, c -> {
        In ci = c.in(meta, table);
        for (int i = c.first(); i < c.first() + c.count(); i++) {
          String path = ci.str();
          long size = ci.buf.getLong();
          long modified = ci.buf.getLong();
          boolean trusted = ci.bool();
          List<Diagnostic> parsed = diagnostics(ci);
          int article = ci.count() - 1;
          if (article >= na) {
            throw new IllegalStateException("file " + path + " names article " + article + " of " + na);
          }
          files[i] = new FileEntry(path, size, modified, trusted, parsed, article, ci.shared(assignments(ci)));
        }
        c.end(ci);
      });
      return new Contents(categories, walkProblems, Taxonomy.of(taxonomy), diagnostics, records.articles(),
          records.bodies(), Arrays.asList(files), new Layout(ids, stubs, targets, owners), generation);
    } catch (RuntimeException e) {
      // A checksum that matches over bad content means a bug or a foreign writer: never a crash.
      throw new Unusable("corrupt: " + e);
    }
  }

  /**
   * The articles' records in the mapped payload, each decoded when first asked for and kept (with its
   * stored body): a restart decodes only the articles it reads. Safe for several threads: a record is
   * decoded from a view of its own, and the first decoding of a position is the one every reader gets.
   * The payload's checksum was checked when the snapshot was opened, and the file is replaced by a
   * rename, never rewritten in place; a record that does not decode is an {@link IllegalStateException}.
   */
  private static final class Records {
    private final ByteBuffer payload;
    private final int start;
    private final int length;
    private final int[] offsets;
    private final Table table;
    private final Openings openings;
    private final Mapped bodies;
    private final Path file;
    private final Object fileKey;
    private final Fallback fallback;
    private final java.util.concurrent.atomic.AtomicReferenceArray<Decoded> decoded;
    /** Equal category-assignment lists, one instance each (a handful at 100,000 articles). */
    private final Map<List<CategoryAssignment>, List<CategoryAssignment>> assignments =
        new java.util.concurrent.ConcurrentHashMap<>();

    Records(ByteBuffer payload, int start, int length, int[] offsets, Table table, Openings openings, Mapped bodies,
        Path file, Object fileKey, Fallback fallback) {
      this.payload = payload;
      this.start = start;
      this.length = length;
      this.offsets = offsets;
      this.table = table;
      this.openings = openings;
      this.bodies = bodies;
      this.file = file;
      this.fileKey = fileKey;
      this.fallback = fallback;
      this.decoded = new java.util.concurrent.atomic.AtomicReferenceArray<>(offsets.length);
    }

    private record Decoded(Article article, StoredBody body) {}

    Decoded at(int i) {
      Decoded d = decoded.get(i);
      if (d != null) {
        return d;
      }
      In in = new In(payload.slice(start + offsets[i], length - offsets[i]), table, assignments);
      StoredBody[] body = new StoredBody[1];
      Place place = (offset, size, crc, path, digest) -> body[0] = StoredBody.mapped(bodies.window(offset, size),
          Mapped.within(offset), size, crc, file, fileKey, fallback, path, digest);
      Article a;
      try {
        a = article(in, openings, place);
      } catch (RuntimeException e) {
        throw new IllegalStateException(file + ": article " + i + " of the snapshot does not decode: " + e, e);
      }
      d = new Decoded(a, body[0]);
      return decoded.compareAndSet(i, null, d) ? d : decoded.get(i);
    }

    List<Article> articles() {
      return view(i -> at(i).article());
    }

    List<StoredBody> bodies() {
      return view(i -> at(i).body());
    }

    /** An unmodifiable list of one value per article, each made by {@code value} when read. */
    private <T> List<T> view(java.util.function.IntFunction<T> value) {
      return java.util.Collections.unmodifiableList(new java.util.AbstractList<>() {
        @Override
        public T get(int index) {
          return value.apply(Objects.checkIndex(index, offsets.length));
        }

        @Override
        public int size() {
          return offsets.length;
        }
      });
    }
  }

  /** Runs {@code task} on every chunk, on the common pool and the calling thread. */
  private static void parallel(List<Chunk> chunks, java.util.function.Consumer<Chunk> task) {
    if (chunks.size() <= 1) {
      chunks.forEach(task);
    } else {
      chunks.parallelStream().forEach(task);
    }
  }

  /**
   * A run of consecutive articles or file entries that decodes on its own: {@code count} items from
   * {@code first}, {@code length} bytes at {@code position} of the payload.
   */
  private record Chunk(int first, int count, int position, int length) {
    /** The chunk directory of a section of {@code total} items, leaving {@code in} after the section. */
    static List<Chunk> list(In in, int total) {
      int n = in.count();
      List<Chunk> chunks = new ArrayList<>(n);
      int first = 0;
      for (int i = 0; i < n; i++) {
        int count = in.count();
        int length = in.count();
        int position = in.buf.position();
        if (count > total - first || length > in.buf.remaining()) {
          throw new IllegalStateException("chunk " + i + " of " + count + " items, " + length
              + " bytes, outside its section");
        }
        chunks.add(new Chunk(first, count, position, length));
        first += count;
        in.buf.position(position + length);
      }
      if (first != total) {
        throw new IllegalStateException("chunks hold " + first + " of " + total + " items");
      }
      return chunks;
    }

    In in(ByteBuffer payload, Table table) {
      return new In(payload.slice(position, length), table);
    }

    void end(In in) {
      if (in.buf.hasRemaining()) {
        throw new IllegalStateException(in.buf.remaining() + " bytes left after a chunk");
      }
    }
  }

  /**
   * The payload's section of the bodies' openings: decoded only when a page shows one (a restart decodes
   * none of the 100,000, and the heap holds none of them until then). The payload's checksum was checked
   * when the snapshot was opened, and the file is replaced by a rename, never rewritten in place.
   */
  private record Openings(ByteBuffer payload, int start, int length) {
    Opening at(int offset, int size) {
      if (offset > length || size > length - offset) {
        throw new IllegalStateException("opening at " + offset + " (" + size + " bytes) outside the " + length
            + "-byte section");
      }
      return new Opening(payload, start + offset, size);
    }
  }

  /** One body's opening in the mapped payload, decoded when asked for. */
  private record Opening(ByteBuffer payload, int position, int length) implements Supplier<String> {
    @Override
    public String get() {
      byte[] bytes = new byte[length];
      payload.get(position, bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** Makes the stored body of the article being read. */
  private interface Place {
    StoredBody body(long offset, int length, int crc, String path, String digest);
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
      return window(offset, size).slice(within(offset), size); // read-only: so are the windows
    }

    /** The (read-only) window that holds the {@code size} bytes at {@code offset} of the region. */
    ByteBuffer window(long offset, int size) {
      if (offset < 0 || size < 0 || offset + size > length || size >= WINDOW) {
        throw new IllegalStateException("body at " + offset + " (" + size + " bytes) outside the " + length
            + "-byte body region");
      }
      return windows[(int) (offset / WINDOW)];
    }

    /** Where {@code offset} of the region lies in its {@link #window}. */
    static int within(long offset) {
      return (int) (offset % WINDOW);
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

  private static Article article(In in, Openings openings, Place place) {
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
    // Arrays of the exact size, then one immutable copy (which the article keeps as it is).
    RelatedEntry[] related = new RelatedEntry[in.count()];
    for (int i = 0; i < related.length; i++) {
      related[i] = new RelatedEntry(in.str(), in.optStr(), in.optDate(), in.optStr(), in.optLines());
    }
    List<CategoryAssignment> categories = in.shared(assignments(in));
    Optional<Source> source = Optional.empty();
    List<Block> body = List.of();
    if (in.bool()) {
      Source s = new Source(in.str(), in.str(), in.lines(), in.optStr());
      source = Optional.of(s);
      int blocks = in.count();
      int hash = in.buf.getInt();
      Opening opening = openings.at(in.count(), in.count());
      boolean complete = in.bool();
      long offset = in.buf.getLong();
      int length = in.buf.getInt();
      int crc = in.buf.getInt();
      String digest = s.digest().orElseThrow(() -> new IllegalStateException("no digest for " + id));
      body = LazyBody.restore(digest, blocks, hash, opening, complete,
          place.body(offset, length, crc, s.path(), digest));
    }
    return new Article(id, stub, title, pageTitle, author, likes < 0 ? OptionalInt.empty() : OptionalInt.of(likes),
        previous, next, date, excerpt, body, List.of(related), categories, source);
  }

  private static final CategoryAssignment.Source[] SOURCES = CategoryAssignment.Source.values();

  private static List<CategoryAssignment> assignments(In in) {
    CategoryAssignment[] out = new CategoryAssignment[in.count()];
    for (int i = 0; i < out.length; i++) {
      String slug = in.str();
      CategoryAssignment.Source source = SOURCES[in.buf.get()];
      double score = in.buf.getDouble();
      String reason = in.str();
      CategoryAssignment.Evidence[] evidence = new CategoryAssignment.Evidence[in.count()];
      for (int j = 0; j < evidence.length; j++) {
        evidence[j] = new CategoryAssignment.Evidence(in.str(), in.str(), in.buf.getDouble());
      }
      out[i] = new CategoryAssignment(slug, source, score, reason, List.of(evidence));
    }
    return List.of(out);
  }

  /**
   * The payload's strings, written once each before everything that refers to them by number: listings
   * repeat titles and excerpts, so equal values share one {@code String} and one {@code Optional}. Each
   * string is decoded when first referred to (a restart decodes the articles' ids, not their titles,
   * excerpts and paths); the payload's view is read by absolute position only, so several threads may
   * decode at once (a race decodes a string twice, which is harmless).
   */
  private static final class Table {
    private final ByteBuffer buf;
    private final int[] starts;
    private final int[] lengths;
    final String[] strings;
    /** Each string's {@code Optional}, made on first use; a race makes two equal ones, which is harmless. */
    final Optional<?>[] present;

    private Table(ByteBuffer buf, int[] starts, int[] lengths) {
      this.buf = buf;
      this.starts = starts;
      this.lengths = lengths;
      this.strings = new String[starts.length];
      this.present = new Optional<?>[starts.length];
    }

    /** Reads the table's directory at the buffer's position and leaves the buffer after it. */
    static Table read(ByteBuffer buf) {
      int n = BodyCodec.count(buf);
      int[] starts = new int[n];
      int[] lengths = new int[n];
      for (int i = 0; i < n; i++) {
        lengths[i] = BodyCodec.count(buf);
        starts[i] = buf.position();
        if (lengths[i] > buf.remaining()) {
          throw new IllegalStateException("string " + i + " of " + lengths[i] + " bytes beyond the payload");
        }
        buf.position(starts[i] + lengths[i]);
      }
      return new Table(buf.duplicate(), starts, lengths);
    }

    int size() {
      return strings.length;
    }

    String get(int ref) {
      String s = strings[ref];
      if (s == null) {
        byte[] bytes = new byte[lengths[ref]];
        buf.get(starts[ref], bytes);
        s = new String(bytes, StandardCharsets.UTF_8);
        strings[ref] = s;
      }
      return s;
    }
  }

  /**
   * Reads a part of the payload. Dates and line ranges repeat too, and line ranges are small numbers:
   * equal values share one {@code Optional}, which saves millions of objects at 100,000 articles (and
   * the collector's time to copy them). One per thread: its caches are not shared.
   */
  private static final class In {
    final ByteBuffer buf;
    final Table table;
    final Map<Long, Optional<LocalDate>> dates = new HashMap<>();
    /** Ranges outside the parser's shared table ({@link SeedParser#lines}), one instance each. */
    final Map<Long, Optional<LineRange>> ranges = new HashMap<>();

    /**
     * Equal assignment lists, one instance each: articles of one folder (or one rule outcome) carry the
     * same assignments, and at 100,000 articles there are a handful of distinct lists, not 100,000.
     */
    final Map<List<CategoryAssignment>, List<CategoryAssignment>> assignments;

    In(ByteBuffer buf, Table table) {
      this(buf, table, new HashMap<>());
    }

    In(ByteBuffer buf, Table table, Map<List<CategoryAssignment>, List<CategoryAssignment>> assignments) {
      this.buf = buf;
      this.table = table;
      this.assignments = assignments;
    }

    List<CategoryAssignment> shared(List<CategoryAssignment> list) {
      if (list.isEmpty()) {
        return List.of();
      }
      List<CategoryAssignment> known = assignments.putIfAbsent(list, list);
      return known != null ? known : list;
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

    /** A string written in full (marker 0, length, bytes), as every format writes the key. */
    String inline() {
      if (count() != 0) {
        throw new IllegalStateException("no key");
      }
      int len = count();
      if (len > buf.remaining()) {
        throw new IllegalStateException("key of " + len + " bytes beyond the payload");
      }
      byte[] bytes = new byte[len];
      buf.get(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }

    String str() {
      return table.get(ref());
    }

    private int ref() {
      int ref = count();
      if (ref >= table.size()) {
        throw new IllegalStateException("string " + ref + " of " + table.size());
      }
      return ref;
    }

    @SuppressWarnings("unchecked")
    Optional<String> optStr() {
      if (!bool()) {
        return Optional.empty();
      }
      int ref = ref();
      Optional<String> o = (Optional<String>) table.present[ref];
      if (o == null) {
        o = Optional.of(table.get(ref));
        table.present[ref] = o;
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
      if (SeedParser.sharesLines(first, last)) {
        // Most ranges are short and near the top of a file: the instances the parser shares.
        return SeedParser.lines(first, last);
      }
      return ranges.computeIfAbsent(((long) first << 32) | last, k -> Optional.of(new LineRange(first, last)));
    }
  }

  // ---- writing ----

  /**
   * Writes a snapshot atomically: to a temporary file beside {@code file}, then moved over it, so that
   * a reader sees the old snapshot or the new one, never a part. Then every stored body of
   * {@code contents} reads from the new file ({@link StoredBody#moveTo}), which lets the bytes held in
   * memory and the mappings of an older snapshot go. Returns the new snapshot's generation: a random id
   * that no other write gives, which a later {@link #read} returns with its contents.
   */
  public static String write(Path file, String key, Contents contents) throws IOException {
    String generation = newGeneration();
    Strings table = new Strings();
    Out out = new Out(table);
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
    int na = contents.articles().size();
    out.count(na);
    List<ByteBuffer> bodies = new ArrayList<>(na);
    long[] offsets = new long[na];
    long bodyLength = 0;
    int per = chunkSize(na);
    out.count((na + per - 1) / per);
    // The index (what a restart reads of every article) in chunks, then the records (decoded when read).
    Out records = new Out(table);
    for (int from = 0; from < na; from += per) {
      Out chunk = new Out(table);
      int to = Math.min(na, from + per);
      for (int i = from; i < to; i++) {
        Article a = contents.articles().get(i);
        Layout layout = contents.layout();
        if (!a.id().equals(layout.ids()[i]) || a.stub() != layout.stubs()[i]) {
          throw new IllegalArgumentException("article " + a.id() + " at " + i + " is not the layout's " + layout.ids()[i]);
        }
        chunk.str(a.id());
        chunk.bool(a.stub());
        chunk.bool(layout.titleOwners()[i]);
        int[] targets = layout.pageTargets()[i];
        chunk.count(targets.length);
        for (int t : targets) {
          chunk.count(t);
        }
        chunk.count(records.size);
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
        article(records, a, bytes == null ? 0 : offsets[i], bytes == null ? 0 : bytes.remaining(),
            stored == null ? 0 : stored.crc());
      }
      out.chunk(to - from, chunk);
    }
    out.count(records.size);
    out.bytes(records.buf, records.size);
    int nf = contents.files().size();
    out.count(nf);
    per = chunkSize(nf);
    out.count((nf + per - 1) / per);
    for (int from = 0; from < nf; from += per) {
      Out chunk = new Out(table);
      int to = Math.min(nf, from + per);
      for (FileEntry f : contents.files().subList(from, to)) {
        chunk.str(f.path());
        chunk.putLong(f.size());
        chunk.putLong(f.modified());
        chunk.bool(f.trusted());
        diagnostics(chunk, f.diagnostics());
        chunk.count(f.article() + 1);
        assignments(chunk, f.scores());
      }
      out.chunk(to - from, chunk);
    }
    out.count(table.openings.size);
    out.bytes(table.openings.buf, table.openings.size);
    // The key first, then the string table (complete only now), then the rest, which refers to it.
    ByteSink all = new ByteSink(out.size + (1 << 16));
    all.count(0);
    all.utf8(key);
    all.count(0);
    all.utf8(generation);
    all.count(table.list.size());
    for (String s : table.list) {
      all.utf8(s);
    }
    all.bytes(out.buf, out.size);
    byte[] payload = all.buf;
    int length = all.size;
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
    return generation;
  }

  /** 128 random bits in hex: unique to one write of one snapshot. */
  private static String newGeneration() {
    byte[] bits = new byte[16];
    new java.security.SecureRandom().nextBytes(bits);
    return java.util.HexFormat.of().formatHex(bits);
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
    ByteSink openings = out.strings.openings;
    byte[] opening = lazy.opening().getBytes(StandardCharsets.UTF_8);
    out.count(openings.size);
    out.count(opening.length);
    openings.bytes(opening, opening.length);
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

  /** How many items a chunk holds: a section is cut in up to {@value #CHUNKS} chunks, decoded in parallel. */
  private static int chunkSize(int items) {
    return Math.max(1, (items + CHUNKS - 1) / CHUNKS);
  }

  /**
   * The strings a snapshot refers to, numbered in the order they were first written; and the section of
   * the bodies' openings, which are written apart from them (read when shown, not when opened).
   */
  private static final class Strings {
    final Map<String, Integer> numbers = new HashMap<>();
    final List<String> list = new ArrayList<>();
    final ByteSink openings = new ByteSink(1 << 16);

    int number(String s) {
      Integer n = numbers.get(s);
      if (n == null) {
        n = list.size();
        numbers.put(s, n);
        list.add(s);
      }
      return n;
    }
  }

  /** The snapshot's writers over the shared primitives: strings through a table, optional values. */
  private static final class Out extends ByteSink {
    final Strings strings;

    Out(Strings strings) {
      super(1 << 12);
      this.strings = strings;
    }

    /** A chunk of {@code items} items: its item count, its length, its bytes. */
    void chunk(int items, Out chunk) {
      count(items);
      count(chunk.size);
      bytes(chunk.buf, chunk.size);
    }

    void putDouble(double v) {
      putLong(Double.doubleToRawLongBits(v));
    }

    void bool(boolean b) {
      put((byte) (b ? 1 : 0));
    }

    void str(String s) {
      count(strings.number(s));
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

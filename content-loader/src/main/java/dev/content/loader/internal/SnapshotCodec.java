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
import java.nio.IntBuffer;
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
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.zip.CRC32C;

/**
 * The binary file in which a folder load keeps what it parsed, so that a later load takes unchanged
 * files from it instead of parsing them again.
 *
 * <p>Layout: the magic line {@code content-snapshot\n}, the payload's length (8 bytes), its CRC-32C
 * (4 bytes) and the length of the body region (8 bytes); then the payload; then the body region.
 *
 * <p>The payload starts with the key (format, parser version, zone, Java feature version; written in
 * full, first, in every format, so that a snapshot of another format is recognised and ignored). Then,
 * in this format, the end of the <em>head</em> and the head's CRC-32C (4 bytes each), the generation (a
 * random id made by each write, so that the result of a load can be known by it:
 * {@link dev.content.loader.SnapshotUse#generation()}), the counts (articles, files, strings, the
 * strings of the head, page targets, category-assignment lists) and the lengths of the sections of
 * varying length (the result, the records, the files' diagnostics, the lists, the openings), 4 bytes
 * each, so that the payload's layout is known from the head alone. The head is everything
 * a restart reads when it opens the snapshot, and its checksum (over the payload up to the head's end,
 * these 8 bytes left out) is checked then; the payload's checksum in the file header is checked by a
 * load before it reuses anything ({@link Contents#verify()}), so that a restart reads no more of the
 * payload than it uses. The head holds:
 * <ul>
 *   <li>the load's result in varints: the SHA-256 of {@code categories.json} (empty
 *       without one), whether listing the folder had problems, the taxonomy, the diagnostics;
 *   <li>the articles' index, in the corpus's order, as fixed-width columns: a flag byte
 *       per article (stub, owner of its normalised title), where its record starts (4 bytes), its page
 *       targets as positions (compressed rows: one start per article and one after the last, then the
 *       targets, 4 bytes each);
 *   <li>the file entries, in path order, as columns: path (a string number), article position (-1 when
 *       rejected), size, modification time (8 bytes each), a flag byte (whether the time can be
 *       trusted), the rule scores (a list number) and where its parse diagnostics lie in the
 *       diagnostics section (4 bytes each);
 *   <li>the string table's directory: where each string starts in the string data and where the last
 *       ends (4 bytes each), then the string data's first part: the strings a restart reads, which are
 *       numbered first: string {@code i} is the id of article {@code i}, then the strings of the result
 *       above and the files' paths.
 * </ul>
 * After the head: the rest of the string data (UTF-8; each string decoded when first referred to),
 * the article records (decoded when an article is first read, {@link dev.content.core.Corpus#ofStored};
 * a record holds the article with its body as their block count, list hash code, opening text, source
 * digest and where their blocks lie in the body region; its categories as a list number; the opening
 * text as a place in the openings section), the files' diagnostics, the distinct category-assignment
 * lists (a directory of 4-byte starts, then the lists; each decoded when first used) and the openings
 * section (UTF-8, decoded when a page shows one). Numbers are big-endian.
 *
 * <p>The body region holds each full article's blocks ({@link BodyCodec}) with their own CRC-32C in the
 * payload, checked when a body is read ({@link StoredBody}), so that opening a snapshot never reads the
 * bodies.
 *
 * <p>The file is read through memory maps: the payload from one (opening copies the head's columns, its
 * string directory and its strings' bytes out of it by one bulk read each, and decodes no article, file
 * entry or string until asked for one), the bodies from the others when used, long after the load. A
 * later load replaces the file by a rename, so a corpus still being served keeps reading the bodies of
 * the file it was loaded from.
 */
public final class SnapshotCodec {
  private static final byte[] MAGIC = "content-snapshot\n".getBytes(StandardCharsets.US_ASCII);
  private static final int FORMAT = 8;
  private static final int HEADER = MAGIC.length + 8 + 4 + 8;
  /** Bodies are mapped in windows of this many bytes plus the longest body (a map holds at most 2 GB). */
  private static final long WINDOW = 1L << 30;
  /** The flag bits of an article in the index. */
  private static final int STUB = 1;
  private static final int OWNER = 2;

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
   * Read from a snapshot, its lists are decoded in place when read (thread-safe; each position decoded
   * once, then kept).
   *
   * @param categoriesDigest the SHA-256 of {@code categories.json}, empty without one
   * @param walkProblems whether listing the folder reported problems (then the result is not reused whole)
   * @param taxonomy the corpus taxonomy
   * @param diagnostics every diagnostic of the load
   * @param articles the corpus's articles, stubs included, in the corpus's order, resolved and
   *     categorised; full articles' bodies are {@link LazyBody lazy}
   * @param bodies where each article's body is stored, in the order of {@code articles} (null for a stub)
   * @param files one entry per {@code *.txt} file, in path order
   * @param layout what the corpus derived from the articles, in the order of {@code articles}
   * @param generation the random id the snapshot was written with ({@link #write} makes a new one each
   *     time and ignores this one)
   * @param integrity checks what {@link #read} did not check when it opened the snapshot
   */
  public record Contents(String categoriesDigest, boolean walkProblems, Taxonomy taxonomy,
      List<Diagnostic> diagnostics, List<Article> articles, List<StoredBody> bodies, List<FileEntry> files,
      Layout layout, String generation, Integrity integrity) {
    /** Contents made in memory (by a load, to be written): nothing to check. */
    public Contents(String categoriesDigest, boolean walkProblems, Taxonomy taxonomy, List<Diagnostic> diagnostics,
        List<Article> articles, List<StoredBody> bodies, List<FileEntry> files, Layout layout) {
      this(categoriesDigest, walkProblems, taxonomy, diagnostics, articles, bodies, files, layout, "",
          Integrity.NONE);
    }

    /**
     * Checks the whole payload (its CRC-32C) and decodes every file entry: what a load must know before
     * it reuses anything of a snapshot that {@link #read} opened, which checked only the head. Done
     * once; thread-safe.
     *
     * @throws Unusable when the payload is damaged or a file entry does not decode
     */
    public void verify() throws Unusable {
      integrity.check(files);
    }

    /**
     * The articles as a corpus restores them ({@link dev.content.core.Corpus#ofStored}): ids, kinds, page
     * targets and title owners from the layout, each article from {@link #articles()} when first read.
     */
    public dev.content.core.Corpus.StoredArticles stored() {
      return new StoredView(layout, articles);
    }
  }

  /**
   * A snapshot's articles as a corpus restores them. It holds the layout and the articles only: a corpus
   * keeps it for its lifetime, and the rest of the contents (the file entries) can go once a load used
   * them.
   */
  private record StoredView(Layout layout, List<Article> articles) implements dev.content.core.Corpus.StoredArticles {
    @Override
    public int size() {
      return layout.size();
    }

    @Override
    public String id(int position) {
      return layout.id(position);
    }

    @Override
    public boolean stub(int position) {
      return layout.stub(position);
    }

    @Override
    public int[] pageTargets(int position) {
      return layout.pageTargets(position);
    }

    @Override
    public boolean ownsTitle(int position) {
      return layout.ownsTitle(position);
    }

    @Override
    public Article article(int position) {
      return articles.get(position);
    }
  }

  /**
   * What a corpus derives from its articles, kept beside them so that a restart neither decodes the
   * articles nor derives it again ({@link dev.content.core.Corpus#ofStored}): per article in corpus order,
   * its id, whether it is a stub, the positions of its page targets and whether it is the article its
   * normalised title names. Read from a snapshot, its columns are copied out of the mapping at open (one
   * bulk read each) and each answer (an id: a string decoded) is made when asked.
   */
  public interface Layout {
    int size();

    String id(int position);

    boolean stub(int position);

    int[] pageTargets(int position);

    boolean ownsTitle(int position);

    /** A layout over arrays (not copied), one element per article. */
    static Layout of(String[] ids, boolean[] stubs, int[][] pageTargets, boolean[] titleOwners) {
      if (stubs.length != ids.length || pageTargets.length != ids.length || titleOwners.length != ids.length) {
        throw new IllegalArgumentException("layout arrays of different lengths");
      }
      return new Layout() {
        @Override
        public int size() {
          return ids.length;
        }

        @Override
        public String id(int position) {
          return ids[position];
        }

        @Override
        public boolean stub(int position) {
          return stubs[position];
        }

        @Override
        public int[] pageTargets(int position) {
          return pageTargets[position];
        }

        @Override
        public boolean ownsTitle(int position) {
          return titleOwners[position];
        }
      };
    }
  }

  /**
   * The check of the parts of a snapshot's payload that opening it did not check: its CRC-32C (in the
   * file header) over the whole payload, and the decoding of every file entry. Done once, by the first
   * caller; later callers get its outcome.
   */
  public static final class Integrity {
    static final Integrity NONE = new Integrity(null, 0, null);
    private final ByteBuffer payload;
    private final int crc;
    private final Path file;
    /** Null until checked, then the problem or "" when there is none. */
    private String problem;

    private Integrity(ByteBuffer payload, int crc, Path file) {
      this.payload = payload;
      this.crc = crc;
      this.file = file;
    }

    synchronized void check(List<FileEntry> files) throws Unusable {
      if (payload == null) {
        return;
      }
      if (problem == null) {
        problem = "";
        if (StoredBody.crc(payload) != crc) {
          problem = "corrupt: checksum mismatch";
        } else {
          try {
            for (int i = 0; i < files.size(); i++) {
              files.get(i);
            }
          } catch (RuntimeException e) {
            problem = "corrupt: " + e;
          }
        }
      }
      if (!problem.isEmpty()) {
        throw new Unusable(problem);
      }
    }
  }

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

  /**
   * Reads a snapshot whose key must be {@code key}; bodies stay in the file until used. Checks the head
   * (see the class comment): {@link Contents#verify()} checks the rest, before a load reuses it.
   */
  public static Contents read(Path file, String key, Fallback fallback) throws Unusable {
    ByteBuffer meta;
    Mapped bodies;
    Object fileKey;
    int crc;
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
      crc = head.getInt();
      long bodyLength = head.getLong();
      if (length < 0 || bodyLength < 0 || length + bodyLength != size - HEADER) {
        throw new Unusable("truncated or extended: " + (size - HEADER) + " bytes after the header, expected "
            + length + " + " + bodyLength);
      }
      if (length > Integer.MAX_VALUE) {
        throw new Unusable("payload larger than 2 GB");
      }
      meta = channel.map(FileChannel.MapMode.READ_ONLY, HEADER, length);
      bodies = new Mapped(channel, HEADER + length, bodyLength);
    } catch (IOException | OutOfMemoryError e) {
      throw new Unusable("cannot read it: " + e);
    }
    try {
      In head = new In(meta, null, null);
      // The key comes first and is read as every format wrote it: a string written in full.
      String found = head.inline();
      if (!found.equals(key)) {
        // Another format, or this one damaged: only the whole payload's checksum tells them apart.
        if (StoredBody.crc(meta.slice(0, meta.capacity())) != crc) {
          throw new Unusable("corrupt: checksum mismatch");
        }
        throw new Unusable("made for another parser, zone or Java (" + found + "; this load: " + key + ")");
      }
      int fields = meta.position();
      int headEnd = meta.getInt();
      int headCrc = meta.getInt();
      if (headEnd < meta.position() || headEnd > meta.limit() || crc(meta, fields, headEnd) != headCrc) {
        throw new Unusable("corrupt: checksum mismatch");
      }
      String generation = head.inline();
      int na = size(meta, "articles");
      int nf = size(meta, "files");
      int ns = size(meta, "strings");
      int early = size(meta, "strings of the head");
      int nt = size(meta, "page targets");
      int nl = size(meta, "assignment lists");
      if (early > ns || na > early) {
        throw new IllegalStateException(ns + " strings, " + early + " of them in the head, for " + na + " articles");
      }
      // The lengths of the sections: the payload's layout is known from the head alone.
      int resultLength = size(meta, "result");
      int recordsLength = size(meta, "records");
      int detailsLength = size(meta, "file diagnostics");
      int listsLength = size(meta, "assignment lists");
      int openingsLength = size(meta, "openings");
      ByteBuffer result = section(meta, resultLength, "result");
      Columns at = new Columns(meta.position(), na, nf, nt, ns);
      if (at.end > headEnd) {
        throw new IllegalStateException("columns end at " + at.end + ", after the head at " + headEnd);
      }
      Table table = new Table(meta, at.stringStarts, at.end, ns, early);
      if (at.end + table.start(early) != headEnd) {
        throw new IllegalStateException("the head ends at " + headEnd + ", its strings at "
            + (at.end + table.start(early)));
      }
      long recordsStart = (long) at.end + table.start(ns);
      long detailsStart = recordsStart + recordsLength;
      long listsStart = detailsStart + detailsLength;
      long openingsStart = listsStart + 4L * (nl + 1) + listsLength;
      long end = openingsStart + openingsLength;
      if (end != meta.limit()) {
        throw new Unusable("corrupt: the payload's sections end at " + end + " of " + meta.limit() + " bytes");
      }
      Lists lists = new Lists(meta, (int) listsStart, nl, listsLength, table);
      Openings openings = new Openings(meta, (int) openingsStart, openingsLength);
      In in = new In(result, table, lists);
      String categories = in.str();
      boolean walkProblems = in.bool();
      int nc = in.count();
      List<Category> taxonomy = new ArrayList<>(nc);
      for (int i = 0; i < nc; i++) {
        taxonomy.add(new Category(in.str(), in.str(), in.optStr(), in.str(), in.buf.getInt()));
      }
      List<Diagnostic> diagnostics = diagnostics(in);
      if (in.buf.hasRemaining()) {
        throw new IllegalStateException(in.buf.remaining() + " bytes left after the result");
      }
      Index index = new Index(meta, at, table, recordsLength);
      Records records = new Records(meta, (int) recordsStart, recordsLength, index, table, lists, openings, bodies,
          file, fileKey, fallback);
      FileEntries files = new FileEntries(meta, at, table, lists, (int) detailsStart, detailsLength);
      return new Contents(categories, walkProblems, Taxonomy.of(taxonomy), diagnostics, records.articles(),
          records.bodies(), files, index, generation, new Integrity(meta.slice(0, meta.capacity()), crc, file));
    } catch (RuntimeException e) {
      // A checksum that matches over bad content means a bug or a foreign writer: never a crash.
      throw new Unusable("corrupt: " + e);
    }
  }

  /** The CRC-32C of {@code payload} up to {@code end}, leaving out the 8 bytes at {@code fields}. */
  private static int crc(ByteBuffer payload, int fields, int end) {
    CRC32C c = new CRC32C();
    c.update(payload.slice(0, fields));
    c.update(payload.slice(fields + 8, end - fields - 8));
    return (int) c.getValue();
  }

  /** A 4-byte count or length at the buffer's position. */
  private static int size(ByteBuffer buf, String what) {
    int n = buf.getInt();
    if (n < 0) {
      throw new IllegalStateException("negative count of " + what);
    }
    return n;
  }

  /** The next {@code length} bytes as a view of their own; the buffer is left after them. */
  private static ByteBuffer section(ByteBuffer buf, int length, String what) {
    if (length > buf.remaining()) {
      throw new IllegalStateException(what + " of " + length + " bytes beyond the payload");
    }
    ByteBuffer s = buf.slice(buf.position(), length);
    buf.position(buf.position() + length);
    return s;
  }

  /** Where the head's columns start in the payload, from the counts (fixed widths: no reading). */
  private static final class Columns {
    final int na;
    final int nf;
    final int flags;
    final int recordStarts;
    final int targetStarts;
    final int targets;
    final int nt;
    final int paths;
    final int articles;
    final int sizes;
    final int times;
    final int fileFlags;
    final int scores;
    final int diagnostics;
    final int stringStarts;
    final int end;

    Columns(int start, int na, int nf, int nt, int ns) {
      this.na = na;
      this.nf = nf;
      this.nt = nt;
      long p = start;
      flags = (int) p;
      p += na;
      recordStarts = (int) p;
      p += 4L * na;
      targetStarts = (int) p;
      p += 4L * (na + 1);
      targets = (int) p;
      p += 4L * nt;
      paths = (int) p;
      p += 4L * nf;
      articles = (int) p;
      p += 4L * nf;
      sizes = (int) p;
      p += 8L * nf;
      times = (int) p;
      p += 8L * nf;
      fileFlags = (int) p;
      p += nf;
      scores = (int) p;
      p += 4L * nf;
      diagnostics = (int) p;
      p += 4L * nf;
      stringStarts = (int) p;
      p += 4L * (ns + 1);
      if (p > Integer.MAX_VALUE) {
        throw new IllegalStateException("columns beyond the payload");
      }
      end = (int) p;
    }
  }

  /**
   * The articles' index as the head stores it: its columns copied out of the mapping by one bulk read
   * each (no per-article decoding), each answer checked against the counts when asked. Immutable once
   * made: safe for several threads.
   */
  private static final class Index implements Layout {
    private static final int[] NO_TARGETS = new int[0];
    private final ByteBuffer payload;
    private final Columns at;
    private final Table table;
    private final byte[] flags;
    private final int[] starts;
    private final int[] targets;
    private final int recordsLength;

    Index(ByteBuffer payload, Columns at, Table table, int recordsLength) {
      this.payload = payload;
      this.at = at;
      this.table = table;
      this.recordsLength = recordsLength;
      this.flags = new byte[at.na];
      payload.get(at.flags, flags);
      this.starts = ints(payload, at.targetStarts, at.na + 1);
      this.targets = ints(payload, at.targets, at.nt);
      if (starts[0] != 0 || starts[at.na] != at.nt) {
        throw new IllegalStateException("page targets do not add up to " + at.nt);
      }
    }

    @Override
    public int size() {
      return at.na;
    }

    @Override
    public String id(int position) {
      return table.get(Objects.checkIndex(position, at.na));
    }

    @Override
    public boolean stub(int position) {
      return (flags(position) & STUB) != 0;
    }

    @Override
    public boolean ownsTitle(int position) {
      return (flags(position) & OWNER) != 0;
    }

    private int flags(int position) {
      int f = flags[position];
      if ((f & ~(STUB | OWNER)) != 0) {
        throw new IllegalStateException("article " + position + " has flags " + f);
      }
      return f;
    }

    @Override
    public int[] pageTargets(int position) {
      int from = starts[position];
      int to = starts[position + 1];
      if (from < 0 || from > to || to > at.nt) {
        throw new IllegalStateException("page targets of article " + position + " at " + from + ".." + to
            + " of " + at.nt);
      }
      // A new array each time (the caller may keep it), but one empty array for all (stubs have none).
      return from == to ? NO_TARGETS : Arrays.copyOfRange(targets, from, to);
    }

    /** Where the article's record starts in the records section. */
    int record(int position) {
      int offset = payload.getInt(at.recordStarts + 4 * position);
      if (offset < 0 || offset >= recordsLength) {
        throw new IllegalStateException("article " + position + " at " + offset + " beyond its records");
      }
      return offset;
    }
  }

  /**
   * The file entries as the head stores them: its columns copied out of the mapping by one bulk read
   * each, and each entry made when first read and kept (thread-safe: the first decoding of a position is
   * the one every reader gets), its diagnostics decoded from their section, its scores a shared list.
   */
  public static final class FileEntries extends java.util.AbstractList<FileEntry> implements java.util.RandomAccess {
    private final ByteBuffer payload;
    private final Columns at;
    private final Table table;
    private final Lists lists;
    private final int detailsStart;
    private final int detailsLength;
    private final int[] paths;
    private final int[] articles;
    private final long[] sizes;
    private final long[] times;
    private final byte[] flags;
    private final int[] scores;
    private final int[] details;
    private final AtomicReferenceArray<FileEntry> decoded;

    FileEntries(ByteBuffer payload, Columns at, Table table, Lists lists, int detailsStart, int detailsLength) {
      this.payload = payload;
      this.at = at;
      this.table = table;
      this.lists = lists;
      this.detailsStart = detailsStart;
      this.detailsLength = detailsLength;
      int nf = at.nf;
      paths = ints(payload, at.paths, nf);
      articles = ints(payload, at.articles, nf);
      sizes = new long[nf];
      payload.slice(at.sizes, 8 * nf).asLongBuffer().get(sizes);
      times = new long[nf];
      payload.slice(at.times, 8 * nf).asLongBuffer().get(times);
      flags = new byte[nf];
      payload.get(at.fileFlags, flags);
      scores = ints(payload, at.scores, nf);
      details = ints(payload, at.diagnostics, nf);
      this.decoded = new AtomicReferenceArray<>(nf);
    }

    /** The path of entry {@code index}, without decoding the rest of it. */
    public String path(int index) {
      return table.get(ref(paths[Objects.checkIndex(index, at.nf)], table));
    }

    /** The article of entry {@code index} ({@link FileEntry#article()}), without decoding the rest of it. */
    public int article(int index) {
      int article = articles[Objects.checkIndex(index, at.nf)];
      if (article < -1 || article >= at.na) {
        throw new IllegalStateException("file entry " + index + " names article " + article + " of " + at.na);
      }
      return article;
    }

    @Override
    public FileEntry get(int index) {
      FileEntry e = decoded.get(Objects.checkIndex(index, at.nf));
      if (e != null) {
        return e;
      }
      try {
        String path = table.get(ref(paths[index], table));
        int article = articles[index];
        if (article < -1 || article >= at.na) {
          throw new IllegalStateException("file " + path + " names article " + article + " of " + at.na);
        }
        int f = flags[index];
        if ((f & ~1) != 0) {
          throw new IllegalStateException("file " + path + " has flags " + f);
        }
        int d = details[index];
        if (d < 0 || d >= detailsLength) {
          throw new IllegalStateException("diagnostics of " + path + " at " + d + " beyond their section");
        }
        // Offset 0 holds the empty list most files share.
        List<Diagnostic> diagnostics = d == 0 ? List.of()
            : diagnostics(new In(payload.slice(detailsStart + d, detailsLength - d), table, lists));
        e = new FileEntry(path, sizes[index], times[index], f == 1, diagnostics, article, lists.get(scores[index]));
      } catch (RuntimeException x) {
        throw new IllegalStateException("file entry " + index + " of the snapshot does not decode: " + x, x);
      }
      return decoded.compareAndSet(index, null, e) ? e : decoded.get(index);
    }

    @Override
    public int size() {
      return at.nf;
    }
  }

  /** The column of {@code n} 4-byte numbers at {@code position}, copied out by one bulk read. */
  private static int[] ints(ByteBuffer payload, int position, int n) {
    int[] column = new int[n];
    payload.slice(position, 4 * n).asIntBuffer().get(column);
    return column;
  }

  private static int ref(int ref, Table table) {
    if (ref < 0 || ref >= table.size()) {
      throw new IllegalStateException("string " + ref + " of " + table.size());
    }
    return ref;
  }

  /**
   * The articles' records in the mapped payload, each decoded when first asked for and kept (with its
   * stored body): a restart decodes only the articles it reads. Safe for several threads: a record is
   * decoded from a view of its own, and the first decoding of a position is the one every reader gets.
   * The file is replaced by a rename, never rewritten in place, and the records' bytes are checked by
   * the payload's checksum before a load reuses them ({@link Contents#verify()}); a record that does not
   * decode (damage seen before that check, or a bug) is an {@link IllegalStateException}.
   */
  private static final class Records {
    private final ByteBuffer payload;
    private final int start;
    private final int length;
    private final Index index;
    private final Table table;
    private final Lists lists;
    private final Openings openings;
    private final Mapped bodies;
    private final Path file;
    private final Object fileKey;
    private final Fallback fallback;
    private final AtomicReferenceArray<Decoded> decoded;

    Records(ByteBuffer payload, int start, int length, Index index, Table table, Lists lists, Openings openings,
        Mapped bodies, Path file, Object fileKey, Fallback fallback) {
      this.payload = payload;
      this.start = start;
      this.length = length;
      this.index = index;
      this.table = table;
      this.lists = lists;
      this.openings = openings;
      this.bodies = bodies;
      this.file = file;
      this.fileKey = fileKey;
      this.fallback = fallback;
      this.decoded = new AtomicReferenceArray<>(index.size());
    }

    private record Decoded(Article article, StoredBody body) {}

    Decoded at(int i) {
      Decoded d = decoded.get(i);
      if (d != null) {
        return d;
      }
      StoredBody[] body = new StoredBody[1];
      Place place = (offset, size, crc, path, digest) -> body[0] = StoredBody.mapped(bodies.window(offset, size),
          Mapped.within(offset), size, crc, file, fileKey, fallback, path, digest);
      Article a;
      try {
        int at = index.record(i);
        a = article(new In(payload.slice(start + at, length - at), table, lists), openings, place);
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
          return value.apply(Objects.checkIndex(index, decoded.length()));
        }

        @Override
        public int size() {
          return decoded.length();
        }
      });
    }
  }

  /**
   * The payload's section of the bodies' openings: decoded only when a page shows one (a restart decodes
   * none of the 100,000, and the heap holds none of them until then). The file is replaced by a rename,
   * never rewritten in place.
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
    if (n == 0) {
      return List.of();
    }
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
    List<CategoryAssignment> categories = in.list();
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
   * repeat titles and excerpts, so equal values share one {@code String} and one {@code Optional}. The
   * directory (4-byte starts, one per string and one after the last) and the bytes of the head's strings
   * (the ids and the files' paths, which a restart reads) are copied out of the mapping in one bulk read
   * each; each string is decoded when first referred to (a restart decodes the articles' ids, not their
   * titles, excerpts and paths). Several threads may decode at once: the mapping is read by absolute
   * position only, and a race decodes a string twice, which is harmless.
   */
  private static final class Table {
    private final ByteBuffer buf;
    private final int data;
    private final int[] starts;
    /** The bytes of the strings in the head (the first {@code early}). */
    private final byte[] head;
    final String[] strings;
    /** Each string's {@code Optional}, made on first use; a race makes two equal ones, which is harmless. */
    final Optional<?>[] present;

    Table(ByteBuffer buf, int directory, int data, int size, int early) {
      this.buf = buf;
      this.data = data;
      this.starts = ints(buf, directory, size + 1);
      if (starts[0] != 0 || starts[early] < 0 || starts[size] < starts[early] || starts[size] > buf.limit() - data) {
        throw new IllegalStateException("string data of " + starts[size] + " bytes, " + starts[early]
            + " of them in the head, does not fit");
      }
      this.head = new byte[starts[early]];
      buf.get(data, head);
      this.strings = new String[size];
      this.present = new Optional<?>[size];
    }

    /** Where string {@code i} starts in the string data ({@code i == size()}: where the data ends). */
    int start(int i) {
      return starts[i];
    }

    int size() {
      return strings.length;
    }

    String get(int ref) {
      String s = strings[ref];
      if (s == null) {
        int from = starts[ref];
        int to = starts[ref + 1];
        if (from < 0 || from > to || to > starts[strings.length]) {
          throw new IllegalStateException("string " + ref + " at " + from + ".." + to);
        }
        if (to <= head.length) {
          s = new String(head, from, to - from, StandardCharsets.UTF_8);
        } else {
          byte[] bytes = new byte[to - from];
          buf.get(data + from, bytes);
          s = new String(bytes, StandardCharsets.UTF_8);
        }
        strings[ref] = s;
      }
      return s;
    }
  }

  /**
   * The distinct category-assignment lists (articles of one folder, or of one rule outcome, carry equal
   * ones: a handful at 100,000 articles), each written once and referred to by number: a directory of
   * 4-byte starts, then the lists. Each is decoded when first used and kept: equal lists are one
   * instance. Thread-safe: the first decoding of a number is the one every reader gets.
   */
  private static final class Lists {
    private final ByteBuffer buf;
    private final int directory;
    private final int data;
    private final int length;
    private final Table table;
    private final AtomicReferenceArray<List<CategoryAssignment>> decoded;

    /** The {@code count} lists of {@code length} bytes after their directory at {@code directory}. */
    Lists(ByteBuffer buf, int directory, int count, int length, Table table) {
      this.buf = buf;
      this.directory = directory;
      this.data = directory + 4 * (count + 1);
      this.length = length;
      this.table = table;
      this.decoded = new AtomicReferenceArray<>(count);
    }

    List<CategoryAssignment> get(int number) {
      if (number < 0 || number >= decoded.length()) {
        throw new IllegalStateException("assignment list " + number + " of " + decoded.length());
      }
      List<CategoryAssignment> list = decoded.get(number);
      if (list != null) {
        return list;
      }
      int from = buf.getInt(directory + 4 * number);
      int to = buf.getInt(directory + 4 * number + 4);
      if (from < 0 || from > to || to > length) {
        throw new IllegalStateException("assignment list " + number + " at " + from + ".." + to);
      }
      In in = new In(buf.slice(data + from, to - from), table, this);
      list = assignments(in);
      if (in.buf.hasRemaining()) {
        throw new IllegalStateException(in.buf.remaining() + " bytes left after assignment list " + number);
      }
      return decoded.compareAndSet(number, null, list) ? list : decoded.get(number);
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
    final Lists lists;
    final Map<Long, Optional<LocalDate>> dates = new HashMap<>();
    /** Ranges outside the parser's shared table ({@link SeedParser#lines}), one instance each. */
    final Map<Long, Optional<LineRange>> ranges = new HashMap<>();

    In(ByteBuffer buf, Table table, Lists lists) {
      this.buf = buf;
      this.table = table;
      this.lists = lists;
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
      return table.get(ref(count(), table));
    }

    List<CategoryAssignment> list() {
      return lists.get(count());
    }

    @SuppressWarnings("unchecked")
    Optional<String> optStr() {
      if (!bool()) {
        return Optional.empty();
      }
      int ref = ref(count(), table);
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
    Layout layout = contents.layout();
    int na = contents.articles().size();
    if (layout.size() != na || contents.bodies().size() != na) {
      throw new IllegalArgumentException(na + " articles, a layout of " + layout.size() + " and "
          + contents.bodies().size() + " bodies");
    }
    Strings table = new Strings();
    // The strings a restart reads come first, in the head: string i is the id of article i.
    for (int i = 0; i < na; i++) {
      if (table.number(layout.id(i)) != i) {
        throw new IllegalArgumentException("article " + layout.id(i) + " at " + i + " has the id of another");
      }
    }
    Out result = new Out(table);
    result.str(contents.categoriesDigest());
    result.bool(contents.walkProblems());
    List<Category> categories = contents.taxonomy().all();
    result.count(categories.size());
    for (Category c : categories) {
      result.str(c.slug());
      result.str(c.name());
      result.optStr(c.parent());
      result.str(c.description());
      result.putInt(c.order());
    }
    diagnostics(result, contents.diagnostics());
    List<FileEntry> files = contents.files();
    int nf = files.size();
    for (FileEntry f : files) {
      table.number(f.path());
    }
    int early = table.list.size();
    // The index's columns, then the records (decoded when read).
    ByteSink flags = new ByteSink(Math.max(16, na));
    ByteSink recordStarts = new ByteSink(4 * na + 16);
    ByteSink targetStarts = new ByteSink(4 * na + 16);
    ByteSink targets = new ByteSink(4 * na + 16);
    Out records = new Out(table);
    List<ByteBuffer> bodies = new ArrayList<>(na);
    long[] offsets = new long[na];
    long bodyLength = 0;
    int nt = 0;
    for (int i = 0; i < na; i++) {
      Article a = contents.articles().get(i);
      if (!a.id().equals(layout.id(i)) || a.stub() != layout.stub(i)) {
        throw new IllegalArgumentException("article " + a.id() + " at " + i + " is not the layout's " + layout.id(i));
      }
      flags.put((byte) ((a.stub() ? STUB : 0) | (layout.ownsTitle(i) ? OWNER : 0)));
      recordStarts.putInt(records.size);
      targetStarts.putInt(nt);
      for (int t : layout.pageTargets(i)) {
        if (t < 0 || t >= na) {
          throw new IllegalArgumentException("article " + a.id() + " has a page target at " + t + " of " + na);
        }
        targets.putInt(t);
        nt++;
      }
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
    targetStarts.putInt(nt);
    // The file entries' columns; their diagnostics apart (offset 0: none, as most files have).
    ByteSink paths = new ByteSink(4 * nf + 16);
    ByteSink articles = new ByteSink(4 * nf + 16);
    ByteSink sizes = new ByteSink(8 * nf + 16);
    ByteSink times = new ByteSink(8 * nf + 16);
    ByteSink fileFlags = new ByteSink(nf + 16);
    ByteSink scores = new ByteSink(4 * nf + 16);
    ByteSink details = new ByteSink(4 * nf + 16);
    Out diagnostics = new Out(table);
    diagnostics.count(0);
    for (FileEntry f : files) {
      if (f.article() < -1 || f.article() >= na) {
        throw new IllegalArgumentException("file " + f.path() + " names article " + f.article() + " of " + na);
      }
      paths.putInt(table.number(f.path()));
      articles.putInt(f.article());
      sizes.putLong(f.size());
      times.putLong(f.modified());
      fileFlags.put((byte) (f.trusted() ? 1 : 0));
      scores.putInt(table.lists.number(f.scores()));
      if (f.diagnostics().isEmpty()) {
        details.putInt(0);
      } else {
        details.putInt(diagnostics.size);
        diagnostics(diagnostics, f.diagnostics());
      }
    }
    // The strings: all are numbered now. The head ends after the data of the first `early` ones.
    int ns = table.list.size();
    byte[][] utf8 = new byte[ns][];
    ByteSink stringStarts = new ByteSink(4 * ns + 16);
    int dataLength = 0;
    int earlyLength = 0;
    for (int i = 0; i < ns; i++) {
      if (i == early) {
        earlyLength = dataLength;
      }
      utf8[i] = table.list.get(i).getBytes(StandardCharsets.UTF_8);
      stringStarts.putInt(dataLength);
      dataLength = Math.addExact(dataLength, utf8[i].length);
    }
    if (early == ns) {
      earlyLength = dataLength;
    }
    stringStarts.putInt(dataLength);
    ListsWriter lists = table.lists;
    ByteSink all = new ByteSink(records.size + table.openings.size + dataLength + (1 << 16));
    all.count(0);
    all.utf8(key);
    int fields = all.size;
    all.putInt(0); // the head's end and checksum, known at the end
    all.putInt(0);
    all.count(0);
    all.utf8(generation);
    all.putInt(na);
    all.putInt(nf);
    all.putInt(ns);
    all.putInt(early);
    all.putInt(nt);
    all.putInt(lists.count());
    all.putInt(result.size);
    all.putInt(records.size);
    all.putInt(diagnostics.size);
    all.putInt(lists.length());
    all.putInt(table.openings.size);
    all.bytes(result.buf, result.size);
    for (ByteSink column : List.of(flags, recordStarts, targetStarts, targets, paths, articles, sizes, times,
        fileFlags, scores, details, stringStarts)) {
      all.bytes(column.buf, column.size);
    }
    int dataStart = all.size;
    for (byte[] s : utf8) {
      all.bytes(s, s.length);
    }
    int headEnd = dataStart + earlyLength;
    all.bytes(records.buf, records.size);
    all.bytes(diagnostics.buf, diagnostics.size);
    lists.writeTo(all);
    all.bytes(table.openings.buf, table.openings.size);
    byte[] payload = all.buf;
    int length = all.size;
    ByteBuffer.wrap(payload, fields, 8).putInt(headEnd).putInt(crc(ByteBuffer.wrap(payload, 0, length), fields, headEnd));
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
    out.list(a.categories());
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

  /**
   * The strings a snapshot refers to, numbered in the order they were first written; the distinct
   * category-assignment lists; and the section of the bodies' openings, which are written apart from
   * them (read when shown, not when opened).
   */
  private static final class Strings {
    final Map<String, Integer> numbers = new HashMap<>();
    final List<String> list = new ArrayList<>();
    final ByteSink openings = new ByteSink(1 << 16);
    final ListsWriter lists = new ListsWriter(this);

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

  /** Numbers the distinct assignment lists as they are first written, and writes them as {@link Lists} reads them. */
  private static final class ListsWriter {
    private final Map<List<CategoryAssignment>, Integer> numbers = new HashMap<>();
    private final ByteSink starts = new ByteSink(64);
    private final Out bytes;

    ListsWriter(Strings strings) {
      bytes = new Out(strings);
    }

    int number(List<CategoryAssignment> list) {
      Integer n = numbers.get(list);
      if (n == null) {
        n = numbers.size();
        numbers.put(list, n);
        starts.putInt(bytes.size);
        assignments(bytes, list);
      }
      return n;
    }

    int count() {
      return numbers.size();
    }

    /** The lists' bytes after their directory. */
    int length() {
      return bytes.size;
    }

    /** The directory (where each list starts, and where the last ends), then the lists. */
    void writeTo(ByteSink out) {
      out.bytes(starts.buf, starts.size);
      out.putInt(bytes.size);
      out.bytes(bytes.buf, bytes.size);
    }
  }

  /** The snapshot's writers over the shared primitives: strings through a table, optional values. */
  private static final class Out extends ByteSink {
    final Strings strings;

    Out(Strings strings) {
      super(1 << 12);
      this.strings = strings;
    }

    void list(List<CategoryAssignment> list) {
      count(strings.lists.number(list));
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

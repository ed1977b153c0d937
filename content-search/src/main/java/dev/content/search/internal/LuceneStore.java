package dev.content.search.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene side of a library: one document per article (search fields, facet values, the content
 * hashes) plus one meta document holding the frozen similarity statistics. The similarity vectors live
 * beside the index ({@link VectorStore}).
 *
 * <p>Crash safety comes from Lucene's commits: a commit is atomic, files of an unfinished commit are
 * deleted when the writer next opens, and the lock of a killed process is released by the operating
 * system. Indexing commits every {@link #COMMIT_EVERY} changes so that a crash loses little work, and
 * the next open resumes by comparing content hashes.
 */
public final class LuceneStore implements Closeable {
  /** Changes between intermediate commits during a long indexing run. */
  public static final int COMMIT_EVERY = 2000;
  private static final String VERSION_KEY = "content.version";
  /** The commit data naming the {@link IndexState} file written with the commit. */
  private static final String STATE_KEY = "content.state";

  private final Directory dir;
  private final String version;
  private final boolean words;
  /** Null until the first change when an index of this version was opened (see {@link #writable()}). */
  private IndexWriter writer;
  /** The folder's write lock while no writer holds it. */
  private Lock heldLock;
  private final FacetsConfig facets = new FacetsConfig();
  private volatile Optional<String> rebuilt;
  private volatile Optional<String> stateToken;
  private DirectoryReader reader;
  private IndexSearcher searcher;
  private int pending;

  /** One stored article entry. */
  public record Stored(String hash, String textHash) {}

  /** An article as the index holds it. */
  public record Entry(String id, String title, String body, boolean stub, Optional<LocalDate> day,
      Collection<String> categories, String hash, String textHash) {}

  private LuceneStore(Directory dir, String version, boolean words) throws IOException {
    this.dir = dir;
    this.version = version;
    this.words = words;
    facets.setMultiValued(Fields.FACET, true);
    String reason = null;
    String token = null;
    boolean exists = DirectoryReader.indexExists(dir);
    if (exists) {
      try {
        Map<String, String> data = SegmentInfos.readLatestCommit(dir).getUserData();
        String found = data.get(VERSION_KEY);
        if (!version.equals(found)) {
          reason = "analyser version changed (index: " + found + ", library: " + version + ")";
        }
        token = data.get(STATE_KEY);
      } catch (IOException e) {
        reason = "unreadable index (" + e.getMessage() + ")";
      }
    }
    if (exists && reason == null) {
      // An index of this version: searched through a reader of its last commit, under the folder's lock;
      // the writer (a third of a cold open, and a reopen over an unchanged corpus never writes) is
      // opened when something is first changed.
      Lock lock = lock(dir);
      try {
        reader = DirectoryReader.open(dir);
        heldLock = lock;
        this.rebuilt = Optional.empty();
        this.stateToken = Optional.ofNullable(token);
        searcher = searcher(reader);
        return;
      } catch (IOException e) {
        // Let the writer decide below whether it can append to what is there, as for any index.
        lock.close();
      }
    }
    openWriter(reason,
        reason != null ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    this.stateToken = Optional.ofNullable(rebuilt.isEmpty() ? token : null);
    // No commit data is set here: an open that changes nothing must not commit (nor drop the state token).
    refresh();
  }

  private static Lock lock(Directory dir) throws IOException {
    try {
      return dir.obtainLock(IndexWriter.WRITE_LOCK_NAME);
    } catch (LockObtainFailedException e) {
      throw new IllegalStateException("the index folder is in use by another process: " + dir, e);
    }
  }

  /**
   * Opens the writer ({@code reason}: why the index is started over, or null), starting over an index
   * Lucene cannot append to; sets {@link #rebuilt()}.
   */
  private void openWriter(String reason, IndexWriterConfig.OpenMode mode) throws IOException {
    IndexWriter w;
    Lock lock = heldLock;
    heldLock = null;
    try {
      w = new IndexWriter(lock == null ? dir : new HandedLock(dir, lock), writerConfig(mode));
    } catch (LockObtainFailedException e) {
      throw new IllegalStateException("the index folder is in use by another process: " + dir, e);
    } catch (IOException e) {
      if (reason != null) {
        throw e;
      }
      // A damaged index that Lucene cannot append to: start over rather than ask for manual repair.
      reason = "unreadable index (" + e.getMessage() + ")";
      // Even CREATE reads every commit point left in the folder, so Lucene's own files go first (the
      // library's files beside them are checked by their own keys). A fresh config: Lucene refuses
      // one that an IndexWriter has already seen, even a failed one.
      for (String file : dir.listAll()) {
        if (file.startsWith(IndexFileNames.SEGMENTS) || file.startsWith(IndexFileNames.PENDING_SEGMENTS)
            || file.matches(IndexFileNames.CODEC_FILE_PATTERN.pattern())) {
          dir.deleteFile(file);
        }
      }
      try {
        w = new IndexWriter(dir, writerConfig(IndexWriterConfig.OpenMode.CREATE));
      } catch (LockObtainFailedException x) {
        throw new IllegalStateException("the index folder is in use by another process: " + dir, x);
      }
    }
    writer = w;
    rebuilt = Optional.ofNullable(reason);
  }

  /**
   * Opens the writer if it is not open yet. An index Lucene cannot append to (whose last commit still
   * reads) is started over here: {@link #rebuilt()} then says why and {@link #stateToken()} is empty, so
   * a caller that will write reads them after this. Every change opens the writer by itself.
   */
  public synchronized void writable() throws IOException {
    if (writer == null) {
      openWriter(null, IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
      if (rebuilt.isPresent()) {
        stateToken = Optional.empty();
        refresh(); // the reader of the index started over
      }
    }
  }

  /** The folder as a writer opened after the store sees it: its write lock is the one the store holds. */
  private static final class HandedLock extends org.apache.lucene.store.FilterDirectory {
    private Lock lock;

    HandedLock(Directory in, Lock lock) {
      super(in);
      this.lock = lock;
    }

    @Override
    public synchronized Lock obtainLock(String name) throws IOException {
      if (lock != null && IndexWriter.WRITE_LOCK_NAME.equals(name)) {
        Lock l = lock;
        lock = null;
        return l;
      }
      return super.obtainLock(name);
    }
  }

  private IndexWriterConfig writerConfig(IndexWriterConfig.OpenMode mode) {
    return new IndexWriterConfig(analyzer(words)).setOpenMode(mode).setSimilarity(new BM25Similarity())
        .setRAMBufferSizeMB(64);
  }

  /** Opens (or creates) the index in {@code dir}, rebuilding it when its version differs. */
  public static LuceneStore open(Directory dir, String version, boolean words) throws IOException {
    return new LuceneStore(dir, version, words);
  }

  /** The analyser of the index fields. */
  public static Analyzer analyzer(boolean words) {
    Map<String, Analyzer> per = new HashMap<>();
    if (words) {
      Analyzer w = Analyzers.words();
      per.put(Fields.TITLE_WORDS, w);
      per.put(Fields.BODY_WORDS, w);
      per.put(Fields.STUB_TITLE_WORDS, w);
      per.put(Fields.STUB_BODY_WORDS, w);
    }
    return new PerFieldAnalyzerWrapper(Analyzers.bigrams(), per);
  }

  public Optional<String> rebuilt() {
    return rebuilt;
  }

  /** The token of the {@link IndexState} the last commit was made with, if it was made with one. */
  public Optional<String> stateToken() {
    return stateToken;
  }

  /** Every stored article entry by id (empty after a rebuild). */
  public Map<String, Stored> stored() throws IOException {
    Map<String, Stored> out = new HashMap<>();
    forEachLiveDocument(doc -> {
      if (Fields.KIND_ARTICLE.equals(doc.get(Fields.KIND))) {
        out.put(doc.get(Fields.ID), new Stored(doc.get(Fields.HASH), doc.get(Fields.TEXT_HASH)));
      }
      return true;
    });
    return out;
  }

  /** Visits the stored fields of every live document in index order until the visitor returns false. */
  private void forEachLiveDocument(java.util.function.Predicate<Document> visitor) throws IOException {
    for (LeafReaderContext leaf : reader.leaves()) {
      StoredFields fields = leaf.reader().storedFields();
      Bits live = leaf.reader().getLiveDocs();
      for (int d = 0; d < leaf.reader().maxDoc(); d++) {
        if ((live == null || live.get(d)) && !visitor.test(fields.document(d))) {
          return;
        }
      }
    }
  }

  /** Frozen statistics and the id that vectors computed under them carry. */
  public record StoredStats(String id, VectorModel.Stats stats) {}

  /** The similarity statistics stored with the index, if any. */
  public Optional<StoredStats> stats(String paramsVersion) throws IOException {
    Document[] meta = new Document[1];
    forEachLiveDocument(doc -> {
      if (Fields.KIND_META.equals(doc.get(Fields.KIND)) && paramsVersion.equals(doc.get(Fields.HASH))) {
        meta[0] = doc;
        return false;
      }
      return true;
    });
    if (meta[0] == null) {
      return Optional.empty();
    }
    BytesRef b = meta[0].getBinaryValue(Fields.STATS);
    return Optional.of(new StoredStats(meta[0].get(Fields.STATS_ID), VectorModel.Stats.readFrom(
        new DataInputStream(new ByteArrayInputStream(b.bytes, b.offset, b.length)))));
  }

  /** Replaces the stored statistics (written with the next commit). */
  public void putStats(String paramsVersion, StoredStats stats) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    stats.stats().writeTo(new DataOutputStream(bytes));
    Document doc = new Document();
    doc.add(new StringField(Fields.ID, Fields.META_ID, Field.Store.YES));
    doc.add(new StringField(Fields.KIND, Fields.KIND_META, Field.Store.YES));
    doc.add(new StoredField(Fields.HASH, paramsVersion));
    doc.add(new StoredField(Fields.STATS_ID, stats.id()));
    doc.add(new StoredField(Fields.STATS, bytes.toByteArray()));
    // Empty text fields keep the norms dense (see put).
    text(doc, Fields.TITLE, Fields.STUB_TITLE, false, "");
    text(doc, Fields.BODY, Fields.STUB_BODY, false, "");
    if (words) {
      text(doc, Fields.TITLE_WORDS, Fields.STUB_TITLE_WORDS, false, "");
      text(doc, Fields.BODY_WORDS, Fields.STUB_BODY_WORDS, false, "");
    }
    writable();
    writer.updateDocument(new Term(Fields.ID, Fields.META_ID), doc);
  }

  /** Adds or replaces an article; commits every {@link #COMMIT_EVERY} changes. */
  public void put(Entry e) throws IOException {
    Document doc = new Document();
    doc.add(new StringField(Fields.ID, e.id(), Field.Store.YES));
    doc.add(new StringField(Fields.KIND, Fields.KIND_ARTICLE, Field.Store.YES));
    // Every document has every text field, the other kind's empty: an empty field still records a norm
    // (0), so norms are dense and scoring reads them directly instead of through a sparse index, which
    // was most of the search time at 100,000 articles. Scores are unchanged (no terms, no length).
    text(doc, Fields.TITLE, Fields.STUB_TITLE, e.stub(), e.title());
    text(doc, Fields.BODY, Fields.STUB_BODY, e.stub(), e.body());
    if (words) {
      text(doc, Fields.TITLE_WORDS, Fields.STUB_TITLE_WORDS, e.stub(), e.title());
      text(doc, Fields.BODY_WORDS, Fields.STUB_BODY_WORDS, e.stub(), e.body());
    }
    doc.add(new StringField(Fields.STUB, Boolean.toString(e.stub()), Field.Store.NO));
    if (e.day().isPresent()) {
      long day = e.day().get().toEpochDay();
      doc.add(new LongPoint(Fields.DAY, day));
      doc.add(new NumericDocValuesField(Fields.DAY, day));
    }
    for (String c : e.categories()) {
      doc.add(new StringField(Fields.CATEGORY, c, Field.Store.NO));
      doc.add(new SortedSetDocValuesFacetField(Fields.FACET, c));
    }
    doc.add(new StoredField(Fields.HASH, e.hash()));
    doc.add(new StoredField(Fields.TEXT_HASH, e.textHash()));
    writable();
    writer.updateDocument(new Term(Fields.ID, e.id()), facets.build(doc));
    changed();
  }

  private static void text(Document doc, String fullField, String stubField, boolean stub, String value) {
    doc.add(new TextField(fullField, stub ? "" : value, Field.Store.NO));
    doc.add(new TextField(stubField, stub ? value : "", Field.Store.NO));
  }

  public void delete(String id) throws IOException {
    writable();
    writer.deleteDocuments(new Term(Fields.ID, id));
    changed();
  }

  private void changed() throws IOException {
    if (++pending >= COMMIT_EVERY) {
      commit(null);
    }
  }

  /**
   * Makes every change durable and visible to searches; {@code stateToken} names the {@link IndexState}
   * written for this commit (null for an intermediate commit, which no state file describes).
   */
  public void commit(String stateToken) throws IOException {
    Map<String, String> data = new HashMap<>();
    data.put(VERSION_KEY, version);
    if (stateToken != null) {
      data.put(STATE_KEY, stateToken);
    }
    writable();
    writer.setLiveCommitData(data.entrySet());
    writer.commit();
    pending = 0;
  }

  /** Opens a fresh reader over the committed state (nothing to do before the first change). */
  public synchronized void refresh() throws IOException {
    if (writer == null) {
      return;
    }
    DirectoryReader next = reader == null ? DirectoryReader.open(writer) : DirectoryReader.openIfChanged(reader, writer);
    if (next != null) {
      DirectoryReader old = reader;
      reader = next;
      searcher = searcher(reader);
      if (old != null) {
        old.close();
      }
    }
  }

  private static IndexSearcher searcher(DirectoryReader reader) {
    IndexSearcher s = new IndexSearcher(reader);
    s.setSimilarity(new BM25Similarity());
    return s;
  }

  public IndexSearcher searcher() {
    return searcher;
  }

  public FacetsConfig facetsConfig() {
    return facets;
  }

  public Directory directory() {
    return dir;
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      reader.close();
    } finally {
      if (writer != null) {
        writer.close();
      } else if (heldLock != null) {
        heldLock.close();
        heldLock = null;
      }
    }
  }
}

package dev.content.loader.internal;

import dev.content.core.Block;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.zip.CRC32C;

/**
 * Where a lazy body's blocks come from: their encoded bytes ({@link BodyCodec}), in memory until the
 * snapshot that keeps them is written, then in that snapshot file (memory-mapped). Never the article's
 * file while the bytes are good: a corpus still being served keeps its bodies whatever happens to the
 * files meanwhile.
 *
 * <p>The bytes carry a CRC-32C taken when they were encoded. Bytes that do not match it (a snapshot file
 * damaged on disk) are never decoded: the body is read from the article's file instead (checked against
 * the source digest, see {@code SeedLoader}), the damage is logged, and the damaged snapshot is deleted
 * so that the next load writes a new one.
 *
 * <p>Thread-safe. {@link #moveTo} points the body at equal bytes elsewhere (the next snapshot), so that
 * the previous snapshot's mapping can be released.
 */
public final class StoredBody implements Supplier<List<Block>> {
  private static final System.Logger LOG = System.getLogger(StoredBody.class.getName());

  /**
   * The bytes ({@code length} bytes at {@code offset} of {@code region}, which a snapshot's bodies share:
   * no buffer object per body until it is read) and the snapshot file (with its identity) they are
   * mapped from, null while in memory.
   */
  private record Where(ByteBuffer region, int offset, int length, Path file, Object fileKey) {
    ByteBuffer bytes() {
      return region.slice(offset, length);
    }
  }

  private final int crc;
  /** Makes the reader of the article's file from its path and digest, only when the bytes are damaged. */
  private final SnapshotCodec.Fallback fallback;
  private final String path;
  private final String digest;
  private volatile Where where;

  private StoredBody(Where where, int crc, SnapshotCodec.Fallback fallback, String path, String digest) {
    this.where = where;
    this.crc = crc;
    this.fallback = Objects.requireNonNull(fallback, "fallback must not be null");
    this.path = Objects.requireNonNull(path, "path must not be null");
    this.digest = Objects.requireNonNull(digest, "digest must not be null");
  }

  /**
   * A body whose encoded bytes are in memory (a file just parsed), until {@link #moveTo} a snapshot;
   * {@code fallback} reads the article at {@code path} with {@code digest} from its file.
   */
  public static StoredBody inMemory(byte[] encoded, SnapshotCodec.Fallback fallback, String path, String digest) {
    return new StoredBody(new Where(ByteBuffer.wrap(encoded).asReadOnlyBuffer(), 0, encoded.length, null, null),
        crc(ByteBuffer.wrap(encoded)), fallback, path, digest);
  }

  /**
   * A body stored in a snapshot file, its bytes mapped as the {@code length} bytes at {@code offset} of
   * {@code region} (read-only), which must match {@code crc}.
   */
  public static StoredBody mapped(ByteBuffer region, int offset, int length, int crc, Path file, Object fileKey,
      SnapshotCodec.Fallback fallback, String path, String digest) {
    return new StoredBody(new Where(region, offset, length, file, fileKey), crc, fallback, path, digest);
  }

  /** The encoded bytes (a read-only view from position 0), for writing them into the next snapshot. */
  public ByteBuffer bytes() {
    return where.bytes();
  }

  /** The CRC-32C of {@link #bytes()}. */
  public int crc() {
    return crc;
  }

  /** Reads from these equal bytes from now on: the same body's bytes in a newer snapshot file. */
  public void moveTo(ByteBuffer bytes, Path file, Object fileKey) {
    where = new Where(bytes, bytes.position(), bytes.remaining(), file, fileKey);
  }

  /** Whether the bytes are still in memory rather than in a snapshot file (tests). */
  public boolean inMemory() {
    return where.file() == null;
  }

  @Override
  public List<Block> get() {
    Where w = where;
    ByteBuffer bytes = w.bytes();
    if (crc(bytes) == crc) {
      try {
        return BodyCodec.decode(bytes);
      } catch (IllegalStateException e) {
        // A matching checksum over bytes that do not decode: a bug or a foreign writer; the file decides.
        damaged(w, e.getMessage());
        return fallback.reader(path, digest).get();
      }
    }
    damaged(w, "checksum mismatch");
    return fallback.reader(path, digest).get();
  }

  private static void damaged(Where w, String why) {
    if (w.file() == null) {
      throw new IllegalStateException("a body in memory does not decode: " + why);
    }
    LOG.log(System.Logger.Level.WARNING, "{0}: damaged body ({1}); read from the article''s file instead,"
        + " and the snapshot is deleted so that the next load writes it again", w.file(), why);
    try {
      // Only the file these bytes came from: a newer snapshot in its place is left alone.
      if (Files.exists(w.file()) && Objects.equals(Files.readAttributes(w.file(), BasicFileAttributes.class)
          .fileKey(), w.fileKey())) {
        Files.delete(w.file());
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "{0}: cannot delete the damaged snapshot: {1}", w.file(), e);
    }
  }

  /** The CRC-32C of the buffer's remaining bytes (the buffer is not moved). */
  public static int crc(ByteBuffer bytes) {
    CRC32C c = new CRC32C();
    c.update(bytes.duplicate());
    return (int) c.getValue();
  }
}

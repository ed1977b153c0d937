package dev.content.search.internal;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The files a library keeps beside Lucene's in its index folder (vectors, index state, categories,
 * related lists): a magic line, a key saying what the content was computed from, then flat arrays read
 * back with bulk copies from a memory map instead of value by value, and a CRC-32 of everything at the
 * end. A file under another magic or key, truncated or damaged, reads as absent ({@link #open}); the
 * caller then recomputes. A large file that is read piece by piece ({@link #map}) carries checkpoints
 * instead: a CRC-32 of everything before it ({@link Writer#checkpoint()}) checked when the file is
 * opened, and checks of its own for the rest, made when a piece is read. Files are written to a
 * temporary name and moved into place, so a crash leaves the old file or the new one. Lucene never
 * deletes them: it only removes files named like its own.
 */
public final class BinaryFile {
  private static final System.Logger LOG = System.getLogger("dev.content.search");

  private BinaryFile() {}

  /** Writes a file section by section; {@link #commit()} puts it in place. */
  public static final class Writer implements AutoCloseable {
    private final Path target;
    private final Path tmp;
    private final CRC32 crc = new CRC32();
    private final DataOutputStream out;
    private boolean done;

    public Writer(Path target, String magic, String key) {
      this.target = target;
      this.tmp = target.resolveSibling(target.getFileName() + ".tmp");
      try {
        OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
        this.out = new DataOutputStream(new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            crc.update(b);
            raw.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            crc.update(b, off, len);
            raw.write(b, off, len);
          }

          @Override
          public void close() throws IOException {
            raw.close();
          }
        });
        string(magic);
        string(key);
      } catch (IOException e) {
        throw failed(e);
      }
    }

    public Writer integer(int v) {
      try {
        out.writeInt(v);
      } catch (IOException e) {
        throw failed(e);
      }
      return this;
    }

    public Writer number(double v) {
      long bits = Double.doubleToRawLongBits(v);
      integer((int) (bits >>> 32));
      return integer((int) bits);
    }

    public Writer string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      integer(b.length);
      bytes(b);
      return this;
    }

    public Writer ints(int[] a, int length) {
      integer(length);
      return blocks(length, 4, (buf, from, n) -> buf.asIntBuffer().put(a, from, n));
    }

    public Writer ints(int[] a) {
      return ints(a, a.length);
    }

    public Writer floats(float[] a, int length) {
      integer(length);
      return blocks(length, 4, (buf, from, n) -> buf.asFloatBuffer().put(a, from, n));
    }

    public Writer floats(float[] a) {
      return floats(a, a.length);
    }

    /**
     * The CRC-32 of everything written so far: a reader of {@link #map} checks the part of the file up
     * to here with {@link Reader#checkpoint()} without reading the rest.
     */
    public Writer checkpoint() {
      return integer((int) crc.getValue());
    }

    /** Strings as one block of UTF-16 code units and their end offsets. */
    public Writer strings(String[] a) {
      int[] ends = new int[a.length];
      int total = 0;
      for (int i = 0; i < a.length; i++) {
        total += a[i].length();
        ends[i] = total;
      }
      ints(ends);
      char[] chars = new char[total];
      int at = 0;
      for (String s : a) {
        s.getChars(0, s.length(), chars, at);
        at += s.length();
      }
      integer(total);
      return blocks(total, 2, (buf, from, n) -> buf.asCharBuffer().put(chars, from, n));
    }

    /** Puts values {@code [from, from + n)} of an array into a buffer (big-endian, from position 0). */
    private interface Fill {
      void put(ByteBuffer buf, int from, int n);
    }

    /** Writes {@code count} values of {@code unit} bytes each, a buffer's worth at a time. */
    private Writer blocks(int count, int unit, Fill fill) {
      int chunk = 1 << 16;
      ByteBuffer buf = ByteBuffer.allocate(unit * Math.min(count, chunk));
      for (int from = 0; from < count; from += chunk) {
        int n = Math.min(chunk, count - from);
        buf.clear();
        fill.put(buf, from, n);
        bytes(buf.array(), unit * n);
      }
      return this;
    }

    private void bytes(byte[] b) {
      bytes(b, b.length);
    }

    private void bytes(byte[] b, int n) {
      try {
        out.write(b, 0, n);
      } catch (IOException e) {
        throw failed(e);
      }
    }

    /** Ends the file with its checksum and moves it into place. */
    public void commit() {
      try {
        long sum = crc.getValue();
        out.writeLong(sum);
        out.close();
        done = true;
        try {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        throw failed(e);
      }
    }

    private UncheckedIOException failed(IOException e) {
      return new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
      if (!done) {
        try {
          out.close();
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // The write failed already; that failure is the one to report.
        }
      }
    }
  }

  /** Reads sections in the order they were written; any inconsistency throws {@link Damaged}. */
  public static final class Reader {
    private final ByteBuffer buf;

    private Reader(ByteBuffer buf) {
      this.buf = buf;
    }

    public int integer() {
      return buf.getInt();
    }

    public double number() {
      long hi = buf.getInt();
      long lo = buf.getInt() & 0xffffffffL;
      return Double.longBitsToDouble((hi << 32) | lo);
    }

    public String string() {
      int n = length(1);
      byte[] b = new byte[n];
      buf.get(b);
      return new String(b, StandardCharsets.UTF_8);
    }

    public int[] ints() {
      int[] a = new int[length(4)];
      buf.asIntBuffer().get(a);
      buf.position(buf.position() + 4 * a.length);
      return a;
    }

    public float[] floats() {
      float[] a = new float[length(4)];
      buf.asFloatBuffer().get(a);
      buf.position(buf.position() + 4 * a.length);
      return a;
    }

    public String[] strings() {
      int[] ends = ints();
      char[] chars = new char[length(2)];
      buf.asCharBuffer().get(chars);
      buf.position(buf.position() + 2 * chars.length);
      String[] out = new String[ends.length];
      int start = 0;
      for (int i = 0; i < ends.length; i++) {
        if (ends[i] < start || ends[i] > chars.length) {
          throw new Damaged("string offsets out of order");
        }
        out[i] = new String(chars, start, ends[i] - start);
        start = ends[i];
      }
      return out;
    }

    /**
     * The next section of {@code unit}-byte values ({@link Writer#ints}, {@link Writer#floats}, or either
     * half of {@link Writer#strings}: the end offsets with unit 4, then the characters with unit 2) as a
     * big-endian slice of the file, not copied; the reader moves past it.
     */
    public ByteBuffer section(int unit) {
      int n = length(unit);
      ByteBuffer s = buf.slice(buf.position(), n * unit).order(ByteOrder.BIG_ENDIAN);
      buf.position(buf.position() + n * unit);
      return s;
    }

    /**
     * Checks the CRC-32 that {@link Writer#checkpoint()} wrote here against the bytes before it.
     *
     * @throws Damaged if they differ
     */
    public void checkpoint() {
      int at = buf.position();
      CRC32 crc = new CRC32();
      crc.update(buf.slice(0, at));
      if (buf.getInt() != (int) crc.getValue()) {
        throw new Damaged("checksum mismatch before byte " + at);
      }
    }

    private int length(int unit) {
      int n = buf.getInt();
      if (n < 0 || (long) n * unit > buf.remaining()) {
        throw new Damaged("section length " + n + " beyond the end of the file");
      }
      return n;
    }

    /** Checks that everything was read up to the checksum. */
    public void end() {
      if (buf.remaining() != 8) {
        throw new Damaged(buf.remaining() + " bytes left unread");
      }
    }
  }

  /** A file whose content does not hold together; callers catch it and recompute. */
  public static final class Damaged extends RuntimeException {
    Damaged(String message) {
      super(message);
    }
  }

  /**
   * The file's sections after the magic and key, when it exists, has that magic and key and its
   * checksum matches; a damaged file is logged and reads as absent.
   */
  public static Optional<Reader> open(Path file, String magic, String key) {
    java.util.Objects.requireNonNull(key, "key must not be null");
    return open(file, magic, key::equals).map(Map.Entry::getValue);
  }

  /**
   * The file's sections after the magic and key, mapped, without the checksum of the whole file: for a
   * file with {@link Writer#checkpoint() checkpoints} whose reader checks each piece it uses (so that a
   * large file is not read in full to open it). Empty when it is missing or has another magic or key;
   * a file that cannot be mapped is logged and reads as absent too.
   */
  public static Optional<Reader> map(Path file, String magic, String key) {
    java.util.Objects.requireNonNull(key, "key must not be null");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 16 || size > Integer.MAX_VALUE) {
        throw new Damaged(size + " bytes");
      }
      ByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.BIG_ENDIAN);
      Reader r = new Reader(buf);
      return magic.equals(r.string()) && key.equals(r.string()) ? Optional.of(r) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      damaged(file, e);
      return Optional.empty();
    }
  }

  /**
   * {@link #open} for a file whose key is checked later (read before what the key is computed from is
   * known): the key the file was written under, and its sections.
   */
  public static Optional<Map.Entry<String, Reader>> openAnyKey(Path file, String magic) {
    return open(file, magic, k -> true);
  }

  private static Optional<Map.Entry<String, Reader>> open(Path file, String magic,
      java.util.function.Predicate<String> keyOk) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 16 || size > Integer.MAX_VALUE) {
        throw new Damaged(size + " bytes");
      }
      ByteBuffer buf;
      if (size < (1 << 20)) {
        buf = ByteBuffer.allocate((int) size);
        while (buf.hasRemaining() && ch.read(buf) >= 0) {
          // Small files are read at once.
        }
        buf.flip();
      } else {
        MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        buf = map;
      }
      buf.order(ByteOrder.BIG_ENDIAN);
      CRC32 crc = new CRC32();
      crc.update(buf.duplicate().limit((int) size - 8));
      if (crc.getValue() != buf.getLong((int) size - 8)) {
        throw new Damaged("checksum mismatch");
      }
      Reader r = new Reader(buf);
      if (!magic.equals(r.string())) {
        return Optional.empty();
      }
      String key = r.string();
      return keyOk.test(key) ? Optional.of(Map.entry(key, r)) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      damaged(file, e);
      return Optional.empty();
    }
  }

  /**
   * The first string after the magic and key (a summary of the content) when the file has that magic
   * and key, read from the start of the file only: the checksum is not verified, so a caller that
   * relies on the rest must still {@link #open} the file.
   */
  public static Optional<String> header(Path file, String magic, String key) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(ch.size(), 1 << 16));
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // The header is at the start.
      }
      buf.flip();
      Reader r = new Reader(buf);
      if (!magic.equals(r.string()) || !key.equals(r.string())) {
        return Optional.empty();
      }
      return Optional.of(r.string());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Logs that a file could not be used and will be computed again. */
  public static void damaged(Path file, Exception e) {
    LOG.log(System.Logger.Level.WARNING, "ignoring damaged " + file + " (" + e.getMessage()
        + "); recomputing what it held");
  }
}

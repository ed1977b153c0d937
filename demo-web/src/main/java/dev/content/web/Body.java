package dev.content.web;

import com.google.common.hash.Hashing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * A rendered response body with its media type and entity tag, computed once when the body is cached:
 * a conditional GET compares strings and never renders or hashes again, and a gzip client gets the
 * body compressed once, not per request.
 */
final class Body {
  /** Javalin's own threshold: smaller bodies are not worth compressing. */
  static final int GZIP_MIN_BYTES = 1500;

  /** The body, or null when only {@link #gzip} is kept (see {@link #compressedOnly}). */
  private final byte[] bytes;
  private final int length;
  private final String type;
  private final String etag;
  /** Compressed on the first request that asks for it; a race only compresses twice. */
  private volatile byte[] gzip;

  private Body(byte[] bytes, int length, String type, String etag, byte[] gzip) {
    this.bytes = bytes;
    this.length = length;
    this.type = type;
    this.etag = etag;
    this.gzip = gzip;
  }

  /** {@code bytes} as sent with Content-Type {@code type}, with a weak entity tag over the bytes. */
  static Body of(String type, byte[] bytes) {
    Objects.requireNonNull(type, "type must not be null");
    Objects.requireNonNull(bytes, "bytes must not be null");
    return new Body(bytes, bytes.length, type, tag(bytes), null);
  }

  /**
   * {@link #of}, keeping only the compressed body: for a large static file that every browser asks
   * for with gzip (ECharts: 1 MB, 0.35 MB compressed). A client without gzip gets it inflated again.
   */
  static Body compressedOnly(String type, byte[] bytes) {
    Body plain = of(type, bytes);
    return plain.compressible() ? new Body(null, bytes.length, type, plain.etag, plain.gzip()) : plain;
  }

  // Weak: the same tag stands for the gzipped body.
  private static String tag(byte[] bytes) {
    return "W/\"" + Hashing.farmHashFingerprint64().hashBytes(bytes) + "\"";
  }

  /** The body as sent (UTF-8 for text). */
  byte[] bytes() {
    return bytes != null ? bytes : inflate(gzip);
  }

  /** Whether {@link #bytes()} costs nothing (false: it inflates the kept gzip). */
  boolean plainInMemory() {
    return bytes != null;
  }

  /** The number of bytes of {@link #bytes()}. */
  int length() {
    return length;
  }

  private static byte[] inflate(byte[] gzip) {
    try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // our own gzip of bytes in memory
    }
  }

  /** The Content-Type it is sent with. */
  String type() {
    return type;
  }

  String etag() {
    return etag;
  }

  /** Whether a client that accepts gzip should get {@link #gzip()} (small bodies are sent as they are). */
  boolean compressible() {
    return length >= GZIP_MIN_BYTES;
  }

  /** Whether {@link #gzip()} has been computed already (it then costs nothing). */
  boolean gzipped() {
    return gzip != null;
  }

  /** The body gzipped at Javalin's level (6), computed once. */
  byte[] gzip() {
    byte[] g = gzip;
    if (g == null) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
      try (GZIPOutputStream z = new GZIPOutputStream(out, 8192) {
        {
          def.setLevel(6);
        }
      }) {
        z.write(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
      }
      g = out.toByteArray();
      gzip = g;
    }
    return g;
  }

  /**
   * Bytes this entry holds in the cache, approximately: the body, a third of it for the gzipped copy
   * a client may ask for (HTML compresses to about that), the tag and object headers.
   */
  int weight() {
    return length + length / 3 + 2 * etag.length() + 128;
  }
}

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

  private final byte[] bytes;
  private final String type;
  private final String etag;
  /** Compressed on the first request that asks for it; a race only compresses twice. */
  private volatile byte[] gzip;

  private Body(byte[] bytes, String type, String etag) {
    this.bytes = bytes;
    this.type = type;
    this.etag = etag;
  }

  /** {@code bytes} as sent with Content-Type {@code type}, with a weak entity tag over the bytes. */
  static Body of(String type, byte[] bytes) {
    Objects.requireNonNull(type, "type must not be null");
    Objects.requireNonNull(bytes, "bytes must not be null");
    // Weak: the same tag stands for the gzipped body.
    return new Body(bytes, type, "W/\"" + Hashing.farmHashFingerprint64().hashBytes(bytes) + "\"");
  }

  /** The body as sent (UTF-8 for text). */
  byte[] bytes() {
    return bytes;
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
    return bytes.length >= GZIP_MIN_BYTES;
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
    return bytes.length + bytes.length / 3 + 2 * etag.length() + 128;
  }
}

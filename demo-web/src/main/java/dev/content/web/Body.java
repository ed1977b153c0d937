package dev.content.web;

import com.google.common.hash.Hashing;
import java.util.Objects;

/**
 * A rendered response body with its entity tag, computed once when the body is cached: a conditional
 * GET compares strings and never renders or hashes again.
 *
 * @param bytes the body as sent (UTF-8)
 * @param etag a weak entity tag over the bytes (weak: the same tag is valid for the gzipped body)
 */
record Body(byte[] bytes, String etag) {
  Body {
    Objects.requireNonNull(bytes, "bytes must not be null");
    Objects.requireNonNull(etag, "etag must not be null");
  }

  static Body of(byte[] bytes) {
    return new Body(bytes, "W/\"" + Hashing.farmHashFingerprint64().hashBytes(bytes) + "\"");
  }

  /** Bytes this entry holds in the cache, approximately (array, tag and object headers). */
  int weight() {
    return bytes.length + 2 * etag.length() + 96;
  }
}
